using Azure.Data.Tables;
using Azure;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Billing;

/// <summary>One generation as billing sees it. Costs are estimates from <see cref="ModelPrices"/>.</summary>
public sealed record UsageRecord(
    string GenerationId,
    DateTimeOffset Time,
    string Outcome,
    string KeySource,
    string? Provider,
    string? Model,
    long TokensIn,
    long TokensOut,
    decimal? EstimatedCostUsd,
    double DurationSeconds,
    string ChargedTo,
    string Plan);

/// <summary>A generation that has ended, as the usage ledger records it.</summary>
public sealed record EndedGeneration(
    string TenantId,
    string GenerationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string Status,
    string? KeySource,
    string? Provider,
    string? Model,
    long TokensIn,
    long TokensOut,
    string? CostUsd,
    string? Plan,
    string? QuotaAccount);

public sealed record UsagePage(IReadOnlyList<UsageRecord> Items, string? ContinuationToken);

public sealed class UsageEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset Time { get; set; }
    public string Outcome { get; set; } = "";
    public string KeySource { get; set; } = "";
    public string? Provider { get; set; }
    public string? Model { get; set; }
    public long TokensIn { get; set; }
    public long TokensOut { get; set; }

    /// <summary>Stored as text: Table Storage has no decimal type.</summary>
    public string? EstimatedCostUsd { get; set; }

    public double DurationSeconds { get; set; }
    public string ChargedTo { get; set; } = "";
    public string Plan { get; set; } = PlanIds.Free;

    public UsageRecord ToRecord() => new(
        RowKey, Time, Outcome, KeySource, Provider, Model, TokensIn, TokensOut,
        EstimatedCostUsd is null ? null : decimal.Parse(EstimatedCostUsd, System.Globalization.CultureInfo.InvariantCulture), DurationSeconds, ChargedTo, Plan);
}

/// <summary>
/// The usage ledger: one row per finished generation in its tenant's partition, newest first. It outlives the
/// generation itself (retention may delete that) because it is what the bill and the analytics are made of.
/// </summary>
public sealed class UsageLedger(StorageClients storage)
{
    public const string TableName = "usage";

    /// <summary>Writes the ledger row of a generation that has ended; writing it again (a repeated activity) leaves one row.</summary>
    public async Task RecordAsync(EndedGeneration generation, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var ended = generation.CompletedAt ?? generation.CreatedAt;
        await table.UpsertEntityAsync(new UsageEntity
        {
            PartitionKey = generation.TenantId,
            RowKey = generation.GenerationId,
            Time = generation.CreatedAt,
            Outcome = generation.Status.ToLowerInvariant(),
            KeySource = generation.KeySource?.ToLowerInvariant() ?? "template",
            Provider = generation.Provider,
            Model = generation.Model,
            TokensIn = generation.TokensIn,
            TokensOut = generation.TokensOut,
            EstimatedCostUsd = generation.CostUsd,
            DurationSeconds = Math.Round((ended - generation.CreatedAt).TotalSeconds, 3),
            Plan = generation.Plan ?? PlanIds.Free,
            ChargedTo = GenerationCharge.KindOf(generation.QuotaAccount, generation.TenantId).ToString().ToLowerInvariant(),
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<UsagePage> ListAsync(string tenantId, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await foreach (var page in table.QueryAsync<UsageEntity>(e => e.PartitionKey == tenantId, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize))
        {
            return new UsagePage([.. page.Values.Select(entity => entity.ToRecord())], page.ContinuationToken);
        }

        return new UsagePage([], null);
    }

    /// <summary>Every tenant's ledger rows since <paramref name="since"/>, with the tenant they belong to: for platform analytics.</summary>
    public async IAsyncEnumerable<(string TenantId, UsageRecord Record)> AllTenantsSinceAsync(
        DateTimeOffset since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await foreach (var entity in table.QueryAsync<UsageEntity>(TableClient.CreateQueryFilter($"Time ge {since}"), cancellationToken: cancellationToken))
        {
            yield return (entity.PartitionKey, entity.ToRecord());
        }
    }

    public async IAsyncEnumerable<UsageRecord> ListAllAsync(
        string tenantId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await foreach (var entity in table.QueryAsync<UsageEntity>(e => e.PartitionKey == tenantId, cancellationToken: cancellationToken))
        {
            yield return entity.ToRecord();
        }
    }

    public async Task DeleteAllAsync(string tenantId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await table.DeletePartitionAsync(tenantId, cancellationToken);
    }
}
