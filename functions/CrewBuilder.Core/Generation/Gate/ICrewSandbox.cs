namespace CrewBuilder.Core.Generation.Gate;

/// <summary>
/// Where the runnable gate runs a generated project: imports it, builds the crew with crewai, runs its offline tests and
/// kicks it off once against a stand-in model, within a time limit and without network.
/// </summary>
public interface ICrewSandbox
{
    /// <summary>What runs the gate, for people ("local python3 with crewai 1.15.17", "Azure Container Apps session pool").</summary>
    string Name { get; }

    Task<GateResult> RunAsync(GateRequest request, CancellationToken cancellationToken);
}

/// <summary>One project to gate; <paramref name="SessionId"/> names its sandbox session (one per generation and round).</summary>
public sealed record GateRequest(string SessionId, string Package, string CrewClass, IReadOnlyList<ProjectFile> Files);
