namespace CrewBuilder.Core.Generation.Workflow;

/// <summary>Starts, follows and stops the durable workflow of a generation; each host brings the durable client it has.</summary>
public interface IGenerationScheduler
{
    /// <summary>The steps' progress the workflow last published; null before it started, or when there is no such workflow.</summary>
    Task<WorkflowProgress?> ProgressAsync(string generationId, CancellationToken cancellationToken);

    Task ScheduleAsync(GenerationInput input, CancellationToken cancellationToken);

    /// <summary>Whether the generation has a workflow, in whatever state.</summary>
    Task<bool> ExistsAsync(string generationId, CancellationToken cancellationToken);

    /// <summary>Terminates the generation's workflow; no further step of it runs.</summary>
    Task CancelAsync(string generationId, CancellationToken cancellationToken);
}

public static class GenerationSchedulerProgress
{
    /// <summary>The workflow's progress of a generation that has not ended; null for one that has (its row holds its final progress).</summary>
    public static Task<WorkflowProgress?> LiveProgressAsync(this IGenerationScheduler scheduler, GenerationEntity entity, CancellationToken cancellationToken) =>
        entity.Ended ? Task.FromResult<WorkflowProgress?>(null) : scheduler.ProgressAsync(entity.RowKey, cancellationToken);

    /// <summary>Summaries of <paramref name="entities"/>, those still running with their workflow's progress (read side by side).</summary>
    public static async Task<IReadOnlyList<GenerationSummary>> SummariesAsync(
        this IGenerationScheduler scheduler, IReadOnlyList<GenerationEntity> entities, CancellationToken cancellationToken)
    {
        var live = await Task.WhenAll(entities.Select(entity => scheduler.LiveProgressAsync(entity, cancellationToken)));
        return [.. entities.Select((entity, i) => entity.ToSummary(live[i]))];
    }
}
