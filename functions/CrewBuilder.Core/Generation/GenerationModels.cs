namespace CrewBuilder.Core.Generation;

public enum GenerationStatus { Queued, Running, Completed, Failed, Cancelled }

/// <summary>Template: designed from the requirement's words, no model. Llm: designed by a language model with the chosen key.</summary>
public enum GenerationMode { Template, Llm }

public enum StepStatus { Pending, Running, Completed, Failed }

/// <summary>
/// Identifies one generation in every message of its workflow; never carries a secret. <paramref name="QuotaAccount"/>
/// is the plan or paid credit the generation is charged to, settled when it ends; <paramref name="Plan"/> the caller's plan
/// when it started; <paramref name="Model"/> the model its steps ask (<paramref name="StandardModel"/>, when set, the steps
/// other than architecture and review).
/// </summary>
public sealed record GenerationRef(
    string GenerationId, string TenantId, GenerationMode Mode, Keys.KeySelection? Key = null, string? QuotaAccount = null, string? Plan = null,
    string? Model = null, string? StandardModel = null);

public sealed record GenerationInput(GenerationRef Ref, string Requirement);

/// <summary>A step: where it is, and once it has done something, a line for people (e.g. "Designed 4 agents: ...").</summary>
public sealed record StepProgress(string Name, StepStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, string? Summary = null);

/// <summary>
/// The finished project at a glance: its name, size and complexity, and what running the crew is estimated to cost
/// per run and per month at its default model (integrations' own fees included in the monthly figure).
/// </summary>
public sealed record ProjectSummary(
    string SystemName, int Agents, int Tasks, int Integrations, string Complexity, string RuntimeModel, decimal CostPerRunUsd, int RunsPerMonth,
    decimal CostPerMonthUsd);

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
    GenerationCost? Cost = null);

public sealed record GenerationSummary(
    string Id,
    GenerationStatus Status,
    GenerationMode Mode,
    int Progress,
    string Requirement,
    string? PackageName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);

public sealed record GenerationPage(IReadOnlyList<GenerationSummary> Items, string? ContinuationToken);
