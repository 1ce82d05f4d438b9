using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Organisations.Management;

public enum OrgRefusal { NotFound, Forbidden, LastOwner, OwnRole, InvitationUnknown, InvitationExpired, InvitationUsed }

/// <summary>What an act on an organisation came to: done, with what it produced; or refused, and why.</summary>
public abstract record OrgResult<T>
{
    private OrgResult()
    {
    }

    public sealed record Done(T Value) : OrgResult<T>;

    public sealed record Refused(OrgRefusal Refusal) : OrgResult<T>;
}

/// <summary>The caller's standing in an organisation they may act on as asked.</summary>
public sealed record OrgAccess(Organisation Org, Membership Member);

/// <summary>
/// An organisation as one of its members sees it; <paramref name="KeyProviders"/> names the providers it has keys for (never the
/// keys), <paramref name="DedicatedAi"/> whether it runs OpenAI-shaped generations on its own AI endpoint.
/// </summary>
public sealed record OrgSummary(
    string Id, string Name, string Role, DateTimeOffset CreatedAt, IReadOnlyList<string>? KeyProviders = null, OrgBranding? Branding = null,
    bool DedicatedAi = false);

/// <summary>
/// The rules of organisations: who may do what (by <see cref="OrgRoles"/>), that the last owner stays, and that
/// every change is written to the organisation's audit log with actor, time, address and outcome.
/// A non-member is told the organisation does not exist; a member without the right, that it is forbidden.
/// </summary>
public sealed class OrganisationService(
    OrganisationStore store, Invitations invitations, AuditLog audit, UserStore users, DataKeys dataKeys, SavedKeys savedKeys, DedicatedAiStore dedicatedAi,
    TimeProvider time, ILogger<OrganisationService> logger)
{
    public async Task<OrgSummary> CreateAsync(Caller caller, string name, CancellationToken cancellationToken)
    {
        var profile = await users.FindAsync(caller.UserId!, cancellationToken);
        var org = await store.CreateAsync(name, caller.UserId!, profile?.Email ?? "", cancellationToken);
        await AuditAsync(org.Id, caller, "org.create", name, cancellationToken);
        logger.LogInformation("Organisation {OrgId} created by {UserId}", org.Id, caller.UserId);
        return new OrgSummary(org.Id, org.Name, OrgRoles.Name(OrgRole.Owner), org.CreatedAt);
    }

    public async Task<IReadOnlyList<OrgSummary>> ListMineAsync(Caller caller, CancellationToken cancellationToken)
    {
        var summaries = new List<OrgSummary>();
        foreach (var (org, role) in await store.OfUserAsync(caller.UserId!, cancellationToken))
        {
            var providers = (await savedKeys.ListAsync(org.Id, cancellationToken)).Select(key => key.Provider).ToList();
            summaries.Add(new OrgSummary(org.Id, org.Name, OrgRoles.Name(role), org.CreatedAt, providers, org.Branding,
                await dedicatedAi.FindAsync(org.Id, cancellationToken) is not null));
        }

        return summaries;
    }

    /// <summary>The organisation, if the caller is a member allowed to <paramref name="action"/> it.</summary>
    public async Task<OrgResult<OrgAccess>> AuthorizeAsync(Caller caller, string orgId, OrgAction action, CancellationToken cancellationToken)
    {
        if (caller.UserId is null || await store.MemberAsync(orgId, caller.UserId, cancellationToken) is not { } member
            || await store.FindAsync(orgId, cancellationToken) is not { } org)
        {
            return new OrgResult<OrgAccess>.Refused(OrgRefusal.NotFound);
        }

        return OrgRoles.Allows(member.Role, action)
            ? new OrgResult<OrgAccess>.Done(new OrgAccess(org, member))
            : new OrgResult<OrgAccess>.Refused(OrgRefusal.Forbidden);
    }

    public async Task<OrgResult<OrgAccess>> RenameAsync(Caller caller, string orgId, string name, CancellationToken cancellationToken)
    {
        var access = await AuthorizeAsync(caller, orgId, OrgAction.Rename, cancellationToken);
        if (access is OrgResult<OrgAccess>.Done)
        {
            await store.RenameAsync(orgId, name, cancellationToken);
            await AuditAsync(orgId, caller, "org.rename", name, cancellationToken);
        }

        return access;
    }

    /// <summary>Deletes the organisation: its data key is shredded first, so its keys are unreadable at once.</summary>
    public async Task<OrgResult<OrgAccess>> DeleteAsync(Caller caller, string orgId, CancellationToken cancellationToken)
    {
        var access = await AuthorizeAsync(caller, orgId, OrgAction.Delete, cancellationToken);
        if (access is not OrgResult<OrgAccess>.Done { Value.Org: var org })
        {
            return access;
        }

        await AuditAsync(orgId, caller, "org.delete", org.Name, cancellationToken);
        await dataKeys.ShredAsync(orgId, cancellationToken);
        await savedKeys.DeleteAllAsync(orgId, cancellationToken);

        await invitations.DeleteAllAsync(orgId, cancellationToken);
        await store.DeleteAsync(orgId, cancellationToken);
        return access;
    }

    public async Task<OrgResult<IReadOnlyList<Membership>>> MembersAsync(Caller caller, string orgId, CancellationToken cancellationToken) =>
        await AuthorizeAsync(caller, orgId, OrgAction.ListMembers, cancellationToken) switch
        {
            OrgResult<OrgAccess>.Refused refused => new OrgResult<IReadOnlyList<Membership>>.Refused(refused.Refusal),
            _ => new OrgResult<IReadOnlyList<Membership>>.Done(await store.MembersAsync(orgId, cancellationToken)),
        };

    /// <summary>
    /// Changes a member's role, or removes them (<paramref name="role"/> null); anyone may leave on their own, but nobody
    /// changes their own role: an owner demoting themselves would hand the organisation to whoever is left.
    /// </summary>
    public async Task<OrgResult<OrgAccess>> ChangeMemberAsync(Caller caller, string orgId, string userId, OrgRole? role, CancellationToken cancellationToken)
    {
        var ownSeat = userId == caller.UserId;
        var leaving = role is null && ownSeat;
        var access = await AuthorizeAsync(caller, orgId, ownSeat ? OrgAction.View : OrgAction.ManageMembers, cancellationToken);
        if (access is not OrgResult<OrgAccess>.Done { Value.Member: var member })
        {
            return access;
        }

        if (await store.MemberAsync(orgId, userId, cancellationToken) is not { } target)
        {
            return new OrgResult<OrgAccess>.Refused(OrgRefusal.NotFound);
        }

        if (!leaving && !OrgRoles.MayAssign(member.Role, target.Role, role ?? OrgRole.Member))
        {
            return new OrgResult<OrgAccess>.Refused(OrgRefusal.Forbidden);
        }

        if (ownSeat && role is not null)
        {
            return new OrgResult<OrgAccess>.Refused(OrgRefusal.OwnRole);
        }

        var action = leaving ? "member.leave" : role is null ? "member.remove" : "member.role";
        var detail = role is null ? target.Email : $"{target.Email}: {OrgRoles.Name(target.Role)} → {OrgRoles.Name(role.Value)}";
        if (!await store.ChangeMemberAsync(orgId, userId, role, cancellationToken))
        {
            await AuditAsync(orgId, caller, action, detail, cancellationToken, "refused: last owner");
            return new OrgResult<OrgAccess>.Refused(OrgRefusal.LastOwner);
        }

        await AuditAsync(orgId, caller, action, detail, cancellationToken);
        return access;
    }

    public async Task<OrgResult<NewInvitation>> InviteAsync(Caller caller, string orgId, string email, OrgRole role, CancellationToken cancellationToken)
    {
        switch (await AuthorizeAsync(caller, orgId, OrgAction.Invite, cancellationToken))
        {
            case OrgResult<OrgAccess>.Refused refused:
                return new OrgResult<NewInvitation>.Refused(refused.Refusal);
            case OrgResult<OrgAccess>.Done { Value.Member: var member } when !OrgRoles.MayAssign(member.Role, OrgRole.Member, role):
                return new OrgResult<NewInvitation>.Refused(OrgRefusal.Forbidden);
        }

        var invitation = await invitations.CreateAsync(orgId, role, email, caller.UserId!, cancellationToken);
        await AuditAsync(orgId, caller, "invitation.create", $"{email}: {OrgRoles.Name(role)}", cancellationToken);
        return new OrgResult<NewInvitation>.Done(invitation);
    }

    public async Task<OrgResult<PendingInvitationPage>> PendingInvitationsAsync(
        Caller caller, string orgId, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        await AuthorizeAsync(caller, orgId, OrgAction.Invite, cancellationToken) switch
        {
            OrgResult<OrgAccess>.Refused refused => new OrgResult<PendingInvitationPage>.Refused(refused.Refusal),
            _ => new OrgResult<PendingInvitationPage>.Done(await invitations.PendingAsync(orgId, pageSize, continuationToken, cancellationToken)),
        };

    /// <summary>Sends a pending invitation again: a new link and a new expiry; the old link stops working.</summary>
    public async Task<OrgResult<NewInvitation>> RenewInvitationAsync(Caller caller, string orgId, string invitationId, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(caller, orgId, OrgAction.Invite, cancellationToken) is OrgResult<OrgAccess>.Refused refused)
        {
            return new OrgResult<NewInvitation>.Refused(refused.Refusal);
        }

        if (await invitations.RenewAsync(orgId, invitationId, cancellationToken) is not { } renewed)
        {
            return new OrgResult<NewInvitation>.Refused(OrgRefusal.InvitationUnknown);
        }

        await AuditAsync(orgId, caller, "invitation.renew", $"{renewed.Email}: {OrgRoles.Name(renewed.Role)}", cancellationToken);
        return new OrgResult<NewInvitation>.Done(renewed);
    }

    public async Task<OrgResult<string>> RevokeInvitationAsync(Caller caller, string orgId, string invitationId, CancellationToken cancellationToken)
    {
        if (await AuthorizeAsync(caller, orgId, OrgAction.Invite, cancellationToken) is OrgResult<OrgAccess>.Refused refused)
        {
            return new OrgResult<string>.Refused(refused.Refusal);
        }

        if (await invitations.RevokeAsync(orgId, invitationId, cancellationToken) is not { } email)
        {
            return new OrgResult<string>.Refused(OrgRefusal.InvitationUnknown);
        }

        await AuditAsync(orgId, caller, "invitation.revoke", email, cancellationToken);
        return new OrgResult<string>.Done(email);
    }

    public async Task<OrgResult<OrgSummary>> AcceptAsync(Caller caller, string token, CancellationToken cancellationToken)
    {
        var redemption = await invitations.RedeemAsync(token, caller.UserId!, cancellationToken);
        if (redemption is not Redemption.Redeemed { OrgId: var orgId, Role: var role } || await store.FindAsync(orgId, cancellationToken) is not { } org)
        {
            return new OrgResult<OrgSummary>.Refused(redemption switch
            {
                Redemption.Expired => OrgRefusal.InvitationExpired,
                Redemption.Used => OrgRefusal.InvitationUsed,
                _ => OrgRefusal.InvitationUnknown,
            });
        }

        var existing = await store.MemberAsync(org.Id, caller.UserId!, cancellationToken);
        var profile = await users.FindAsync(caller.UserId!, cancellationToken);
        if (existing is null)
        {
            await store.AddMemberAsync(new Membership(org.Id, caller.UserId!, profile?.Email ?? "", role, time.GetUtcNow()), cancellationToken);
        }

        await AuditAsync(org.Id, caller, "invitation.accept", $"{profile?.Email}: {OrgRoles.Name(existing?.Role ?? role)}", cancellationToken);
        return new OrgResult<OrgSummary>.Done(new OrgSummary(org.Id, org.Name, OrgRoles.Name(existing?.Role ?? role), org.CreatedAt));
    }

    /// <summary>Records one action on the organisation in its audit log (never a key).</summary>
    public Task AuditAsync(string orgId, Caller caller, string action, string target, CancellationToken cancellationToken, string outcome = "ok") =>
        audit.AppendAsync(orgId, caller.UserId ?? caller.Kind.ToString().ToLowerInvariant(), action, target, caller.ClientAddress, outcome, cancellationToken);
}
