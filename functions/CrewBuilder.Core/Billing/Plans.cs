namespace CrewBuilder.Core.Billing;

/// <summary>Which models a plan may use with CrewBuilder's own key.</summary>
public enum ModelTier { None, Standard, Advanced, All }

/// <summary>
/// One offer: what it costs, how many generations a period it includes (null: no cap) and what else comes with it.
/// <paramref name="PriceCents"/> null means a custom contract.
/// </summary>
public sealed record Plan(string Id, string Name, int? PriceCents, int? GenerationsPerPeriod, ModelTier Models, bool ApiAccess, IReadOnlyList<string> Extras)
{
    public bool IsSubscription => Id is Plans.Basic or Plans.Professional or Plans.Enterprise;
}

/// <summary>The plans and the one-off generation, in one table; Stripe price ids are mapped to them in <see cref="BillingOptions"/>.</summary>
public static class Plans
{
    public const string Free = "free";
    public const string Basic = "basic";
    public const string Professional = "professional";
    public const string Enterprise = "enterprise";

    /// <summary>The one-off generation with CrewBuilder's own AI, bought without an account.</summary>
    public const string Generation = "generation";

    public const int GenerationPriceCents = 500;

    public static IReadOnlyList<Plan> Catalog { get; } =
    [
        new(Free, "Free", 0, null, ModelTier.None, false, ["Your own OpenAI or Anthropic key"]),
        new(Basic, "Basic", 9_900, 10, ModelTier.Standard, false, ["E-mail support"]),
        new(Professional, "Professional", 29_900, 50, ModelTier.Advanced, true, ["API access", "Custom templates"]),
        new(Enterprise, "Enterprise", null, null, ModelTier.All, true, ["White-label", "SLA", "Organisation keys"]),
        new(Generation, "CrewBuilder Pro AI", GenerationPriceCents, 1, ModelTier.Advanced, false, ["No account needed"]),
    ];

    public static IReadOnlyList<string> All { get; } = [Free, Basic, Professional, Enterprise];

    public static bool IsKnown(string plan) => All.Contains(plan);

    public static Plan Get(string plan) => Catalog.First(entry => entry.Id == plan);

    public static bool AllowsApiTokens(string plan) => IsKnown(plan) && Get(plan).ApiAccess;

    /// <summary>Saved, named templates of one's own: Professional and Enterprise.</summary>
    public static bool AllowsCustomTemplates(string? plan) => plan is Professional or Enterprise;
}
