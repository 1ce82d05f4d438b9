using CrewBuilder.Core.Generation.Llm;
using CrewBuilder.Core.Generation.Gate;
using CrewBuilder.Core.Generation.Review;
using CrewBuilder.Core.Generation.Template;
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

    /// <summary>The review step's parts: the model's review and, beside it, the deterministic checks.</summary>
    public const string ChecksPart = "checks";

    public const string ModelReviewPart = "model review";

    public const int TransientAttempts = 6;

    /// <summary>
    /// What a new workflow starts with: the requirement and the known systems it names, read once at acceptance (not
    /// those a clarification's questions only offered).
    /// </summary>
    public static GenerationInput InputFor(GenerationRef generation, string requirement, bool sequential) =>
        new(generation, requirement, sequential, KnownSystems.NamedIn(ClarifiedRequirement.WithoutQuestions(requirement)));

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

    /// <summary>
    /// Work that does not depend on other work runs side by side (durable fan-out, fan-in): each system's feasibility (those
    /// the requirement names outright beside the analysis),
    /// each custom tool's body beside the task plan, the model's first review beside the tools' bodies and the code (it reads
    /// only the agents and the tasks), the model's review beside the checks, the documents beside the deployment files. Each part is its own activity, so each result is kept once and retried alone. A step with parts
    /// shows them in its progress. <see cref="GenerationInput.Sequential"/> runs the same activities one after another.
    /// </summary>
    public static async Task<PackagedArtifact?> RunAsync(TaskOrchestrationContext context, GenerationInput input)
    {
        var generation = input.Ref;
        var withModel = generation.Mode == GenerationMode.Llm;
        var progress = WorkflowProgress.NotStarted;
        // The step each failure came from, so the failure reported is one step's with its own message, even when steps
        // side by side fail together (the awaited one's failure is the one caught).
        var failedSteps = new Dictionary<TaskFailedException, string>(ReferenceEqualityComparer.Instance);
        try
        {
            var named = withModel ? input.NamedSystems ?? [] : [];
            var assessingNamed = input.Sequential ? null : AssessEach(named);
            var analysis = await Step<RequirementAnalysis>(nameof(GenerationActivities.Analyse), input);
            var feasibility = await AssessAsync(analysis, named, assessingNamed ?? AssessEach(named));
            var roster = await Step<AgentRoster>(nameof(GenerationActivities.DesignAgents), new DesignAgentsInput(generation, analysis, feasibility));
            var planning = Step<TaskPlan>(nameof(GenerationActivities.DesignTasks), new DesignTasksInput(generation, analysis, roster));
            // The model reviews the agents and the tasks, not the tools' bodies or the code (which a first code step leaves
            // as designed), so its first review starts once the plan is in, beside the bodies, the code step and the checks.
            var (judged, (code, checks)) = await Both(
                async () => withModel ? await JudgeAsync(new CrewDesign(analysis, roster, await planning, feasibility)) : null,
                async () =>
                {
                    var tools = await WriteToolsAsync(analysis, roster);
                    var written = await Step<CodeResult>(nameof(GenerationActivities.WriteCode),
                        new WriteCodeInput(generation, new CrewDesign(analysis, roster with { CustomTools = tools }, await planning, feasibility), []));
                    return (written, await CheckAsync(new ReviewInput(generation, written.Design, written.Project, 0, LastChance: !withModel)));
                });
            (code, var review) = await ReviewAndRepairAsync(code, Reviewed(checks, judged, final: !withModel));
            // Documents and deployment files come back on their own and join the code here, so the project's files travel
            // through the workflow's messages as few times as possible.
            var (documents, deployment) = await Both(
                () => Step<IReadOnlyList<ProjectFile>>(nameof(GenerationActivities.Document), new DocumentInput(generation, code.Design, review)),
                () => Step<IReadOnlyList<ProjectFile>>(nameof(GenerationActivities.Deploy), new DeployInput(generation, code.Design)));
            return await StepWith<PackagedArtifact>(nameof(GenerationActivities.Package), () =>
                new ProjectInput(generation, code.Design, code.Project.With(documents).With(deployment), progress));
        }
        catch (TaskFailedException failure)
        {
            var step = failedSteps.GetValueOrDefault(failure, GenerationSteps.Analyse);
            var details = failure.FailureDetails;
            var said = FailedAttemptSpend.Strip(details.ErrorMessage);
            var error = details.IsCausedBy<GenerationFailedException>() ? said
                : details.IsCausedBy<ProviderUnavailableException>() ? ProviderUnavailableException.Final(said, TransientAttempts)
                : $"The step '{step}' failed unexpectedly. Please try again.";
            // A step begun beside the failed one (the model's first review beside the code) does not finish either.
            progress = progress.Failed(step).Stopped();
            Publish();
            await context.CallActivityAsync<bool>(nameof(GenerationActivities.RecordFailure), new FailureInput(generation, step, error, progress), Retry(_ => { }));
            return null;
        }

        // With a model, each system is assessed apart: those the requirement names from the start, the others the analysis
        // names once it is in. An early assessment of a system the analysis does not name is left out of the report.
        // Template mode reads them all from the requirement at once.
        async Task<FeasibilityReport> AssessAsync(RequirementAnalysis analysis, IReadOnlyList<string> named, Task<IReadOnlyList<FeasibilityReport>> assessingNamed)
        {
            var systems = analysis.IntegrationNames;
            if (!withModel || (systems.Count == 0 && named.Count == 0))
            {
                return await Step<FeasibilityReport>(nameof(GenerationActivities.AssessIntegrations), new FeasibilityInput(generation, input.Requirement, systems));
            }

            var others = systems.Where(system => !named.Any(name => KnownSystems.Same(name, system))).ToList();
            var (early, late) = await Both(() => assessingNamed, () => AssessEach(others));
            var reports = named.Zip(early).Concat(others.Zip(late)).ToList();
            var used = systems.Select(system => reports.First(report => KnownSystems.Same(report.First, system)).Second).Distinct();
            return Joined(GenerationSteps.Feasibility, new FeasibilityReport([.. used.SelectMany(report => report.Integrations)]), StepSummaries.Assessed, complete: true);
        }

        Task<IReadOnlyList<FeasibilityReport>> AssessEach(IEnumerable<string> systems) => All(systems, system =>
            Part<FeasibilityReport>(nameof(GenerationActivities.AssessIntegrations), system, new FeasibilityInput(generation, input.Requirement, [system])));

        // Only a model writes tool bodies; the code step that joins them is the write-code step's last part.
        async Task<IReadOnlyList<CustomTool>> WriteToolsAsync(RequirementAnalysis analysis, AgentRoster roster) => withModel
            ? await All(roster.Tools, tool => Part<CustomTool>(nameof(GenerationActivities.WriteToolBody), tool.Name, new WriteToolInput(generation, analysis, tool)))
            : roster.Tools;

        // Template mode has no model to repair with: its review is final at once.
        async Task<(CodeResult Code, ReviewReport Review)> ReviewAndRepairAsync(CodeResult code, ReviewReport report)
        {
            var repairs = withModel ? MaxRepairRounds : 0;
            for (var round = 0; ; round++)
            {
                var final = round == repairs;
                if (round > 0)
                {
                    var reviewing = new ReviewInput(generation, code.Design, code.Project, round, final);
                    var (judged, checks) = await Both(() => JudgeAsync(reviewing.Design), () => CheckAsync(reviewing));
                    report = Reviewed(checks, judged, final);
                }

                var findings = report.Findings;
                if (report.Passed || final)
                {
                    var gate = await Step<GateResult>(
                        nameof(GenerationActivities.Gate), new GateInput(generation, code.Design, code.Project, round, final), gate => !gate.Failed || final);
                    if (!gate.Failed || final)
                    {
                        return (code, report with { Gate = gate });
                    }

                    findings = gate.Findings;
                }

                code = await Step<CodeResult>(nameof(GenerationActivities.Repair), new WriteCodeInput(generation, code.Design, findings, round + 1), _ => false);
            }
        }

        // With a model, the checks are a part of the review step beside the model's review; without one, they are the step.
        Task<ReviewReport> CheckAsync(ReviewInput reviewing) => withModel
            ? Part<ReviewReport>(nameof(GenerationActivities.Review), ChecksPart, reviewing)
            : Step<ReviewReport>(nameof(GenerationActivities.Review), reviewing);

        async Task<ModelReview?> JudgeAsync(CrewDesign design) =>
            await Part<ModelReview>(nameof(GenerationActivities.ReviewWithModel), ModelReviewPart, new ModelReviewInput(generation, design));

        ReviewReport Reviewed(ReviewReport checks, ModelReview? judged, bool final)
        {
            if (!withModel)
            {
                return checks;
            }

            var report = checks with { Model = judged };
            return Joined(GenerationSteps.Review, report, StepSummaries.Reviewed, complete: report.Passed || final);
        }

        Task<T> Step<T>(string activity, object activityInput, Func<T, bool>? completes = null) => StepWith(activity, () => activityInput, completes);

        // The step is marked running before its input is made, so an input that carries the progress (the package's) has it so.
        async Task<T> StepWith<T>(string activity, Func<object> activityInput, Func<T, bool>? completes = null)
        {
            var step = StepOf(activity);
            progress = progress.Started(step, context.CurrentUtcDateTime);
            Publish();
            var outcome = await Call<T>(step, activity, activityInput());
            progress = progress.Recorded(step, outcome.Record, completes?.Invoke(outcome.Value) ?? true, context.CurrentUtcDateTime);
            Publish();
            return outcome.Value;
        }

        // One of a step's parts; the step is recorded once its parts are joined.
        async Task<T> Part<T>(string activity, string part, object activityInput)
        {
            var step = StepOf(activity);
            progress = progress.PartStarted(step, part, context.CurrentUtcDateTime);
            Publish();
            var outcome = await Call<T>(step, activity, activityInput);
            progress = progress.PartRecorded(step, part, outcome.Record, context.CurrentUtcDateTime);
            Publish();
            return outcome.Value;
        }

        T Joined<T>(string step, T value, Func<T, string> summarise, bool complete)
        {
            progress = progress.Recorded(step, new StepRecord(summarise(value)), complete, context.CurrentUtcDateTime);
            Publish();
            return value;
        }

        // What failed attempts spent counts under the step that made them.
        async Task<StepOutcome<T>> Call<T>(string step, string activity, object activityInput)
        {
            try
            {
                return await context.CallActivityAsync<StepOutcome<T>>(activity, activityInput, Retry(failure =>
                {
                    if (FailedAttemptSpend.Read(failure.ErrorMessage) is { } spent)
                    {
                        progress = progress.Spent(step, spent);
                    }
                }));
            }
            catch (TaskFailedException failed)
            {
                failedSteps.TryAdd(failed, step);
                throw;
            }
        }

        // Side by side, or (to compare) one after another: the work is started only when it is its turn.
        async Task<IReadOnlyList<T>> All<TItem, T>(IEnumerable<TItem> items, Func<TItem, Task<T>> run)
        {
            if (!input.Sequential)
            {
                return await Task.WhenAll(items.Select(run));
            }

            var results = new List<T>();
            foreach (var item in items)
            {
                results.Add(await run(item));
            }

            return results;
        }

        async Task<(TFirst, TSecond)> Both<TFirst, TSecond>(Func<Task<TFirst>> first, Func<Task<TSecond>> second)
        {
            if (input.Sequential)
            {
                return (await first(), await second());
            }

            var (one, other) = (first(), second());
            await Task.WhenAll(one, other);
            return (await one, await other);
        }

        void Publish() => context.SetCustomStatus(Status(progress));
    }

    private static WorkflowStatus Status(WorkflowProgress progress)
    {
        var current = progress.Steps.FirstOrDefault(step => step.Status is StepStatus.Running or StepStatus.Failed)
            ?? progress.Steps.LastOrDefault(step => step.Status == StepStatus.Completed) ?? progress.Steps[0];
        return new(current.Name, GenerationSteps.NumberOf(current.Name), GenerationSteps.All.Count, progress);
    }

    private static string StepOf(string activity) => activity switch
    {
        nameof(GenerationActivities.Analyse) => GenerationSteps.Analyse,
        nameof(GenerationActivities.AssessIntegrations) => GenerationSteps.Feasibility,
        nameof(GenerationActivities.DesignAgents) => GenerationSteps.DesignAgents,
        nameof(GenerationActivities.DesignTasks) => GenerationSteps.DesignTasks,
        nameof(GenerationActivities.WriteCode) or nameof(GenerationActivities.WriteToolBody) => GenerationSteps.WriteCode,
        nameof(GenerationActivities.Review) or nameof(GenerationActivities.ReviewWithModel) or nameof(GenerationActivities.Repair) => GenerationSteps.Review,
        nameof(GenerationActivities.Gate) => GenerationSteps.Gate,
        nameof(GenerationActivities.Document) => GenerationSteps.Document,
        nameof(GenerationActivities.Deploy) => GenerationSteps.Deploy,
        _ => GenerationSteps.Package,
    };
}
