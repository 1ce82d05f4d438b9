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
    public Task<StepOutcome<RequirementAnalysis>> Analyse([ActivityTrigger] GenerationInput input, CancellationToken cancellationToken) =>
        activities.Analyse(input, cancellationToken);

    [Function(nameof(GenerationActivities.AssessIntegrations))]
    public Task<StepOutcome<FeasibilityReport>> AssessIntegrations([ActivityTrigger] FeasibilityInput input, CancellationToken cancellationToken) =>
        activities.AssessIntegrations(input, cancellationToken);

    [Function(nameof(GenerationActivities.DesignAgents))]
    public Task<StepOutcome<AgentRoster>> DesignAgents([ActivityTrigger] DesignAgentsInput input, CancellationToken cancellationToken) =>
        activities.DesignAgents(input, cancellationToken);

    [Function(nameof(GenerationActivities.DesignTasks))]
    public Task<StepOutcome<TaskPlan>> DesignTasks([ActivityTrigger] DesignTasksInput input, CancellationToken cancellationToken) =>
        activities.DesignTasks(input, cancellationToken);

    [Function(nameof(GenerationActivities.WriteToolBody))]
    public Task<StepOutcome<CustomTool>> WriteToolBody([ActivityTrigger] WriteToolInput input, CancellationToken cancellationToken) =>
        activities.WriteToolBody(input, cancellationToken);

    [Function(nameof(GenerationActivities.WriteCode))]
    public Task<StepOutcome<CodeResult>> WriteCode([ActivityTrigger] WriteCodeInput input, CancellationToken cancellationToken) =>
        activities.WriteCode(input, cancellationToken);

    [Function(nameof(GenerationActivities.Repair))]
    public Task<StepOutcome<CodeResult>> Repair([ActivityTrigger] WriteCodeInput input, CancellationToken cancellationToken) =>
        activities.Repair(input, cancellationToken);

    [Function(nameof(GenerationActivities.Review))]
    public Task<StepOutcome<Core.Generation.Review.ReviewReport>> Review([ActivityTrigger] ReviewInput input, CancellationToken cancellationToken) =>
        activities.Review(input, cancellationToken);

    [Function(nameof(GenerationActivities.ReviewWithModel))]
    public Task<StepOutcome<Core.Generation.Review.ModelReview>> ReviewWithModel([ActivityTrigger] ModelReviewInput input, CancellationToken cancellationToken) =>
        activities.ReviewWithModel(input, cancellationToken);

    [Function(nameof(GenerationActivities.Gate))]
    public Task<StepOutcome<Core.Generation.Gate.GateResult>> Gate([ActivityTrigger] GateInput input, CancellationToken cancellationToken) =>
        activities.Gate(input, cancellationToken);

    [Function(nameof(GenerationActivities.Document))]
    public Task<StepOutcome<IReadOnlyList<ProjectFile>>> Document([ActivityTrigger] DocumentInput input, CancellationToken cancellationToken) =>
        activities.Document(input, cancellationToken);

    [Function(nameof(GenerationActivities.Deploy))]
    public Task<StepOutcome<IReadOnlyList<ProjectFile>>> Deploy([ActivityTrigger] DeployInput input, CancellationToken cancellationToken) =>
        activities.Deploy(input, cancellationToken);

    [Function(nameof(GenerationActivities.Package))]
    public Task<StepOutcome<PackagedArtifact>> Package([ActivityTrigger] ProjectInput input, CancellationToken cancellationToken) =>
        activities.Package(input, cancellationToken);

    [Function(nameof(GenerationActivities.RecordFailure))]
    public Task<bool> RecordFailure([ActivityTrigger] FailureInput input, CancellationToken cancellationToken) =>
        activities.RecordFailure(input, cancellationToken);
}
