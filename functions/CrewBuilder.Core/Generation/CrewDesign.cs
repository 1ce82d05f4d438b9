namespace CrewBuilder.Core.Generation;

/// <summary>
/// One thing the crew must do, read from the requirement: "triages our support inbox". Template mode also keeps the
/// job's whole verb phrase (<paramref name="Action"/>: "Match every payout against the invoices in the QuickBooks
/// account"), the systems it reads from and delivers to, how often it runs and any number it must keep to.
/// </summary>
public sealed record Capability(
    string Verb, string Subject, string? Action = null, IReadOnlyList<string>? Sources = null, IReadOnlyList<string>? Destinations = null,
    string? Schedule = null, string? Quantity = null);

/// <summary>
/// What the requirement asks for: the jobs the crew does, the external systems it touches, and the points a
/// finished crew must satisfy (each traced to a task in the README and in the project's tests).
/// </summary>
public sealed record RequirementAnalysis(
    string Requirement,
    string Title,
    string PackageName,
    string Summary,
    IReadOnlyList<Capability> Capabilities,
    IReadOnlyList<string>? Integrations = null,
    IReadOnlyList<string>? Points = null,
    int RunsPerMonth = 30)
{
    public IReadOnlyList<string> IntegrationNames => Integrations ?? [];

    public IReadOnlyList<string> RequirementPoints => Points is { Count: > 0 } points ? points : [.. Capabilities.Select(c => $"{c.Verb} {c.Subject}")];
}

/// <summary>How well an external system can be reached from a crew, and what it will cost and need.</summary>
public sealed record IntegrationAssessment(
    string Name,
    bool ApiAvailable,
    string AuthMethod,
    string PricingModel,
    IReadOnlyList<string> KeyEndpoints,
    string RateLimits,
    IReadOnlyList<string> Alternatives,
    string Feasibility,
    decimal EstimatedMonthlyCostUsd,
    IReadOnlyList<string> EnvVars,
    string? BaseUrl = null,
    ApiAuth? Auth = null);

/// <summary>
/// How a system's API takes its credential: <c>bearer</c> (Authorization: Bearer), <c>basic</c> (a user variable, with a
/// suffix such as Zendesk's "/token", and the secret), <c>header</c> or <c>query</c> (the secret under
/// <paramref name="Parameter"/>, a header's after <paramref name="SecretPrefix"/>: Discord's "Bot "), or <c>none</c>; with
/// any fixed headers the API asks for.
/// </summary>
public sealed record ApiAuth(
    string Scheme, string? Parameter = null, string? UserVariable = null, string UserSuffix = "", IReadOnlyDictionary<string, string>? Headers = null,
    string SecretPrefix = "")
{
    public static ApiAuth Bearer { get; } = new("bearer");
}

public sealed record FeasibilityReport(IReadOnlyList<IntegrationAssessment> Integrations)
{
    public static FeasibilityReport None { get; } = new([]);
}

/// <summary>An agent; <paramref name="Advanced"/> when its work needs the stronger model (judgement, long synthesis), else the standard one.</summary>
public sealed record AgentDesign(
    string Key, string Role, string Goal, string Backstory, IReadOnlyList<string> Tools, bool AllowDelegation = false, bool Advanced = false);

public sealed record ToolArgument(string Name, string Type, string Description, bool Required);

/// <summary>
/// A tool the crew needs that crewai_tools does not offer: a BaseTool subclass with a Pydantic argument schema.
/// <paramref name="RunBody"/> is the body of its <c>_run</c> method (written by the code step), null for the built-in body of
/// its kind (<see cref="Design.ToolKinds"/>): an API tool calls the project's HTTP client with the API's
/// <paramref name="BaseUrl"/> (overridable by its *_URL variable) and <paramref name="Auth"/>.
/// </summary>
public sealed record CustomTool(
    string Name, string Description, IReadOnlyList<ToolArgument> Arguments, IReadOnlyList<string> EnvVars, string? RunBody = null,
    string? BaseUrl = null, ApiAuth? Auth = null)
{
    public string ClassName => Naming.Pascal(Name) + (Name.EndsWith("tool", StringComparison.Ordinal) ? "" : "Tool");
}

/// <summary>The architecture: the process the crew runs with and why, its agents, and the tools written for it.</summary>
public sealed record AgentRoster(
    IReadOnlyList<AgentDesign> Agents,
    string Process = "sequential",
    string? Rationale = null,
    IReadOnlyList<CustomTool>? CustomTools = null)
{
    public IReadOnlyList<CustomTool> Tools => CustomTools ?? [];
}

/// <summary>A task; <paramref name="Covers"/> are the indexes of the requirement points its expected output answers.</summary>
public sealed record TaskDesign(
    string Key,
    string Description,
    string ExpectedOutput,
    string Agent,
    IReadOnlyList<string> Context,
    string? OutputFile,
    IReadOnlyList<int>? Covers = null)
{
    public bool Answers(int point) => Covers?.Contains(point) ?? false;
}

public sealed record TaskPlan(IReadOnlyList<TaskDesign> Tasks);

public sealed record CrewDesign(RequirementAnalysis Analysis, AgentRoster Roster, TaskPlan Plan, FeasibilityReport? Feasibility = null)
{
    public string Process => Roster.Process;

    public FeasibilityReport Integrations => Feasibility ?? FeasibilityReport.None;
}

public sealed record ProjectFile(string Path, string Content);

public sealed record GeneratedProject(string PackageName, IReadOnlyList<ProjectFile> Files)
{
    public string? Read(string path) => Files.FirstOrDefault(file => file.Path == path)?.Content;

    public GeneratedProject With(params IEnumerable<ProjectFile> added)
    {
        var replaced = added.ToList();
        var paths = replaced.Select(file => file.Path).ToHashSet();
        return this with { Files = [.. Files.Where(file => !paths.Contains(file.Path)), .. replaced] };
    }
}

public sealed record PackagedArtifact(string BlobName, string PackageName, IReadOnlyList<ArtifactFile> Files, ProjectSummary? Summary = null);
