using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Identity;

/// <summary>
/// Counts failed authentications per client address in one-minute windows, in Table Storage so the
/// limit holds across instances. The address is stored only as a hash. An address this instance has not
/// seen fail in the current window is not looked up, so well-behaved clients pay nothing per request;
/// an address failing elsewhere is caught here after its first failure on this instance.
/// </summary>
public sealed class FailedAuthLimiter(StorageClients storage, TimeProvider time, IOptions<AuthOptions> options)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> failedHere = new();

    public const string TableName = "ratelimits";
    private const string Partition = "auth-failures";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>How long the client must wait, or null when it may try again now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string clientAddress, CancellationToken cancellationToken)
    {
        var (row, windowEnd) = Current(clientAddress);
        if (!failedHere.TryGetValue(row, out _))
        {
            return null;
        }

        var table = await storage.TableAsync(TableName, cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(Partition, row, cancellationToken: cancellationToken);
        return entity.HasValue && entity.Value!.GetInt32("Failures") >= options.Value.FailedAttemptsPerMinute
            ? windowEnd - time.GetUtcNow()
            : null;
    }

    public async Task RecordFailureAsync(string clientAddress, CancellationToken cancellationToken)
    {
        var (row, windowEnd) = Current(clientAddress);
        failedHere[row] = windowEnd;
        foreach (var (staleRow, end) in failedHere)
        {
            if (end <= time.GetUtcNow())
            {
                failedHere.TryRemove(staleRow, out _);
            }
        }

        var table = await storage.TableAsync(TableName, cancellationToken);
        while (true)
        {
            var updated = await table.UpdateAsync<TableEntity>(Partition, row, entity =>
            {
                entity["Failures"] = (entity.GetInt32("Failures") ?? 0) + 1;
                return true;
            }, cancellationToken);
            if (updated is not null)
            {
                return;
            }

            try
            {
                await table.AddEntityAsync(new TableEntity(Partition, row) { ["Failures"] = 1 }, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Another request created this window's row first: count on it.
            }
        }
    }

    private (string Row, DateTimeOffset WindowEnd) Current(string clientAddress)
    {
        var now = time.GetUtcNow();
        var windowStart = new DateTimeOffset(now.UtcTicks - now.UtcTicks % Window.Ticks, TimeSpan.Zero);
        return ($"{SecretTokens.Hash(clientAddress)[..32]}-{windowStart:yyyyMMddHHmm}", windowStart + Window);
    }
}
