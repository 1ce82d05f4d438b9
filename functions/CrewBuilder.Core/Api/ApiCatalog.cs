using CrewBuilder.Core.Generation;
using Microsoft.AspNetCore.Mvc;

namespace CrewBuilder.Core.Api;

public sealed record ApiResponse(int Status, string Description, Type? Body = null, string ContentType = "application/json");

public sealed record ApiQueryParameter(string Name, string Description, Type Type);

/// <summary>One operation of the public API, as the OpenAPI document describes it.</summary>
public sealed record ApiOperation(
    string Method,
    string Route,
    string OperationId,
    string Tag,
    string Summary,
    string Description,
    bool RequiresAuthentication,
    Type? RequestBody,
    IReadOnlyList<ApiResponse> Responses,
    IReadOnlyList<ApiQueryParameter>? Query = null);

/// <summary>The public API, described once; the OpenAPI document is built from it and a test holds it to the routes.</summary>
public static class ApiCatalog
{
    private static readonly ApiResponse Unauthorized = new(401, "No bearer token, or one that was not accepted.", typeof(ProblemDetails), "application/problem+json");
    private static readonly ApiResponse Forbidden = new(403, "The credential may not do this (API token scope, or plan).", typeof(ProblemDetails), "application/problem+json");
    private static readonly ApiResponse NotFound = new(404, "No such object that the caller can see.", typeof(ProblemDetails), "application/problem+json");
    private static readonly ApiResponse Invalid = new(422, "The request is not valid; `errors` says what to change.", typeof(ProblemDetails), "application/problem+json");
    private static readonly ApiResponse BadBody = new(400, "The body is not the expected JSON object (unknown fields are refused).", typeof(ProblemDetails), "application/problem+json");
    private static readonly ApiResponse TooMany = new(429, "Too many failed authentications from this address; see Retry-After.", typeof(ProblemDetails), "application/problem+json");

