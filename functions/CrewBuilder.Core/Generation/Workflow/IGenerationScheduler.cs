namespace CrewBuilder.Core.Generation.Workflow;

/// <summary>Starts, follows and stops the durable workflow of a generation; each host brings the durable client it has.</summary>
public interface IGenerationScheduler
{
    /// <summary>The steps' progress the workflow last published; null before it started, or when there is no such workflow.</summary>
    Task<WorkflowProgress?> ProgressAsync(string generationId, CancellationToken cancellationToken);

    Task ScheduleAsync(GenerationInput input, CancellationToken cancellationToken);

    /// <summary>Terminates the generation's workflow; no further step of it runs.</summary>
    Task CancelAsync(string generationId, CancellationToken cancellationToken);
}
