using Azure.Data.Tables;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Generation;

/// <summary>
/// The generation index in Table Storage; every call is scoped to one tenant's partition. A generation's row is
/// written when it starts and when it ends; while it runs, its steps' progress is its workflow's
/// (<see cref="WorkflowProgress"/>), and the row takes that progress when it ends.
/// </summary>
public sealed class GenerationStore(StorageClients storage, TimeProvider time) : IReservationHolders
{
    /// <summary>The generations one tenant starts at once are added in one transaction; 50 new rows stay well inside its 4 MiB.</summary>
    private readonly PartitionBatches newRows = new(maxRows: 50);

    public const string TableName = "generations";

    /// <param name="organisationName">The name of the organisation whose key pays, as it was when the generation started.</param>
    public async Task AddAsync(
        GenerationRef generation, string requirement, string? accessTokenHash, string? parentId, CancellationToken cancellationToken, string? organisationName = null)
    {
        var table = await TableAsync(cancellationToken);
        var entity = GenerationEntity.New(generation, requirement, accessTokenHash, time.GetUtcNow(), parentId);
        entity.OrganisationName = organisationName;
        await newRows.AddAsync(table, entity);
    }

    /// <summary>Records the person's rating of an ended generation (a new rating replaces the old); null while it is still running.</summary>
    public async Task<GenerationEntity?> RatedAsync(string tenantId, string generationId, int stars, string? comment, CancellationToken cancellationToken)
    {
        var rated = await (await TableAsync(cancellationToken)).UpdateAsync<GenerationEntity>(tenantId, generationId, entity =>
        {
            if (entity.Ended)
            {
                (entity.RatingStars, entity.RatingComment, entity.RatedAt) = (stars, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), time.GetUtcNow());
            }

            return entity.Ended;
        }, cancellationToken);
        return rated is not null && rated.Ended ? rated : null;
    }

    /// <summary>Gives a generation of the tenant its name; null when there is no such generation.</summary>
    public async Task<GenerationEntity?> RenamedAsync(string tenantId, string generationId, string name, CancellationToken cancellationToken) =>
        await (await TableAsync(cancellationToken)).UpdateAsync<GenerationEntity>(tenantId, generationId, entity =>
        {
            entity.Name = name;
            return true;
        }, cancellationToken);

    /// <summary>One page of a tenant's generations, newest first (their ids sort that way), and where the next begins.</summary>
    public async Task<(IReadOnlyList<GenerationEntity> Page, string? ContinuationToken)> ListAsync(
        string tenantId, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var pages = table.QueryAsync<GenerationEntity>(e => e.PartitionKey == tenantId, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize);
        await foreach (var page in pages)
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    public async Task<GenerationEntity?> FindAsync(string tenantId, string generationId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var response = await table.GetEntityIfExistsAsync<GenerationEntity>(tenantId, generationId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    public async Task<ReservationHolder> StandingAsync(string tenantId, string generationId, CancellationToken cancellationToken) =>
        (await FindAsync(tenantId, generationId, cancellationToken))?.StatusValue switch
        {
            GenerationStatus.Completed => ReservationHolder.Completed,
            null or GenerationStatus.Failed or GenerationStatus.Cancelled => ReservationHolder.EndedWithoutCompleting,
            _ => ReservationHolder.Running,
        };

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

    /// <summary>The generation completed with its package, and its steps as its workflow recorded them.</summary>
    public Task<GenerationEntity> CompletedAsync(GenerationRef generation, PackagedArtifact artifact, WorkflowProgress progress, CancellationToken cancellationToken) =>
        UpdateAsync(generation, entity =>
        {
            if (entity.StatusValue == GenerationStatus.Cancelled)
            {
                return false;
            }

            entity.StatusValue = GenerationStatus.Completed;
            entity.CompletedAt ??= time.GetUtcNow();
            entity.ArtifactBlob = artifact.BlobName;
            entity.PackageName = artifact.PackageName;
            entity.WriteFiles(artifact.Files);
            entity.WriteSummary(artifact.Summary);
            entity.WriteProgress(progress);
            return true;
        }, cancellationToken);

    /// <summary>The generation failed; <paramref name="progress"/> is how far its workflow got, when it got started.</summary>
    public Task<GenerationEntity> FailedAsync(GenerationRef generation, string error, WorkflowProgress? progress, CancellationToken cancellationToken) =>
        UpdateAsync(generation, entity =>
        {
            if (entity.StatusValue == GenerationStatus.Cancelled)
            {
                return false;
            }

            entity.StatusValue = GenerationStatus.Failed;
            entity.CompletedAt ??= time.GetUtcNow();
            entity.Error = error;
            if (progress is not null)
            {
                entity.WriteProgress(progress);
            }

            return true;
        }, cancellationToken);

    /// <summary>
    /// Stops a generation that has not ended, keeping how far its workflow got (<paramref name="progress"/>, what was
    /// running marked as not finished): the cancelled generation when this call stopped it, else null.
    /// </summary>
    public async Task<GenerationEntity?> CancelledAsync(GenerationRef generation, WorkflowProgress? progress, CancellationToken cancellationToken)
    {
        var stopped = false;
        var entity = await UpdateAsync(generation, entity =>
        {
            stopped = !entity.Ended;
            if (stopped)
            {
                entity.StatusValue = GenerationStatus.Cancelled;
                entity.CompletedAt = time.GetUtcNow();
                entity.WriteProgress((progress ?? entity.ReadProgress()).Stopped());
            }

            return stopped;
        }, cancellationToken);
        return stopped ? entity : null;
    }

    private async Task<GenerationEntity> UpdateAsync(GenerationRef generation, Func<GenerationEntity, bool> change, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        return await table.UpdateAsync(generation.TenantId, generation.GenerationId, change, cancellationToken)
            ?? throw new InvalidOperationException($"Generation {generation.GenerationId} is not in the index.");
    }

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);
}
