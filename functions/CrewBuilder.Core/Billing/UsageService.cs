using System.Globalization;
using System.Text;
using CrewBuilder.Core.Identity;

namespace CrewBuilder.Core.Billing;

/// <summary>
/// Where a tenant stands this period. <see cref="Alerts"/> describe the state now (a quota at 80% or 100%, a failed
/// payment); <see cref="Notifications"/> are the latest alerts sent (quota and spend thresholds crossed).
/// </summary>
public sealed record UsageSummary(
    string Plan,
    string PlanName,
    string SubscriptionStatus,
    int Used,
    int Reserved,
    int? Limit,
    int? Remaining,
    int Credits,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? PeriodEnd,
    IReadOnlyList<string> Alerts,
    IReadOnlyList<UsageAlert> Notifications);

/// <summary>A tenant's usage: the period's counts, the ledger of generations, and that ledger as CSV.</summary>
public sealed class UsageService(
    UserStore users, SubscriptionStore subscriptions, QuotaLedger quotas, CreditStore credits, UsageLedger ledger, IUsageNotifier notifier)
{
    public async Task<UsageSummary> SummaryAsync(Caller caller, CancellationToken cancellationToken)
    {
        var plan = Plans.Get((await users.FindAsync(caller.TenantId, cancellationToken))?.Plan ?? PlanIds.Free);
        var subscription = await subscriptions.FindAsync(caller.TenantId, cancellationToken);
        var balance = plan.IsSubscription ? await quotas.ReadAsync(caller.TenantId, cancellationToken) : null;
        var bought = await credits.RemainingBoughtByAsync(caller.TenantId, cancellationToken);
        var limit = plan.IsSubscription ? balance?.Limit ?? plan.GenerationsPerPeriod : null;
        var used = balance?.Used ?? 0;
        return new UsageSummary(
            plan.Id, plan.Name, subscription?.Status ?? "none", used, balance?.Reserved ?? 0, limit,
            balance?.Remaining ?? limit, bought, balance?.PeriodStart, balance?.PeriodEnd, Alerts(plan, used, limit, subscription),
            await notifier.RecentAsync(caller.TenantId, 5, cancellationToken));
    }

    public Task<UsagePage> HistoryAsync(Caller caller, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        ledger.ListAsync(caller.TenantId, pageSize, continuationToken, cancellationToken);

    public Task<string> HistoryCsvAsync(Caller caller, CancellationToken cancellationToken) =>
        Export.Csv.DocumentAsync(
            "id,time,outcome,key_source,provider,model,tokens_in,tokens_out,estimated_cost_usd,duration_seconds,charged_to",
            ledger.ListAllAsync(caller.TenantId, cancellationToken).Select(row => new[]
            {
                row.GenerationId, row.Time.ToString("O", CultureInfo.InvariantCulture), row.Outcome, row.KeySource, row.Provider ?? "", row.Model ?? "",
                row.TokensIn.ToString(CultureInfo.InvariantCulture), row.TokensOut.ToString(CultureInfo.InvariantCulture),
                row.EstimatedCostUsd?.ToString(CultureInfo.InvariantCulture) ?? "", row.DurationSeconds.ToString(CultureInfo.InvariantCulture), row.ChargedTo,
            }), cancellationToken);

    private static List<string> Alerts(Plan plan, int used, int? limit, SubscriptionState? subscription)
    {
        var alerts = new List<string>();
        if (subscription?.IsPastDue == true)
        {
            alerts.Add("Your last payment did not go through: new generations wait until it is paid.");
        }

        if (limit is > 0 and var cap && used >= cap)
        {
            alerts.Add($"You have used all {cap} generations of your {plan.Name} plan this period.");
        }
        else if (limit is > 0 and var cap80 && used * 5 >= cap80 * 4)
        {
            alerts.Add($"You have used {used} of {cap80} generations this period (80% or more).");
        }

        return alerts;
    }
}
