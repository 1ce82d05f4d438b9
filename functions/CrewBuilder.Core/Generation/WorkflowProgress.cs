namespace CrewBuilder.Core.Generation;

/// <summary>What a step's activity did besides its result: a line for people, and what its model calls spent.</summary>
public sealed record StepRecord(string Summary, string? Model = null, long TokensIn = 0, long TokensOut = 0, decimal? CostUsd = null);

/// <summary>An activity's result with its record, for the workflow to add to its progress.</summary>
public sealed record StepOutcome<T>(T Value, StepRecord Record);

/// <summary>
/// A generation's steps as its workflow knows them. The workflow keeps it and publishes it as its custom status, which
/// the durable engine stores with every checkpoint it writes anyway, so following a generation costs no write of its own;
/// the generation's row takes it when the generation ends. Immutable: every change is a new value.
/// </summary>
public sealed record WorkflowProgress(IReadOnlyList<StepProgress> Steps, string? Model = null)
{
    public static WorkflowProgress NotStarted { get; } =
        new([.. GenerationSteps.All.Select(step => new StepProgress(step, StepStatus.Pending, null, null))]);

    public long TokensIn => Steps.Sum(step => step.TokensIn);

    public long TokensOut => Steps.Sum(step => step.TokensOut);

    /// <summary>The estimated cost of the tokens spent, null when no call had a known price.</summary>
    public decimal? CostUsd => Steps.Any(step => step.CostUsd is not null) ? Steps.Sum(step => step.CostUsd ?? 0) : null;

    /// <summary>The step is running (a completed step stays completed; a step that runs again keeps its first start).</summary>
    public WorkflowProgress Started(string step, DateTimeOffset now) =>
        Change(step, current => current.Status == StepStatus.Completed ? current
            : current with { Status = StepStatus.Running, StartedAt = current.StartedAt ?? now });

    /// <summary>
    /// Adds what one call of the step spent and its line for people; <paramref name="complete"/> says whether the step is
    /// done (a repair round is not: its review follows).
    /// </summary>
    public WorkflowProgress Recorded(string step, StepRecord record, bool complete, DateTimeOffset now) =>
        Change(step, current =>
        {
            var spent = current with
            {
                Summary = record.Summary,
                TokensIn = current.TokensIn + record.TokensIn,
                TokensOut = current.TokensOut + record.TokensOut,
                CostUsd = record.CostUsd is null ? current.CostUsd : (current.CostUsd ?? 0) + record.CostUsd,
            };
            return complete ? spent with { Status = StepStatus.Completed, StartedAt = spent.StartedAt ?? now, CompletedAt = now } : spent;
        }) with { Model = Model ?? record.Model };

    /// <summary>One part of the step is running beside the others (the step runs from its first part's start).</summary>
    public WorkflowProgress PartStarted(string step, string part, DateTimeOffset now) =>
        Started(step, now).Change(step, current => current with
        {
            Parts = [.. (current.Parts ?? []).Where(other => other.Name != part), new StepPart(part, StepStatus.Running)],
        });

    /// <summary>
    /// Adds what one part spent and marks it done with its line; the step stays running until its last part (and any
    /// work that joins them) is recorded.
    /// </summary>
    public WorkflowProgress PartRecorded(string step, string part, StepRecord record, DateTimeOffset now) =>
        Spent(step, record).Change(step, current => current with
        {
            Parts = [.. (current.Parts ?? []).Select(other => other.Name == part ? other with { Status = StepStatus.Completed, Summary = record.Summary } : other)],
        });

    /// <summary>What a failed attempt of the step spent: counted like any call, leaving its status and line as they are.</summary>
    public WorkflowProgress Spent(string step, StepRecord spent) =>
        Change(step, current => current with
        {
            TokensIn = current.TokensIn + spent.TokensIn,
            TokensOut = current.TokensOut + spent.TokensOut,
            CostUsd = spent.CostUsd is null ? current.CostUsd : (current.CostUsd ?? 0) + spent.CostUsd,
        }) with { Model = Model ?? spent.Model };

    /// <summary>The step failed, and with it any of its parts still running.</summary>
    public WorkflowProgress Failed(string step) => Change(step, Unfinished);

    /// <summary>The workflow was stopped: what was running did not finish.</summary>
    public WorkflowProgress Stopped() =>
        this with { Steps = [.. Steps.Select(step => step.Status == StepStatus.Running ? Unfinished(step) : step)] };

    private static StepProgress Unfinished(StepProgress step) => step with
    {
        Status = StepStatus.Failed,
        Parts = step.Parts?.Select(part => part.Status == StepStatus.Running ? part with { Status = StepStatus.Failed } : part).ToList(),
    };

    private WorkflowProgress Change(string step, Func<StepProgress, StepProgress> change)
    {
        var index = Steps.ToList().FindIndex(s => s.Name == step);
        if (index < 0)
        {
            throw new ArgumentException($"Unknown step '{step}'.", nameof(step));
        }

        return this with { Steps = [.. Steps.Select((current, i) => i == index ? change(current) : current)] };
    }
}
