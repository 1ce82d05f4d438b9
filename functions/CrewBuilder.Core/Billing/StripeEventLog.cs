using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Billing;

/// <summary>The Stripe events already processed, by event id, so a redelivered event is acknowledged and not applied again.</summary>
public sealed class StripeEventLog(StorageClients storage, TimeProvider time)
{
    public const string TableName = "stripeevents";
    private const string Partition = "event";

    public async Task<bool> SeenAsync(string eventId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        return (await table.GetEntityIfExistsAsync<TableEntity>(Partition, eventId, cancellationToken: cancellationToken)).HasValue;
    }

    public async Task RecordAsync(string eventId, string type, bool handled, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, eventId)
            {
                ["Type"] = type,
                ["Handled"] = handled,
                ["ProcessedAt"] = time.GetUtcNow(),
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A concurrent delivery of the same event finished first; both applied the same idempotent change.
        }
    }
}
