using Azure;
using Azure.Data.Tables;

namespace CrewBuilder.Core.Storage;

/// <summary>A count within the current window, and when that window ends.</summary>
public sealed record WindowCount(int Count, DateTimeOffset WindowEnd);

/// <summary>
/// Counters per key in fixed time windows, in Table Storage so every instance sees the same count; updates use
/// ETags, so concurrent increments are all counted. Keys (client addresses) are stored only as hashes.
/// </summary>
public sealed class FixedWindowCounters(StorageClients storage, TimeProvider time)
{
    public const string TableName = "ratelimits";

    public async Task<WindowCount> ReadAsync(string scope, string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var (row, windowEnd) = Current(key, window);
        var table = await storage.TableAsync(TableName, cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(scope, row, cancellationToken: cancellationToken);
        return new WindowCount(entity.HasValue ? entity.Value!.GetInt32("Count") ?? 0 : 0, windowEnd);
    }

    public async Task<WindowCount> IncrementAsync(string scope, string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var (row, windowEnd) = Current(key, window);
        var table = await storage.TableAsync(TableName, cancellationToken);
        while (true)
        {
            var updated = await table.UpdateAsync<TableEntity>(scope, row, entity =>
            {
                entity["Count"] = (entity.GetInt32("Count") ?? 0) + 1;
                return true;
            }, cancellationToken);
            if (updated is not null)
            {
                return new WindowCount(updated.GetInt32("Count") ?? 0, windowEnd);
            }

            try
            {
                await table.AddEntityAsync(new TableEntity(scope, row) { ["Count"] = 1 }, cancellationToken);
                return new WindowCount(1, windowEnd);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Another request opened this window first: count on its row.
            }
        }
    }

    private (string Row, DateTimeOffset WindowEnd) Current(string key, TimeSpan window)
    {
        var now = time.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - now.UtcTicks % window.Ticks, TimeSpan.Zero);
        return ($"{SecretTokens.Hash(key)[..32]}-{windowStart.UtcTicks}", windowStart + window);
    }
}
