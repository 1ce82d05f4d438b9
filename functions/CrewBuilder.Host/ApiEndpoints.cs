using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Mcp;

namespace CrewBuilder.Host;

/// <summary>Maps the API routes declared in <see cref="ApiRoutes"/> to the same Core endpoints the Functions app calls.</summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapCrewBuilderApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup($"/{ApiRoutes.Prefix}");
        ((IEndpointConventionBuilder)api).Add(AlsoAnswerHead);
        api.MapPost(ApiRoutes.Generations, (HttpRequest request, GenerationEndpoints endpoints, IGenerationScheduler scheduler, CancellationToken ct) =>
            endpoints.CreateAsync(request, scheduler, ct));
        api.MapGet(ApiRoutes.Generations, (HttpRequest request, GenerationEndpoints endpoints, IGenerationScheduler scheduler, CancellationToken ct) =>
            endpoints.ListAsync(request, scheduler, ct));
        api.MapGet(ApiRoutes.Generation, (HttpRequest request, string id, GenerationEndpoints endpoints, IGenerationScheduler scheduler, CancellationToken ct) =>
            endpoints.GetAsync(request, id, scheduler, ct));
        api.MapDelete(ApiRoutes.Generation, (HttpRequest request, string id, GenerationEndpoints endpoints, IGenerationScheduler scheduler, CancellationToken ct) =>
            endpoints.CancelAsync(request, id, scheduler, ct));
        api.MapPut(ApiRoutes.GenerationRating, (HttpRequest request, string id, GenerationEndpoints endpoints, CancellationToken ct) => endpoints.RateAsync(request, id, ct));
        api.MapGet(ApiRoutes.Projects, (HttpRequest request, ProjectEndpoints endpoints, IGenerationScheduler scheduler, CancellationToken ct) => endpoints.ListAsync(request, scheduler, ct));
        api.MapPatch(ApiRoutes.Project, (HttpRequest request, string id, ProjectEndpoints endpoints, CancellationToken ct) => endpoints.RenameAsync(request, id, ct));
        api.MapDelete(ApiRoutes.Project, (HttpRequest request, string id, ProjectEndpoints endpoints, CancellationToken ct) => endpoints.DeleteAsync(request, id, ct));
        api.MapPost(ApiRoutes.GenerationForecast, (HttpRequest request, GenerationEndpoints endpoints, CancellationToken ct) => endpoints.ForecastAsync(request, ct));
        api.MapGet(ApiRoutes.Templates, (HttpRequest request, TemplateEndpoints endpoints, CancellationToken ct) => endpoints.ListAsync(request, ct));
        api.MapPost(ApiRoutes.Templates, (HttpRequest request, TemplateEndpoints endpoints, CancellationToken ct) => endpoints.CreateAsync(request, ct));
        api.MapPut(ApiRoutes.Template, (HttpRequest request, string id, TemplateEndpoints endpoints, CancellationToken ct) => endpoints.UpdateAsync(request, id, ct));
        api.MapDelete(ApiRoutes.Template, (HttpRequest request, string id, TemplateEndpoints endpoints, CancellationToken ct) => endpoints.DeleteAsync(request, id, ct));
        api.MapPost(ApiRoutes.Clarifications, (HttpRequest request, ClarificationEndpoints endpoints, CancellationToken ct) => endpoints.StartAsync(request, ct));
        api.MapGet(ApiRoutes.Clarification, (HttpRequest request, string id, ClarificationEndpoints endpoints, CancellationToken ct) => endpoints.GetAsync(request, id, ct));
        api.MapPost(ApiRoutes.ClarificationMessages, (HttpRequest request, string id, ClarificationEndpoints endpoints, CancellationToken ct) =>
            endpoints.ReplyAsync(request, id, ct));
        api.MapGet(ApiRoutes.GenerationFile, (HttpRequest request, string id, string? path, GenerationEndpoints endpoints, CancellationToken ct) =>
            endpoints.ReadFileAsync(request, id, path, ct));
        api.MapGet(ApiRoutes.GenerationArtifact, (HttpRequest request, string id, GenerationEndpoints endpoints, CancellationToken ct) =>
            endpoints.DownloadAsync(request, id, ct));

        api.MapPost(ApiRoutes.Mcp, (HttpRequest request, McpEndpoint endpoint, IGenerationScheduler scheduler, CancellationToken ct) =>
            endpoint.HandleAsync(request, scheduler, ct));

        api.MapGet(ApiRoutes.Me, (HttpRequest request, AccountEndpoints endpoints, CancellationToken ct) => endpoints.GetMeAsync(request, ct));
        api.MapDelete(ApiRoutes.Me, (HttpRequest request, AccountEndpoints endpoints, CancellationToken ct) => endpoints.DeleteAccountAsync(request, ct));
        api.MapGet(ApiRoutes.MyDataExport, (HttpRequest request, AccountEndpoints endpoints, CancellationToken ct) => endpoints.ExportAsync(request, ct));
        api.MapPost(ApiRoutes.Tokens, (HttpRequest request, AccountEndpoints endpoints, CancellationToken ct) => endpoints.CreateTokenAsync(request, ct));
        api.MapGet(ApiRoutes.Tokens, (HttpRequest request, AccountEndpoints endpoints, CancellationToken ct) => endpoints.ListTokensAsync(request, ct));
        api.MapDelete(ApiRoutes.Token, (HttpRequest request, string id, AccountEndpoints endpoints, CancellationToken ct) =>
            endpoints.RevokeTokenAsync(request, id, ct));

        api.MapGet(ApiRoutes.ApiKeysEncryptionKey, (KeyEndpoints endpoints, CancellationToken ct) => endpoints.GetEncryptionKeyAsync(ct));
        api.MapGet(ApiRoutes.ApiKeys, (HttpRequest request, KeyEndpoints endpoints, CancellationToken ct) => endpoints.ListAsync(request, ct));
        api.MapPut(ApiRoutes.ApiKey, (HttpRequest request, string provider, KeyEndpoints endpoints, CancellationToken ct) => endpoints.SaveAsync(request, provider, ct));
        api.MapPost(ApiRoutes.ApiKeyTest, (HttpRequest request, string provider, KeyEndpoints endpoints, CancellationToken ct) => endpoints.TestAsync(request, provider, ct));
        api.MapPost(ApiRoutes.ApiKeyTestUnsaved, (HttpRequest request, string provider, KeyEndpoints endpoints, CancellationToken ct) => endpoints.TestUnsavedAsync(request, provider, ct));
        api.MapDelete(ApiRoutes.ApiKey, (HttpRequest request, string provider, KeyEndpoints endpoints, CancellationToken ct) => endpoints.DeleteAsync(request, provider, ct));

        api.MapGet(ApiRoutes.BillingPlans, (BillingEndpoints endpoints) => endpoints.GetPlans());
        api.MapPost(ApiRoutes.BillingCheckout, (HttpRequest request, BillingEndpoints endpoints, CancellationToken ct) => endpoints.CheckoutAsync(request, ct));
        api.MapPost(ApiRoutes.BillingPortal, (HttpRequest request, BillingEndpoints endpoints, CancellationToken ct) => endpoints.PortalAsync(request, ct));
        api.MapPost(ApiRoutes.BillingCreditLookup, (HttpRequest request, BillingEndpoints endpoints, CancellationToken ct) => endpoints.LookupCreditAsync(request, ct));
        api.MapPost(ApiRoutes.BillingWebhook, (HttpRequest request, BillingEndpoints endpoints, CancellationToken ct) => endpoints.WebhookAsync(request, ct));
        api.MapGet(ApiRoutes.Usage, (HttpRequest request, UsageEndpoints endpoints, CancellationToken ct) => endpoints.GetAsync(request, ct));
        api.MapGet(ApiRoutes.UsageHistory, (HttpRequest request, UsageEndpoints endpoints, CancellationToken ct) => endpoints.HistoryAsync(request, ct));
        api.MapGet(ApiRoutes.UsageExport, (HttpRequest request, UsageEndpoints endpoints, CancellationToken ct) => endpoints.ExportAsync(request, ct));

        api.MapGet(ApiRoutes.PlatformUsage, (HttpRequest request, AdminEndpoints endpoints, CancellationToken ct) => endpoints.UsageAsync(request, ct));
        api.MapPut(ApiRoutes.PlatformOrgContract, (HttpRequest request, string orgId, AdminEndpoints endpoints, CancellationToken ct) => endpoints.SetContractAsync(request, orgId, ct));
        api.MapGet(ApiRoutes.OrgGenerations, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, IGenerationScheduler scheduler, CancellationToken ct) =>
            endpoints.GenerationsAsync(request, orgId, scheduler, ct));
        api.MapGet(ApiRoutes.OrgKeyVault, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.KeyVaultAsync(request, orgId, ct));
        api.MapPut(ApiRoutes.OrgKeyVault, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.SetKeyVaultAsync(request, orgId, ct));
        api.MapGet(ApiRoutes.OrgDedicatedAi, (HttpRequest request, string orgId, DedicatedAiEndpoints endpoints, CancellationToken ct) => endpoints.GetAsync(request, orgId, ct));
        api.MapPut(ApiRoutes.OrgDedicatedAi, (HttpRequest request, string orgId, DedicatedAiEndpoints endpoints, CancellationToken ct) => endpoints.RegisterAsync(request, orgId, ct));
        api.MapDelete(ApiRoutes.OrgDedicatedAi, (HttpRequest request, string orgId, DedicatedAiEndpoints endpoints, CancellationToken ct) => endpoints.RemoveAsync(request, orgId, ct));
        api.MapPost(ApiRoutes.OrgDedicatedAiTest, (HttpRequest request, string orgId, DedicatedAiEndpoints endpoints, CancellationToken ct) => endpoints.TestAsync(request, orgId, ct));
        api.MapGet(ApiRoutes.OrgBranding, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.BrandingAsync(request, orgId, ct));
        api.MapPut(ApiRoutes.OrgBranding, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.SetBrandingAsync(request, orgId, ct));
        api.MapGet(ApiRoutes.OrgHostnames, (HttpRequest request, string orgId, WhiteLabelEndpoints endpoints, CancellationToken ct) => endpoints.ListAsync(request, orgId, ct));
        api.MapPost(ApiRoutes.OrgHostnames, (HttpRequest request, string orgId, WhiteLabelEndpoints endpoints, CancellationToken ct) => endpoints.RegisterAsync(request, orgId, ct));
        api.MapPost(ApiRoutes.OrgHostnameVerify, (HttpRequest request, string orgId, string hostname, WhiteLabelEndpoints endpoints, CancellationToken ct) =>
            endpoints.VerifyAsync(request, orgId, hostname, ct));
        api.MapDelete(ApiRoutes.OrgHostname, (HttpRequest request, string orgId, string hostname, WhiteLabelEndpoints endpoints, CancellationToken ct) =>
            endpoints.RemoveAsync(request, orgId, hostname, ct));
        api.MapGet(ApiRoutes.Site, (HttpRequest request, WhiteLabelEndpoints endpoints, CancellationToken ct) => endpoints.SiteAsync(request, ct));
        api.MapGet(ApiRoutes.OrgUsage, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.UsageAsync(request, orgId, ct));

        api.MapPost(ApiRoutes.Orgs, (HttpRequest request, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.CreateAsync(request, ct));
        api.MapGet(ApiRoutes.Orgs, (HttpRequest request, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.ListAsync(request, ct));
        api.MapGet(ApiRoutes.Org, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.GetAsync(request, orgId, ct));
        api.MapPatch(ApiRoutes.Org, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.RenameAsync(request, orgId, ct));
        api.MapDelete(ApiRoutes.Org, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.DeleteAsync(request, orgId, ct));
        api.MapGet(ApiRoutes.OrgMembers, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.MembersAsync(request, orgId, ct));
        api.MapPut(ApiRoutes.OrgMember, (HttpRequest request, string orgId, string userId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.SetRoleAsync(request, orgId, userId, ct));
        api.MapDelete(ApiRoutes.OrgMember, (HttpRequest request, string orgId, string userId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.RemoveMemberAsync(request, orgId, userId, ct));
        api.MapPost(ApiRoutes.OrgInvitations, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.InviteAsync(request, orgId, ct));
        api.MapGet(ApiRoutes.OrgInvitations, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.PendingInvitationsAsync(request, orgId, ct));
        api.MapPost(ApiRoutes.OrgInvitationResend, (HttpRequest request, string orgId, string invitationId, OrganisationEndpoints endpoints, CancellationToken ct) =>
            endpoints.ResendInvitationAsync(request, orgId, invitationId, ct));
        api.MapDelete(ApiRoutes.OrgInvitation, (HttpRequest request, string orgId, string invitationId, OrganisationEndpoints endpoints, CancellationToken ct) =>
            endpoints.RevokeInvitationAsync(request, orgId, invitationId, ct));
        api.MapPost(ApiRoutes.InvitationAccept, (HttpRequest request, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.AcceptInvitationAsync(request, ct));
        api.MapGet(ApiRoutes.OrgApiKeys, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.ListKeysAsync(request, orgId, ct));
        api.MapPut(ApiRoutes.OrgApiKey, (HttpRequest request, string orgId, string provider, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.SaveKeyAsync(request, orgId, provider, ct));
        api.MapDelete(ApiRoutes.OrgApiKey, (HttpRequest request, string orgId, string provider, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.DeleteKeyAsync(request, orgId, provider, ct));
        api.MapPost(ApiRoutes.OrgApiKeyTest, (HttpRequest request, string orgId, string provider, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.TestKeyAsync(request, orgId, provider, ct));
        api.MapGet(ApiRoutes.OrgAudit, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.AuditAsync(request, orgId, ct));
        api.MapGet(ApiRoutes.OrgAuditExport, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.ExportAuditAsync(request, orgId, ct));
        api.MapGet(ApiRoutes.Webhooks, (HttpRequest request, WebhookEndpoints endpoints, CancellationToken ct) => endpoints.ListAsync(request, null, ct));
        api.MapPost(ApiRoutes.Webhooks, (HttpRequest request, WebhookEndpoints endpoints, CancellationToken ct) => endpoints.RegisterAsync(request, null, ct));
        api.MapDelete(ApiRoutes.Webhook, (HttpRequest request, string id, WebhookEndpoints endpoints, CancellationToken ct) => endpoints.DeleteAsync(request, null, id, ct));
        api.MapPost(ApiRoutes.WebhookSecret, (HttpRequest request, string id, WebhookEndpoints endpoints, CancellationToken ct) => endpoints.RotateSecretAsync(request, null, id, ct));
        api.MapPost(ApiRoutes.WebhookTest, (HttpRequest request, string id, WebhookEndpoints endpoints, CancellationToken ct) => endpoints.SendTestAsync(request, null, id, ct));
        api.MapGet(ApiRoutes.WebhookDeliveries, (HttpRequest request, string id, WebhookEndpoints endpoints, CancellationToken ct) => endpoints.DeliveriesAsync(request, null, id, ct));
        api.MapGet(ApiRoutes.OrgWebhooks, (HttpRequest request, string orgId, WebhookEndpoints endpoints, CancellationToken ct) => endpoints.ListAsync(request, orgId, ct));
        api.MapPost(ApiRoutes.OrgWebhooks, (HttpRequest request, string orgId, WebhookEndpoints endpoints, CancellationToken ct) => endpoints.RegisterAsync(request, orgId, ct));
        api.MapDelete(ApiRoutes.OrgWebhook, (HttpRequest request, string orgId, string id, WebhookEndpoints endpoints, CancellationToken ct) =>
            endpoints.DeleteAsync(request, orgId, id, ct));
        api.MapPost(ApiRoutes.OrgWebhookSecret, (HttpRequest request, string orgId, string id, WebhookEndpoints endpoints, CancellationToken ct) =>
            endpoints.RotateSecretAsync(request, orgId, id, ct));
        api.MapPost(ApiRoutes.OrgWebhookTest, (HttpRequest request, string orgId, string id, WebhookEndpoints endpoints, CancellationToken ct) =>
            endpoints.SendTestAsync(request, orgId, id, ct));
        api.MapGet(ApiRoutes.OrgWebhookDeliveries, (HttpRequest request, string orgId, string id, WebhookEndpoints endpoints, CancellationToken ct) =>
            endpoints.DeliveriesAsync(request, orgId, id, ct));
        api.MapGet(ApiRoutes.OrgAuditVerify, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.VerifyAuditAsync(request, orgId, ct));
        api.MapPut(ApiRoutes.OrgApiKeyPending, (HttpRequest request, string orgId, string provider, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.StageKeyAsync(request, orgId, provider, ct));
        api.MapPost(ApiRoutes.OrgApiKeyRotate, (HttpRequest request, string orgId, string provider, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.RotateKeyAsync(request, orgId, provider, ct));
        api.MapGet(ApiRoutes.OrgRotation, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.RotationAsync(request, orgId, ct));
        api.MapPut(ApiRoutes.OrgRotation, (HttpRequest request, string orgId, OrganisationEndpoints endpoints, CancellationToken ct) => endpoints.SetRotationPolicyAsync(request, orgId, ct));

        api.MapGet(ApiRoutes.AuthConfig, (AuthEndpoints endpoints) => endpoints.GetConfig());
        if (app.ServiceProvider.GetService<DevTokenIssuer>() is not null)
        {
            api.MapPost(ApiRoutes.DevSignIn, (HttpRequest request, AuthEndpoints endpoints, CancellationToken ct) => endpoints.DevSignInAsync(request, ct));
        }

        api.MapGet(ApiRoutes.Health, (HealthEndpoint health, CancellationToken ct) => health.GetAsync(ct));
        api.MapGet(ApiRoutes.Status, (StatusEndpoint status, CancellationToken ct) => status.GetAsync(ct));
        api.MapGet(ApiRoutes.OpenApi, OpenApiDocument.Result);
        return app;
    }

    /// <summary>Every GET route answers HEAD too: the same status and headers, and Kestrel sends no body.</summary>
    private static void AlsoAnswerHead(EndpointBuilder endpoint)
    {
        if (endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is { HttpMethods: [var method] } && HttpMethods.IsGet(method))
        {
            endpoint.Metadata.Add(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        }
    }
}
