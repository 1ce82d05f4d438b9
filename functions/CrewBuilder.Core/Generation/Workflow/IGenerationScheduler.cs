namespace CrewBuilder.Core.Generation.Workflow;

/// <summary>Starts (and stops) the durable workflow of a generation; each host brings the durable client it has.</summary>
public interface IGenerationScheduler
{
    Task ScheduleAsync(GenerationInput input, CancellationToken cancellationToken);

    /// <summary>Terminates the generation's workflow; no further step of it runs.</summary>
    Task CancelAsync(string generationId, CancellationToken cancellationToken);
}
