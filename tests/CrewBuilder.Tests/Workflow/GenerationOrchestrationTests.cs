using System.Collections.Concurrent;
using CrewBuilder.Core.Generation.Gate;
using CrewBuilder.Core.Generation.Llm;
using CrewBuilder.Core.Generation.Review;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Generation;
using CrewBuilder.Tests.Support;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask;

namespace CrewBuilder.Tests.Workflow;

/// <summary>The orchestrator's decisions, run in-process with stand-in activities that record what they were asked.</summary>
public sealed class GenerationOrchestrationTests
{
    private static readonly GenerationRef Template = new("0123456789abcdef0123456789abcdef", "tenant", GenerationMode.Template);
    private static readonly GenerationRef WithModel = Template with { Mode = GenerationMode.Llm };

    private static readonly string[] EveryStep =
    [
        nameof(GenerationActivities.Analyse), nameof(GenerationActivities.AssessIntegrations), nameof(GenerationActivities.DesignAgents),
        nameof(GenerationActivities.DesignTasks), nameof(GenerationActivities.WriteCode), nameof(GenerationActivities.Review),
        nameof(GenerationActivities.Gate), nameof(GenerationActivities.Document), nameof(GenerationActivities.Deploy), nameof(GenerationActivities.Package),
    ];

    private readonly ConcurrentQueue<string> calls = new();
    private readonly ConcurrentQueue<FailureInput> failures = new();
    private readonly ConcurrentQueue<WriteCodeInput> repairs = new();
    private readonly ConcurrentQueue<ProjectInput> packaged = new();
    private readonly ConcurrentQueue<IReadOnlyList<string>> assessed = new();
    private readonly ConcurrentQueue<string> written = new();
    private readonly ConcurrentQueue<WriteCodeInput> coded = new();
    private readonly ConcurrentQueue<DocumentInput> documented = new();
    private readonly ConcurrentQueue<string> asked = new();
    private readonly TaskCompletionSource enoughAssessed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string requirement = "";

    [Fact]
    public async Task Steps_run_in_order_and_the_packaged_artifact_is_the_result()
    {
        await using var host = await StartAsync();

        var state = await RunAsync(host, Template);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("blob.zip", state.ReadOutputAs<PackagedArtifact>()!.BlobName);
        // The documents and the deployment files are written side by side, so either may be asked first.
        Assert.Equal(EveryStep.Order(), calls.Order());
        Assert.Equal(EveryStep[..7], calls.Take(7));
        Assert.Equal(nameof(GenerationActivities.Package), calls.Last());
        var status = state.ReadCustomStatusAs<WorkflowStatus>()!;
        Assert.Equal((GenerationSteps.Package, 10, 10), (status.Step, status.StepNumber, status.StepCount));
        Assert.All(status.Progress.Steps, step => Assert.Equal(StepStatus.Completed, step.Status));
        Assert.Equal("Analyse done.", status.Progress.Steps[0].Summary);
        Assert.Equal((100, 50, 0.10m, "gpt-4o-mini"), (status.Progress.TokensIn, status.Progress.TokensOut, status.Progress.CostUsd, status.Progress.Model));
        Assert.Empty(failures);
        var package = Assert.Single(packaged);
        // The package step records the generation's completion: it is handed every step before it done, and itself running.
        Assert.Equal(StepStatus.Running, package.Progress.Steps[^1].Status);
        Assert.All(package.Progress.Steps.SkipLast(1), step => Assert.Equal(StepStatus.Completed, step.Status));
        var project = package.Project;
        Assert.Equal("# Crew", project.Read("README.md")); // the documents and deployment files joined the code
        Assert.Equal("FROM python:3.12-slim", project.Read("Dockerfile"));
        Assert.NotNull(project.Read($"src/{project.PackageName}/crew.py"));
    }

