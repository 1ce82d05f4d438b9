namespace CrewBuilder.Core.Billing;

/// <summary>The plans a user can be on, and what each one entitles them to.</summary>
public static class Plans
{
    public const string Free = "free";
    public const string Basic = "basic";
    public const string Professional = "professional";
    public const string Enterprise = "enterprise";

    public static IReadOnlyList<string> All { get; } = [Free, Basic, Professional, Enterprise];

    public static bool IsKnown(string plan) => All.Contains(plan);

    public static bool AllowsApiTokens(string plan) => plan is Professional or Enterprise;
}
