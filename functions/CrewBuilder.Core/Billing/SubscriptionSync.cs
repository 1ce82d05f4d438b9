using CrewBuilder.Core.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Billing;

/// <summary>
/// Brings a tenant's plan, subscription state and quota period in line with what Stripe holds now. Every webhook
/// about a subscription ends here, and it always re-reads the subscription, so duplicates and reordering agree.
/// </summary>
public sealed class SubscriptionSync(
    StripeGateway stripe, SubscriptionStore subscriptions, UserStore users, QuotaLedger ledger, IOptions<BillingOptions> options, ILogger<SubscriptionSync> logger)
{
    private static readonly string[] EntitledStatuses = ["active", "trialing", "past_due"];

    public async Task SyncAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var snapshot = await stripe.SubscriptionAsync(subscriptionId, cancellationToken);
        if (snapshot.TenantId is not { } tenantId || await users.FindAsync(tenantId, cancellationToken) is null)
        {
            logger.LogWarning("Stripe subscription {SubscriptionId} names no CrewBuilder account; ignored", subscriptionId);
            return;
        }

        var plan = EntitledStatuses.Contains(snapshot.Status) ? options.Value.PlanOfPrice(snapshot.PriceId) ?? PlanIds.Free : PlanIds.Free;
        await subscriptions.SaveAsync(
            new SubscriptionState(tenantId, plan, snapshot.Status, snapshot.CustomerId, snapshot.Id, snapshot.PeriodStart, snapshot.PeriodEnd), cancellationToken);
        await users.SetPlanAsync(tenantId, plan, cancellationToken);
        if (plan != PlanIds.Free && snapshot is { PeriodStart: { } start, PeriodEnd: { } end })
        {
            await ledger.OpenAsync(tenantId, plan, options.Value.GenerationsPerPeriod(plan), start, end, renews: true, cancellationToken);
        }

        logger.LogInformation("Account {TenantId} is on plan {Plan} (subscription {Status})", tenantId, plan, snapshot.Status);
    }
}
