namespace CrewBuilder.Core.Generation;

/// <summary>The rule for a requirement wherever one is sent: a generation, a clarification chat, a forecast, a template.</summary>
public static class RequirementRule
{
    public const int MinLength = 20;
    public const int MaxLength = 10_000;

    public static Dictionary<string, string[]> Errors(string? requirement)
    {
        var length = requirement?.Trim().Length ?? 0;
        return length is >= MinLength and <= MaxLength
            ? []
            : new() { ["requirement"] = [$"Describe what the crew should do in {MinLength} to {MaxLength:N0} characters (you sent {length:N0})."] };
    }
}
