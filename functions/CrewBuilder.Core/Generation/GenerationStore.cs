using System.Collections.Concurrent;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Generation;

/// <summary>
/// The generation index in Table Storage; every call is scoped to one tenant's partition.
/// A running generation's row as this instance last wrote it is kept, so the next step's record is a single write
/// under that ETag rather than a read and a write (its workflow writes step after step, and mostly nobody else does).
/// </summary>
public sealed class GenerationStore(StorageClients storage, TimeProvider time)
{
    public const string TableName = "generations";

    /// <summary>More running generations than this on one instance is unusual: past it, the rows are read again.</summary>
    private const int MostRemembered = 1_000;

    private readonly ConcurrentDictionary<string, GenerationEntity> lastWritten = new();

    public async Task AddAsync(GenerationRef generation, string requirement, string? accessTokenHash, string? parentId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var entity = GenerationEntity.New(generation, requirement, accessTokenHash, time.GetUtcNow(), parentId);
        entity.ETag = (await table.AddEntityAsync(entity, cancellationToken)).Headers.ETag ?? default;
        Remember(entity);
    }

    /// <summary>Records the person's rating of an ended generation (a new rating replaces the old); null while it is still running.</summary>
    public async Task<GenerationEntity?> RatedAsync(string tenantId, string generationId, int stars, string? comment, CancellationToken cancellationToken)
    {
        var rated = await (await TableAsync(cancellationToken)).UpdateAsync<GenerationEntity>(tenantId, generationId, entity =>
        {
            if (Ended(entity))
            {
                (entity.RatingStars, entity.RatingComment, entity.RatedAt) = (stars, string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), time.GetUtcNow());
            }

            return Ended(entity);
        }, cancellationToken);
        return rated is not null && Ended(rated) ? rated : null;
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

    /// <summary>A step began; a generation that has already ended (cancelled, say) stays as it ended.</summary>
    public Task StepStartedAsync(GenerationRef generation, string step, CancellationToken cancellationToken) =>
        UpdateAsync(generation, entity =>
        {
            if (Ended(entity))
            {
                return false;
            }

            entity.StatusValue = GenerationStatus.Running;
            return ChangeStep(entity, step, Started);
        }, cancellationToken);

    private StepProgress Started(StepProgress current) =>
        current.Status == StepStatus.Completed ? current : current with { Status = StepStatus.Running, StartedAt = current.StartedAt ?? time.GetUtcNow() };

    /// <summary>
    /// Adds the tokens one call of a step spent and its summary, once per call (a retried call changes nothing), and
    /// when <paramref name="complete"/> marks the step completed and the next one running (the workflow goes straight
    /// on to it; one write instead of two per step).
    /// </summary>
    public Task StepRecordedAsync(
        GenerationRef generation, string step, string call, Llm.LlmTokens tokens, string summary, bool complete, CancellationToken cancellationToken) =>
        UpdateAsync(generation, entity =>
        {
            var calls = entity.RecordedCalls.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (calls.Contains(call) || entity.StatusValue == GenerationStatus.Cancelled)
            {
                return false;
            }

            entity.RecordedCalls = string.Join(' ', calls.Append(call));
            (entity.TokensIn, entity.TokensOut, entity.Model) = (entity.TokensIn + tokens.Input, entity.TokensOut + tokens.Output, entity.Model ?? tokens.Model);
            var cost = Billing.ModelPrices.EstimateUsd(tokens.Model, tokens.Input, tokens.Output);
            if (cost is not null)
            {
                entity.EstimatedCostUsd = (entity.EstimatedCostUsd ?? 0) + cost;
            }

            return ChangeStep(entity, step, current =>
            {
                var spent = current with
                {
                    Summary = summary,
                    TokensIn = current.TokensIn + tokens.Input,
                    TokensOut = current.TokensOut + tokens.Output,
                    CostUsd = cost is null ? current.CostUsd : (current.CostUsd ?? 0) + cost,
                };
                return complete ? spent with { Status = StepStatus.Completed, CompletedAt = time.GetUtcNow() } : spent;
            }) && (!complete || GenerationSteps.After(step) is not { } next || ChangeStep(entity, next, Started));
        }, cancellationToken);

    /// <summary>The generation completed with its package: the last step's record and the generation's in one write.</summary>
    public Task<GenerationEntity> CompletedAsync(GenerationRef generation, PackagedArtifact artifact, string summary, CancellationToken cancellationToken) =>
        UpdateAsync(generation, entity =>
        {
            if (entity.StatusValue == GenerationStatus.Cancelled)
            {
                return false;
            }

            var now = time.GetUtcNow();
            ChangeStep(entity, GenerationSteps.Package, current => current with
            {
                Status = StepStatus.Completed, Summary = summary, StartedAt = current.StartedAt ?? now, CompletedAt = current.CompletedAt ?? now,
            });
            entity.StatusValue = GenerationStatus.Completed;
            entity.CompletedAt ??= now;
            entity.ArtifactBlob = artifact.BlobName;
            entity.PackageName = artifact.PackageName;
            entity.WriteFiles(artifact.Files);
            entity.WriteSummary(artifact.Summary);
            return true;
        }, cancellationToken);

    public Task<GenerationEntity> FailedAsync(GenerationRef generation, string? step, string error, CancellationToken cancellationToken) =>
        UpdateAsync(generation, entity =>
        {
            if (entity.StatusValue == GenerationStatus.Cancelled)
            {
                return false;
            }

            entity.StatusValue = GenerationStatus.Failed;
            entity.CompletedAt ??= time.GetUtcNow();
            entity.Error = error;
            if (step is not null)
            {
                ChangeStep(entity, step, current => current with { Status = StepStatus.Failed });
            }

            return true;
        }, cancellationToken);

    /// <summary>Stops a generation that has not ended: the cancelled generation when this call stopped it, else null.</summary>
    public async Task<GenerationEntity?> CancelledAsync(GenerationRef generation, CancellationToken cancellationToken)
    {
        var stopped = false;
        var entity = await UpdateAsync(generation, entity =>
        {
            stopped = !Ended(entity);
            if (stopped)
            {
                entity.StatusValue = GenerationStatus.Cancelled;
                entity.CompletedAt = time.GetUtcNow();
                entity.WriteSteps(entity.ReadSteps().Select(step => step.Status == StepStatus.Running ? step with { Status = StepStatus.Failed } : step));
            }

            return stopped;
        }, cancellationToken);
        return stopped ? entity : null;
    }

    private static bool Ended(GenerationEntity entity) =>
        entity.StatusValue is GenerationStatus.Completed or GenerationStatus.Failed or GenerationStatus.Cancelled;

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

    /// <summary>
    /// Changes a generation's row, starting from the row as last written here when there is one (taken, so no two
    /// updates share it); a row not written since saves its read.
    /// </summary>
    private async Task<GenerationEntity> UpdateAsync(GenerationRef generation, Func<GenerationEntity, bool> change, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        lastWritten.TryRemove(generation.GenerationId, out var known);
        var entity = await table.UpdateAsync(generation.TenantId, generation.GenerationId, known?.PartitionKey == generation.TenantId ? known : null, change, cancellationToken)
            ?? throw new InvalidOperationException($"Generation {generation.GenerationId} is not in the index.");
        if (!Ended(entity))
        {
            Remember(entity);
        }

        return entity;
    }

    private void Remember(GenerationEntity entity)
    {
        if (lastWritten.Count >= MostRemembered)
        {
            lastWritten.Clear();
        }

        lastWritten[entity.RowKey] = entity;
    }

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);
}