    [Fact]
    public async Task Review_findings_go_back_to_the_code_step_at_most_twice_and_the_generation_still_ships_its_report()
    {
        await using var host = await StartAsync(reviewPasses: _ => false);

        var state = await RunAsync(host, WithModel);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(3, calls.Count(call => call == nameof(GenerationActivities.Review)));
        Assert.Equal([1, 2], repairs.Select(repair => repair.Round));
        Assert.All(repairs, repair => Assert.Contains("add a task that drafts the replies", repair.Findings));
        Assert.Contains(nameof(GenerationActivities.Package), calls);
        var review = state.ReadCustomStatusAs<WorkflowStatus>()!.Progress.Steps.Single(step => step.Name == GenerationSteps.Review);
        // 3 rounds of checks beside a model review, and 2 repairs
        Assert.Equal((StepStatus.Completed, 80, "1 of 1 checks passed; the model review asked for 1 change, after 2 repair rounds."), (review.Status, review.TokensIn, review.Summary));
        Assert.Equal(3, calls.Count(call => call == nameof(GenerationActivities.ReviewWithModel)));
    }

    [Fact]
    public async Task A_review_that_passes_after_one_repair_ends_the_loop()
    {
        await using var host = await StartAsync(reviewPasses: round => round >= 1);

        await RunAsync(host, WithModel);

        Assert.Equal(2, calls.Count(call => call == nameof(GenerationActivities.Review)));
        Assert.Single(repairs);
    }

    [Fact]
    public async Task Template_mode_has_no_model_to_repair_with_so_its_review_is_final()
    {
        await using var host = await StartAsync(reviewPasses: _ => false);

        await RunAsync(host, Template);

        Assert.Single(calls, nameof(GenerationActivities.Review));
        Assert.Empty(repairs);
    }

    [Fact]
    public async Task A_generation_failure_is_recorded_at_its_step_with_its_message_once_and_later_steps_do_not_run()
    {
        await using var host = await StartAsync(nameof(GenerationActivities.Review), new GenerationFailedException("The task 'x' names the agent 'ghost'."));

        await RunAsync(host, Template);

        var failure = Assert.Single(failures);
        Assert.Equal((Template, GenerationSteps.Review, "The task 'x' names the agent 'ghost'."), (failure.Ref, failure.Step, failure.Error));
        Assert.Equal(
            [.. Enumerable.Repeat(StepStatus.Completed, 5), StepStatus.Failed, .. Enumerable.Repeat(StepStatus.Pending, 4)],
            failure.Progress.Steps.Select(step => step.Status));
        Assert.Single(calls, nameof(GenerationActivities.Review));
        Assert.DoesNotContain(nameof(GenerationActivities.Document), calls);
        Assert.DoesNotContain(nameof(GenerationActivities.Package), calls);
    }

