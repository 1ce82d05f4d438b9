using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Generation.Workflow;

/// <summary>
/// The workflows accepted generations are owed. Accepting records the debt beside the generation's row, answers, and
/// only then starts the workflow; a started workflow settles its debt. Should the process die between the answer and
/// the start, <see cref="SweepAsync"/> (at start-up and every minute, on any instance) starts every workflow still owed
/// whose generation is waiting and has none; a sweeper claims each debt under its ETag first, so one start is made. A
/// workflow that still cannot be started <see cref="GiveUpAfter"/> after its generation was accepted is given up: the
/// generation fails with its charge released, rather than waiting for ever.
/// </summary>
public sealed class GenerationStarts(
    StorageClients storage, GenerationStore generations, GenerationFailures failures, TimeProvider time, ILogger<GenerationStarts> logger)
{
    public const string TableName = "startsowed";

    /// <summary>How long the accepting instance has to start a workflow itself before a sweeper may.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    /// <summary>How long the sweeps keep trying to start a workflow (one try a minute) before its generation is failed.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(1);

    public const string NotStarted = "CrewBuilder could not start this generation's workflow, so nothing was generated and nothing was charged. Please try again.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The debts of the generations one tenant starts at once are recorded in one transaction.</summary>
    private readonly PartitionBatches debts = new(maxRows: 100);

    /// <summary>Records that <paramref name="input"/>'s generation is owed its workflow (its requirement is read from its row).</summary>
    public async Task OweAsync(GenerationInput input, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await debts.AddAsync(table, new TableEntity(input.Ref.TenantId, input.Ref.GenerationId)
        {
            ["Ref"] = JsonSerializer.Serialize(input.Ref, Json),
            ["Sequential"] = input.Sequential,
            ["DueAt"] = time.GetUtcNow() + Grace,
        });
    }

    /// <summary>
    /// Starts the owed workflow now, after the answer, and settles the debt. A failure is logged and left to the sweep.
    /// Not cancellable by the request: it has been answered already.
    /// </summary>
    public async Task StartOwedAsync(GenerationInput input, IGenerationScheduler scheduler)
    {
        try
        {
            await scheduler.ScheduleAsync(input, CancellationToken.None);
            await SettleAsync(input.Ref.TenantId, input.Ref.GenerationId, ETag.All, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The workflow of generation {GenerationId} did not start at once; the sweep starts it", input.Ref.GenerationId);
        }
    }

    /// <summary>Starts the workflow of every accepted generation still owed one past its grace; how many it started.</summary>
    public async Task<int> SweepAsync(IGenerationScheduler scheduler, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var started = 0;
        await foreach (var owed in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"DueAt le {time.GetUtcNow()}"), cancellationToken: cancellationToken))
        {
            // Claimed for a while, so a sweeper that dies mid-way leaves the debt to the next.
            owed["DueAt"] = time.GetUtcNow() + Grace;
            try
            {
                owed.ETag = (await table.UpdateEntityAsync(owed, owed.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag!.Value;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                continue; // settled or claimed by another sweeper meanwhile
            }

            try
            {
                started += await StartIfMissingAsync(owed, scheduler, cancellationToken) ? 1 : 0;
                await SettleAsync(owed.PartitionKey, owed.RowKey, owed.ETag, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The owed workflow of generation {GenerationId} could not be started; the next sweep tries again", owed.RowKey);
            }
        }

        if (started > 0)
        {
            logger.LogWarning("Started {Started} owed generation workflows that their accepting instance had not", started);
        }

        return started;
    }

    /// <summary>
    /// Whether the owed workflow had to be started: not when its generation is gone or ended, or its workflow exists, or
    /// it could not be started for so long that its generation was failed.
    /// </summary>
    private async Task<bool> StartIfMissingAsync(TableEntity owed, IGenerationScheduler scheduler, CancellationToken cancellationToken)
    {
        if (await generations.FindAsync(owed.PartitionKey, owed.RowKey, cancellationToken) is not { Ended: false } generation
            || await scheduler.ExistsAsync(owed.RowKey, cancellationToken))
        {
            return false;
        }

        var generationRef = JsonSerializer.Deserialize<GenerationRef>(owed.GetString("Ref")!, Json)!;
        try
        {
            await scheduler.ScheduleAsync(GenerationOrchestration.InputFor(generationRef, generation.Requirement, owed.GetBoolean("Sequential") ?? false), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && time.GetUtcNow() - generation.CreatedAt >= GiveUpAfter)
        {
            await failures.FailAsync(generationRef, NotStarted, progress: null, cancellationToken);
            logger.LogError(e, "The workflow of generation {GenerationId} could not be started within {GiveUpAfter} of its acceptance: the generation failed", owed.RowKey, GiveUpAfter);
            return false;
        }

        logger.LogWarning("Generation {GenerationId} was accepted but its workflow had not started: started it now", owed.RowKey);
        return true;
    }

    private async Task SettleAsync(string tenantId, string generationId, ETag etag, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(tenantId, generationId, etag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Settled already, or claimed by a sweeper meanwhile: it settles the debt once it has seen the workflow.
        }
    }
}
