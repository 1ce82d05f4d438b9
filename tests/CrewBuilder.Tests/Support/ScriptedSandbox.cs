using CrewBuilder.Core.Generation.Gate;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// A stand-in sandbox for the workflow's plumbing: it passes every project, except one whose requirement
/// (knowledge/requirement.md) carries #gate-fails-once (it fails its first gate) or #gate-always-fails.
/// </summary>
public sealed class ScriptedSandbox : ICrewSandbox
{
    public const string Passed = "crew built · 3 tests passed · dry run completed in 0.2 s (scripted sandbox)";
    public const string Error = "the crew did not build: KeyError: stand-in crewai: tasks.yaml 'draft' names the agent 'ghost'";

    public string Name => "scripted sandbox";

    public Task<GateResult> RunAsync(GateRequest request, CancellationToken cancellationToken)
    {
        var requirement = request.Files.FirstOrDefault(file => file.Path == "knowledge/requirement.md")?.Content ?? "";
        var fails = requirement.Contains("#gate-always-fails", StringComparison.Ordinal)
                    || (requirement.Contains("#gate-fails-once", StringComparison.Ordinal) && request.SessionId.EndsWith("-0", StringComparison.Ordinal));
        return Task.FromResult(fails ? GateResult.Failure(Error) : new GateResult(GateVerdict.Passed, Passed, []));
    }
}