    [Fact]
    public async Task An_unexpected_error_is_retried_and_then_recorded_without_its_message()
    {
        const string canary = "sk-" + "canary-0000000000000000000000000000";
        await using var host = await StartAsync(nameof(GenerationActivities.WriteCode), new InvalidOperationException($"upstream said {canary}"));

        var state = await RunAsync(host, Template);

        Assert.Equal(3, calls.Count(call => call == nameof(GenerationActivities.WriteCode)));
        var failure = Assert.Single(failures);
        Assert.Equal(GenerationSteps.WriteCode, failure.Step);
        Assert.DoesNotContain(canary, failure.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, state.SerializedOutput ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(canary, state.SerializedCustomStatus ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_that_keeps_refusing_is_tried_six_times_on_durable_timers_and_then_reported_plainly()
    {
        await using var host = await StartAsync(nameof(GenerationActivities.DesignAgents), ProviderUnavailableException.Busy("OpenAI", "api.openai.com", 429, TimeSpan.FromSeconds(1)));

        await RunAsync(host, WithModel);

        Assert.Equal(GenerationOrchestration.TransientAttempts, calls.Count(call => call == nameof(GenerationActivities.DesignAgents)));
        Assert.Equal("OpenAI (api.openai.com) was rate limiting (HTTP 429) after 6 attempts; try again later.", Assert.Single(failures).Error);
    }

    [Fact]
    public async Task With_a_model_each_named_system_and_each_custom_tool_is_a_part_of_its_own_and_the_code_step_gets_every_body()
    {
        await using var host = await StartAsync(requirement: TwoSystems);

        var state = await RunAsync(host, WithModel);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(["Slack", "Zendesk"], assessed.Select(systems => Assert.Single(systems)).Order());
        Assert.Equal(["slack_api", "zendesk_api"], written.Order());
        Assert.All(Assert.Single(coded).Design.Roster.Tools, tool => Assert.Equal($"return '{tool.Name}'", tool.RunBody));
        var steps = state.ReadCustomStatusAs<WorkflowStatus>()!.Progress.Steps;
        Assert.Equal(["Zendesk", "Slack"], steps.Single(step => step.Name == GenerationSteps.Feasibility).Parts!.Select(part => part.Name));
        Assert.Equal(["zendesk_api", "slack_api"], steps.Single(step => step.Name == GenerationSteps.WriteCode).Parts!.Select(part => part.Name));
        Assert.All(steps, step => Assert.Equal(StepStatus.Completed, step.Status));
        // Two assessments of 10 tokens in each; the two bodies and the code step that joins them.
        Assert.Equal((20, 30), (steps.Single(step => step.Name == GenerationSteps.Feasibility).TokensIn, steps.Single(step => step.Name == GenerationSteps.WriteCode).TokensIn));
        Assert.Equal(["Zendesk", "Slack"], Assert.Single(packaged).Design.Integrations.Integrations.Select(system => system.Name)); // joined in the order named
    }

    [Fact]
    public async Task With_a_model_the_systems_the_requirement_names_are_assessed_while_the_analysis_is_made()
    {
        await using var host = await StartAsync(requirement: TwoSystems, assessedWhileAnalysing: 2);

        var state = await RunAsync(host, WithModel);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        // The analysis answered only after both assessments had been asked for (it gives up waiting after 20 s otherwise).
        Assert.Equal(nameof(GenerationActivities.Analyse), asked.Last());
        Assert.Equal(["Zendesk", "Slack"], Assert.Single(packaged).Design.Integrations.Integrations.Select(system => system.Name));
        var feasibility = state.ReadCustomStatusAs<WorkflowStatus>()!.Progress.Steps.Single(step => step.Name == GenerationSteps.Feasibility);
        Assert.Equal((StepStatus.Completed, 20L), (feasibility.Status, feasibility.TokensIn));
    }

    [Fact]
    public async Task When_an_early_assessment_and_the_analysis_both_fail_the_failure_recorded_is_the_analysis_with_its_own_message()
    {
        await using var host = await StartAsync(
            nameof(GenerationActivities.AssessIntegrations), new GenerationFailedException("Zendesk could not be assessed."), requirement: TwoSystems,
            assessedWhileAnalysing: 1, analysisFailure: new GenerationFailedException("The requirement could not be analysed."));

        await RunAsync(host, WithModel);

        var failure = Assert.Single(failures);
        Assert.Equal((GenerationSteps.Analyse, "The requirement could not be analysed."), (failure.Step, failure.Error));
        Assert.Equal(StepStatus.Failed, failure.Progress.Steps.Single(step => step.Name == GenerationSteps.Analyse).Status);
        Assert.DoesNotContain(nameof(GenerationActivities.DesignAgents), calls);
    }

    [Fact]
    public async Task A_system_only_the_analysis_names_is_assessed_after_it_and_an_early_assessment_it_does_not_name_is_left_out_of_the_report()
    {
        await using var host = await StartAsync(requirement: TwoSystems, analysed: ["Zendesk Support", "Acme Ledger"]);

        var state = await RunAsync(host, WithModel);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(["Acme Ledger", "Slack", "Zendesk"], assessed.Select(systems => Assert.Single(systems)).Order()); // "Zendesk Support" is Zendesk, assessed once
        Assert.Equal($"{nameof(GenerationActivities.AssessIntegrations)} Acme Ledger", asked.Last());
        Assert.Equal(["Zendesk"], Assert.Single(packaged).Design.Integrations.Integrations.Select(system => system.Name));
        var feasibility = state.ReadCustomStatusAs<WorkflowStatus>()!.Progress.Steps.Single(step => step.Name == GenerationSteps.Feasibility);
        Assert.Equal(["Zendesk", "Slack", "Acme Ledger"], feasibility.Parts!.Select(part => part.Name)); // every assessment made shows, and counts
        Assert.Equal(30, feasibility.TokensIn);
    }

    [Fact]
    public async Task A_workflow_begun_before_acceptance_read_the_named_systems_assesses_them_after_the_analysis_as_its_history_did()
    {
        await using var host = await StartAsync(requirement: TwoSystems);

        var state = await RunAsync(host, new GenerationInput(WithModel, TwoSystems));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(nameof(GenerationActivities.Analyse), asked.First());
        Assert.Equal(["Slack", "Zendesk"], assessed.Select(systems => Assert.Single(systems)).Order());
    }

    [Fact]
    public async Task One_after_another_the_same_activities_run_in_a_fixed_order()
    {
        await using var host = await StartAsync(requirement: TwoSystems);

        await RunAsync(host, WithModel, sequential: true);

        Assert.Equal(
            [nameof(GenerationActivities.Analyse), nameof(GenerationActivities.AssessIntegrations), nameof(GenerationActivities.AssessIntegrations),
             nameof(GenerationActivities.DesignAgents), nameof(GenerationActivities.DesignTasks), nameof(GenerationActivities.ReviewWithModel),
             nameof(GenerationActivities.WriteToolBody), nameof(GenerationActivities.WriteToolBody), nameof(GenerationActivities.WriteCode),
             nameof(GenerationActivities.Review), nameof(GenerationActivities.Gate), nameof(GenerationActivities.Document), nameof(GenerationActivities.Deploy), nameof(GenerationActivities.Package)],
            calls);
        Assert.Equal(["Zendesk", "Slack"], assessed.Select(systems => Assert.Single(systems)));
    }

    [Fact]
    public async Task A_part_that_fails_fails_its_step_and_the_parts_that_did_not_finish_are_marked_failed()
    {
        await using var host = await StartAsync(nameof(GenerationActivities.WriteToolBody), new GenerationFailedException("The tool 'zendesk_api' cannot be written."), requirement: TwoSystems);

        await RunAsync(host, WithModel);

        var failure = Assert.Single(failures);
        Assert.Equal((GenerationSteps.WriteCode, "The tool 'zendesk_api' cannot be written."), (failure.Step, failure.Error));
        var step = failure.Progress.Steps.Single(s => s.Name == GenerationSteps.WriteCode);
        Assert.Equal(StepStatus.Failed, step.Status);
        Assert.All(step.Parts!, part => Assert.Equal(StepStatus.Failed, part.Status));
        Assert.Equal(StepStatus.Completed, failure.Progress.Steps.Single(s => s.Name == GenerationSteps.DesignTasks).Status); // it ran beside them
        Assert.DoesNotContain(nameof(GenerationActivities.WriteCode), calls);
    }

    [Fact]
    public async Task A_failing_gate_sends_its_errors_to_the_repair_round_like_a_finding_and_the_passing_gate_reaches_the_documents()
    {
        await using var host = await StartAsync(gatePasses: round => round >= 1);

        var state = await RunAsync(host, WithModel);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(["Runnable gate: the crew did not build: KeyError: 'ghost'"], Assert.Single(repairs).Findings);
        Assert.Equal(2, calls.Count(call => call == nameof(GenerationActivities.Review))); // the repaired code is reviewed again before its gate
        Assert.Equal(2, calls.Count(call => call == nameof(GenerationActivities.Gate)));
        Assert.Equal("crew built · 8 tests passed · dry run completed in 3.1 s (round 1)", Assert.Single(documented).Review.Gate!.Line);
        var gate = state.ReadCustomStatusAs<WorkflowStatus>()!.Progress.Steps.Single(step => step.Name == GenerationSteps.Gate);
        Assert.Equal(StepStatus.Completed, gate.Status);
    }

    [Fact]
    public async Task One_after_another_a_failing_gate_is_repaired_the_same_way()
    {
        await using var host = await StartAsync(gatePasses: round => round >= 1);

        await RunAsync(host, WithModel, sequential: true);

        Assert.Equal(
            [nameof(GenerationActivities.WriteCode), nameof(GenerationActivities.Review), nameof(GenerationActivities.Gate),
             nameof(GenerationActivities.Repair), nameof(GenerationActivities.ReviewWithModel), nameof(GenerationActivities.Review), nameof(GenerationActivities.Gate),
             nameof(GenerationActivities.Document), nameof(GenerationActivities.Deploy), nameof(GenerationActivities.Package)],
            calls.SkipWhile(call => call != nameof(GenerationActivities.WriteCode)));
        Assert.Equal(["Runnable gate: the crew did not build: KeyError: 'ghost'"], Assert.Single(repairs).Findings);
    }

    [Fact]
    public async Task A_gate_failing_on_the_last_chance_fails_the_generation_at_the_gate_step_which_records_the_failure()
    {
        await using var host = await StartAsync(nameof(GenerationActivities.Gate), new GenerationFailedException("The generated crew did not pass the runnable gate: KeyError"));

        var state = await RunAsync(host, Template);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        var failure = Assert.Single(failures);
        Assert.Equal((GenerationSteps.Gate, "The generated crew did not pass the runnable gate: KeyError"), (failure.Step, failure.Error));
        Assert.DoesNotContain(nameof(GenerationActivities.Package), calls);
        Assert.Empty(repairs); // template mode has nothing to repair with
    }

    private const string TwoSystems = "A crew that reads new Zendesk tickets and posts a summary of each to Slack.";

    private Task<OrchestrationMetadata> RunAsync(DurableTaskTestHost host, GenerationRef generation, bool sequential = false) =>
        RunAsync(host, GenerationOrchestration.InputFor(generation, requirement, sequential));

    private static async Task<OrchestrationMetadata> RunAsync(DurableTaskTestHost host, GenerationInput input)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(GenerationOrchestration.Name, input);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    private Task<DurableTaskTestHost> StartAsync(
        string? failingActivity = null, Exception? failure = null, Func<int, bool>? reviewPasses = null, Func<int, bool>? gatePasses = null,
        string requirement = "A crew that triages our support inbox and drafts replies.", IReadOnlyList<string>? analysed = null, int assessedWhileAnalysing = 0,
        Exception? analysisFailure = null)
    {
        this.requirement = requirement;
        var (design, project) = TemplateProject.Generate(requirement);
        // The systems the template found (or those given), named by the analysis as a model's would be.
        design = design with { Analysis = design.Analysis with { Integrations = analysed ?? [.. design.Integrations.Integrations.Select(system => system.Name)] } };
        var code = new CodeResult(design, project);

        StepOutcome<T> Step<T>(string name, T result)
        {
            calls.Enqueue(name);
            return name == failingActivity ? throw failure! : new StepOutcome<T>(result, new StepRecord($"{name} done.", "gpt-4o-mini", 10, 5, 0.01m));
        }

        // The model's review of each round, beside its checks: rounds are reviewed one after another.
        var modelReviews = 0;
        ModelReview ModelReview()
        {
            var passes = reviewPasses?.Invoke(Interlocked.Increment(ref modelReviews) - 1) ?? true;
            return new ModelReview(passes ? "pass" : "revise", "ok", passes ? [] : ["add a task that drafts the replies"]);
        }

        GateResult Gate(GateInput input) => gatePasses?.Invoke(input.Round) ?? true
            ? new GateResult(GateVerdict.Passed, $"crew built · 8 tests passed · dry run completed in 3.1 s (round {input.Round})", [])
            : GateResult.Failure("the crew did not build: KeyError: 'ghost'");

        return DurableTaskTestHost.StartAsync(tasks =>
        {
            tasks.AddOrchestratorFunc<GenerationInput, PackagedArtifact?>(GenerationOrchestration.Name, (context, input) => GenerationOrchestration.RunAsync(context, input!));
            // The analysis answers once the given number of assessments were asked for, or gives up waiting for them.
            tasks.AddActivityFunc<GenerationInput, StepOutcome<RequirementAnalysis>>(nameof(GenerationActivities.Analyse), async (_, _) =>
            {
                if (assessedWhileAnalysing > 0)
                {
                    await Task.WhenAny(enoughAssessed.Task, Task.Delay(TimeSpan.FromSeconds(20)));
                }

                asked.Enqueue(nameof(GenerationActivities.Analyse));
                return analysisFailure is null ? Step(nameof(GenerationActivities.Analyse), design.Analysis) : throw analysisFailure;
            });
            tasks.AddActivityFunc<FeasibilityInput, StepOutcome<FeasibilityReport>>(nameof(GenerationActivities.AssessIntegrations), (_, input) =>
            {
                assessed.Enqueue(input.Systems);
                asked.Enqueue($"{nameof(GenerationActivities.AssessIntegrations)} {string.Join(", ", input.Systems)}");
                if (assessed.Count >= assessedWhileAnalysing)
                {
                    enoughAssessed.TrySetResult();
                }

                return Step(nameof(GenerationActivities.AssessIntegrations), new FeasibilityReport([.. design.Integrations.Integrations.Where(system => input.Systems.Contains(system.Name))]));
            });
            tasks.AddActivityFunc<DesignAgentsInput, StepOutcome<AgentRoster>>(nameof(GenerationActivities.DesignAgents), (_, _) => Step(nameof(GenerationActivities.DesignAgents), design.Roster));
            tasks.AddActivityFunc<DesignTasksInput, StepOutcome<TaskPlan>>(nameof(GenerationActivities.DesignTasks), (_, _) => Step(nameof(GenerationActivities.DesignTasks), design.Plan));
            tasks.AddActivityFunc<WriteCodeInput, StepOutcome<CodeResult>>(nameof(GenerationActivities.WriteCode), (_, input) =>
            {
                coded.Enqueue(input);
                return Step(nameof(GenerationActivities.WriteCode), code with { Design = input.Design });
            });
            tasks.AddActivityFunc<WriteCodeInput, StepOutcome<CodeResult>>(nameof(GenerationActivities.Repair), (_, input) =>
            {
                repairs.Enqueue(input);
                return Step(nameof(GenerationActivities.Repair), code);
            });
            tasks.AddActivityFunc<ReviewInput, StepOutcome<ReviewReport>>(nameof(GenerationActivities.Review), (_, input) =>
                Step(nameof(GenerationActivities.Review), new ReviewReport(input.Round, [new ReviewCheck("Names bind", [])], null, "test")));
            tasks.AddActivityFunc<ModelReviewInput, StepOutcome<ModelReview>>(nameof(GenerationActivities.ReviewWithModel), (_, _) => Step(nameof(GenerationActivities.ReviewWithModel), ModelReview()));
            tasks.AddActivityFunc<WriteToolInput, StepOutcome<CustomTool>>(nameof(GenerationActivities.WriteToolBody), (_, input) =>
            {
                written.Enqueue(input.Tool.Name);
                return Step(nameof(GenerationActivities.WriteToolBody), input.Tool with { RunBody = $"return '{input.Tool.Name}'" });
            });
            tasks.AddActivityFunc<GateInput, StepOutcome<GateResult>>(nameof(GenerationActivities.Gate), (_, input) => Step(nameof(GenerationActivities.Gate), Gate(input)));
            tasks.AddActivityFunc<DocumentInput, StepOutcome<IReadOnlyList<ProjectFile>>>(nameof(GenerationActivities.Document), (_, input) =>
            {
                documented.Enqueue(input);
                return Step<IReadOnlyList<ProjectFile>>(nameof(GenerationActivities.Document), [new("README.md", "# Crew")]);
            });
            tasks.AddActivityFunc<DeployInput, StepOutcome<IReadOnlyList<ProjectFile>>>(nameof(GenerationActivities.Deploy), (_, _) => Step<IReadOnlyList<ProjectFile>>(nameof(GenerationActivities.Deploy), [new("Dockerfile", "FROM python:3.12-slim")]));
            tasks.AddActivityFunc<ProjectInput, StepOutcome<PackagedArtifact>>(nameof(GenerationActivities.Package), (_, input) =>
            {
                packaged.Enqueue(input);
                return Step(nameof(GenerationActivities.Package), new PackagedArtifact("blob.zip", input.Project.PackageName, []));
            });
            tasks.AddActivityFunc<FailureInput, bool>(nameof(GenerationActivities.RecordFailure), (_, input) =>
            {
                failures.Enqueue(input);
                return true;
            });
        }, new DurableTaskTestHostOptions { Port = FreePort.Next() });
    }
}
