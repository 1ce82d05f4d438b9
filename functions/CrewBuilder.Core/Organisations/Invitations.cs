using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Organisations;

/// <summary>An invitation as its link carries it: <c>cbi_{orgId}.{secret}</c>, shown once, stored as a hash.</summary>
public sealed record NewInvitation(string Token, OrgRole Role, DateTimeOffset ExpiresAt);

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

/// <summary>Single-use, expiring invitations into an organisation, kept as hashes in the organisation's partition.</summary>
public sealed class Invitations(StorageClients storage, TimeProvider time)
{
    public const string TableName = "invitations";
    public const string Prefix = "cbi_";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public async Task<NewInvitation> CreateAsync(string orgId, OrgRole role, string createdBy, CancellationToken cancellationToken)
    {
        var token = SecretTokens.New(Prefix + orgId + ".");
        var expiresAt = time.GetUtcNow() + Lifetime;
        var table = await storage.TableAsync(TableName, cancellationToken);
        await table.AddEntityAsync(new TableEntity(orgId, SecretTokens.Hash(token))
        {
            ["Role"] = OrgRoles.Name(role),
            ["CreatedBy"] = createdBy,
            ["ExpiresAt"] = expiresAt,
        }, cancellationToken);
        return new NewInvitation(token, role, expiresAt);
    }

    /// <summary>Uses the invitation up (once, even if two people race for it); which organisation and role it grants.</summary>
    public async Task<Redemption> RedeemAsync(string token, string userId, CancellationToken cancellationToken)
    {
        if (OrgOf(token) is not { } orgId)
        {
            return new Redemption.Unknown();
        }

        var table = await storage.TableAsync(TableName, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(orgId, SecretTokens.Hash(token), cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return new Redemption.Unknown();
        }

        var invitation = found.Value!;
        var role = Enum.Parse<OrgRole>(invitation.GetString("Role")!, ignoreCase: true);
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
        try
        {
            await table.UpdateEntityAsync(invitation, invitation.ETag, TableUpdateMode.Replace, cancellationToken);
            return new Redemption.Redeemed(orgId, role);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return new Redemption.Used();
        }
    }

    public async Task DeleteAllAsync(string orgId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        await table.DeletePartitionAsync(orgId, cancellationToken);
    }

    private static string? OrgOf(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        return token.StartsWith(Prefix, StringComparison.Ordinal) && dot > Prefix.Length ? token[Prefix.Length..dot] : null;
    }
}
