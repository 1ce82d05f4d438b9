using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Generation;

/// <summary>The generation index in Table Storage; every call is scoped to one tenant's partition.</summary>
public sealed class GenerationStore(StorageClients storage, TimeProvider time)
{
    public const string TableName = "generations";

    public async Task AddAsync(GenerationRef generation, string requirement, string? accessTokenHash, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.AddEntityAsync(GenerationEntity.New(generation, requirement, accessTokenHash, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>One page of a tenant's generations, newest first (their ids sort that way).</summary>
    public async Task<GenerationPage> ListAsync(string tenantId, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var pages = table.QueryAsync<GenerationEntity>(e => e.PartitionKey == tenantId, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize);
        await foreach (var page in pages)
        {
            return new GenerationPage([.. page.Values.Select(entity => entity.ToSummary())], page.ContinuationToken);
        }

        return new GenerationPage([], null);
    }

    public async Task<GenerationEntity?> FindAsync(string tenantId, string generationId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var response = await table.GetEntityIfExistsAsync<GenerationEntity>(tenantId, generationId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Every generation of a tenant created before <paramref name="before"/> (all of them when null).</summary>
    public async IAsyncEnumerable<GenerationEntity> ListAllAsync(
        string tenantId, DateTimeOffset? before, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var olderThan = before is null ? "" : TimeOrderedId.TimePart(before.Value);
        await foreach (var entity in table.QueryAsync<GenerationEntity>(
            e => e.PartitionKey == tenantId && e.RowKey.CompareTo(olderThan) > 0, cancellationToken: cancellationToken))
        {
            yield return entity;
        }
    }

    public async Task DeleteAsync(string tenantId, string generationId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.DeleteEntityAsync(tenantId, generationId, Azure.ETag.All, cancellationToken);
    }

    public Task StepStartedAsync(GenerationRef generation, string step, CancellationToken cancellationToken) =>
        UpdateAsync(generation, entity =>
        {
            entity.StatusValue = GenerationStatus.Running;
            return ChangeStep(entity, step, current => current.Status == StepStatus.Completed
                ? current
                : current with { Status = StepStatus.Running, StartedAt = current.StartedAt ?? time.GetUtcNow() });
        }, cancellationToken);

    /// <summary>Marks the step done and adds the tokens it spent, once: a repeated completion changes nothing.</summary>
    public Task StepCompletedAsync(GenerationRef generation, string step, Llm.LlmTokens tokens, CancellationToken cancellationToken) =>
        UpdateAsync(generation, entity =>
        {
            if (entity.ReadSteps().Any(s => s.Name == step && s.Status == StepStatus.Completed))
            {
                return false;
            }

            (entity.TokensIn, entity.TokensOut, entity.Model) = (entity.TokensIn + tokens.Input, entity.TokensOut + tokens.Output, tokens.Model ?? entity.Model);
            return ChangeStep(entity, step, current => current with { Status = StepStatus.Completed, CompletedAt = time.GetUtcNow() });
        }, cancellationToken);

    public Task<GenerationEntity> CompletedAsync(GenerationRef generation, PackagedArtifact artifact, CancellationToken cancellationToken) =>
        UpdateAsync(generation, entity =>
        {
            entity.StatusValue = GenerationStatus.Completed;
            entity.CompletedAt ??= time.GetUtcNow();
            entity.ArtifactBlob = artifact.BlobName;
            entity.PackageName = artifact.PackageName;
            entity.WriteFiles(artifact.Files);
            return true;
        }, cancellationToken);

    public Task<GenerationEntity> FailedAsync(GenerationRef generation, string? step, string error, CancellationToken cancellationToken) =>
        UpdateAsync(generation, entity =>
        {
            entity.StatusValue = GenerationStatus.Failed;
            entity.CompletedAt ??= time.GetUtcNow();
            entity.Error = error;
            if (step is not null)
            {
                ChangeStep(entity, step, current => current with { Status = StepStatus.Failed });
            }

            return true;
        }, cancellationToken);

    private static bool ChangeStep(GenerationEntity entity, string step, Func<StepProgress, StepProgress> change)
    {
        var steps = entity.ReadSteps();
        var index = steps.FindIndex(s => s.Name == step);
        if (index < 0)
        {
            throw new ArgumentException($"Unknown step '{step}'.", nameof(step));
        }

        steps[index] = change(steps[index]);
        entity.WriteSteps(steps);
        return true;
    }

    private async Task<GenerationEntity> UpdateAsync(GenerationRef generation, Func<GenerationEntity, bool> change, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        return await table.UpdateAsync(generation.TenantId, generation.GenerationId, change, cancellationToken)
            ?? throw new InvalidOperationException($"Generation {generation.GenerationId} is not in the index.");
    }

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);
}
