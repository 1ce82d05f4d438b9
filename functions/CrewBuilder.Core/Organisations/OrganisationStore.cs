using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Organisations;

/// <summary>
/// An organisation; <paramref name="MaxKeyAgeDays"/> is its rotation policy: how old its keys may grow;
/// <paramref name="GenerationCap"/> its contract's generations a month with its keys (null: unlimited);
/// <paramref name="Vault"/> the vault it keeps its keys in (null: CrewBuilder's storage);
/// <paramref name="AvailabilityTarget"/> the availability its contract promises, in percent (null: none).
/// </summary>
public sealed record Organisation(
    string Id, string Name, DateTimeOffset CreatedAt, int MaxKeyAgeDays = Organisation.DefaultMaxKeyAgeDays, int? GenerationCap = null,
    OrgBranding? Branding = null, OrgVaultLocation? Vault = null, double? AvailabilityTarget = null)
{
    public const int DefaultMaxKeyAgeDays = 30;
}

public sealed record Membership(string OrgId, string UserId, string Email, OrgRole Role, DateTimeOffset JoinedAt);

/// <summary>
/// Organisations and their members. The organisation's partition (row <c>org</c> and a row per member) is the source
/// of truth; each person's partition in <c>memberships</c> lists their organisations so they can be found quickly.
/// </summary>
public sealed class OrganisationStore(StorageClients storage, TimeProvider time)
{
    public const string TableName = "orgs";
    public const string MembershipsTable = "memberships";

    private readonly SharedReads<IReadOnlyList<(Organisation Org, OrgRole Role)>> memberships = new();
    private const string OrgRow = "org";
    private const string MemberPrefix = "m-";

    /// <summary>Where an organisation's Azure Key Vault was kept before there were other kinds of vault.</summary>
    private const string LegacyKeyVaultColumn = "KeyVaultUri";

