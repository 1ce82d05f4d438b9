namespace CrewBuilder.Core.Identity;

/// <summary>The plans a person can be on, by id: a profile holds one. What each offers and costs is Billing's <c>Plans</c>.</summary>
public static class PlanIds
{
    public const string Free = "free";
    public const string Basic = "basic";
    public const string Professional = "professional";
    public const string Enterprise = "enterprise";

    public static IReadOnlyList<string> All { get; } = [Free, Basic, Professional, Enterprise];

    public static bool IsKnown(string plan) => All.Contains(plan);
}
