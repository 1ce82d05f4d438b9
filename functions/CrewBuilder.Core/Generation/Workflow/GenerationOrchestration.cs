using CrewBuilder.Core.Generation.Llm;
using CrewBuilder.Core.Generation.Review;
using Microsoft.DurableTask;

namespace CrewBuilder.Core.Generation.Workflow;

/// <summary>
/// The durable workflow of one generation. Deterministic: it only decides which activity runs next;
/// the activities do the I/O. Its inputs, outputs and status hold no secret.
/// </summary>
public static class GenerationOrchestration
{
    public const string Name = "GenerationOrchestration";

    /// <summary>Review findings go back to the code step at most this many times.</summary>
    public const int MaxRepairRounds = 2;

    public const int TransientAttempts = 6;
    private const int UnexpectedAttempts = 3;
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(2);

    // A GenerationFailedException is a verdict and would fail again. A provider that did not answer is tried again
    // after the wait it asked for (Retry-After) or an exponential back-off, on a durable timer; anything else, twice more.
    // Every failed attempt is shown to onFailure first, so what its model calls spent is counted.
    private static TaskOptions Retry(Action<TaskFailureDetails> onFailure) => TaskOptions.FromRetryHandler(async retry =>
    {
        var failure = retry.LastFailure;
        onFailure(failure);
        var transient = failure.IsCausedBy<ProviderUnavailableException>();
        if (failure.IsCausedBy<GenerationFailedException>() || retry.LastAttemptNumber >= (transient ? TransientAttempts : UnexpectedAttempts))
        {
            return false;
        }

        var wait = ProviderUnavailableException.RetryAfter(failure.ErrorMessage) ?? TimeSpan.FromSeconds(Math.Pow(2, retry.LastAttemptNumber - 1));
        await retry.OrchestrationContext.CreateTimer(wait < LongestWait ? wait : LongestWait, retry.CancellationToken);
        return true;
    });

    public static async Task<PackagedArtifact?> RunAsync(TaskOrchestrationContext context, GenerationInput input)
    {
        var generation = input.Ref;
        var step = GenerationSteps.Analyse;
        var progress = WorkflowProgress.NotStarted;
        var retry = Retry(failure =>
        {
            if (FailedAttemptSpend.Read(failure.ErrorMessage) is { } spent)
            {
                progress = progress.Spent(step, spent);
            }
        });
        try
        {
            var analysis = await Step<RequirementAnalysis>(nameof(GenerationActivities.Analyse), input);
            var feasibility = await Step<FeasibilityReport>(nameof(GenerationActivities.AssessIntegrations), new FeasibilityInput(generation, analysis));
            var roster = await Step<AgentRoster>(nameof(GenerationActivities.DesignAgents), new DesignAgentsInput(generation, analysis, feasibility));
            var plan = await Step<TaskPlan>(nameof(GenerationActivities.DesignTasks), new DesignTasksInput(generation, analysis, roster));
            var code = await Step<CodeResult>(nameof(GenerationActivities.WriteCode), new WriteCodeInput(generation, new CrewDesign(analysis, roster, plan, feasibility), []));
            var review = await ReviewAndRepairAsync();
            // Documents and deployment files come back on their own and join the code here, so the project's files travel
            // through the workflow's messages as few times as possible.
            var documents = await Step<IReadOnlyList<ProjectFile>>(nameof(GenerationActivities.Document), new DocumentInput(generation, code.Design, review));
            var deployment = await Step<IReadOnlyList<ProjectFile>>(nameof(GenerationActivities.Deploy), new DeployInput(generation, code.Design));
            return await StepWith<PackagedArtifact>(nameof(GenerationActivities.Package), () =>
                new ProjectInput(generation, code.Design, code.Project.With(documents).With(deployment), progress));

            // Template mode has no model to repair with: its review is final at once.
            async Task<ReviewReport> ReviewAndRepairAsync()
            {
                var repairs = generation.Mode == GenerationMode.Llm ? MaxRepairRounds : 0;
                for (var round = 0; ; round++)
                {
                    var final = round == repairs;
                    var report = await Step<ReviewReport>(
                        nameof(GenerationActivities.Review), new ReviewInput(generation, code.Design, code.Project, round, final), report => report.Passed || final);
                    if (report.Passed || final)
                    {
                        return report;
                    }

                    code = await Step<CodeResult>(nameof(GenerationActivities.Repair), new WriteCodeInput(generation, code.Design, report.Findings, round + 1), _ => false);
                }
            }
        }
        catch (TaskFailedException failure)
        {
            var details = failure.FailureDetails;
            var said = FailedAttemptSpend.Strip(details.ErrorMessage);
            var error = details.IsCausedBy<GenerationFailedException>() ? said
                : details.IsCausedBy<ProviderUnavailableException>() ? ProviderUnavailableException.Final(said, TransientAttempts)
                : $"The step '{step}' failed unexpectedly. Please try again.";
            progress = progress.Failed(step);
            context.SetCustomStatus(Status());
            await context.CallActivityAsync<bool>(nameof(GenerationActivities.RecordFailure), new FailureInput(generation, step, error, progress), Retry(_ => { }));
            return null;
        }

        Task<T> Step<T>(string activity, object activityInput, Func<T, bool>? completes = null) => StepWith(activity, () => activityInput, completes);

        // The step is marked running before its input is made, so an input that carries the progress (the package's) has it so.
        async Task<T> StepWith<T>(string activity, Func<object> activityInput, Func<T, bool>? completes = null)
        {
            step = StepOf(activity);
            progress = progress.Started(step, context.CurrentUtcDateTime);
            context.SetCustomStatus(Status());
            var outcome = await context.CallActivityAsync<StepOutcome<T>>(activity, activityInput(), retry);
            progress = progress.Recorded(step, outcome.Record, completes?.Invoke(outcome.Value) ?? true, context.CurrentUtcDateTime);
            context.SetCustomStatus(Status());
            return outcome.Value;
        }

        WorkflowStatus Status() => new(step, GenerationSteps.NumberOf(step), GenerationSteps.All.Count, progress);
    }

    private static string StepOf(string activity) => activity switch
    {
        nameof(GenerationActivities.Analyse) => GenerationSteps.Analyse,
        nameof(GenerationActivities.AssessIntegrations) => GenerationSteps.Feasibility,
        nameof(GenerationActivities.DesignAgents) => GenerationSteps.DesignAgents,
        nameof(GenerationActivities.DesignTasks) => GenerationSteps.DesignTasks,
        nameof(GenerationActivities.WriteCode) => GenerationSteps.WriteCode,
        nameof(GenerationActivities.Review) or nameof(GenerationActivities.Repair) => GenerationSteps.Review,
        nameof(GenerationActivities.Document) => GenerationSteps.Document,
        nameof(GenerationActivities.Deploy) => GenerationSteps.Deploy,
        _ => GenerationSteps.Package,
    };
}
