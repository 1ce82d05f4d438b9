using Azure.Data.Tables;
using Azure;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Billing;

/// <summary>A tenant's subscription as Stripe last told us: the state we act on, never a payment detail.</summary>
public sealed record SubscriptionState(
    string TenantId, string Plan, string Status, string? CustomerId, string? SubscriptionId, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd)
{
    /// <summary>Stripe could not collect the last invoice: new generations wait until it is paid.</summary>
    public bool IsPastDue => Status is "past_due" or "unpaid";
}

public sealed class SubscriptionEntity : ITableEntity
{
    public const string Row = "subscription";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Plan { get; set; } = PlanIds.Free;
    public string Status { get; set; } = "none";
    public string? CustomerId { get; set; }
    public string? SubscriptionId { get; set; }
    public DateTimeOffset? PeriodStart { get; set; }
    public DateTimeOffset? PeriodEnd { get; set; }

    public SubscriptionState ToState() => new(PartitionKey, Plan, Status, CustomerId, SubscriptionId, PeriodStart, PeriodEnd);
}

/// <summary>Each tenant's subscription, in its own partition.</summary>
public sealed class SubscriptionStore(StorageClients storage)
{
    public const string TableName = "subscriptions";

    private readonly SharedReads<SubscriptionState?> states = new();

    /// <summary>The tenant's subscription; requests arriving together share one read (<see cref="SharedReads{T}"/>).</summary>
    public Task<SubscriptionState?> FindAsync(string tenantId, CancellationToken cancellationToken) =>
        states.ReadAsync(tenantId, async () =>
        {
            var table = await storage.TableAsync(TableName, CancellationToken.None);
            var entity = await table.GetEntityIfExistsAsync<SubscriptionEntity>(tenantId, SubscriptionEntity.Row);
            return entity.HasValue ? entity.Value!.ToState() : null;
        }, cancellationToken);

    /// <summary>Records the state Stripe reports now; the latest read always wins, so the order events arrive in does not matter.</summary>
    public async Task SaveAsync(SubscriptionState state, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(new SubscriptionEntity
        {
            PartitionKey = state.TenantId,
            Plan = state.Plan,
            Status = state.Status,
            CustomerId = state.CustomerId,
            SubscriptionId = state.SubscriptionId,
            PeriodStart = state.PeriodStart,
            PeriodEnd = state.PeriodEnd,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task DeleteAsync(string tenantId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(tenantId, SubscriptionEntity.Row, ETag.All, cancellationToken);
    }
}
