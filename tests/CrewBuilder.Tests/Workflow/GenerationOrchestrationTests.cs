using System.Collections.Concurrent;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Tests.Generation;
using CrewBuilder.Tests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace CrewBuilder.Tests.Workflow;

/// <summary>The orchestrator's decisions, run in-process with stand-in activities that record what they were asked.</summary>
public sealed class GenerationOrchestrationTests
{
    private static readonly GenerationRef Generation = new("0123456789abcdef0123456789abcdef", "tenant", GenerationMode.Template);

    private readonly ConcurrentQueue<string> calls = new();
    private readonly ConcurrentQueue<FailureInput> failures = new();

    [Fact]
    public async Task Steps_run_in_order_and_the_packaged_artifact_is_the_result()
    {
        await using var host = await StartAsync(failingActivity: null, failure: null);

        var state = await RunAsync(host);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("blob.zip", state.ReadOutputAs<PackagedArtifact>()!.BlobName);
        Assert.Equal(
            [nameof(GenerationActivities.Analyse), nameof(GenerationActivities.DesignAgents), nameof(GenerationActivities.DesignTasks),
             nameof(GenerationActivities.WriteCode), nameof(GenerationActivities.Validate), nameof(GenerationActivities.Document),
             nameof(GenerationActivities.Package)],
            calls);
        Assert.Equal(new WorkflowStatus(GenerationSteps.Package, 7, 7), state.ReadCustomStatusAs<WorkflowStatus>());
        Assert.Empty(failures);
    }

    [Fact]
    public async Task A_generation_failure_is_recorded_at_its_step_with_its_message_once_and_later_steps_do_not_run()
    {
        await using var host = await StartAsync(nameof(GenerationActivities.Validate), new GenerationFailedException("Task 'x' names agent 'ghost'."));

        var state = await RunAsync(host);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        var failure = Assert.Single(failures);
        Assert.Equal(new FailureInput(Generation, GenerationSteps.Validate, "Task 'x' names agent 'ghost'."), failure);
        Assert.Single(calls, nameof(GenerationActivities.Validate));
        Assert.DoesNotContain(nameof(GenerationActivities.Document), calls);
        Assert.DoesNotContain(nameof(GenerationActivities.Package), calls);
    }

    [Fact]
    public async Task An_unexpected_error_is_retried_and_then_recorded_without_its_message()
    {
        const string canary = "sk-" + "canary-0000000000000000000000000000";
        await using var host = await StartAsync(nameof(GenerationActivities.WriteCode), new InvalidOperationException($"upstream said {canary}"));

        var state = await RunAsync(host);

        Assert.Equal(3, calls.Count(call => call == nameof(GenerationActivities.WriteCode)));
        var failure = Assert.Single(failures);
        Assert.Equal(GenerationSteps.WriteCode, failure.Step);
        Assert.DoesNotContain(canary, failure.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, state.SerializedOutput ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(canary, state.SerializedCustomStatus ?? "", StringComparison.Ordinal);
    }

    private static async Task<OrchestrationMetadata> RunAsync(DurableTaskTestHost host)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(
            GenerationOrchestration.Name, new GenerationInput(Generation, "A crew that triages our support inbox and drafts replies."));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    private Task<DurableTaskTestHost> StartAsync(string? failingActivity, Exception? failure)
    {
        var (design, project) = TemplateProject.Generate("A crew that triages our support inbox and drafts replies.");

        T Step<T>(string name, T result)
        {
            calls.Enqueue(name);
            return name == failingActivity ? throw failure! : result;
        }

        return DurableTaskTestHost.StartAsync(tasks =>
        {
            tasks.AddOrchestratorFunc<GenerationInput, PackagedArtifact?>(GenerationOrchestration.Name, (context, input) => GenerationOrchestration.RunAsync(context, input!));
            tasks.AddActivityFunc<GenerationInput, RequirementAnalysis>(nameof(GenerationActivities.Analyse), (_, _) => Step(nameof(GenerationActivities.Analyse), design.Analysis));
            tasks.AddActivityFunc<DesignAgentsInput, AgentRoster>(nameof(GenerationActivities.DesignAgents), (_, _) => Step(nameof(GenerationActivities.DesignAgents), design.Roster));
            tasks.AddActivityFunc<DesignTasksInput, TaskPlan>(nameof(GenerationActivities.DesignTasks), (_, _) => Step(nameof(GenerationActivities.DesignTasks), design.Plan));
            tasks.AddActivityFunc<WriteCodeInput, GeneratedProject>(nameof(GenerationActivities.WriteCode), (_, _) => Step(nameof(GenerationActivities.WriteCode), project));
            tasks.AddActivityFunc<ProjectInput, GeneratedProject>(nameof(GenerationActivities.Validate), (_, input) => Step(nameof(GenerationActivities.Validate), input.Project));
            tasks.AddActivityFunc<ProjectInput, GeneratedProject>(nameof(GenerationActivities.Document), (_, input) => Step(nameof(GenerationActivities.Document), input.Project));
            tasks.AddActivityFunc<ProjectInput, PackagedArtifact>(nameof(GenerationActivities.Package), (_, input) => Step(nameof(GenerationActivities.Package), new PackagedArtifact("blob.zip", input.Project.PackageName, [])));
            tasks.AddActivityFunc<FailureInput, bool>(nameof(GenerationActivities.RecordFailure), (_, input) =>
            {
                failures.Enqueue(input);
                return true;
            });
        }, new DurableTaskTestHostOptions { Port = FreePort.Next() });
    }
}
