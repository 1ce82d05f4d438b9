namespace CrewBuilder.Core.Organisations;

public enum OrgRole { Owner, Admin, Member, Auditor }

/// <summary>Everything a member may try to do in an organisation.</summary>
public enum OrgAction
{
    View,
    Rename,
    Delete,
    ListMembers,
    ManageMembers,
    Invite,
    ManageKeys,
    ViewKeys,
    UseKeys,
    ReadAudit,
    ReadUsage,
    ListGenerations,
    ManageBranding,
    ManageWebhooks,
}

/// <summary>
/// The one role matrix every organisation route consults. Owners and admins run the organisation; members generate
/// with its keys but never see or change them; auditors read the audit log, usage and membership, nothing else.
/// </summary>
public static class OrgRoles
{
    private static readonly Dictionary<OrgRole, HashSet<OrgAction>> Allowed = new()
    {
        [OrgRole.Owner] = [.. Enum.GetValues<OrgAction>()],
        [OrgRole.Admin] = [.. Enum.GetValues<OrgAction>().Except([OrgAction.Delete])],
        [OrgRole.Member] = [OrgAction.View, OrgAction.ListMembers, OrgAction.UseKeys],
        [OrgRole.Auditor] = [OrgAction.View, OrgAction.ListMembers, OrgAction.ReadAudit, OrgAction.ReadUsage],
    };

    public static bool Allows(OrgRole role, OrgAction action) => Allowed[role].Contains(action);

    /// <summary>Only an owner may make or unmake owners; an admin manages admins, members and auditors.</summary>
    public static bool MayAssign(OrgRole actor, OrgRole from, OrgRole to) =>
        actor == OrgRole.Owner || (actor == OrgRole.Admin && from != OrgRole.Owner && to != OrgRole.Owner);

    public static bool TryParse(string? text, out OrgRole role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);

    /// <summary>A role name already checked with <see cref="TryParse"/>.</summary>
    public static OrgRole Parse(string text) => Enum.Parse<OrgRole>(text, ignoreCase: true);

    public static string Name(OrgRole role) => role.ToString().ToLowerInvariant();
}