    public async Task<Organisation> CreateAsync(string name, string ownerId, string ownerEmail, CancellationToken cancellationToken)
    {
        var org = new Organisation("o" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), name, time.GetUtcNow());
        var table = await TableAsync(cancellationToken);
        await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity(org.Id, OrgRow) { ["Name"] = name, ["CreatedAt"] = org.CreatedAt }),
            new(TableTransactionActionType.Add, MemberEntity(new Membership(org.Id, ownerId, ownerEmail, OrgRole.Owner, org.CreatedAt))),
        ], cancellationToken);
        await IndexAsync(org.Id, ownerId, OrgRole.Owner, cancellationToken);
        return org;
    }

    public async Task<Organisation?> FindAsync(string orgId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(orgId, OrgRow, cancellationToken: cancellationToken);
        return entity.HasValue ? ToOrganisation(entity.Value!) : null;
    }

    /// <summary>Every organisation, for the daily jobs.</summary>
    public async IAsyncEnumerable<Organisation> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.RowKey == OrgRow, cancellationToken: cancellationToken))
        {
            yield return ToOrganisation(entity);
        }
    }

    public async Task SetMaxKeyAgeAsync(string orgId, int days, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpdateAsync<TableEntity>(orgId, OrgRow, entity =>
        {
            entity["MaxKeyAgeDays"] = days;
            return true;
        }, cancellationToken);
    }

    /// <summary>Sets the contract's monthly cap (null: unlimited) and availability target; false when there is no such organisation.</summary>
    public async Task<bool> SetContractAsync(string orgId, int? cap, double? availabilityTarget, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        return await table.UpdateAsync<TableEntity>(orgId, OrgRow, entity =>
        {
            entity["GenerationCap"] = cap;
            entity["AvailabilityTarget"] = availabilityTarget;
            return true;
        }, cancellationToken) is not null;
    }

    public async Task SetVaultAsync(string orgId, OrgVaultLocation? vault, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpdateAsync<TableEntity>(orgId, OrgRow, entity =>
        {
            entity.Remove(LegacyKeyVaultColumn);
            entity["VaultJson"] = vault is null ? null : System.Text.Json.JsonSerializer.Serialize(vault);
            return true;
        }, cancellationToken);
    }

    public async Task SetBrandingAsync(string orgId, OrgBranding branding, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpdateAsync<TableEntity>(orgId, OrgRow, entity =>
        {
            entity["BrandingJson"] = System.Text.Json.JsonSerializer.Serialize(branding);
            return true;
        }, cancellationToken);
    }

    private static Organisation ToOrganisation(TableEntity entity) => new(
        entity.PartitionKey, entity.GetString("Name") ?? "", entity.GetDateTimeOffset("CreatedAt") ?? default,
        entity.GetInt32("MaxKeyAgeDays") ?? Organisation.DefaultMaxKeyAgeDays, entity.GetInt32("GenerationCap"),
        entity.GetString("BrandingJson") is { } branding ? System.Text.Json.JsonSerializer.Deserialize<OrgBranding>(branding)?.Shown() : null,
        entity.GetString("VaultJson") is { } vault ? System.Text.Json.JsonSerializer.Deserialize<OrgVaultLocation>(vault)
            : entity.GetString(LegacyKeyVaultColumn) is { } keyVault ? new AzureKeyVaultLocation(new Uri(keyVault)) : null,
        entity.GetDouble("AvailabilityTarget"));

    public async Task RenameAsync(string orgId, string name, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpdateAsync<TableEntity>(orgId, OrgRow, entity =>
        {
            entity["Name"] = name;
            return true;
        }, cancellationToken);
    }

    public async Task<Membership?> MemberAsync(string orgId, string userId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(orgId, MemberPrefix + userId, cancellationToken: cancellationToken);
        return entity.HasValue ? ToMembership(entity.Value!) : null;
    }

    public async Task<IReadOnlyList<Membership>> MembersAsync(string orgId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var members = new List<Membership>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {orgId} and RowKey ge {MemberPrefix} and RowKey lt {"m."}"), cancellationToken: cancellationToken))
        {
            members.Add(ToMembership(entity));
        }

        return members;
    }

    /// <summary>The organisations a person belongs to, with their role in each.</summary>
    /// <summary>The person's organisations and role in each; requests arriving together share one read (<see cref="SharedReads{T}"/>).</summary>
    public Task<IReadOnlyList<(Organisation Org, OrgRole Role)>> OfUserAsync(string userId, CancellationToken cancellationToken) =>
        memberships.ReadAsync(userId, async () =>
        {
            var index = await storage.TableAsync(MembershipsTable, CancellationToken.None);
            var found = new List<(Organisation, OrgRole)>();
            await foreach (var entry in index.QueryAsync<TableEntity>(e => e.PartitionKey == userId))
            {
                if (await MemberAsync(entry.RowKey, userId, CancellationToken.None) is { } membership && await FindAsync(entry.RowKey, CancellationToken.None) is { } org)
                {
                    found.Add((org, membership.Role));
                }
            }

            return found.AsReadOnly();
        }, cancellationToken);

    public async Task AddMemberAsync(Membership membership, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpsertEntityAsync(MemberEntity(membership), TableUpdateMode.Replace, cancellationToken);
        await IndexAsync(membership.OrgId, membership.UserId, membership.Role, cancellationToken);
    }

    /// <summary>
    /// Changes a member's role, or removes them (<paramref name="role"/> null), unless that would leave the organisation
    /// without an owner. The owner count is read and the change written in one transaction under the rows' ETags.
    /// </summary>
    public async Task<bool> ChangeMemberAsync(string orgId, string userId, OrgRole? role, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        while (true)
        {
            var members = new List<TableEntity>();
            await foreach (var entity in table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {orgId} and RowKey ge {MemberPrefix} and RowKey lt {"m."}"), cancellationToken: cancellationToken))
            {
                members.Add(entity);
            }

            var target = members.FirstOrDefault(member => member.RowKey == MemberPrefix + userId);
            if (target is null)
            {
                return true;
            }

            var owners = members.Where(member => ToMembership(member).Role == OrgRole.Owner).ToList();
            if (ToMembership(target).Role == OrgRole.Owner && role != OrgRole.Owner && owners.Count == 1)
            {
                return false;
            }

            // The other owners are re-written unchanged so the transaction fails if any of them changed meanwhile.
            var actions = owners.Where(owner => owner.RowKey != target.RowKey)
                .Select(owner => new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(orgId, owner.RowKey), owner.ETag)).ToList();
            if (role is { } newRole)
            {
                target["Role"] = OrgRoles.Name(newRole);
                actions.Add(new(TableTransactionActionType.UpdateReplace, target, target.ETag));
            }
            else
            {
                actions.Add(new(TableTransactionActionType.Delete, target, target.ETag));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
            {
                continue;
            }

            var index = await storage.TableAsync(MembershipsTable, cancellationToken);
            if (role is { } indexedRole)
            {
                await IndexAsync(orgId, userId, indexedRole, cancellationToken);
            }
            else
            {
                await index.DeleteEntityAsync(userId, orgId, ETag.All, cancellationToken);
            }

            return true;
        }
    }

    /// <summary>Deletes the organisation and every membership of it.</summary>
    public async Task DeleteAsync(string orgId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var index = await storage.TableAsync(MembershipsTable, cancellationToken);
        foreach (var member in await MembersAsync(orgId, cancellationToken))
        {
            await index.DeleteEntityAsync(member.UserId, orgId, ETag.All, cancellationToken);
        }

        await table.DeletePartitionAsync(orgId, cancellationToken);
    }

    private async Task IndexAsync(string orgId, string userId, OrgRole role, CancellationToken cancellationToken)
    {
        var index = await storage.TableAsync(MembershipsTable, cancellationToken);
        await index.UpsertEntityAsync(new TableEntity(userId, orgId) { ["Role"] = OrgRoles.Name(role) }, TableUpdateMode.Replace, cancellationToken);
    }

    private static TableEntity MemberEntity(Membership membership) => new(membership.OrgId, MemberPrefix + membership.UserId)
    {
        ["Email"] = membership.Email,
        ["Role"] = OrgRoles.Name(membership.Role),
        ["JoinedAt"] = membership.JoinedAt,
    };

    private static Membership ToMembership(TableEntity entity) => new(
        entity.PartitionKey, entity.RowKey[MemberPrefix.Length..], entity.GetString("Email") ?? "",
        Enum.Parse<OrgRole>(entity.GetString("Role") ?? nameof(OrgRole.Member), ignoreCase: true), entity.GetDateTimeOffset("JoinedAt") ?? default);

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);
}
