namespace CrewBuilder.Core.Generation;

/// <summary>One thing the crew must do, read from the requirement: "triages our support inbox".</summary>
public sealed record Capability(string Verb, string Subject);

public sealed record RequirementAnalysis(
    string Requirement,
    string Title,
    string PackageName,
    string Summary,
    IReadOnlyList<Capability> Capabilities);

public sealed record AgentDesign(string Key, string Role, string Goal, string Backstory, IReadOnlyList<string> Tools);

public sealed record AgentRoster(IReadOnlyList<AgentDesign> Agents);

public sealed record TaskDesign(
    string Key,
    string Description,
    string ExpectedOutput,
    string Agent,
    IReadOnlyList<string> Context,
    string? OutputFile);

public sealed record TaskPlan(string Process, IReadOnlyList<TaskDesign> Tasks);

public sealed record CrewDesign(RequirementAnalysis Analysis, AgentRoster Roster, TaskPlan Plan);

public sealed record ProjectFile(string Path, string Content);

public sealed record GeneratedProject(string PackageName, IReadOnlyList<ProjectFile> Files);

public sealed record PackagedArtifact(string BlobName, string PackageName, IReadOnlyList<ArtifactFile> Files);
