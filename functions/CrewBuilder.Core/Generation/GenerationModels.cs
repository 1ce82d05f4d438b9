namespace CrewBuilder.Core.Generation;

public enum GenerationStatus { Queued, Running, Completed, Failed, Cancelled }

/// <summary>Template: designed from the requirement's words, no model. Llm: designed by a language model with the chosen key.</summary>
public enum GenerationMode { Template, Llm }

public enum StepStatus { Pending, Running, Completed, Failed }

/// <summary>
/// Identifies one generation in every message of its workflow; never carries a secret. <paramref name="QuotaAccount"/>
/// is the plan or paid credit the generation is charged to, settled when it ends; <paramref name="Plan"/> the caller's plan
/// when it started; <paramref name="Model"/> the model its steps ask (<paramref name="StandardModel"/>, when set, the steps
/// other than architecture and review); <paramref name="Layout"/> the shape of the project it writes;
/// <paramref name="WhiteLabel"/>: started on an organisation's own hostname, so its project is that organisation's work.
/// </summary>
public sealed record GenerationRef(
    string GenerationId, string TenantId, GenerationMode Mode, Keys.KeySelection? Key = null, string? QuotaAccount = null, string? Plan = null,
    string? Model = null, string? StandardModel = null, ProjectLayout Layout = ProjectLayout.Classic, bool WhiteLabel = false);

/// <summary>
/// <paramref name="Sequential"/>: the workflow runs work it could run side by side one after another (to compare).
/// <paramref name="NamedSystems"/>: the known systems the requirement names, which the workflow assesses beside the
/// analysis; null in a workflow begun before acceptance read them, whose history assessed only after the analysis and
/// whose replay must ask in that order.
/// </summary>
public sealed record GenerationInput(GenerationRef Ref, string Requirement, bool Sequential = false, IReadOnlyList<string>? NamedSystems = null);

/// <summary>
/// A step: where it is, and once it has done something, a line for people (e.g. "Designed 4 agents: ...") and the
/// tokens its model calls spent with their estimated cost. A step whose work runs side by side lists its
/// <paramref name="Parts"/> (e.g. one per system assessed); its tokens are theirs summed.
/// </summary>
public sealed record StepProgress(
    string Name, StepStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, string? Summary = null,
    long TokensIn = 0, long TokensOut = 0, decimal? CostUsd = null, IReadOnlyList<StepPart>? Parts = null);

/// <summary>One of a step's parts that run side by side: what it works on, where it is, and its line once done.</summary>
public sealed record StepPart(string Name, StepStatus Status, string? Summary = null);

/// <summary>
/// The finished project at a glance: its name, size and complexity, and what running the crew is estimated to cost
/// per run and per month at its default model (integrations' own fees included in the monthly figure, and given apart
/// in <paramref name="IntegrationsPerMonthUsd"/>; a summary stored before it was given reads 0).
/// </summary>
public sealed record ProjectSummary(
    string SystemName, int Agents, int Tasks, int Integrations, string Complexity, string RuntimeModel, decimal CostPerRunUsd, int RunsPerMonth,
    decimal CostPerMonthUsd, decimal IntegrationsPerMonthUsd = 0);

/// <summary>What the generation itself took: time, tokens and their estimated cost.</summary>
public sealed record GenerationCost(double Seconds, long TokensIn, long TokensOut, decimal? CostUsd);

public sealed record ArtifactFile(string Path, long Size);

public sealed record GenerationView(
    string Id,
    GenerationStatus Status,
    GenerationMode Mode,
    IReadOnlyList<StepProgress> Steps,
    int Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? Error,
    IReadOnlyList<ArtifactFile> Files,
    Keys.KeySource? KeySource = null,
    string? Provider = null,
    string? Model = null,
    ProjectSummary? Summary = null,
    GenerationCost? Cost = null,
    string? ParentId = null,
    GenerationRating? Rating = null,
    PayingOrganisation? Organisation = null,
    Billing.GenerationCharge? Charge = null,
    ProjectLayout Layout = ProjectLayout.Classic,
    string? Name = null,
    string? Requirement = null);

/// <summary>The organisation whose key a generation runs on, and so pays for it: its id and its name when the generation started.</summary>
public sealed record PayingOrganisation(string Id, string Name);

/// <summary>How the person rated a finished generation.</summary>
public sealed record GenerationRating(int Stars, string? Comment, DateTimeOffset RatedAt);

/// <summary>A rating to give: 1 to 5 stars and, optionally, a few words.</summary>
public sealed record RateGenerationRequest(int? Stars, string? Comment = null)
{
    public const int MaxComment = 2_000;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Stars is not (>= 1 and <= 5))
        {
            errors["stars"] = ["Give 1 to 5 stars."];
        }

        if (Comment?.Length > MaxComment)
        {
            errors["comment"] = [$"Say it in at most {MaxComment:N0} characters."];
        }

        return errors;
    }
}

/// <summary>What a forecast is asked for: the requirement, and the provider or model it would run on.</summary>
public sealed record ForecastRequest(string? Requirement, string? Provider = null, string? Model = null)
{
    public Dictionary<string, string[]> Validate() => RequirementRule.Errors(Requirement);
}

public sealed record GenerationSummary(
    string Id,
    GenerationStatus Status,
    GenerationMode Mode,
    int Progress,
    string Requirement,
    string? PackageName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    ProjectLayout Layout = ProjectLayout.Classic,
    string? Name = null,
    string? ParentId = null);

public sealed record GenerationPage(IReadOnlyList<GenerationSummary> Items, string? ContinuationToken);
