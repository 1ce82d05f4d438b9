using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace CrewBuilder.Functions;

/// <summary>The durable workflow's triggers; each forwards to the Core orchestration or activity of the same name.</summary>
public sealed class GenerationWorkflowFunctions(GenerationActivities activities)
{
    [Function(GenerationOrchestration.Name)]
    public static Task<PackagedArtifact?> Orchestrate([OrchestrationTrigger] TaskOrchestrationContext context) =>
        GenerationOrchestration.RunAsync(context, context.GetInput<GenerationInput>()
            ?? throw new InvalidOperationException("The generation orchestration was started without input."));

    [Function(nameof(GenerationActivities.Analyse))]
    public Task<RequirementAnalysis> Analyse([ActivityTrigger] GenerationInput input, CancellationToken cancellationToken) =>
        activities.Analyse(input, cancellationToken);

    [Function(nameof(GenerationActivities.DesignAgents))]
    public Task<AgentRoster> DesignAgents([ActivityTrigger] DesignAgentsInput input, CancellationToken cancellationToken) =>
        activities.DesignAgents(input, cancellationToken);

    [Function(nameof(GenerationActivities.DesignTasks))]
    public Task<TaskPlan> DesignTasks([ActivityTrigger] DesignTasksInput input, CancellationToken cancellationToken) =>
        activities.DesignTasks(input, cancellationToken);

    [Function(nameof(GenerationActivities.WriteCode))]
    public Task<GeneratedProject> WriteCode([ActivityTrigger] WriteCodeInput input, CancellationToken cancellationToken) =>
        activities.WriteCode(input, cancellationToken);

    [Function(nameof(GenerationActivities.Validate))]
    public Task<GeneratedProject> Validate([ActivityTrigger] ProjectInput input, CancellationToken cancellationToken) =>
        activities.Validate(input, cancellationToken);

    [Function(nameof(GenerationActivities.Document))]
    public Task<GeneratedProject> Document([ActivityTrigger] ProjectInput input, CancellationToken cancellationToken) =>
        activities.Document(input, cancellationToken);

    [Function(nameof(GenerationActivities.Package))]
    public Task<PackagedArtifact> Package([ActivityTrigger] ProjectInput input, CancellationToken cancellationToken) =>
        activities.Package(input, cancellationToken);

    [Function(nameof(GenerationActivities.RecordFailure))]
    public Task<bool> RecordFailure([ActivityTrigger] FailureInput input, CancellationToken cancellationToken) =>
        activities.RecordFailure(input, cancellationToken);
}
