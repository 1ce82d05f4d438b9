using Azure;
using Azure.Data.Tables;

namespace CrewBuilder.Core.Storage;

/// <summary>A count within the current window, and when that window ends.</summary>
public sealed record WindowCount(int Count, DateTimeOffset WindowEnd);

/// <summary>
/// Counters per key in fixed time windows, in Table Storage so every instance sees the same count; updates use
/// ETags, so concurrent increments are all counted; the count this instance last made is written on without reading
/// it again (<see cref="LastSeen{T}"/>). Keys (client addresses) are stored only as hashes.
/// </summary>
public sealed class FixedWindowCounters
{
    public const string TableName = "ratelimits";

    private readonly StorageClients storage;
    private readonly TimeProvider time;
    private readonly CoalescingRounds<Increment, WindowCount> increments;
    private readonly LastSeen<SeenCount> seen = new();

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

    private sealed record SeenCount(int Count, ETag ETag);

    /// <summary>Adds a round's increments of one counter at once; each is told the count its own increment made.</summary>
    private async Task<IReadOnlyList<WindowCount>> IncrementTogetherAsync(string counter, IReadOnlyList<Increment> round)
    {
        var (scope, row, windowEnd) = round[0];
        var table = await storage.TableAsync(TableName, CancellationToken.None);
        if (seen.Of(counter) is { } last)
        {
            try
            {
                var written = await table.UpdateEntityAsync(new TableEntity(scope, row) { ["Count"] = last.Count + round.Count }, last.ETag, TableUpdateMode.Replace, CancellationToken.None);
                seen.Remember(counter, new SeenCount(last.Count + round.Count, written.Headers.ETag!.Value));
                return Counts(last.Count);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                seen.Forget(counter); // another instance counted since: read what it made
            }
        }

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
                seen.Remember(counter, new SeenCount(before + round.Count, updated.ETag));
                return Counts(before);
            }

            try
            {
                var added = await table.AddEntityAsync(new TableEntity(scope, row) { ["Count"] = round.Count }, CancellationToken.None);
                seen.Remember(counter, new SeenCount(round.Count, added.Headers.ETag!.Value));
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
