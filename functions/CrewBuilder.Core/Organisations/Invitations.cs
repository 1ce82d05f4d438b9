using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Organisations;

/// <summary>An invitation as its link carries it: <c>cbi_{orgId}.{secret}</c>, shown once, stored as a hash.</summary>
public sealed record NewInvitation(string Id, string Token, string Email, OrgRole Role, DateTimeOffset ExpiresAt);

/// <summary>An invitation not yet redeemed, as owners and admins see it in the pending list (never its token).</summary>
public sealed record PendingInvitation(string Id, string Email, string Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Expired);

public sealed record PendingInvitationPage(IReadOnlyList<PendingInvitation> Items, string? ContinuationToken);

/// <summary>What redeeming an invitation came to: the organisation and role it grants, or why it grants nothing.</summary>
public abstract record Redemption
{
    private Redemption()
    {
    }

    public sealed record Redeemed(string OrgId, OrgRole Role) : Redemption;

    public sealed record Unknown : Redemption;

    public sealed record Expired : Redemption;

    public sealed record Used : Redemption;
}

/// <summary>
/// Single-use, expiring invitations into an organisation, addressed to an e-mail address and kept in the organisation's
/// partition under a time-ordered id (newest first), with the hash of the token its link carries.
/// </summary>
public sealed class Invitations(StorageClients storage, TimeProvider time)
{
    public const string TableName = "invitations";
    public const string Prefix = "cbi_";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public async Task<NewInvitation> CreateAsync(string orgId, OrgRole role, string email, string createdBy, CancellationToken cancellationToken)
    {
        var (id, token, expiresAt) = (TimeOrderedId.New(time.GetUtcNow()), NewToken(orgId), time.GetUtcNow() + Lifetime);
        var table = await storage.TableAsync(TableName, cancellationToken);
        await table.AddEntityAsync(new TableEntity(orgId, id)
        {
            ["Hash"] = SecretTokens.Hash(token),
            ["Email"] = email,
            ["Role"] = OrgRoles.Name(role),
            ["CreatedBy"] = createdBy,
            ["CreatedAt"] = time.GetUtcNow(),
            ["ExpiresAt"] = expiresAt,
            ["Pending"] = true,
        }, cancellationToken);
        return new NewInvitation(id, token, email, role, expiresAt);
    }

    /// <summary>One page of the invitations nobody has redeemed yet, newest first, expired ones included (they can be sent again).</summary>
    public async Task<PendingInvitationPage> PendingAsync(string orgId, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {orgId} and Pending eq {true}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            return new PendingInvitationPage([.. page.Values.Select(ToPending)], page.ContinuationToken);
        }

        return new PendingInvitationPage([], null);
    }

    /// <summary>
    /// A new link and a new expiry for a pending invitation: the old link stops working. Null when there is no such
    /// pending invitation.
    /// </summary>
    public async Task<NewInvitation?> RenewAsync(string orgId, string id, CancellationToken cancellationToken)
    {
        if (!TimeOrderedId.IsValid(id))
        {
            return null;
        }

        var (token, renewedNow) = (NewToken(orgId), false);
        var table = await storage.TableAsync(TableName, cancellationToken);
        var invitation = await table.UpdateAsync<TableEntity>(orgId, id, invitation =>
        {
            renewedNow = invitation.GetBoolean("Pending") == true;
            if (renewedNow)
            {
                invitation["Hash"] = SecretTokens.Hash(token);
                invitation["ExpiresAt"] = time.GetUtcNow() + Lifetime;
            }

            return renewedNow;
        }, cancellationToken);
        return invitation is not null && renewedNow
            ? new NewInvitation(id, token, invitation.GetString("Email") ?? "", OrgRoles.Parse(invitation.GetString("Role")!), invitation.GetDateTimeOffset("ExpiresAt")!.Value)
            : null;
    }

    /// <summary>Withdraws a pending invitation: its link stops working. The e-mail address it was for, or null when there was none.</summary>
    public async Task<string?> RevokeAsync(string orgId, string id, CancellationToken cancellationToken)
    {
        if (!TimeOrderedId.IsValid(id))
        {
            return null;
        }

        var table = await storage.TableAsync(TableName, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(orgId, id, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value!.GetBoolean("Pending") != true)
        {
            return null;
        }

        try
        {
            await table.DeleteEntityAsync(orgId, id, found.Value.ETag, cancellationToken);
            return found.Value.GetString("Email") ?? "";
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null; // redeemed, renewed or revoked meanwhile
        }
    }

    /// <summary>Uses the invitation up (once, even if two people race for it); which organisation and role it grants.</summary>
    public async Task<Redemption> RedeemAsync(string token, string userId, CancellationToken cancellationToken)
    {
        if (OrgOf(token) is not { } orgId)
        {
            return new Redemption.Unknown();
        }

        var table = await storage.TableAsync(TableName, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {orgId} and Hash eq {SecretTokens.Hash(token)}");
        TableEntity? invitation = null;
        await foreach (var found in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            invitation = found;
            break;
        }

        if (invitation is null)
        {
            return new Redemption.Unknown();
        }

        var role = OrgRoles.Parse(invitation.GetString("Role")!);
        if (invitation.GetString("UsedBy") is not null)
        {
            return new Redemption.Used();
        }

        if (invitation.GetDateTimeOffset("ExpiresAt") <= time.GetUtcNow())
        {
            return new Redemption.Expired();
        }

        invitation["UsedBy"] = userId;
        invitation["UsedAt"] = time.GetUtcNow();
        invitation["Pending"] = false;
        try
        {
            await table.UpdateEntityAsync(invitation, invitation.ETag, TableUpdateMode.Replace, cancellationToken);
            return new Redemption.Redeemed(orgId, role);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return new Redemption.Used();
        }
    }

    public async Task DeleteAllAsync(string orgId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await table.DeletePartitionAsync(orgId, cancellationToken);
    }

    private static string NewToken(string orgId) => SecretTokens.New(Prefix + orgId + ".");

    private PendingInvitation ToPending(TableEntity invitation)
    {
        var expiresAt = invitation.GetDateTimeOffset("ExpiresAt")!.Value;
        return new PendingInvitation(invitation.RowKey, invitation.GetString("Email") ?? "", invitation.GetString("Role")!,
            invitation.GetDateTimeOffset("CreatedAt") ?? expiresAt - Lifetime, expiresAt, expiresAt <= time.GetUtcNow());
    }

    private static string? OrgOf(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        return token.StartsWith(Prefix, StringComparison.Ordinal) && dot > Prefix.Length ? token[Prefix.Length..dot] : null;
    }
}
