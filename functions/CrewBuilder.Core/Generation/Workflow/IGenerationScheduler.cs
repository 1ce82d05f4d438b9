namespace CrewBuilder.Core.Generation.Workflow;

/// <summary>Starts the durable workflow of a generation; each host brings the durable client it has.</summary>
public interface IGenerationScheduler
{
    Task ScheduleAsync(GenerationInput input, CancellationToken cancellationToken);
}
