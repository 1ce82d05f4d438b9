using Azure;
using Azure.Data.Tables;

namespace CrewBuilder.Core.Storage;

/// <summary>A count within the current window, and when that window ends.</summary>
public sealed record WindowCount(int Count, DateTimeOffset WindowEnd);

/// <summary>
/// Counters per key in fixed time windows, in Table Storage so every instance sees the same count; updates use
/// ETags, so concurrent increments are all counted. Keys (client addresses) are stored only as hashes.
/// </summary>
public sealed class FixedWindowCounters
{
    public const string TableName = "ratelimits";

    private readonly StorageClients storage;
    private readonly TimeProvider time;
    private readonly CoalescingRounds<Increment, WindowCount> increments;

    public FixedWindowCounters(StorageClients storage, TimeProvider time)
    {
        (this.storage, this.time) = (storage, time);
        increments = new CoalescingRounds<Increment, WindowCount>(IncrementTogetherAsync, int.MaxValue);
    }

    public async Task<WindowCount> ReadAsync(string scope, string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var (row, windowEnd) = Current(key, window);
        var table = await storage.TableAsync(TableName, cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(scope, row, cancellationToken: cancellationToken);
        return new WindowCount(entity.HasValue ? entity.Value!.GetInt32("Count") ?? 0 : 0, windowEnd);
    }

    /// <summary>Counts one more in the key's current window; increments of one key at once on this instance are written together.</summary>
    public Task<WindowCount> IncrementAsync(string scope, string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var (row, windowEnd) = Current(key, window);
        return increments.RunAsync($"{scope}\n{row}", new Increment(scope, row, windowEnd));
    }

    private sealed record Increment(string Scope, string Row, DateTimeOffset WindowEnd);

    /// <summary>Adds a round's increments of one counter at once; each is told the count its own increment made.</summary>
    private async Task<IReadOnlyList<WindowCount>> IncrementTogetherAsync(string counter, IReadOnlyList<Increment> round)
    {
        var (scope, row, windowEnd) = round[0];
        var table = await storage.TableAsync(TableName, CancellationToken.None);
        while (true)
        {
            var before = 0;
            var updated = await table.UpdateAsync<TableEntity>(scope, row, entity =>
            {
                before = entity.GetInt32("Count") ?? 0;
                entity["Count"] = before + round.Count;
                return true;
            }, CancellationToken.None);
            if (updated is not null)
            {
                return Counts(before);
            }

            try
            {
                await table.AddEntityAsync(new TableEntity(scope, row) { ["Count"] = round.Count }, CancellationToken.None);
                return Counts(0);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Another request opened this window first: count on its row.
            }
        }

        WindowCount[] Counts(int before) => [.. round.Select((_, i) => new WindowCount(before + i + 1, windowEnd))];
    }

    private (string Row, DateTimeOffset WindowEnd) Current(string key, TimeSpan window)
    {
        var now = time.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - now.UtcTicks % window.Ticks, TimeSpan.Zero);
        return ($"{SecretTokens.Hash(key)[..32]}-{windowStart.UtcTicks}", windowStart + window);
    }
}
