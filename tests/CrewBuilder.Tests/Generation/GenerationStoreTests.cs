using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Llm;
using CrewBuilder.Core.Storage;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Generation;

/// <summary>
/// The generation index as two instances of the app see it: one records a generation's steps from the row it last
/// wrote, the other (the API, say) changes the row meanwhile. Nothing either writes may be lost or undone.
/// </summary>
public sealed class GenerationStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly LlmTokens Spent = new("gpt-4o-mini", 100, 40);
    private readonly CoreServices workflowInstance = new(Now);
    private readonly CoreServices apiInstance;

    public GenerationStoreTests() =>
        apiInstance = new CoreServices(Now, new Dictionary<string, string?> { ["Storage:Prefix"] = workflowInstance.StoragePrefix });

    private GenerationStore Workflow => workflowInstance.Get<GenerationStore>();

    private GenerationStore Api => apiInstance.Get<GenerationStore>();

    [Fact]
    public async Task Steps_recorded_one_after_another_add_up_and_mark_the_next_step_running()
    {
        var generation = await AddAsync();

        await Workflow.StepStartedAsync(generation, GenerationSteps.Analyse, CancellationToken.None);
        await Workflow.StepRecordedAsync(generation, GenerationSteps.Analyse, GenerationSteps.Analyse, Spent, "Analysed.", true, CancellationToken.None);
        await Workflow.StepRecordedAsync(generation, GenerationSteps.Feasibility, GenerationSteps.Feasibility, Spent, "Assessed.", true, CancellationToken.None);
        await Workflow.StepRecordedAsync(generation, GenerationSteps.Feasibility, GenerationSteps.Feasibility, Spent, "Assessed.", true, CancellationToken.None);

        var view = (await Api.FindAsync(generation.TenantId, generation.GenerationId, CancellationToken.None))!.ToView();
        Assert.Equal(GenerationStatus.Running, view.Status);
        Assert.Equal([StepStatus.Completed, StepStatus.Completed, StepStatus.Running], view.Steps.Take(3).Select(step => step.Status));
        Assert.Equal(200, view.Cost!.TokensIn); // the repeated call counted once
    }

    [Fact]
    public async Task A_generation_cancelled_elsewhere_takes_no_step_recorded_afterwards()
    {
        var generation = await AddAsync();
        await Workflow.StepStartedAsync(generation, GenerationSteps.Analyse, CancellationToken.None);

        Assert.NotNull(await Api.CancelledAsync(generation, CancellationToken.None));
        await Workflow.StepRecordedAsync(generation, GenerationSteps.Analyse, GenerationSteps.Analyse, Spent, "Analysed.", true, CancellationToken.None);
        await Workflow.CompletedAsync(generation, new PackagedArtifact("blob", "crew", []), "Packaged.", CancellationToken.None);

        var view = (await Api.FindAsync(generation.TenantId, generation.GenerationId, CancellationToken.None))!.ToView();
        Assert.Equal(GenerationStatus.Cancelled, view.Status);
        Assert.Equal(StepStatus.Failed, view.Steps[0].Status);
        Assert.Null(view.Steps[0].Summary);
        Assert.Equal(0, view.Cost!.TokensIn);
    }

    private async Task<GenerationRef> AddAsync()
    {
        var generation = new GenerationRef(TimeOrderedId.New(Now), "user-" + Guid.NewGuid().ToString("N")[..8], GenerationMode.Llm);
        await Api.AddAsync(generation, "A crew that triages our support inbox and drafts replies.", null, null, CancellationToken.None);
        return generation;
    }

    public void Dispose()
    {
        workflowInstance.Dispose();
        apiInstance.Dispose();
    }
}
