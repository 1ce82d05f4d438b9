using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Storage;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Generation;

/// <summary>
/// The generation index: a row written when the generation starts and when it ends; while it runs, what people see
/// of its steps is its workflow's progress.
/// </summary>
public sealed class GenerationStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly StepRecord Spent = new("Done.", "gpt-4o-mini", 100, 40, 0.02m);
    private readonly CoreServices core = new(Now);

    private GenerationStore Store => core.Get<GenerationStore>();

    [Fact]
    public async Task A_running_generation_shows_its_workflow_progress_and_one_not_started_shows_it_queued()
    {
        var generation = await AddAsync();
        var entity = (await Store.FindAsync(generation.TenantId, generation.GenerationId, CancellationToken.None))!;
        var live = TwoStepsDone();

        Assert.Equal(GenerationStatus.Queued, entity.ToView().Status);
        var view = entity.ToView(live);
        Assert.Equal(GenerationStatus.Running, view.Status);
        Assert.Equal([StepStatus.Completed, StepStatus.Completed, StepStatus.Running], view.Steps.Take(3).Select(step => step.Status));
        Assert.Equal((200, 80, 0.04m, "gpt-4o-mini"), (view.Cost!.TokensIn, view.Cost.TokensOut, view.Cost.CostUsd, view.Model));
        Assert.Equal(20, view.Progress); // 2 of 10 steps
        Assert.Equal(GenerationStatus.Running, entity.ToSummary(live).Status);
    }

    [Fact]
    public async Task A_completed_generation_keeps_the_progress_it_completed_with_whatever_is_published_later()
    {
        var generation = await AddAsync();
        var done = GenerationSteps.All.Aggregate(WorkflowProgress.NotStarted, (progress, step) => progress.Started(step, Now).Recorded(step, Spent, true, Now));

        await Store.CompletedAsync(generation, new PackagedArtifact("blob", "crew", []), done, CancellationToken.None);

        var view = (await Store.FindAsync(generation.TenantId, generation.GenerationId, CancellationToken.None))!.ToView(TwoStepsDone());
        Assert.Equal(GenerationStatus.Completed, view.Status);
        Assert.All(view.Steps, step => Assert.Equal(StepStatus.Completed, step.Status));
        Assert.Equal((1000, 100), (view.Cost!.TokensIn, view.Progress));
    }

    [Fact]
    public async Task Cancelling_keeps_how_far_the_workflow_got_and_nothing_the_workflow_writes_afterwards_changes_it()
    {
        var generation = await AddAsync();

        Assert.NotNull(await Store.CancelledAsync(generation, TwoStepsDone(), CancellationToken.None));
        Assert.Null(await Store.CancelledAsync(generation, TwoStepsDone(), CancellationToken.None));
        await Store.CompletedAsync(generation, new PackagedArtifact("blob", "crew", []), TwoStepsDone(), CancellationToken.None);
        await Store.FailedAsync(generation, "late", TwoStepsDone(), CancellationToken.None);

        var view = (await Store.FindAsync(generation.TenantId, generation.GenerationId, CancellationToken.None))!.ToView();
        Assert.Equal(GenerationStatus.Cancelled, view.Status);
        Assert.Equal([StepStatus.Completed, StepStatus.Completed, StepStatus.Failed, StepStatus.Pending], view.Steps.Take(4).Select(step => step.Status));
        Assert.Equal(200, view.Cost!.TokensIn);
        Assert.Null(view.Error);
    }

    [Fact]
    public async Task A_generation_that_could_not_start_fails_with_its_steps_not_started()
    {
        var generation = await AddAsync();

        await Store.FailedAsync(generation, "The generation could not be started. Please try again.", null, CancellationToken.None);

        var view = (await Store.FindAsync(generation.TenantId, generation.GenerationId, CancellationToken.None))!.ToView();
        Assert.Equal(GenerationStatus.Failed, view.Status);
        Assert.All(view.Steps, step => Assert.Equal(StepStatus.Pending, step.Status));
    }

    private static WorkflowProgress TwoStepsDone() =>
        WorkflowProgress.NotStarted
            .Started(GenerationSteps.Analyse, Now).Recorded(GenerationSteps.Analyse, Spent, true, Now)
            .Started(GenerationSteps.Feasibility, Now).Recorded(GenerationSteps.Feasibility, Spent, true, Now)
            .Started(GenerationSteps.DesignAgents, Now);

    private async Task<GenerationRef> AddAsync()
    {
        var generation = new GenerationRef(TimeOrderedId.New(Now), "user-" + Guid.NewGuid().ToString("N")[..8], GenerationMode.Llm);
        await Store.AddAsync(generation, "A crew that triages our support inbox and drafts replies.", null, null, CancellationToken.None);
        return generation;
    }

    public void Dispose() => core.Dispose();
}
