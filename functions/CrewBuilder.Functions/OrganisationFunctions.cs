using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CrewBuilder.Functions;

public sealed class OrganisationFunctions(OrganisationEndpoints endpoints)
{
    [Function(nameof(CreateOrganisation))]
    public Task<IActionResult> CreateOrganisation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Orgs)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.CreateAsync(request, cancellationToken).AsAction();

    [Function(nameof(ListOrganisations))]
    public Task<IActionResult> ListOrganisations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Orgs)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.ListAsync(request, cancellationToken).AsAction();

    [Function(nameof(GetOrganisation))]
    public Task<IActionResult> GetOrganisation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Org)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.GetAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(RenameOrganisation))]
    public Task<IActionResult> RenameOrganisation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = ApiRoutes.Org)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.RenameAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(DeleteOrganisation))]
    public Task<IActionResult> DeleteOrganisation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Org)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.DeleteAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(ListMembers))]
    public Task<IActionResult> ListMembers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgMembers)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.MembersAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(SetMemberRole))]
    public Task<IActionResult> SetMemberRole(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.OrgMember)] HttpRequest request, string orgId, string userId, CancellationToken cancellationToken) =>
        endpoints.SetRoleAsync(request, orgId, userId, cancellationToken).AsAction();

    [Function(nameof(RemoveMember))]
    public Task<IActionResult> RemoveMember(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.OrgMember)] HttpRequest request, string orgId, string userId, CancellationToken cancellationToken) =>
        endpoints.RemoveMemberAsync(request, orgId, userId, cancellationToken).AsAction();

    [Function(nameof(InviteMember))]
    public Task<IActionResult> InviteMember(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.OrgInvitations)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.InviteAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(ListInvitations))]
    public Task<IActionResult> ListInvitations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgInvitations)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.PendingInvitationsAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(ResendInvitation))]
    public Task<IActionResult> ResendInvitation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.OrgInvitationResend)] HttpRequest request, string orgId, string invitationId,
        CancellationToken cancellationToken) =>
        endpoints.ResendInvitationAsync(request, orgId, invitationId, cancellationToken).AsAction();

    [Function(nameof(RevokeInvitation))]
    public Task<IActionResult> RevokeInvitation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.OrgInvitation)] HttpRequest request, string orgId, string invitationId,
        CancellationToken cancellationToken) =>
        endpoints.RevokeInvitationAsync(request, orgId, invitationId, cancellationToken).AsAction();

    [Function(nameof(AcceptInvitation))]
    public Task<IActionResult> AcceptInvitation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.InvitationAccept)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.AcceptInvitationAsync(request, cancellationToken).AsAction();

    [Function(nameof(ListOrganisationKeys))]
    public Task<IActionResult> ListOrganisationKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgApiKeys)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.ListKeysAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(SaveOrganisationKey))]
    public Task<IActionResult> SaveOrganisationKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.OrgApiKey)] HttpRequest request, string orgId, string provider, CancellationToken cancellationToken) =>
        endpoints.SaveKeyAsync(request, orgId, provider, cancellationToken).AsAction();

    [Function(nameof(DeleteOrganisationKey))]
    public Task<IActionResult> DeleteOrganisationKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.OrgApiKey)] HttpRequest request, string orgId, string provider, CancellationToken cancellationToken) =>
        endpoints.DeleteKeyAsync(request, orgId, provider, cancellationToken).AsAction();

    [Function(nameof(TestOrganisationKey))]
    public Task<IActionResult> TestOrganisationKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.OrgApiKeyTest)] HttpRequest request, string orgId, string provider, CancellationToken cancellationToken) =>
        endpoints.TestKeyAsync(request, orgId, provider, cancellationToken).AsAction();

    [Function(nameof(ListAudit))]
    public Task<IActionResult> ListAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgAudit)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.AuditAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(ExportAudit))]
    public Task<IActionResult> ExportAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgAuditExport)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.ExportAuditAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(VerifyAudit))]
    public Task<IActionResult> VerifyAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgAuditVerify)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.VerifyAuditAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(StageOrganisationKey))]
    public Task<IActionResult> StageOrganisationKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.OrgApiKeyPending)] HttpRequest request, string orgId, string provider, CancellationToken cancellationToken) =>
        endpoints.StageKeyAsync(request, orgId, provider, cancellationToken).AsAction();

    [Function(nameof(RotateOrganisationKey))]
    public Task<IActionResult> RotateOrganisationKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.OrgApiKeyRotate)] HttpRequest request, string orgId, string provider, CancellationToken cancellationToken) =>
        endpoints.RotateKeyAsync(request, orgId, provider, cancellationToken).AsAction();

    [Function(nameof(GetRotation))]
    public Task<IActionResult> GetRotation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgRotation)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.RotationAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(SetRotationPolicy))]
    public Task<IActionResult> SetRotationPolicy(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.OrgRotation)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.SetRotationPolicyAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(ListOrganisationGenerations))]
    public Task<IActionResult> ListOrganisationGenerations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgGenerations)] HttpRequest request, string orgId,
        [DurableClient] DurableTaskClient durableClient, CancellationToken cancellationToken) =>
        endpoints.GenerationsAsync(request, orgId, new DurableTaskClientScheduler(durableClient), cancellationToken).AsAction();

    [Function(nameof(GetOrganisationUsage))]
    public Task<IActionResult> GetOrganisationUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgUsage)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.UsageAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(GetBranding))]
    public Task<IActionResult> GetBranding(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgBranding)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.BrandingAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(SetBranding))]
    public Task<IActionResult> SetBranding(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.OrgBranding)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.SetBrandingAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(GetKeyVault))]
    public Task<IActionResult> GetKeyVault(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgKeyVault)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.KeyVaultAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(SetKeyVault))]
    public Task<IActionResult> SetKeyVault(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.OrgKeyVault)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.SetKeyVaultAsync(request, orgId, cancellationToken).AsAction();
}
