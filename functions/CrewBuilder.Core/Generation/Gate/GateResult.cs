namespace CrewBuilder.Core.Generation.Gate;

public enum GateVerdict
{
    Passed,
    Failed,

    /// <summary>Nothing here could run the crew (no crewai where the gate runs): not a pass, and not held against the project.</summary>
    NotVerified,
}

/// <summary>
/// What the gate found: its verdict, the line people read ("crew built · 8 tests passed · dry run completed in 3.1 s")
/// and, when it failed, each error, which the repair round gets like a review finding.
/// </summary>
public sealed record GateResult(GateVerdict Verdict, string Line, IReadOnlyList<string> Errors)
{
    public bool Failed => Verdict == GateVerdict.Failed;

    public IReadOnlyList<string> Findings => [.. Errors.Select(error => $"Runnable gate: {error}")];

    public static GateResult NotVerified(string why) => new(GateVerdict.NotVerified, $"not verified here: {why}", []);

    public static GateResult Failure(string error) => new(GateVerdict.Failed, $"gate failed: {error}", [error]);
}
