using CrewBuilder.Core.Clarification;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Organisations.Management;
using CrewBuilder.Core.Templates;
using Microsoft.AspNetCore.Mvc;

namespace CrewBuilder.Core.Api;

/// <summary>A status an operation answers with, and its body (none: no content; a null body with another type: that type's bytes).</summary>
public sealed record ApiResponse(int Status, string Description, Type? Body = null, string ContentType = "application/json", IReadOnlyList<ApiHeader>? Headers = null);

/// <summary>A query parameter; <paramref name="Minimum"/>, <paramref name="Maximum"/> and <paramref name="Default"/> are the server's own limits.</summary>
public sealed record ApiQueryParameter(string Name, string Description, Type Type, int? Minimum = null, int? Maximum = null, int? Default = null, string? Format = null);

/// <summary>A header a request carries or a response sends.</summary>
public sealed record ApiHeader(string Name, string Description);

/// <summary>The part of a Stripe event the webhook reads; Stripe sends more, and the body is verified as the exact text sent.</summary>
public sealed record StripeEventBody(string Id, string Type, long Created, System.Text.Json.Nodes.JsonObject Data);

/// <summary>
/// Whether an operation reads credentials: <see cref="None"/> never looks at them; <see cref="Optional"/> admits anonymous callers but
/// checks a token that is sent; <see cref="Required"/> needs one. Every operation but <see cref="None"/> can answer 401 and 429.
/// </summary>
public enum ApiAuth
{
    None,
    Optional,
    Required,
}

/// <summary>One operation of the public API, as the OpenAPI document describes it.</summary>
public sealed record ApiOperation(
    string Method,
    string Route,
    string OperationId,
    string Tag,
    string Summary,
    string Description,
    ApiAuth Auth,
    Type? RequestBody,
    IReadOnlyList<ApiResponse> Responses,
    IReadOnlyList<ApiQueryParameter>? Query = null,
    IReadOnlyList<ApiHeader>? RequestHeaders = null);

/// <summary>
/// The public API, described once; the OpenAPI document is built from it and a test holds it to the routes. Responses every
/// operation of a kind shares (401 and 429 where credentials are read, 400, 413 and 415 where a body is) are added by
/// <see cref="OpenApiDocument"/>, not listed here.
/// </summary>
public static class ApiCatalog
{
    private static readonly ApiResponse Forbidden = Problem(403, "The credential may not do this (API token scope, or plan).");
    private static readonly ApiResponse NotFound = Problem(404, "No such object that the caller can see.");
    private static readonly ApiResponse Invalid = Problem(422, "The request is not valid; `errors` says what to change.");
    private static readonly ApiResponse LastOwner = Problem(409, "That would leave the organisation without an owner.");
    private static readonly ApiResponse KeyEnvelopeConflict = Problem(409, "Encrypted with an old encryption key, or already used.");

