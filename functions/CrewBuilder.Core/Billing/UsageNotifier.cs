using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Billing;

/// <summary>
/// Something about usage a person should hear of: a quota or spend threshold crossed, or a jump in generations.
/// <paramref name="Key"/> names the occasion, so the same alert is sent once (e.g. "quota-80-2026-11-01").
/// </summary>
public sealed record UsageAlert(string TenantId, string Kind, string Key, string Message, DateTimeOffset At);

/// <summary>Where usage alerts go: recorded here and shown in the UI; an e-mail sender can be put in its place.</summary>
public interface IUsageNotifier
{
    /// <summary>Sends the alert unless its occasion was alerted already; true when it was sent now.</summary>
    Task<bool> NotifyAsync(UsageAlert alert, CancellationToken cancellationToken);

    Task<IReadOnlyList<UsageAlert>> RecentAsync(string tenantId, int count, CancellationToken cancellationToken);
}

/// <summary>Records each alert once per occasion in Table Storage and logs it.</summary>
public sealed class RecordingUsageNotifier(StorageClients storage, ILogger<RecordingUsageNotifier> logger) : IUsageNotifier
{
    public const string TableName = "alerts";

    public async Task<bool> NotifyAsync(UsageAlert alert, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(alert.TenantId, alert.Key)
            {
                ["Kind"] = alert.Kind,
                ["Message"] = alert.Message,
                ["At"] = alert.At,
            }, cancellationToken);
            logger.LogWarning("Usage alert {AlertKey} for {TenantId}: {AlertMessage}", alert.Key, alert.TenantId, alert.Message);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false; // sent already for this occasion
        }
    }

    public async Task<IReadOnlyList<UsageAlert>> RecentAsync(string tenantId, int count, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var alerts = new List<UsageAlert>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == tenantId, cancellationToken: cancellationToken))
        {
            alerts.Add(new UsageAlert(tenantId, entity.GetString("Kind") ?? "", entity.RowKey, entity.GetString("Message") ?? "", entity.GetDateTimeOffset("At") ?? default));
        }

        return [.. alerts.OrderByDescending(alert => alert.At).Take(count)];
    }
}
