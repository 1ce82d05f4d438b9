using CrewBuilder.Core.Identity;

namespace CrewBuilder.Core.Billing;

/// <summary>Which models a plan may use with CrewBuilder's own key.</summary>
public enum ModelTier { None, Standard, Advanced, All }

/// <summary>
/// One offer: what it costs, how many generations a period it includes (null: no cap) and what else comes with it.
/// <paramref name="PriceCents"/> null means a custom contract.
/// </summary>
public sealed record Plan(string Id, string Name, int? PriceCents, int? GenerationsPerPeriod, ModelTier Models, bool ApiAccess, IReadOnlyList<string> Extras)
{
    public bool IsSubscription => Id is PlanIds.Basic or PlanIds.Professional or PlanIds.Enterprise;
}

/// <summary>The plans and the one-off generation, in one table; Stripe price ids are mapped to them in <see cref="BillingOptions"/>.</summary>
public static class Plans
{
    /// <summary>The one-off generation with CrewBuilder's own AI, bought without an account.</summary>
    public const string Generation = "generation";

    public const int GenerationPriceCents = 500;

    public static IReadOnlyList<Plan> Catalog { get; } =
    [
        new(PlanIds.Free, "Free", 0, null, ModelTier.None, false, ["Your own OpenAI or Anthropic key"]),
        new(PlanIds.Basic, "Basic", 9_900, 10, ModelTier.Standard, false, ["E-mail support"]),
        new(PlanIds.Professional, "Professional", 29_900, 50, ModelTier.Advanced, true, ["Team members and invitations", "API access", "Custom templates"]),
        new(PlanIds.Enterprise, "Enterprise", null, null, ModelTier.All, true, ["White-label", "SLA", "Organisation keys"]),
        new(Generation, "CrewBuilder Pro AI", GenerationPriceCents, 1, ModelTier.Advanced, false, ["No account needed"]),
    ];

    public static Plan Get(string plan) => Catalog.First(entry => entry.Id == plan);

    public static bool AllowsApiTokens(string plan) => PlanIds.IsKnown(plan) && Get(plan).ApiAccess;

    /// <summary>Saved, named templates of one's own: Professional and Enterprise.</summary>
    public static bool AllowsCustomTemplates(string? plan) => plan is PlanIds.Professional or PlanIds.Enterprise;

    /// <summary>Outbound webhooks of one's own account: Professional and Enterprise (organisations have their own).</summary>
    public static bool AllowsWebhooks(string? plan) => plan is PlanIds.Professional or PlanIds.Enterprise;
}
