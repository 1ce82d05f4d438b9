namespace CrewBuilder.Core.Billing;

/// <summary>What a generation is charged to: nothing (one's own key without a plan), a plan, a paid credit, an organisation.</summary>
public enum ChargedTo { None, Plan, Credit, Organisation }

/// <summary>
/// Whether a generation counted against what it was charged to. It counts only once it completes: a failed or
/// cancelled one is released, so the person can say "this did not count against your plan" from the API's own word.
/// </summary>
public sealed record GenerationCharge(ChargedTo To, bool Counted)
{
    public static ChargedTo KindOf(string? quotaAccount, string tenantId) => quotaAccount switch
    {
        null => ChargedTo.None,
        var account when account == tenantId => ChargedTo.Plan,
        var account when account.StartsWith(CreditStore.IdPrefix, StringComparison.Ordinal) => ChargedTo.Credit,
        _ => ChargedTo.Organisation,
    };
}
