using Microsoft.DurableTask;

namespace CrewBuilder.Core.Generation.Workflow;

/// <summary>
/// The durable workflow of one generation. Deterministic: it only decides which activity runs next;
/// the activities do the I/O. Its inputs, outputs and status hold no secret.
/// </summary>
public static class GenerationOrchestration
{
    public const string Name = "GenerationOrchestration";

    // Transient failures are retried; a GenerationFailedException is a verdict and would fail again.
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2)
    {
        HandleFailure = failure => !failure.IsCausedBy<GenerationFailedException>(),
    });

    public static async Task<PackagedArtifact?> RunAsync(TaskOrchestrationContext context, GenerationInput input)
    {
        var generation = input.Ref;
        var step = GenerationSteps.Analyse;
        try
        {
            var analysis = await Step<RequirementAnalysis>(nameof(GenerationActivities.Analyse), input);
            var roster = await Step<AgentRoster>(nameof(GenerationActivities.DesignAgents), new DesignAgentsInput(generation, analysis));
            var plan = await Step<TaskPlan>(nameof(GenerationActivities.DesignTasks), new DesignTasksInput(generation, analysis, roster));
            var design = new CrewDesign(analysis, roster, plan);
            var code = await Step<GeneratedProject>(nameof(GenerationActivities.WriteCode), new WriteCodeInput(generation, design));
            var valid = await Step<GeneratedProject>(nameof(GenerationActivities.Validate), new ProjectInput(generation, design, code));
            var documented = await Step<GeneratedProject>(nameof(GenerationActivities.Document), new ProjectInput(generation, design, valid));
            return await Step<PackagedArtifact>(nameof(GenerationActivities.Package), new ProjectInput(generation, design, documented));
        }
        catch (TaskFailedException failure)
        {
            var error = failure.FailureDetails.IsCausedBy<GenerationFailedException>()
                ? failure.FailureDetails.ErrorMessage
                : $"The step '{step}' failed unexpectedly. Please try again.";
            await context.CallActivityAsync<bool>(nameof(GenerationActivities.RecordFailure), new FailureInput(generation, step, error), Retry);
            return null;
        }

        async Task<T> Step<T>(string activity, object activityInput)
        {
            step = StepOf(activity);
            context.SetCustomStatus(new WorkflowStatus(step, GenerationSteps.NumberOf(step), GenerationSteps.All.Count));
            return await context.CallActivityAsync<T>(activity, activityInput, Retry);
        }
    }

    private static string StepOf(string activity) => activity switch
    {
        nameof(GenerationActivities.Analyse) => GenerationSteps.Analyse,
        nameof(GenerationActivities.DesignAgents) => GenerationSteps.DesignAgents,
        nameof(GenerationActivities.DesignTasks) => GenerationSteps.DesignTasks,
        nameof(GenerationActivities.WriteCode) => GenerationSteps.WriteCode,
        nameof(GenerationActivities.Validate) => GenerationSteps.Validate,
        nameof(GenerationActivities.Document) => GenerationSteps.Document,
        _ => GenerationSteps.Package,
    };
}
