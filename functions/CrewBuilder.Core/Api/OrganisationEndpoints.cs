using System.Diagnostics;
using CrewBuilder.Core.Generation.Requests;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Organisations.Management;
using CrewBuilder.Core.Organisations;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

public sealed record OrganisationRequest(string? Name)
{
    public const int MaxNameLength = 100;

    public Dictionary<string, string[]> Validate() =>
        string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > MaxNameLength
            ? new() { ["name"] = [$"Give the organisation a name of 1 to {MaxNameLength} characters."] }
            : [];
}

public sealed record RoleRequest(string? Role);

/// <summary>Who is invited (their e-mail address) and with which role; they join by the invitation's link.</summary>
public sealed record InvitationRequest(string? Email, string? Role)
{
    public const int MaxEmailLength = 254;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var email = Email?.Trim() ?? "";
        if (email.Length > MaxEmailLength || !System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            errors["email"] = ["Enter the e-mail address of the person to invite, e.g. sam@example.com."];
        }

        if (!OrgRoles.TryParse(Role, out _))
        {
            errors["role"] = [RoleChoice];
        }

        return errors;
    }

    internal const string RoleChoice = "Choose one of: owner, admin, member, auditor.";
}

public sealed record AcceptInvitationRequest(string? Token);

public sealed record OrganisationList(IReadOnlyList<OrgSummary> Items);

public sealed record MemberView(string UserId, string Email, string Role, DateTimeOffset JoinedAt);

public sealed record MemberList(IReadOnlyList<MemberView> Items);

/// <summary>A new (or newly sent) invitation: its id in the pending list and the token its link carries, shown once.</summary>
public sealed record InvitationCreated(string Id, string Token, string Email, string Role, DateTimeOffset ExpiresAt)
{
    public static InvitationCreated From(NewInvitation invitation) =>
        new(invitation.Id, invitation.Token, invitation.Email, OrgRoles.Name(invitation.Role), invitation.ExpiresAt);
}

public sealed record RotationPolicyRequest(int? MaxKeyAgeDays)
{
    public Dictionary<string, string[]> Validate() =>
        MaxKeyAgeDays is >= 1 and <= 365 ? [] : new() { ["maxKeyAgeDays"] = ["Keys may be 1 to 365 days old before they are due for rotation."] };
}

/// <summary>
/// The organisation's own vault: an Azure Key Vault (e.g. https://acme-keys.vault.azure.net/) or a HashiCorp Vault;
/// neither for CrewBuilder's storage.
/// </summary>
public sealed record KeyVaultSetting(Uri? KeyVaultUri, HashiCorpVaultRequest? HashiCorpVault = null)
{
    public Dictionary<string, string[]> Validate() => HashiCorpVault?.Validate() ?? [];
}

/// <summary>Where the organisation's keys are kept, as its admins see it: never a secret id or token.</summary>
public sealed record KeyVaultView(Uri? KeyVaultUri, HashiCorpVaultView? HashiCorpVault)
{
    public static KeyVaultView Of(OrgVaultLocation? vault) =>
        new((vault as AzureKeyVaultLocation)?.VaultUri, vault is HashiCorpVaultLocation hashiCorp ? HashiCorpVaultView.Of(hashiCorp) : null);
}

public sealed record RotationView(int MaxKeyAgeDays, IReadOnlyList<RotationStatus> Keys);

public sealed record RotationOutcome(RotationResult Result, RotationStatus? Key);

/// <summary>An organisation's use of its keys this month against its contract; <paramref name="Limit"/> null: unlimited.</summary>
public sealed record OrganisationUsage(
    int Used, int Reserved, int? Limit, int? Remaining, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd, AvailabilityAgainstTarget? Availability = null);

/// <summary>
/// The contract's availability target beside the availability measured from <paramref name="From"/> to <paramref name="To"/>;
/// <paramref name="Met"/> is null while nothing has been measured.
/// </summary>
public sealed record AvailabilityAgainstTarget(double TargetPercent, double? MeasuredPercent, bool? Met, DateTimeOffset From, DateTimeOffset To);

