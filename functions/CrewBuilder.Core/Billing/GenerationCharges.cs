using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Billing;

public enum ChargeRefusal
{
    /// <summary>The last invoice was not paid (402).</summary>
    PastDue,

    /// <summary>The plan's generations for this period are used up (429 until it renews).</summary>
    QuotaExhausted,

    /// <summary>The credit is not a claim we issued (422).</summary>
    CreditUnknown,

    /// <summary>The credit's payment has not been confirmed yet (402).</summary>
    CreditUnpaid,

    /// <summary>The credit is used up, refunded or expired (402).</summary>
    CreditSpent,

    /// <summary>CrewBuilder Pro AI's monthly budget, or the account's ceiling, is spent (429 until next month).</summary>
    SpendCapReached,
}

/// <summary>Why a generation cannot be charged; <see cref="RenewsAt"/> when waiting helps.</summary>
public sealed record ChargeProblem(ChargeRefusal Refusal, string Detail, DateTimeOffset? RenewsAt = null);

/// <summary>
/// What a caller's generation may be charged to: their plan's period (subscribers), a paid one-off generation,
/// or nothing (their own key, no plan). <see cref="PlatformAllowed"/>: whether CrewBuilder's own key may be used.
/// </summary>
public sealed record Entitlement(Plan Plan, string? PlanAccount, string? CreditAccount)
{
    public bool PlatformAllowed => CreditAccount is not null || PlanAccount is not null && Plan.Models != ModelTier.None;
}

/// <summary>What a caller's generation may be charged to, or why it cannot be charged at all.</summary>
public abstract record EntitlementResult
{
    private EntitlementResult()
    {
    }

    public sealed record Entitled(Entitlement Entitlement) : EntitlementResult;

    public sealed record Refused(ChargeProblem Problem) : EntitlementResult;
}

/// <summary>What holding one generation against an account came to.</summary>
public abstract record ReservationResult
{
    private ReservationResult()
    {
    }

    /// <summary>One generation is held against <paramref name="Account"/> (a plan, a credit, an organisation's contract).</summary>
    public sealed record Held(string Account) : ReservationResult;

    /// <summary>Nothing to charge: the caller's own key, no plan.</summary>
    public sealed record NothingToCharge : ReservationResult;

    public sealed record Refused(ChargeProblem Problem) : ReservationResult;
}

