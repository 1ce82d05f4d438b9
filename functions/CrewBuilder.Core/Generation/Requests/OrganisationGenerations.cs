using Azure.Data.Tables;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Generation.Requests;

/// <summary>
/// The generations made with an organisation's keys, indexed by organisation (the generation itself stays in its
/// member's partition), so the organisation's owners and admins can see all of them.
/// </summary>
public sealed class OrganisationGenerations(StorageClients storage, GenerationStore generations, Organisations.OrganisationStore organisations)
{
    public const string TableName = "orggenerations";

    public async Task AddAsync(string orgId, GenerationRef generation, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(orgId, generation.GenerationId) { ["TenantId"] = generation.TenantId }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// A generation made with the key of an organisation in which <paramref name="userId"/>'s role may read its
    /// generations (owners and admins); null for anyone else.
    /// </summary>
    public async Task<GenerationEntity?> FindReadableByAsync(string userId, string generationId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        foreach (var (org, role) in await organisations.OfUserAsync(userId, cancellationToken))
        {
            if (Organisations.OrgRoles.Allows(role, Organisations.OrgAction.ListGenerations)
                && await table.GetEntityIfExistsAsync<TableEntity>(org.Id, generationId, cancellationToken: cancellationToken) is { HasValue: true } entry)
            {
                return await generations.FindAsync(entry.Value!.GetString("TenantId")!, generationId, cancellationToken);
            }
        }

        return null;
    }

    public async Task RemoveAsync(string orgId, string generationId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(orgId, generationId, Azure.ETag.All, cancellationToken);
    }

    /// <summary>One page of the organisation's generations, newest first (ids sort that way); those running with their workflow's progress.</summary>
    public async Task<GenerationPage> ListAsync(
        string orgId, int pageSize, string? continuationToken, IGenerationScheduler scheduler, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await foreach (var page in table.QueryAsync<TableEntity>(e => e.PartitionKey == orgId, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize))
        {
            var found = await Task.WhenAll(page.Values.Select(entry => generations.FindAsync(entry.GetString("TenantId")!, entry.RowKey, cancellationToken)));
            return new GenerationPage(await scheduler.SummariesAsync([.. found.OfType<GenerationEntity>()], cancellationToken), page.ContinuationToken);
        }

        return new GenerationPage([], null);
    }
}