    private const string WebhookRegistration =
        "`{ url, events }`: an https URL on a public host and one or more of generation.completed, generation.failed, key.rotation_due, " +
        "usage.threshold. Each delivery is POSTed with `Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">` and the event's " +
        "`id` (also in `Webhook-Id`) for deduplication, and retried with back-off for 24 hours until a 2xx answer.";

    private const string WebhookRotation =
        "A new signing secret, shown once; the previous one keeps signing beside it (a second `v1`) for 24 hours.";

    private const string WebhookTestEvent = "A `webhook.test` event to this endpoint alone, attempted once now.";

    private const string WebhookLog = "The last 50 deliveries: event, state, attempts, the endpoint's last status code or what went wrong, the next attempt.";

    private static readonly ApiHeader Location = new("Location", "The address of what was created.");

    private static readonly ApiQueryParameter PageSize =
        new("pageSize", "How many per page.", typeof(int), Minimum: 1, Maximum: Paging.MaxPageSize, Default: Paging.DefaultPageSize);

    private static readonly ApiQueryParameter ContinuationToken = new("continuationToken", "From the previous page.", typeof(string));

    /// <summary>The groups operations are filed under, in the order the document lists them.</summary>
    public static IReadOnlyDictionary<string, string> Tags { get; } = new Dictionary<string, string>
    {
        ["Generations"] = "Start, follow, rate and download generations.",
        ["Templates"] = "The template gallery and a person's own templates.",
        ["Clarifications"] = "The interview before a generation.",
        ["Account"] = "The signed-in person: profile, data export, deletion and personal API tokens.",
        ["Keys"] = "A person's saved provider keys.",
        ["Billing"] = "Plans, Stripe Checkout and Customer Portal, paid generations, usage.",
        ["Organisations"] = "Organisations, members, invitations, organisation keys, their own AI endpoint, branding and the audit log.",
        ["Webhooks"] = "Signed outbound webhooks of a Professional account or an organisation: endpoints, secrets, test events and the delivery log.",
        ["Platform"] = "For platform administrators.",
        ["Service"] = "Sign-in configuration, health and this document.",
    };

    public static IReadOnlyList<ApiOperation> Operations { get; } =
    [
        new("POST", ApiRoutes.Generations, "createGeneration", "Generations", "Start a generation",
            "Accepts a requirement and starts a durable generation. `keySource` (`once`, `saved`, `organisation`, `platform`, `server`) and `provider` choose the key, else: a key sent for this generation (`encryptedKey`), the caller's saved key, CrewBuilder Pro AI (with a plan, or a paid generation's `credit`), the server's own key, or template mode. Subscribers' generations count against their plan. A member of several organisations with keys names the one that pays with `orgId` (implying `keySource` `organisation`); without it the choice is refused as ambiguous. Anonymous callers receive an `accessToken` (shown once) that alone can read the generation.",
            ApiAuth.Optional, typeof(CreateGenerationRequest),
            [new(202, "Accepted; follow `statusUrl` (also in `Location`).", typeof(GenerationAccepted), Headers: [Location]),
             Problem(403, "The credential may not do this (API token scope, or plan), or the caller's role in the organisation `orgId` does not generate with its keys."),
             Problem(404, "No template, generation (`parentId`), clarification chat or organisation (`orgId`) with that id that the caller can see."),
             Problem(409, "The encrypted key was made for an old encryption key, or was already used."), Invalid,
             Problem(402, "The plan's last payment failed, or the paid generation cannot be spent."),
             Problem(429, "Too many failed authentications, the plan's generations are used up until it renews, or (without an account) too many generations from this address this hour; see Retry-After.")]),
        new("GET", ApiRoutes.Generations, "listGenerations", "Generations", "List your generations",
            "Newest first, a page at a time. Needs a signed-in person or an API token with `generations:read`.",
            ApiAuth.Required, null, [new(200, "A page of generations.", typeof(GenerationPage)), Forbidden, Invalid],
            [PageSize, ContinuationToken]),
        new("GET", ApiRoutes.Generation, "getGeneration", "Generations", "Follow a generation",
            "Status, steps with their times, progress and, once completed, the files.",
            ApiAuth.Required, null, [new(200, "The generation.", typeof(GenerationView)), NotFound]),
        new("DELETE", ApiRoutes.Generation, "cancelGeneration", "Generations", "Cancel a generation",
            "Stops a queued or running generation: no further step runs, its charge is released and a one-off key is forgotten. Answers with the cancelled generation.",
            ApiAuth.Required, null, [new(200, "The cancelled generation.", typeof(GenerationView)), Forbidden, NotFound,
                Problem(409, "The generation has already ended.")]),
        new("GET", ApiRoutes.GenerationArtifact, "downloadGeneration", "Generations", "Download the project",
            "The generated CrewAI project as a zip, once the generation has completed.",
            ApiAuth.Required, null, [new(200, "The project.", null, "application/zip"), NotFound]),
        new("GET", ApiRoutes.GenerationFile, "readGeneratedFile", "Generations", "Read one generated file",
            "The text of one file of a completed project (a path the generation lists), for viewing before downloading.",
            ApiAuth.Required, null, [new(200, "The file.", null, "text/plain"), NotFound]),
        new("PUT", ApiRoutes.GenerationRating, "rateGeneration", "Generations", "Rate a generation",
            "1 to 5 stars and, optionally, a comment, for a generation that has ended. A new rating replaces the old one.",
            ApiAuth.Required, typeof(RateGenerationRequest),
            [new(200, "The generation with its rating.", typeof(GenerationView)), Forbidden, NotFound,
             Problem(409, "The generation has not ended yet."), Invalid]),
        new("POST", ApiRoutes.GenerationForecast, "forecastGeneration", "Generations", "Forecast a generation's cost",
            "Before starting: the tokens a generation of this requirement is expected to spend and their price at the models it would run on (the standard model for most steps, the advanced one for architecture and review, or the `model` named).",
            ApiAuth.Optional, typeof(ForecastRequest), [new(200, "The forecast.", typeof(Forecast)), Invalid]),
        new("GET", ApiRoutes.Templates, "listTemplates", "Templates", "The template gallery",
            "The built-in starting points for everyone and, on Professional and Enterprise, the caller's own templates. Start a generation from one with `templateId`.",
            ApiAuth.Optional, null, [new(200, "The gallery.", typeof(TemplateList))]),
        new("POST", ApiRoutes.Templates, "createTemplate", "Templates", "Save a template",
            "A named template from a requirement, or from one of the caller's generations (`generationId`). Professional and Enterprise. Templates never carry keys: key-shaped text is refused.",
            ApiAuth.Required, typeof(SaveTemplateRequest), [new(201, "The template.", typeof(CrewTemplate), Headers: [Location]), Forbidden, NotFound, Invalid]),
        new("PUT", ApiRoutes.Template, "updateTemplate", "Templates", "Change a template",
            "Replaces the name, description, requirement and hints of one of the caller's templates.",
            ApiAuth.Required, typeof(SaveTemplateRequest), [new(200, "The template.", typeof(CrewTemplate)), Forbidden, NotFound, Invalid]),
        new("DELETE", ApiRoutes.Template, "deleteTemplate", "Templates", "Delete a template",
            "Deletes one of the caller's templates.", ApiAuth.Required, null, [new(204, "Deleted."), NotFound]),
        new("POST", ApiRoutes.Clarifications, "startClarification", "Clarifications", "Start a clarification chat",
            "Before generating: the interviewer asks one specific question per turn (systems, credentials, volumes, outputs) and says when it has enough. With the caller's saved or organisation key, or a self-hosted server's key, a model interviews; otherwise a fixed set of questions does. Start a generation with `clarificationId` (and, without an account, `clarificationToken` = the `accessToken` answered here, shown once) to give it the transcript and the refined requirement.",
            ApiAuth.Optional, typeof(StartClarificationRequest),
            [new(201, "The chat with its first question.", typeof(ClarificationView), Headers: [Location]), Forbidden, Invalid,
             Problem(429, "Too many chat turns from this address or account this hour; see Retry-After.")]),
        new("POST", ApiRoutes.ClarificationMessages, "answerClarification", "Clarifications", "Answer the chat's question",
            "Adds the answer and returns the chat with the next question, or, when the interviewer has enough, `status: ready` and the refined requirement.",
            ApiAuth.Required, typeof(ClarificationReply),
            [new(200, "The chat.", typeof(ClarificationView)), Forbidden, NotFound,
             Problem(409, "The chat has finished, or another answer arrived at the same time."), Invalid,
             Problem(429, "Too many chat turns this hour; see Retry-After.")]),
        new("GET", ApiRoutes.Clarification, "getClarification", "Clarifications", "Read a clarification chat",
            "The transcript, its status and, once ready, the refined requirement.",
            ApiAuth.Required, null, [new(200, "The chat.", typeof(ClarificationView)), NotFound]),
        new("GET", ApiRoutes.Me, "getMe", "Account", "Who am I",
            "The signed-in person's profile, plan and organisations.", ApiAuth.Required, null, [new(200, "The profile.", typeof(MeResponse))]),
        new("GET", ApiRoutes.MyDataExport, "exportMyData", "Account", "Export your data",
            "Everything CrewBuilder holds about you, as a JSON download: profile, generations with their files' metadata, API tokens, usage and audit entries. Needs a signed-in person.",
            ApiAuth.Required, null, [new(200, "Your data.", typeof(Privacy.PersonalDataExport)), Forbidden]),
        new("DELETE", ApiRoutes.Me, "deleteMe", "Account", "Delete your account",
            "Revokes your tokens, deletes your generations and projects, then your profile. Confirm by sending the account's e-mail address. Needs a signed-in person.",
            ApiAuth.Required, typeof(DeleteAccountRequest), [new(204, "Deleted."), Forbidden, Invalid,
             Problem(503, "The subscription could not be cancelled with Stripe, so nothing was deleted.")]),
        new("POST", ApiRoutes.Tokens, "createToken", "Account", "Create a personal API token",
            "Professional and Enterprise plans. The token is in this answer only; it is stored as a hash. Needs a signed-in person.",
            ApiAuth.Required, typeof(CreateTokenRequest),
            [new(201, "The new token, shown once.", typeof(CreatedTokenResponse)), Forbidden, Invalid]),
        new("GET", ApiRoutes.Tokens, "listTokens", "Account", "List your API tokens",
            "Name, prefix, scopes, created, last used and expiry; never the token.", ApiAuth.Required, null,
            [new(200, "Your tokens.", typeof(TokenList)), Forbidden]),
        new("DELETE", ApiRoutes.Token, "revokeToken", "Account", "Revoke an API token",
            "The token stops working at once.", ApiAuth.Required, null, [new(204, "Revoked."), Forbidden, NotFound]),
        new("GET", ApiRoutes.ApiKeysEncryptionKey, "getKeyEncryptionPublicKey", "Keys", "The key to encrypt provider keys with",
            "The server's RSA-OAEP-256 public key as a JWK. Send provider keys as a compact JWE (alg RSA-OAEP-256, enc A256GCM, this kid) whose payload is `{ key, nonce, iat }`.",
            ApiAuth.None, null, [new(200, "The public key.", typeof(Keys.PublicJwk))]),
        new("GET", ApiRoutes.ApiKeys, "listSavedKeys", "Keys", "Your saved provider keys",
            "Per provider: the masked key, status, and when it was created, tested, used and rotated. Never the key.",
            ApiAuth.Required, null, [new(200, "Saved keys.", typeof(SavedKeyList)), Forbidden]),
        new("PUT", ApiRoutes.ApiKey, "saveKey", "Keys", "Save a provider key",
            "`provider` is `openai` or `anthropic`. Send `encryptedKey`; a plain `key` only from an API token with `keys:manage` over HTTPS. Stored encrypted; answered masked.",
            ApiAuth.Required, typeof(SaveKeyRequest),
            [new(200, "Saved.", typeof(Keys.SavedKeyInfo)), Problem(400, "Not a key encrypted for this server."), Forbidden, NotFound,
             KeyEnvelopeConflict, Invalid]),
        new("POST", ApiRoutes.ApiKeyTest, "testKey", "Keys", "Test a saved key",
            "One cheap authenticated call to the provider (list models), with a short timeout: `connected`, `invalid` (the provider refused it) or `unreachable`.",
            ApiAuth.Required, null, [new(200, "What the provider said.", typeof(KeyTestResult)), Forbidden, NotFound]),
        new("DELETE", ApiRoutes.ApiKey, "deleteKey", "Keys", "Remove a provider key",
            "The ciphertext is deleted at once.", ApiAuth.Required, null, [new(204, "Removed."), Forbidden, NotFound]),
        new("GET", ApiRoutes.BillingPlans, "listPlans", "Billing", "Plans and prices",
            "Basic, Professional, Enterprise and the $5 one-off generation with CrewBuilder Pro AI: price, generations a period, models, extras, and whether this server sells it.",
            ApiAuth.None, null, [new(200, "The offers.", typeof(PlanCatalogResponse))]),
        new("POST", ApiRoutes.BillingCheckout, "startCheckout", "Billing", "Start a Stripe Checkout",
            "`{ plan }` (basic or professional) subscribes the signed-in person. `{ mode: \"generation\", quantity }` buys one-off generations, with or without an account; the answer's `credit` is the claim that spends them (shown once; keep it), valid once Stripe confirms payment.",
            ApiAuth.Optional, typeof(CheckoutRequest),
            [new(200, "Send the browser to `url`.", typeof(Billing.BillingRedirect)), Forbidden, Invalid,
             Problem(503, "Payments are not set up on this server, or Stripe did not answer.")]),
        new("POST", ApiRoutes.BillingPortal, "openBillingPortal", "Billing", "Open the Stripe Customer Portal",
            "Change plan, payment method or cancel. Needs a signed-in person with a subscription.", ApiAuth.Required, null,
            [new(200, "Send the browser to `url`.", typeof(Billing.BillingRedirect)), Forbidden, NotFound,
             Problem(503, "Stripe did not answer.")]),
        new("POST", ApiRoutes.BillingCreditLookup, "lookupCredit", "Billing", "What a paid generation claim is worth",
            "State (pending until Stripe confirms payment, paid, refunded), generations remaining and expiry.", ApiAuth.None, typeof(CreditLookupRequest),
            [new(200, "The purchase.", typeof(Billing.CreditStatus)), NotFound]),
        new("POST", ApiRoutes.BillingWebhook, "stripeWebhook", "Billing", "Stripe webhook",
            "Called by Stripe only: the body is read as the exact text Stripe sent (the signature covers its bytes), verified by the Stripe-Signature header (300 s tolerance) and applied once per event id.",
            ApiAuth.None, typeof(StripeEventBody),
            [new(200, "Received (or a duplicate, acknowledged).", typeof(WebhookReceipt)),
             Problem(400, "The signature did not verify or is too old, or the signed payload is not a Stripe event.")],
            RequestHeaders: [new("Stripe-Signature", "Stripe's signature of the body: `t=<unix time>,v1=<HMAC-SHA256 of \"t.body\" with the endpoint's secret>`.")]),
        new("GET", ApiRoutes.Usage, "getUsage", "Billing", "Your usage this period",
            "Plan, generations used, reserved (running now), limit and remaining, paid generations left, the period, and alerts at 80% and 100%.",
            ApiAuth.Required, null, [new(200, "Usage.", typeof(Billing.UsageSummary)), Forbidden]),
        new("GET", ApiRoutes.UsageHistory, "getUsageHistory", "Billing", "Your usage ledger",
            "One row per finished generation, newest first: key source, provider, model, tokens, estimated cost, duration, outcome.",
            ApiAuth.Required, null, [new(200, "A page of the ledger.", typeof(Billing.UsagePage)), Forbidden, Invalid],
            [PageSize, ContinuationToken]),
        new("GET", ApiRoutes.UsageExport, "exportUsageHistory", "Billing", "Your usage ledger as CSV",
            "The whole ledger as a CSV download.", ApiAuth.Required, null, [new(200, "The ledger.", null, "text/csv"), Forbidden]),
        new("GET", ApiRoutes.PlatformUsage, "getPlatformUsage", "Platform", "Platform usage and anomalies",
            "Platform administrators only: generations and estimated cost by plan, key source, model, outcome and day over the last `days` (default 30), and accounts whose last 24 hours are far above their average of the week before.",
            ApiAuth.Required, null, [new(200, "The report.", typeof(Billing.UsageReport)), Forbidden, Invalid],
            [new("days", "How many days back.", typeof(int), Minimum: 1, Maximum: AdminEndpoints.MaxDays, Default: 30)]),
        new("POST", ApiRoutes.Orgs, "createOrganisation", "Organisations", "Create an organisation",
            "The signed-in person becomes its owner.", ApiAuth.Required, typeof(OrganisationRequest),
            [new(201, "The organisation.", typeof(OrgSummary)), Forbidden, Invalid]),
        new("GET", ApiRoutes.Orgs, "listOrganisations", "Organisations", "Your organisations",
            "With your role in each.", ApiAuth.Required, null, [new(200, "Organisations.", typeof(OrganisationList)), Forbidden]),
        new("GET", ApiRoutes.Org, "getOrganisation", "Organisations", "An organisation",
            "Members of any role. Non-members get 404.", ApiAuth.Required, null, [new(200, "The organisation.", typeof(OrgSummary)), Forbidden, NotFound]),
        new("PATCH", ApiRoutes.Org, "renameOrganisation", "Organisations", "Rename an organisation",
            "Owners and admins.", ApiAuth.Required, typeof(OrganisationRequest), [new(204, "Renamed."), Forbidden, NotFound, Invalid]),
        new("DELETE", ApiRoutes.Org, "deleteOrganisation", "Organisations", "Delete an organisation",
            "Owners only. Its data key is shredded first, so its provider keys are unreadable at once.", ApiAuth.Required, null,
            [new(204, "Deleted."), Forbidden, NotFound]),
        new("GET", ApiRoutes.OrgMembers, "listMembers", "Organisations", "Members",
            "Every role may see who belongs.", ApiAuth.Required, null, [new(200, "Members.", typeof(MemberList)), Forbidden, NotFound]),
        new("PUT", ApiRoutes.OrgMember, "setMemberRole", "Organisations", "Change a member's role",
            "`{ role }`: owner, admin, member or auditor. Owners and admins; only owners make or unmake owners; the last owner stays.",
            ApiAuth.Required, typeof(RoleRequest), [new(204, "Changed."), Forbidden, NotFound, LastOwner, Invalid]),
        new("DELETE", ApiRoutes.OrgMember, "removeMember", "Organisations", "Remove a member, or leave",
            "Owners and admins remove; anyone may remove themselves; the last owner stays.", ApiAuth.Required, null,
            [new(204, "Removed."), Forbidden, NotFound, LastOwner]),
        new("POST", ApiRoutes.OrgInvitations, "inviteMember", "Organisations", "Invite someone",
            "`{ role }` → a single-use invitation token (shown once, stored hashed) valid for 7 days. Owners and admins.", ApiAuth.Required, typeof(InvitationRequest),
            [new(201, "The invitation.", typeof(InvitationCreated)), Forbidden, NotFound, Invalid]),
        new("POST", ApiRoutes.InvitationAccept, "acceptInvitation", "Organisations", "Accept an invitation",
            "`{ token }` makes the signed-in person a member with the invitation's role.", ApiAuth.Required, typeof(AcceptInvitationRequest),
            [new(200, "Joined.", typeof(OrgSummary)), Forbidden, NotFound,
             Problem(409, "The invitation was used already or has expired."), Invalid]),
        new("GET", ApiRoutes.OrgApiKeys, "listOrganisationKeys", "Organisations", "Organisation keys",
            "Masked, with status. Owners and admins; members use them without seeing them.", ApiAuth.Required, null,
            [new(200, "Keys.", typeof(SavedKeyList)), Forbidden, NotFound]),
        new("PUT", ApiRoutes.OrgApiKey, "saveOrganisationKey", "Organisations", "Save an organisation key",
            "Encrypted in the browser as for personal keys, stored under the organisation's own data key. Audited.", ApiAuth.Required, typeof(SaveKeyRequest),
            [new(200, "Saved.", typeof(Keys.SavedKeyInfo)), Forbidden, NotFound,
             KeyEnvelopeConflict, Invalid]),
        new("DELETE", ApiRoutes.OrgApiKey, "deleteOrganisationKey", "Organisations", "Remove an organisation key",
            "Deleted at once. Audited.", ApiAuth.Required, null, [new(204, "Removed."), Forbidden, NotFound]),
        new("POST", ApiRoutes.OrgApiKeyTest, "testOrganisationKey", "Organisations", "Test an organisation key",
            "One cheap call to the provider. Audited.", ApiAuth.Required, null, [new(200, "What the provider said.", typeof(KeyTestResult)), Forbidden, NotFound]),
        new("PUT", ApiRoutes.OrgApiKeyPending, "stageOrganisationKey", "Organisations", "Stage a new organisation key",
            "The first step of a rotation: the new key is stored as pending, encrypted like any key; the active key is unchanged. Audited.",
            ApiAuth.Required, typeof(SaveKeyRequest), [new(200, "Staged.", typeof(Keys.SavedKeyInfo)), Forbidden, NotFound,
             KeyEnvelopeConflict, Invalid]),
        new("POST", ApiRoutes.OrgApiKeyRotate, "rotateOrganisationKey", "Organisations", "Make the staged key active",
            "Tests the pending key with the provider; if it works it becomes active under the same key id and the previous key stays usable as a fallback for the grace period. Audited.",
            ApiAuth.Required, null, [new(200, "Rotated.", typeof(RotationOutcome)), Forbidden, NotFound, Invalid]),
        new("GET", ApiRoutes.OrgRotation, "getRotation", "Organisations", "Rotation policy and status",
            "The maximum key age and, per key, when it is due, what is staged, and until when the previous key is usable.",
            ApiAuth.Required, null, [new(200, "Rotation.", typeof(RotationView)), Forbidden, NotFound]),
        new("PUT", ApiRoutes.OrgRotation, "setRotationPolicy", "Organisations", "Set the rotation policy",
            "`{ maxKeyAgeDays }` (1 to 365, default 30). A daily job reminds the organisation a week before keys are due. Audited.",
            ApiAuth.Required, typeof(RotationPolicyRequest), [new(200, "The policy and status.", typeof(RotationView)), Forbidden, NotFound, Invalid]),
        new("GET", ApiRoutes.OrgGenerations, "listOrganisationGenerations", "Organisations", "The organisation's generations",
            "Every generation made with the organisation's keys, newest first. Owners and admins.", ApiAuth.Required, null,
            [new(200, "A page of generations.", typeof(GenerationPage)), Forbidden, NotFound, Invalid],
            [PageSize, ContinuationToken]),
        new("GET", ApiRoutes.OrgUsage, "getOrganisationUsage", "Organisations", "The organisation's usage",
            "Generations with the organisation's keys this month against its contract and, when the contract has an availability target, the whole service's availability measured since the period began (at most the last 30 days) against it. Owners, admins and auditors.", ApiAuth.Required, null,
            [new(200, "Usage.", typeof(OrganisationUsage)), Forbidden, NotFound]),
        new("GET", ApiRoutes.OrgKeyVault, "getKeyVault", "Organisations", "Where the organisation's keys are kept",
            "Its own Azure Key Vault (`keyVaultUri`) or HashiCorp Vault (`hashiCorpVault`, never the secret id or token), or neither for CrewBuilder's storage. Owners and admins.",
            ApiAuth.Required, null, [new(200, "The setting.", typeof(KeyVaultView)), Forbidden, NotFound]),
        new("PUT", ApiRoutes.OrgKeyVault, "setKeyVault", "Organisations", "Bring your own vault",
            "`{ keyVaultUri }`: an Azure Key Vault's root address to which CrewBuilder's managed identity has been granted Key Vault Secrets Officer; or `{ hashiCorpVault: { address, namespace, mount, pathPrefix, auth, roleId, encryptedSecret } }`: a HashiCorp Vault's https address on a host the platform allows, its KV v2 mount (default `secret`) and path prefix (default `org/{orgId}/api_keys`), a Vault Enterprise namespace if any, and AppRole (`auth: approle`, the role id, and a secret id) or token auth (`auth: token`), the secret id or token encrypted like a key and kept under the organisation's data key; or neither, to return to CrewBuilder's storage. Access is checked first (write, read and delete a probe secret); a vault that is unreachable, refuses, or is sealed is refused with what to do. Every stored key then moves. Audited.",
            ApiAuth.Required, typeof(KeyVaultSetting), [new(200, "Moved.", typeof(KeyVaultView)), Forbidden, NotFound, Invalid]),
        new("GET", ApiRoutes.OrgDedicatedAi, "getDedicatedAi", "Organisations", "The organisation's own AI endpoint",
            "The Azure OpenAI resource or OpenAI-compatible gateway that generations on the organisation's keys run on, its key masked. Owners and admins.",
            ApiAuth.Required, null, [new(200, "The endpoint.", typeof(DedicatedAiView)), Forbidden, NotFound]),
        new("PUT", ApiRoutes.OrgDedicatedAi, "registerDedicatedAi", "Organisations", "Bring your own AI endpoint",
            "`{ kind: azureOpenAi, baseUrl, apiVersion, standardModel, advancedModel, encryptedKey }` (deployment names) or `{ kind: gateway, baseUrl, standardModel, advancedModel, encryptedKey }`. HTTPS only, on a host the platform allows, never a loopback, private or link-local address. A one-token completion on each model tests it first; a failing endpoint is refused with what to fix. Then every step of every generation on the organisation's keys (OpenAI-shaped) runs there; the key is kept where the organisation keeps its keys. Audited.",
            ApiAuth.Required, typeof(DedicatedAiRequest), [new(200, "Registered.", typeof(DedicatedAiView)), Forbidden, NotFound, KeyEnvelopeConflict, Invalid]),
        new("DELETE", ApiRoutes.OrgDedicatedAi, "removeDedicatedAi", "Organisations", "Remove the organisation's own AI endpoint",
            "Its key is deleted; generations go back to the organisation's provider keys. Audited.", ApiAuth.Required, null, [new(204, "Removed."), Forbidden, NotFound]),
        new("POST", ApiRoutes.OrgDedicatedAiTest, "testDedicatedAi", "Organisations", "Test the organisation's own AI endpoint",
            "A one-token completion on each model with the stored key. Audited with its outcome.", ApiAuth.Required, null,
            [new(200, "It works.", typeof(DedicatedAiView)), Forbidden, NotFound, Invalid]),
        new("GET", ApiRoutes.OrgBranding, "getBranding", "Organisations", "The organisation's branding",
            "Name, colour, support contact and logo shown to members and in the README of projects made with the organisation's keys. Any member.",
            ApiAuth.Required, null, [new(200, "Branding.", typeof(Organisations.OrgBranding)), Forbidden, NotFound]),
        new("PUT", ApiRoutes.OrgBranding, "setBranding", "Organisations", "Set the organisation's branding",
            "`{ displayName, primaryColor (#RRGGBB), supportContact (e-mail or https link), logoDataUrl (PNG data URL, ≤ 40 KB) }`. Owners and admins. Audited.",
            ApiAuth.Required, typeof(Organisations.OrgBranding), [new(200, "Branding.", typeof(Organisations.OrgBranding)), Forbidden, NotFound, Invalid]),
        new("GET", ApiRoutes.OrgAudit, "listAudit", "Organisations", "The audit log",
            "Newest first, paged; filter by `action`, `actor`, `from`, `to`. Owners, admins and auditors.", ApiAuth.Required, null,
            [new(200, "A page of entries.", typeof(Organisations.AuditPage)), Forbidden, NotFound, Invalid],
            [new("action", "Only this action, e.g. key.set.", typeof(string)), new("actor", "Only this user id.", typeof(string)),
             new("from", "From this time (ISO 8601).", typeof(string), Format: "date-time"), new("to", "Before this time (ISO 8601).", typeof(string), Format: "date-time"),
             PageSize, ContinuationToken]),
        new("GET", ApiRoutes.OrgAuditExport, "exportAudit", "Organisations", "The audit log as CSV",
            "Same filters as the log.", ApiAuth.Required, null, [new(200, "The entries.", null, "text/csv"), Forbidden, NotFound, Invalid]),
        new("GET", ApiRoutes.OrgAuditVerify, "verifyAudit", "Organisations", "Verify the audit log",
            "Checks every entry's keyed seal, sequence number and row, the head and the latest signed checkpoint: intact, or each entry that was rewritten, swapped, moved, removed or cut off after the checkpoint, by name.", ApiAuth.Required, null,
            [new(200, "The verdict.", typeof(Organisations.AuditVerification)), Forbidden, NotFound]),
        new("GET", ApiRoutes.Webhooks, "listWebhooks", "Webhooks", "List your webhook endpoints",
            "Professional and Enterprise accounts. Secrets are never shown again.", ApiAuth.Required, null,
            [new(200, "Your endpoints.", typeof(WebhookEndpointList)), Forbidden]),
        new("POST", ApiRoutes.Webhooks, "registerWebhook", "Webhooks", "Register a webhook endpoint",
            WebhookRegistration, ApiAuth.Required, typeof(WebhookRequest),
            [new(201, "Registered; the signing secret, shown once.", typeof(Webhooks.WebhookSecretIssued)), Forbidden, Invalid]),
        new("DELETE", ApiRoutes.Webhook, "deleteWebhook", "Webhooks", "Remove a webhook endpoint",
            "No further deliveries; pending retries end.", ApiAuth.Required, null, [new(204, "Removed."), Forbidden, NotFound]),
        new("POST", ApiRoutes.WebhookSecret, "rotateWebhookSecret", "Webhooks", "Rotate a webhook endpoint's secret",
            WebhookRotation, ApiAuth.Required, null, [new(200, "The new secret, shown once.", typeof(Webhooks.WebhookSecretIssued)), Forbidden, NotFound]),
        new("POST", ApiRoutes.WebhookTest, "sendWebhookTest", "Webhooks", "Send a test event",
            WebhookTestEvent, ApiAuth.Required, null, [new(200, "The delivery, as logged.", typeof(Webhooks.WebhookDeliveryView)), Forbidden, NotFound]),
        new("GET", ApiRoutes.WebhookDeliveries, "listWebhookDeliveries", "Webhooks", "The delivery log",
            WebhookLog, ApiAuth.Required, null, [new(200, "Deliveries, newest first.", typeof(WebhookDeliveryList)), Forbidden, NotFound]),
        new("GET", ApiRoutes.OrgWebhooks, "listOrganisationWebhooks", "Webhooks", "List the organisation's webhook endpoints",
            "Owners and admins.", ApiAuth.Required, null, [new(200, "The endpoints.", typeof(WebhookEndpointList)), Forbidden, NotFound]),
        new("POST", ApiRoutes.OrgWebhooks, "registerOrganisationWebhook", "Webhooks", "Register an organisation webhook endpoint",
            WebhookRegistration + " Owners and admins.", ApiAuth.Required, typeof(WebhookRequest),
            [new(201, "Registered; the signing secret, shown once.", typeof(Webhooks.WebhookSecretIssued)), Forbidden, NotFound, Invalid]),
        new("DELETE", ApiRoutes.OrgWebhook, "deleteOrganisationWebhook", "Webhooks", "Remove an organisation webhook endpoint",
            "Owners and admins.", ApiAuth.Required, null, [new(204, "Removed."), Forbidden, NotFound]),
        new("POST", ApiRoutes.OrgWebhookSecret, "rotateOrganisationWebhookSecret", "Webhooks", "Rotate an organisation webhook endpoint's secret",
            WebhookRotation, ApiAuth.Required, null, [new(200, "The new secret, shown once.", typeof(Webhooks.WebhookSecretIssued)), Forbidden, NotFound]),
        new("POST", ApiRoutes.OrgWebhookTest, "sendOrganisationWebhookTest", "Webhooks", "Send a test event to an organisation endpoint",
            WebhookTestEvent, ApiAuth.Required, null, [new(200, "The delivery, as logged.", typeof(Webhooks.WebhookDeliveryView)), Forbidden, NotFound]),
        new("GET", ApiRoutes.OrgWebhookDeliveries, "listOrganisationWebhookDeliveries", "Webhooks", "An organisation endpoint's delivery log",
            WebhookLog, ApiAuth.Required, null, [new(200, "Deliveries, newest first.", typeof(WebhookDeliveryList)), Forbidden, NotFound]),
        new("PUT", ApiRoutes.PlatformOrgContract, "setOrganisationContract", "Platform", "Set an organisation's contract",
            "Platform administrators only: `{ generationsPerMonth, availabilityTargetPercent }`: `generationsPerMonth` (null: unlimited) caps generations with the organisation's keys each month; `availabilityTargetPercent` (such as 99.9; null or absent: none) is the availability the contract promises, which the organisation's usage compares with the availability measured by the status probe.",
            ApiAuth.Required, typeof(ContractRequest), [new(204, "Set."), Forbidden, NotFound, Invalid]),
        new("GET", ApiRoutes.AuthConfig, "getAuthConfig", "Service", "How to sign in",
            "The OIDC issuer and audience the API accepts, and whether development sign-in is on.", ApiAuth.None, null,
            [new(200, "Sign-in configuration.", typeof(AuthConfigResponse))]),
        new("GET", ApiRoutes.Health, "getHealth", "Service", "Health",
            "Whether storage answers, and the running version.", ApiAuth.None, null,
            [new(200, "Healthy.", typeof(HealthReport)), new(503, "Storage is unreachable.", typeof(HealthReport))]),
        new("GET", ApiRoutes.Status, "getStatus", "Service", "Measured status and availability",
            "Each dependency (Table and Blob storage, the durable task hub, Key Vault, Stripe, OpenAI, Anthropic) as the probe found it in its latest minute (`up`, `degraded`: answered slower than the threshold, `down`, `notConfigured`, `unknown`: not probed yet) with its latency, and each one's and the whole service's availability: the share of probed minutes it answered in, over the current hour and the 23 before it (`availability24h`) and the current hour and the 719 before it (`availability30d`). Also completed generations' durations in whole seconds at the 50th, 95th and 99th percentiles over the same windows. The probe runs every minute.",
            ApiAuth.None, null,
            [new(200, "The status.", typeof(Status.StatusReport)), new(503, "The status history cannot be read (storage is unreachable).", typeof(ProblemDetails), "application/problem+json")]),
        new("GET", ApiRoutes.OpenApi, "getOpenApi", "Service", "This document",
            "The OpenAPI 3.1 description of the API.", ApiAuth.None, null, [new(200, "The OpenAPI document.", typeof(System.Text.Json.Nodes.JsonObject))]),
    ];

    private static ApiResponse Problem(int status, string description) => new(status, description, typeof(ProblemDetails), "application/problem+json");
}
