using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace CrewBuilder.Core.Generation.Workflow;

/// <summary>Schedules through a Microsoft.DurableTask client; the orchestration instance id is the generation id.</summary>
public sealed class DurableTaskClientScheduler(DurableTaskClient client) : IGenerationScheduler
{
    public Task ScheduleAsync(GenerationInput input, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(
            GenerationOrchestration.Name,
            input,
            new StartOrchestrationOptions(input.Ref.GenerationId),
            cancellationToken);

    public async Task<bool> ExistsAsync(string generationId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(generationId, getInputsAndOutputs: false, cancellationToken) is not null;

    public async Task<WorkflowProgress?> ProgressAsync(string generationId, CancellationToken cancellationToken) =>
        (await client.GetInstanceAsync(generationId, getInputsAndOutputs: true, cancellationToken))?.ReadCustomStatusAs<WorkflowStatus>()?.Progress;

    public Task CancelAsync(string generationId, CancellationToken cancellationToken) =>
        client.TerminateInstanceAsync(generationId, new TerminateInstanceOptions { Output = "cancelled" }, cancellationToken);
}