/// <summary>
/// The billing rules of starting a generation: every subscriber generation counts against the plan whatever key it
/// uses; CrewBuilder's own key needs the plan or a paid credit; a past-due subscription starts nothing new.
/// </summary>
public sealed class GenerationCharges(
    UserStore users, SubscriptionStore subscriptions, CreditStore credits, QuotaLedger ledger, SpendControl spend, IUsageNotifier notifier,
    Organisations.OrganisationStore organisations,
    IOptions<BillingOptions> options, TimeProvider time)
{
    public async Task<EntitlementResult> EntitleAsync(Caller caller, string? creditClaim, CancellationToken cancellationToken)
    {
        string? creditAccount = null;
        if (creditClaim is not null)
        {
            var credit = await credits.FindAsync(creditClaim, cancellationToken);
            var problem = credit switch
            {
                null => new ChargeProblem(ChargeRefusal.CreditUnknown, "This is not a paid generation we know of."),
                { State: CreditState.Pending } => new ChargeProblem(ChargeRefusal.CreditUnpaid, "The payment for this generation has not been confirmed yet; try again in a moment."),
                { Remaining: 0 } => new ChargeProblem(ChargeRefusal.CreditSpent, "This paid generation has already been used, refunded or has expired."),
                _ => null,
            };
            if (problem is not null)
            {
                return new EntitlementResult.Refused(problem);
            }

            creditAccount = credit!.CreditId;
        }

        if (caller.Kind is not (CallerKind.User or CallerKind.ApiToken))
        {
            return new EntitlementResult.Entitled(new Entitlement(Plans.Get(PlanIds.Free), null, creditAccount));
        }

        // Read side by side: a subscriber's generation needs both, and the subscription read is wasted only on the free plan.
        var profile = users.FindAsync(caller.TenantId, cancellationToken);
        var subscription = subscriptions.FindAsync(caller.TenantId, cancellationToken);
        await Task.WhenAll(profile, subscription);
        var plan = Plans.Get((await profile)?.Plan ?? PlanIds.Free);
        if (!plan.IsSubscription)
        {
            return new EntitlementResult.Entitled(new Entitlement(plan, null, creditAccount));
        }

        if (await subscription is { IsPastDue: true })
        {
            return new EntitlementResult.Refused(new ChargeProblem(ChargeRefusal.PastDue,
                "The last payment for your plan did not go through. Update your payment method under Billing to start new generations."));
        }

        return new EntitlementResult.Entitled(new Entitlement(plan, caller.TenantId, creditAccount));
    }

    /// <summary>Holds one generation for <paramref name="generationId"/>: the plan first, then the credit.</summary>
    public async Task<ReservationResult> ReserveAsync(
        Entitlement entitlement, string tenantId, string generationId, Keys.KeySelection? key, CancellationToken cancellationToken)
    {
        var platformKey = key?.Source == Keys.KeySource.Platform;
        if (platformKey && await spend.CheckAsync(tenantId, cancellationToken) is { } overBudget)
        {
            return new ReservationResult.Refused(overBudget);
        }

        if (key is { Source: Keys.KeySource.Organisation, OrganisationId: { } orgId })
        {
            return await ReserveOrganisationAsync(orgId, tenantId, generationId, cancellationToken);
        }

        if (entitlement.PlanAccount is { } planAccount)
        {
            var held = await ReservePlanAsync(entitlement.Plan, planAccount, tenantId, generationId, cancellationToken);
            if (held.Result == ReserveResult.Reserved)
            {
                return new ReservationResult.Held(planAccount);
            }

            if (entitlement.CreditAccount is null)
            {
                var renewsAt = held.Balance!.PeriodEnd;
                return new ReservationResult.Refused(new ChargeProblem(ChargeRefusal.QuotaExhausted,
                    $"You have used all {held.Balance.Limit} generations of your {entitlement.Plan.Name} plan this period. It renews on {renewsAt:d MMMM yyyy}; or buy a single generation.",
                    renewsAt));
            }
        }

        if (entitlement.CreditAccount is { } creditAccount && (platformKey || entitlement.PlanAccount is not null))
        {
            var held = await ledger.ReserveAsync(creditAccount, tenantId, generationId, cancellationToken);
            return held.Result == ReserveResult.Reserved
                ? new ReservationResult.Held(creditAccount)
                : new ReservationResult.Refused(new ChargeProblem(ChargeRefusal.CreditSpent, "This paid generation has already been used, refunded or has expired."));
        }

        return new ReservationResult.NothingToCharge();
    }

    /// <summary>The generation completed: it counts, and crossing 80% or 100% of a plan's generations sends an alert.</summary>
    public async Task CommitAsync(string? account, string generationId, CancellationToken cancellationToken)
    {
        if (account is null)
        {
            return;
        }

        await ledger.CommitAsync(account, generationId, cancellationToken);
        if (await ledger.ReadAsync(account, cancellationToken) is { Renews: true, Limit: > 0 and var limit, Used: var used } balance)
        {
            var percent = used >= limit ? 100 : used * 5 >= limit * 4 ? 80 : 0;
            if (percent > 0)
            {
                await notifier.NotifyAsync(new UsageAlert(account, "quota", $"quota-{percent}-{balance.PeriodStart:yyyy-MM-dd}",
                    $"You have used {used} of {limit} generations this period ({percent}%).", time.GetUtcNow()), cancellationToken);
            }
        }
    }

    /// <summary>What a generation on CrewBuilder's own key cost, added to this month's spend once.</summary>
    public Task RecordSpendAsync(string tenantId, string generationId, KeySelection? key, decimal? cost, CancellationToken cancellationToken) =>
        key?.Source == KeySource.Platform && cost is { } spent
            ? spend.RecordAsync(tenantId, generationId, spent, cancellationToken)
            : Task.CompletedTask;

    public Task ReleaseAsync(string? account, string generationId, CancellationToken cancellationToken) =>
        account is null ? Task.CompletedTask : ledger.ReleaseAsync(account, generationId, cancellationToken);

    /// <summary>A generation on an organisation's key counts against the organisation's contract, not the member's plan.</summary>
    private async Task<ReservationResult> ReserveOrganisationAsync(
        string orgId, string tenantId, string generationId, CancellationToken cancellationToken)
    {
        var held = await ledger.ReserveAsync(orgId, tenantId, generationId, cancellationToken);
        if (held.Result == ReserveResult.NoAccount)
        {
            var (start, end) = QuotaPeriods.StartingAt(time.GetUtcNow());
            var cap = (await organisations.FindAsync(orgId, cancellationToken))?.GenerationCap;
            await ledger.OpenIfMissingAsync(orgId, PlanIds.Enterprise, cap, start, end, renews: true, cancellationToken);
            held = await ledger.ReserveAsync(orgId, tenantId, generationId, cancellationToken);
        }

        return held.Result == ReserveResult.Reserved
            ? new ReservationResult.Held(orgId)
            : new ReservationResult.Refused(new ChargeProblem(ChargeRefusal.QuotaExhausted,
                $"Your organisation's contract allows {held.Balance!.Limit} generations a month with its keys, and they are used. It renews on {held.Balance.PeriodEnd:d MMMM yyyy}.",
                held.Balance.PeriodEnd));
    }

    private async Task<ReserveOutcome> ReservePlanAsync(Plan plan, string account, string tenantId, string generationId, CancellationToken cancellationToken)
    {
        var held = await ledger.ReserveAsync(account, tenantId, generationId, cancellationToken);
        if (held.Result != ReserveResult.NoAccount)
        {
            return held;
        }

        // A plan Stripe has not given a period yet (or one granted by hand): its period starts now.
        var (start, end) = QuotaPeriods.StartingAt(time.GetUtcNow());
        await ledger.OpenIfMissingAsync(account, plan.Id, options.Value.GenerationsPerPeriod(plan.Id), start, end, renews: true, cancellationToken);
        return await ledger.ReserveAsync(account, tenantId, generationId, cancellationToken);
    }
}