    public static IReadOnlyList<ApiOperation> Operations { get; } =
    [
        new("POST", ApiRoutes.Generations, "createGeneration", "Generations", "Start a generation",
            "Accepts a requirement and starts a durable generation. `keySource` (`once`, `saved`, `platform`, `server`) and `provider` choose the key, else: a key sent for this generation (`encryptedKey`), the caller's saved key, CrewBuilder Pro AI (with a plan, or a paid generation's `credit`), the server's own key, or template mode. Subscribers' generations count against their plan. Anonymous callers receive an `accessToken` (shown once) that alone can read the generation.",
            false, typeof(CreateGenerationRequest),
            [new(202, "Accepted; follow `statusUrl` (also in `Location`).", typeof(GenerationAccepted)), BadBody, Unauthorized, Forbidden,
             new(409, "The encrypted key was made for an old encryption key, or was already used.", typeof(ProblemDetails), "application/problem+json"),
             new(413, "The body is larger than 64 KiB.", typeof(ProblemDetails), "application/problem+json"), Invalid,
             new(402, "The plan's last payment failed, or the paid generation cannot be spent.", typeof(ProblemDetails), "application/problem+json"),
             new(429, "Too many failed authentications, the plan's generations are used up until it renews, or (without an account) too many generations from this address this hour; see Retry-After.", typeof(ProblemDetails), "application/problem+json")]),
        new("GET", ApiRoutes.Generations, "listGenerations", "Generations", "List your generations",
            "Newest first, a page at a time. Needs a signed-in person or an API token with `generations:read`.",
            true, null, [new(200, "A page of generations.", typeof(GenerationPage)), Unauthorized, Forbidden, Invalid, TooMany],
            [new("pageSize", "How many per page, 1 to 100 (default 20).", typeof(int)), new("continuationToken", "From the previous page.", typeof(string))]),
        new("GET", ApiRoutes.Generation, "getGeneration", "Generations", "Follow a generation",
            "Status, steps with their times, progress and, once completed, the files.",
            true, null, [new(200, "The generation.", typeof(GenerationView)), Unauthorized, NotFound, TooMany]),
        new("GET", ApiRoutes.GenerationArtifact, "downloadGeneration", "Generations", "Download the project",
            "The generated CrewAI project as a zip, once the generation has completed.",
            true, null, [new(200, "The project.", null, "application/zip"), Unauthorized, NotFound, TooMany]),
        new("GET", ApiRoutes.Me, "getMe", "Account", "Who am I",
            "The signed-in person's profile, plan and organisations.", true, null, [new(200, "The profile.", typeof(MeResponse)), Unauthorized, TooMany]),
        new("GET", ApiRoutes.MyDataExport, "exportMyData", "Account", "Export your data",
            "Everything CrewBuilder holds about you, as a JSON download: profile, generations with their files' metadata, API tokens, usage and audit entries. Needs a signed-in person.",
            true, null, [new(200, "Your data.", typeof(Privacy.PersonalDataExport)), Unauthorized, Forbidden, TooMany]),
        new("DELETE", ApiRoutes.Me, "deleteMe", "Account", "Delete your account",
            "Revokes your tokens, deletes your generations and projects, then your profile. Confirm by sending the account's e-mail address. Needs a signed-in person.",
            true, typeof(DeleteAccountRequest), [new(204, "Deleted."), BadBody, Unauthorized, Forbidden, Invalid, TooMany]),
        new("POST", ApiRoutes.Tokens, "createToken", "Account", "Create a personal API token",
            "Professional and Enterprise plans. The token is in this answer only; it is stored as a hash. Needs a signed-in person.",
            true, typeof(CreateTokenRequest),
            [new(201, "The new token, shown once.", typeof(CreatedTokenResponse)), BadBody, Unauthorized, Forbidden, Invalid, TooMany]),
        new("GET", ApiRoutes.Tokens, "listTokens", "Account", "List your API tokens",
            "Name, prefix, scopes, created, last used and expiry; never the token.", true, null,
            [new(200, "Your tokens.", typeof(TokenList)), Unauthorized, Forbidden, TooMany]),
        new("DELETE", ApiRoutes.Token, "revokeToken", "Account", "Revoke an API token",
            "The token stops working at once.", true, null, [new(204, "Revoked."), Unauthorized, Forbidden, NotFound, TooMany]),
        new("GET", ApiRoutes.ApiKeysEncryptionKey, "getKeyEncryptionPublicKey", "Keys", "The key to encrypt provider keys with",
            "The server's RSA-OAEP-256 public key as a JWK. Send provider keys as a compact JWE (alg RSA-OAEP-256, enc A256GCM, this kid) whose payload is `{ key, nonce, iat }`.",
            false, null, [new(200, "The public key.", typeof(Keys.PublicJwk))]),
        new("GET", ApiRoutes.ApiKeys, "listSavedKeys", "Keys", "Your saved provider keys",
            "Per provider: the masked key, status, and when it was created, tested, used and rotated. Never the key.",
            true, null, [new(200, "Saved keys.", typeof(SavedKeyList)), Unauthorized, Forbidden, TooMany]),
        new("PUT", ApiRoutes.ApiKey, "saveKey", "Keys", "Save a provider key",
            "`provider` is `openai` or `anthropic`. Send `encryptedKey`; a plain `key` only from an API token with `keys:manage` over HTTPS. Stored encrypted; answered masked.",
            true, typeof(SaveKeyRequest),
            [new(200, "Saved.", typeof(Keys.SavedKeyInfo)), new(400, "Not a key encrypted for this server.", typeof(ProblemDetails), "application/problem+json"), Unauthorized, Forbidden, NotFound,
             new(409, "Encrypted with an old encryption key, or already used.", typeof(ProblemDetails), "application/problem+json"), Invalid, TooMany]),
        new("POST", ApiRoutes.ApiKeyTest, "testKey", "Keys", "Test a saved key",
            "One cheap authenticated call to the provider (list models), with a short timeout: `connected`, `invalid` (the provider refused it) or `unreachable`.",
            true, null, [new(200, "What the provider said.", typeof(KeyTestResult)), Unauthorized, Forbidden, NotFound, TooMany]),
        new("DELETE", ApiRoutes.ApiKey, "deleteKey", "Keys", "Remove a provider key",
            "The ciphertext is deleted at once.", true, null, [new(204, "Removed."), Unauthorized, Forbidden, NotFound, TooMany]),
        new("GET", ApiRoutes.BillingPlans, "listPlans", "Billing", "Plans and prices",
            "Basic, Professional, Enterprise and the $5 one-off generation with CrewBuilder Pro AI: price, generations a period, models, extras, and whether this server sells it.",
            false, null, [new(200, "The offers.", typeof(PlanCatalogResponse))]),
        new("POST", ApiRoutes.BillingCheckout, "startCheckout", "Billing", "Start a Stripe Checkout",
            "`{ plan }` (basic or professional) subscribes the signed-in person. `{ mode: \"generation\", quantity }` buys one-off generations, with or without an account; the answer's `credit` is the claim that spends them (shown once; keep it), valid once Stripe confirms payment.",
            false, typeof(CheckoutRequest),
            [new(200, "Send the browser to `url`.", typeof(Billing.BillingRedirect)), BadBody, Unauthorized, Forbidden, Invalid,
             new(503, "Payments are not set up on this server, or Stripe did not answer.", typeof(ProblemDetails), "application/problem+json")]),
        new("POST", ApiRoutes.BillingPortal, "openBillingPortal", "Billing", "Open the Stripe Customer Portal",
            "Change plan, payment method or cancel. Needs a signed-in person with a subscription.", true, null,
            [new(200, "Send the browser to `url`.", typeof(Billing.BillingRedirect)), Unauthorized, Forbidden, NotFound,
             new(503, "Stripe did not answer.", typeof(ProblemDetails), "application/problem+json")]),
        new("POST", ApiRoutes.BillingCreditLookup, "lookupCredit", "Billing", "What a paid generation claim is worth",
            "State (pending until Stripe confirms payment, paid, refunded), generations remaining and expiry.", false, typeof(CreditLookupRequest),
            [new(200, "The purchase.", typeof(Billing.CreditStatus)), BadBody, NotFound]),
        new("POST", ApiRoutes.BillingWebhook, "stripeWebhook", "Billing", "Stripe webhook",
            "Called by Stripe only: verified by the Stripe-Signature header (300 s tolerance) and applied once per event id.", false, null,
            [new(200, "Received (or a duplicate, acknowledged).", typeof(WebhookReceipt)),
             new(400, "The signature did not verify or is too old.", typeof(ProblemDetails), "application/problem+json")]),
        new("GET", ApiRoutes.Usage, "getUsage", "Billing", "Your usage this period",
            "Plan, generations used, reserved (running now), limit and remaining, paid generations left, the period, and alerts at 80% and 100%.",
            true, null, [new(200, "Usage.", typeof(Billing.UsageSummary)), Unauthorized, Forbidden, TooMany]),
        new("GET", ApiRoutes.UsageHistory, "getUsageHistory", "Billing", "Your usage ledger",
            "One row per finished generation, newest first: key source, provider, model, tokens, estimated cost, duration, outcome.",
            true, null, [new(200, "A page of the ledger.", typeof(Billing.UsagePage)), Unauthorized, Forbidden, Invalid, TooMany],
            [new("pageSize", "How many per page, 1 to 100 (default 20).", typeof(int)), new("continuationToken", "From the previous page.", typeof(string))]),
        new("GET", ApiRoutes.UsageExport, "exportUsageHistory", "Billing", "Your usage ledger as CSV",
            "The whole ledger as a CSV download.", true, null, [new(200, "The ledger.", null, "text/csv"), Unauthorized, Forbidden, TooMany]),
        new("GET", ApiRoutes.AdminUsage, "getPlatformUsage", "Admin", "Platform usage and anomalies",
            "Platform administrators only: generations and estimated cost by plan, key source, model, outcome and day over the last `days` (default 30), and accounts whose last 24 hours are far above their average of the week before.",
            true, null, [new(200, "The report.", typeof(Billing.UsageReport)), Unauthorized, Forbidden, Invalid, TooMany],
            [new("days", "How many days back, 1 to 366 (default 30).", typeof(int))]),
        new("GET", ApiRoutes.AuthConfig, "getAuthConfig", "Service", "How to sign in",
            "The OIDC issuer and audience the API accepts, and whether development sign-in is on.", false, null,
            [new(200, "Sign-in configuration.", typeof(AuthConfigResponse))]),
        new("GET", ApiRoutes.Health, "getHealth", "Service", "Health",
            "Whether storage answers, and the running version.", false, null,
            [new(200, "Healthy.", typeof(HealthReport)), new(503, "Storage is unreachable.", typeof(HealthReport))]),
        new("GET", ApiRoutes.OpenApi, "getOpenApi", "Service", "This document",
            "The OpenAPI 3.1 description of the API.", false, null, [new(200, "The OpenAPI document.")]),
    ];
}
