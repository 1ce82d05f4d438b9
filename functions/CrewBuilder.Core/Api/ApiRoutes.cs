namespace CrewBuilder.Core.Api;

/// <summary>
/// Every HTTP route of the API, declared once. Both hosts map these (under the <c>api/</c> prefix),
/// and a test holds the Functions build's metadata to the self-host's endpoints.
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "api";
    public const string Generations = "generations";
    public const string Generation = "generations/{id}";
    public const string GenerationArtifact = "generations/{id}/artifact";
    public const string GenerationFile = "generations/{id}/files/{*path}";
    public const string GenerationRating = "generations/{id}/rating";
    public const string GenerationForecast = "generations/forecast";
    public const string Projects = "projects";
    public const string Project = "projects/{id}";
    public const string Templates = "templates";
    public const string Template = "templates/{id}";
    public const string Clarifications = "clarifications";
    public const string Clarification = "clarifications/{id}";
    public const string ClarificationMessages = "clarifications/{id}/messages";
    public const string Health = "health";
    public const string Status = "status";
    public const string Me = "me";
    public const string MyDataExport = "me/export";
    public const string Tokens = "tokens";
    public const string Token = "tokens/{id}";
    public const string AuthConfig = "auth/config";
    public const string OpenApi = "openapi.json";
    public const string ApiKeys = "settings/api-keys";
    public const string ApiKey = "settings/api-keys/{provider}";
    public const string ApiKeyTest = "settings/api-keys/{provider}/test";
    public const string ApiKeyTestUnsaved = "settings/api-keys/{provider}/test-unsaved";
    public const string ApiKeysEncryptionKey = "settings/api-keys/encryption-key";
    public const string BillingPlans = "billing/plans";
    public const string BillingCheckout = "billing/checkout";
    public const string BillingPortal = "billing/portal";
    public const string BillingWebhook = "billing/webhook";
    public const string BillingCreditLookup = "billing/credits/lookup";
    public const string Usage = "usage";
    public const string UsageHistory = "usage/history";
    public const string UsageExport = "usage/history/export";
    public const string PlatformUsage = "platform/usage";
    public const string Orgs = "orgs";
    public const string Org = "orgs/{orgId}";
    public const string OrgMembers = "orgs/{orgId}/members";
    public const string OrgMember = "orgs/{orgId}/members/{userId}";
    public const string OrgInvitations = "orgs/{orgId}/invitations";
    public const string OrgInvitation = "orgs/{orgId}/invitations/{invitationId}";
    public const string OrgInvitationResend = "orgs/{orgId}/invitations/{invitationId}/resend";
    public const string InvitationAccept = "invitations/accept";
    public const string OrgApiKeys = "orgs/{orgId}/api-keys";
    public const string OrgApiKey = "orgs/{orgId}/api-keys/{provider}";
    public const string OrgApiKeyTest = "orgs/{orgId}/api-keys/{provider}/test";
    public const string OrgApiKeyPending = "orgs/{orgId}/api-keys/{provider}/pending";
    public const string OrgApiKeyRotate = "orgs/{orgId}/api-keys/{provider}/rotate";
    public const string OrgRotation = "orgs/{orgId}/rotation";
    public const string OrgGenerations = "orgs/{orgId}/generations";
    public const string OrgUsage = "orgs/{orgId}/usage";
    public const string OrgBranding = "orgs/{orgId}/branding";
    public const string OrgKeyVault = "orgs/{orgId}/key-vault";
    public const string OrgHostnames = "orgs/{orgId}/hostnames";
    public const string OrgHostname = "orgs/{orgId}/hostnames/{hostname}";
    public const string OrgHostnameVerify = "orgs/{orgId}/hostnames/{hostname}/verify";
    public const string Site = "site";
    public const string OrgDedicatedAi = "orgs/{orgId}/dedicated-ai";
    public const string OrgDedicatedAiTest = "orgs/{orgId}/dedicated-ai/test";
    public const string PlatformOrgContract = "platform/orgs/{orgId}/contract";
    public const string OrgAudit = "orgs/{orgId}/audit";
    public const string OrgAuditExport = "orgs/{orgId}/audit/export";
    public const string OrgAuditVerify = "orgs/{orgId}/audit/verify";
    public const string Webhooks = "webhooks";
    public const string Webhook = "webhooks/{id}";
    public const string WebhookSecret = "webhooks/{id}/secret";
    public const string WebhookTest = "webhooks/{id}/test";
    public const string WebhookDeliveries = "webhooks/{id}/deliveries";
    public const string OrgWebhooks = "orgs/{orgId}/webhooks";
    public const string OrgWebhook = "orgs/{orgId}/webhooks/{id}";
    public const string OrgWebhookSecret = "orgs/{orgId}/webhooks/{id}/secret";
    public const string OrgWebhookTest = "orgs/{orgId}/webhooks/{id}/test";
    public const string OrgWebhookDeliveries = "orgs/{orgId}/webhooks/{id}/deliveries";

    /// <summary>The Model Context Protocol server (streamable HTTP, stateless) for coding assistants.</summary>
    public const string Mcp = "mcp";

    /// <summary>
    /// Routes that speak another protocol than the REST API the OpenAPI document describes: MCP is JSON-RPC over one POST
    /// route, its methods and errors defined by the MCP specification, which OpenAPI cannot describe.
    /// </summary>
    public static IReadOnlyList<string> OutsideTheOpenApiDocument { get; } = [Mcp];

    /// <summary>The self-host's development sign-in; the Functions app never offers it.</summary>
    public const string DevSignIn = "dev/sign-in";

    /// <summary>Routes only the self-host serves, left out of the route parity check on purpose.</summary>
    public static IReadOnlyList<string> SelfHostOnly { get; } = [DevSignIn];

    public static string GenerationUrl(string id) => Url(Generation, id);

    /// <summary>The address of one thing at a <c>{id}</c> route.</summary>
    public static string Url(string route, string id) => $"/{Prefix}/{route.Replace("{id}", id, StringComparison.Ordinal)}";
}