/// <summary>Organisations, members, invitations, organisation keys and the audit log; every rule is in <see cref="OrganisationService"/>.</summary>
public sealed class OrganisationEndpoints(
    ApiGate gate, OrganisationService organisations, OrganisationPolicies policies, AuditLog audit, KeyEndpoints keys, OrgKeyRotation rotation,
    OrganisationGenerations organisationGenerations, Billing.QuotaLedger quotas, Status.ServiceStatus serviceStatus, TimeProvider time)
{
    public Task<IResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<OrganisationRequest>(request, body => body.Validate(), cancellationToken);
            return body is null ? problem! : new JsonResponse(await organisations.CreateAsync(caller, body.Name!.Trim(), cancellationToken), StatusCodes.Status201Created);
        }, cancellationToken);

    public Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
            new JsonResponse(new OrganisationList(await organisations.ListMineAsync(caller, cancellationToken))), cancellationToken);

    public Task<IResult> GetAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.View, (_, access) =>
            Task.FromResult<IResult>(new JsonResponse(new OrgSummary(access.Org.Id, access.Org.Name, OrgRoles.Name(access.Member.Role), access.Org.CreatedAt))),
            cancellationToken);

    public Task<IResult> RenameAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<OrganisationRequest>(request, body => body.Validate(), cancellationToken);
            return body is null ? problem! : Answer(await organisations.RenameAsync(caller, orgId, body.Name!.Trim(), cancellationToken), _ => TypedResults.NoContent());
        }, cancellationToken);

    public Task<IResult> DeleteAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
            Answer(await organisations.DeleteAsync(caller, orgId, cancellationToken), _ => TypedResults.NoContent()), cancellationToken);

    public Task<IResult> MembersAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
        {
            return Answer(await organisations.MembersAsync(caller, orgId, cancellationToken), members => new JsonResponse(new MemberList([.. members.Select(m => new MemberView(m.UserId, m.Email, OrgRoles.Name(m.Role), m.JoinedAt))])));
        }, cancellationToken);

    public Task<IResult> SetRoleAsync(HttpRequest request, string orgId, string userId, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<RoleRequest>(request, RoleErrors, cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            return Answer(await organisations.ChangeMemberAsync(caller, orgId, userId, OrgRoles.Parse(body.Role!), cancellationToken), _ => TypedResults.NoContent());
        }, cancellationToken);

    public Task<IResult> RemoveMemberAsync(HttpRequest request, string orgId, string userId, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
            Answer(await organisations.ChangeMemberAsync(caller, orgId, userId, null, cancellationToken), _ => TypedResults.NoContent()), cancellationToken);

    public Task<IResult> InviteAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<InvitationRequest>(request, body => body.Validate(), cancellationToken);
            return body is null ? problem!
                : Answer(await organisations.InviteAsync(caller, orgId, body.Email!.Trim(), OrgRoles.Parse(body.Role!), cancellationToken), created => Invitation(created, StatusCodes.Status201Created));
        }, cancellationToken);

    public Task<IResult> PendingInvitationsAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
        {
            var (pageSize, problem) = Paging.PageSize(request);
            return problem ?? Answer(
                await organisations.PendingInvitationsAsync(caller, orgId, pageSize, Paging.ContinuationToken(request), cancellationToken), page => new JsonResponse(page));
        }, cancellationToken);

    public Task<IResult> ResendInvitationAsync(HttpRequest request, string orgId, string invitationId, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
            Answer(await organisations.RenewInvitationAsync(caller, orgId, invitationId, cancellationToken), renewed => Invitation(renewed, StatusCodes.Status200OK)), cancellationToken);

    public Task<IResult> RevokeInvitationAsync(HttpRequest request, string orgId, string invitationId, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
            Answer(await organisations.RevokeInvitationAsync(caller, orgId, invitationId, cancellationToken), _ => TypedResults.NoContent()), cancellationToken);

    public Task<IResult> AcceptInvitationAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<AcceptInvitationRequest>(request,
                body => string.IsNullOrEmpty(body.Token) ? new() { ["token"] = ["Send the invitation's token."] } : [], cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            return Answer(await organisations.AcceptAsync(caller, body.Token!, cancellationToken), joined => new JsonResponse(joined));
        }, cancellationToken);

    public Task<IResult> ListKeysAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ViewKeys, (_, _) => keys.ListForAsync(orgId, cancellationToken), cancellationToken);

    public Task<IResult> SaveKeyAsync(HttpRequest request, string orgId, string provider, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ManageKeys, async (caller, _) =>
            await AuditedAsync(caller, orgId, "key.set", provider, await keys.SaveForAsync(request, caller, orgId, provider, cancellationToken), cancellationToken),
            cancellationToken);

    public Task<IResult> TestKeyAsync(HttpRequest request, string orgId, string provider, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ManageKeys, async (caller, _) =>
            await AuditedAsync(caller, orgId, "key.test", provider, await keys.TestForAsync(orgId, provider, cancellationToken), cancellationToken),
            cancellationToken);

    public Task<IResult> DeleteKeyAsync(HttpRequest request, string orgId, string provider, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ManageKeys, async (caller, _) =>
            await AuditedAsync(caller, orgId, "key.remove", provider, await keys.DeleteForAsync(orgId, provider, cancellationToken), cancellationToken),
            cancellationToken);

    public Task<IResult> StageKeyAsync(HttpRequest request, string orgId, string provider, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ManageKeys, async (caller, _) =>
            await AuditedAsync(caller, orgId, "key.stage", provider,
                await keys.SaveForAsync(request, caller, orgId, provider, cancellationToken, Keys.StagedKeys.Pending(provider)), cancellationToken),
            cancellationToken);

    public Task<IResult> RotateKeyAsync(HttpRequest request, string orgId, string provider, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ManageKeys, async (caller, _) =>
        {
            if (!Keys.Providers.IsKnown(provider))
            {
                return Problems.NotFound("provider");
            }

            return await policies.RotateAsync(caller, orgId, provider, cancellationToken) switch
            {
                KeyActivation.Activated activated => new JsonResponse(new RotationOutcome(RotationResult.Activated, activated.Key)),
                KeyActivation.NothingStaged => Problems.NotFound("pending key"),
                KeyActivation.NotActivated notActivated => Problems.Validation(new Dictionary<string, string[]>
                {
                    ["pending"] = [notActivated.ProviderUnreachable
                        ? "The provider could not be reached to test the pending key; the active key is unchanged. Try again."
                        : "The provider refused the pending key; the active key is unchanged."],
                }),
                _ => throw new UnreachableException(),
            };
        }, cancellationToken);

    public Task<IResult> RotationAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ManageKeys, async (_, access) =>
            new JsonResponse(new RotationView(access.Org.MaxKeyAgeDays, await rotation.StatusAsync(orgId, cancellationToken))), cancellationToken);

    public Task<IResult> SetRotationPolicyAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ManageKeys, async (caller, _) =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<RotationPolicyRequest>(request, body => body.Validate(), cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            return new JsonResponse(new RotationView(body.MaxKeyAgeDays!.Value,
                await policies.SetMaxKeyAgeAsync(caller, orgId, body.MaxKeyAgeDays.Value, cancellationToken)));
        }, cancellationToken);

    public Task<IResult> GenerationsAsync(HttpRequest request, string orgId, Generation.Workflow.IGenerationScheduler scheduler, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ListGenerations, async (_, _) =>
        {
            var (pageSize, problem) = Paging.PageSize(request);
            return problem ?? new JsonResponse(await organisationGenerations.ListAsync(orgId, pageSize, Paging.ContinuationToken(request), scheduler, cancellationToken));
        }, cancellationToken);

    public Task<IResult> UsageAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ReadUsage, async (_, access) =>
        {
            var usage = await quotas.ReadAsync(orgId, cancellationToken) is { } balance
                ? new OrganisationUsage(balance.Used, balance.Reserved, balance.Limit, balance.Remaining, balance.PeriodStart, balance.PeriodEnd)
                : new OrganisationUsage(0, 0, access.Org.GenerationCap, access.Org.GenerationCap, null, null);
            return new JsonResponse(access.Org.AvailabilityTarget is { } target
                ? usage with { Availability = await AvailabilityAsync(target, usage.PeriodStart, cancellationToken) }
                : usage);
        }, cancellationToken);

    /// <summary>Measured over the usage period, or the calendar month so far when there is none yet.</summary>
    private async Task<AvailabilityAgainstTarget> AvailabilityAsync(double target, DateTimeOffset? periodStart, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var measure = await serviceStatus.AvailabilityAsync(periodStart ?? new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero), cancellationToken);
        return new AvailabilityAgainstTarget(target, measure.MeasuredPercent, measure.MeasuredPercent is { } measured ? measured >= target : null, measure.From, measure.To);
    }

    public Task<IResult> KeyVaultAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ManageKeys, (_, access) =>
            Task.FromResult<IResult>(new JsonResponse(KeyVaultView.Of(access.Org.Vault))), cancellationToken);

    public Task<IResult> SetKeyVaultAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ManageKeys, async (caller, access) =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<KeyVaultSetting>(request, body => body.Validate(), cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            return await policies.SetVaultAsync(caller, access.Org, body.KeyVaultUri, body.HashiCorpVault, cancellationToken) switch
            {
                VaultChange.Moved moved => new JsonResponse(KeyVaultView.Of(moved.Vault)),
                VaultChange.SecretEnvelopeRefused refused => Problems.KeyEnvelopeRefused(refused.Error),
                VaultChange.Refused refused => Problems.Validation(new Dictionary<string, string[]> { [refused.Field] = [refused.Message] }),
                var other => throw new UnreachableException(other.GetType().Name),
            };
        }, cancellationToken);

    public Task<IResult> BrandingAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.View, (_, access) =>
            Task.FromResult<IResult>(new JsonResponse(access.Org.Branding ?? new OrgBranding(access.Org.Name, null, null, null))), cancellationToken);

    public Task<IResult> SetBrandingAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ManageBranding, async (caller, _) =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<OrgBranding>(request, body => body.Validate(), cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            return new JsonResponse(await policies.SetBrandingAsync(caller, orgId, body, cancellationToken));
        }, cancellationToken);

    public Task<IResult> AuditAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ReadAudit, async (_, _) =>
        {
            var (pageSize, problem) = Paging.PageSize(request);
            var (filter, filterProblem) = AuditFilterOf(request);
            return problem ?? filterProblem ?? new JsonResponse(await audit.ListAsync(orgId, filter!, pageSize, Paging.ContinuationToken(request), cancellationToken));
        }, cancellationToken);

    public Task<IResult> ExportAuditAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ReadAudit, async (_, _) =>
        {
            var (filter, problem) = AuditFilterOf(request);
            if (problem is not null)
            {
                return problem;
            }

            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(await audit.CsvAsync(orgId, filter!, cancellationToken)), "text/csv; charset=utf-8", $"audit-{orgId}.csv");
        }, cancellationToken);

    public Task<IResult> VerifyAuditAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        InOrgAsync(request, orgId, OrgAction.ReadAudit, async (_, _) => new JsonResponse(await audit.VerifyAsync(orgId, cancellationToken)), cancellationToken);

    /// <summary>Runs <paramref name="handle"/> for a signed-in member whose role allows <paramref name="action"/>, else answers why not.</summary>
    internal Task<IResult> InOrgAsync(
        HttpRequest request, string orgId, OrgAction action, Func<Caller, OrgAccess, Task<IResult>> handle, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
        {
            try
            {
                return await organisations.AuthorizeAsync(caller, orgId, action, cancellationToken) switch
                {
                    OrgResult<OrgAccess>.Done { Value: var access } => await handle(caller, access),
                    OrgResult<OrgAccess>.Refused refused => Problems.OrganisationRefused(refused.Refusal),
                    _ => throw new UnreachableException(),
                };
            }
            catch (OrgVaultUnavailableException unavailable)
            {
                return Problems.VaultUnavailable(unavailable);
            }
        }, cancellationToken);

    /// <summary>Writes a key action that took place to the audit log; a refused request changed nothing and is not one.</summary>
    private async Task<IResult> AuditedAsync(Caller caller, string orgId, string action, string provider, IResult result, CancellationToken cancellationToken)
    {
        if (result is JsonResponse or Microsoft.AspNetCore.Http.HttpResults.NoContent)
        {
            await organisations.AuditAsync(orgId, caller, action, provider, cancellationToken);
        }

        return result;
    }

    private static IResult Answer<T>(OrgResult<T> result, Func<T, IResult> success) => result switch
    {
        OrgResult<T>.Done done => success(done.Value),
        OrgResult<T>.Refused refused => Problems.OrganisationRefused(refused.Refusal),
        _ => throw new UnreachableException(),
    };

    private static Dictionary<string, string[]> RoleErrors(RoleRequest body) =>
        OrgRoles.TryParse(body.Role, out _) ? [] : new() { ["role"] = [InvitationRequest.RoleChoice] };

    private static JsonResponse Invitation(NewInvitation invitation, int status) => JsonResponse.CarryingSecret(InvitationCreated.From(invitation), status);

    private static (AuditFilter? Filter, IResult? Problem) AuditFilterOf(HttpRequest request)
    {
        DateTimeOffset? Time(string name, Dictionary<string, string[]> errors) =>
            QueryTimes.Read(request, name, errors, "Send an ISO 8601 time, e.g. 2026-11-01T00:00:00Z.");

        var errors = new Dictionary<string, string[]>();
        var filter = new AuditFilter(
            request.Query["action"].ToString() is { Length: > 0 } action ? action : null,
            request.Query["actor"].ToString() is { Length: > 0 } actor ? actor : null,
            Time("from", errors), Time("to", errors));
        return errors.Count > 0 ? (null, Problems.Validation(errors)) : (filter, null);
    }
}
