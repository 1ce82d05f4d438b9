using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Organisations.WhiteLabel;

/// <summary>What claiming a hostname came to.</summary>
public enum ClaimResult { Claimed, AlreadyOurs, TakenByAnother }

/// <summary>
/// Hostnames organisations map: one claim row per hostname (partition: the hostname), so no two organisations can hold
/// the same one, and a row per hostname in the organisation's own partition listing its claims (gone with it).
/// </summary>
public sealed class HostnameStore(StorageClients storage, OrganisationStore organisations)
{
    public const string TableName = "hostnames";
    private const string ClaimRow = "claim";
    private const string IndexPrefix = "hostname~";

    /// <summary>
    /// Claims <paramref name="hostname"/> for its organisation; a claim left by an organisation that no longer exists is
    /// taken over, one of a live organisation is not.
    /// </summary>
    public async Task<ClaimResult> ClaimAsync(SiteHostname hostname, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        while (true)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(hostname.Host, ClaimRow, cancellationToken: cancellationToken);
            try
            {
                if (!existing.HasValue)
                {
                    await table.AddEntityAsync(ClaimEntity(hostname), cancellationToken);
                }
                else if (existing.Value!.GetString("OrgId") == hostname.OrgId)
                {
                    return ClaimResult.AlreadyOurs;
                }
                else if (await organisations.FindAsync(existing.Value.GetString("OrgId")!, cancellationToken) is not null)
                {
                    return ClaimResult.TakenByAnother;
                }
                else
                {
                    await table.UpdateEntityAsync(ClaimEntity(hostname), existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                }
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                continue;
            }

            var orgs = await storage.TableAsync(OrganisationStore.TableName, cancellationToken);
            await orgs.UpsertEntityAsync(new TableEntity(hostname.OrgId, IndexPrefix + hostname.Host), TableUpdateMode.Replace, cancellationToken);
            return ClaimResult.Claimed;
        }
    }

    /// <summary>The hostname's claim, whoever holds it.</summary>
    public async Task<SiteHostname?> FindAsync(string host, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(host, ClaimRow, cancellationToken: cancellationToken);
        return entity.HasValue ? ToHostname(entity.Value!) : null;
    }

    /// <summary>The organisation's hostnames, in name order.</summary>
    public async Task<IReadOnlyList<SiteHostname>> OfOrganisationAsync(string orgId, CancellationToken cancellationToken)
    {
        var orgs = await storage.TableAsync(OrganisationStore.TableName, cancellationToken);
        var found = new List<SiteHostname>();
        await foreach (var entry in orgs.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {orgId} and RowKey ge {IndexPrefix} and RowKey lt {"hostname\u007f"}"), select: ["RowKey"],
            cancellationToken: cancellationToken))
        {
            if (await FindAsync(entry.RowKey[IndexPrefix.Length..], cancellationToken) is { } hostname && hostname.OrgId == orgId)
            {
                found.Add(hostname);
            }
        }

        return found;
    }

    public async Task MarkVerifiedAsync(SiteHostname hostname, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await table.UpdateAsync<TableEntity>(hostname.Host, ClaimRow, entity =>
        {
            if (entity.GetString("OrgId") != hostname.OrgId)
            {
                return false;
            }

            entity["VerifiedAt"] = at;
            return true;
        }, cancellationToken);
    }

    /// <summary>Gives the hostname up: its claim (if still this organisation's) and the organisation's listing of it.</summary>
    public async Task ReleaseAsync(SiteHostname hostname, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(hostname.Host, ClaimRow, cancellationToken: cancellationToken);
        if (entity.HasValue && entity.Value!.GetString("OrgId") == hostname.OrgId)
        {
            await table.DeleteEntityAsync(hostname.Host, ClaimRow, entity.Value.ETag, cancellationToken);
        }

        var orgs = await storage.TableAsync(OrganisationStore.TableName, cancellationToken);
        await orgs.DeleteEntityAsync(hostname.OrgId, IndexPrefix + hostname.Host, ETag.All, cancellationToken);
    }

    private static TableEntity ClaimEntity(SiteHostname hostname) => new(hostname.Host, ClaimRow)
    {
        ["OrgId"] = hostname.OrgId,
        ["Token"] = hostname.Token,
        ["RegisteredAt"] = hostname.RegisteredAt,
        ["VerifiedAt"] = hostname.VerifiedAt,
    };

    private static SiteHostname ToHostname(TableEntity entity) => new(
        entity.PartitionKey, entity.GetString("OrgId") ?? "", entity.GetString("Token") ?? "", entity.GetDateTimeOffset("RegisteredAt") ?? default,
        entity.GetDateTimeOffset("VerifiedAt"));
}
