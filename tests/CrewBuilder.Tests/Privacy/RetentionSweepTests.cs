using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Privacy;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Privacy;

public sealed class RetentionSweepTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Anonymous_generations_past_the_retention_period_are_deleted_with_their_projects_and_nothing_else()
    {
        using var core = new CoreServices(Now.AddDays(-100)); // the fake clock only moves forward: oldest first
        var usersOld = await CompletedGenerationAsync(core, "u-someone", Now.AddDays(-90));
        var old = await CompletedGenerationAsync(core, Caller.AnonymousTenant, Now.AddDays(-31));
        var recent = await CompletedGenerationAsync(core, Caller.AnonymousTenant, Now.AddDays(-29));
        core.Time.SetUtcNow(Now);

        var deleted = await core.Get<RetentionSweep>().RunAsync(CancellationToken.None);

        var store = core.Get<GenerationStore>();
        Assert.Equal(1, deleted);
        Assert.Null(await store.FindAsync(Caller.AnonymousTenant, old.GenerationId, CancellationToken.None));
        Assert.NotNull(await store.FindAsync(Caller.AnonymousTenant, recent.GenerationId, CancellationToken.None));
        Assert.NotNull(await store.FindAsync("u-someone", usersOld.GenerationId, CancellationToken.None));
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => core.Get<ArtifactStore>().OpenAsync(ArtifactStore.BlobName(old), CancellationToken.None));
        await using var kept = await core.Get<ArtifactStore>().OpenAsync(ArtifactStore.BlobName(recent), CancellationToken.None);
        Assert.True(kept.Length > 0);
    }

    [Fact]
    public async Task Running_the_sweep_again_deletes_nothing_more()
    {
        using var core = new CoreServices(Now.AddDays(-100));
        await CompletedGenerationAsync(core, Caller.AnonymousTenant, Now.AddDays(-40));
        core.Time.SetUtcNow(Now);
        var sweep = core.Get<RetentionSweep>();

        Assert.Equal(1, await sweep.RunAsync(CancellationToken.None));
        Assert.Equal(0, await sweep.RunAsync(CancellationToken.None));
    }

    private static async Task<GenerationRef> CompletedGenerationAsync(CoreServices core, string tenant, DateTimeOffset createdAt)
    {
        core.Time.SetUtcNow(createdAt);
        var generation = new GenerationRef(Core.Storage.TimeOrderedId.New(createdAt), tenant, GenerationMode.Template);
        await core.Get<GenerationStore>().AddAsync(generation, "A crew that triages our support inbox.", null, null, CancellationToken.None);
        var blob = ArtifactStore.BlobName(generation);
        await core.Get<ArtifactStore>().SaveAsync(blob, [1, 2, 3], CancellationToken.None);
        await core.Get<GenerationStore>().CompletedAsync(generation, new PackagedArtifact(blob, "crew", []), WorkflowProgress.NotStarted, CancellationToken.None);
        return generation;
    }
}
