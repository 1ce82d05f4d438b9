using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Clarification;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Core.Templates;

namespace CrewBuilder.Core.Api;

/// <summary>
/// What each request's validator checks, as JSON Schema, from the validators' own constants: which fields a request needs,
/// their lengths, ranges and choices, and the rules that tie fields together. Lengths are counted after trimming where the
/// validator trims.
/// </summary>
internal static class OpenApiRequestRules
{
    private static readonly Dictionary<(Type Record, string Property), JsonObject> PropertyLimits = new()
    {
        [(typeof(CreateGenerationRequest), "requirement")] = Text(RequirementRule.MinLength, RequirementRule.MaxLength),
        [(typeof(CreateGenerationRequest), "instruction")] = Text(1, CreateGenerationRequest.MaxInstructionLength),
        [(typeof(CreateGenerationRequest), "keySource")] = Choice(Enum.GetNames<KeySource>().Select(JsonNamingPolicy.CamelCase.ConvertName)),
        [(typeof(CreateGenerationRequest), "provider")] = Choice(Providers.All),
        [(typeof(CreateGenerationRequest), "layout")] = Choice(ProjectLayouts.Names),
        [(typeof(ForecastRequest), "requirement")] = Text(RequirementRule.MinLength, RequirementRule.MaxLength),
        [(typeof(StartClarificationRequest), "requirement")] = Text(RequirementRule.MinLength, RequirementRule.MaxLength),
        [(typeof(ClarificationReply), "message")] = Text(1, ClarificationReply.MaxLength),
        [(typeof(RateGenerationRequest), "stars")] = Range(1, 5),
        [(typeof(RateGenerationRequest), "comment")] = Text(0, RateGenerationRequest.MaxComment),
        [(typeof(SaveTemplateRequest), "name")] = Text(1, SaveTemplateRequest.MaxName),
        [(typeof(SaveTemplateRequest), "requirement")] = Text(RequirementRule.MinLength, RequirementRule.MaxLength),
        [(typeof(SaveTemplateRequest), "hints")] = Text(0, SaveTemplateRequest.MaxHints),
        [(typeof(SaveTemplateRequest), "description")] = Text(0, SaveTemplateRequest.MaxDescription),
        [(typeof(CreateTokenRequest), "name")] = Text(1, CreateTokenRequest.MaxNameLength),
        [(typeof(CreateTokenRequest), "scopes")] = new JsonObject { ["minItems"] = 1, ["items"] = Choice(Scopes.All.Order()) },
        [(typeof(CreateTokenRequest), "expiresInDays")] = Range(1, CreateTokenRequest.MaxLifetimeDays),
        [(typeof(SaveKeyRequest), "encryptedKey")] = Text(1, null),
        [(typeof(SaveKeyRequest), "key")] = Text(1, null),
        [(typeof(SaveKeyRequest), "testReceipt")] = Text(1, null),
        [(typeof(TestUnsavedKeyRequest), "encryptedKey")] = Text(1, null),
        [(typeof(TestUnsavedKeyRequest), "key")] = Text(1, null),
        [(typeof(CheckoutRequest), "plan")] = Choice([PlanIds.Basic, PlanIds.Professional]),
        [(typeof(CheckoutRequest), "mode")] = Choice([CheckoutRequest.GenerationMode]),
        [(typeof(CheckoutRequest), "quantity")] = new JsonObject
        {
            ["minimum"] = 1, ["description"] = "How many one-off generations to buy (default 1); the server sets the most one purchase may buy.",
        },
        [(typeof(CreditLookupRequest), "credit")] = Text(1, null),
        [(typeof(OrganisationRequest), "name")] = Text(1, OrganisationRequest.MaxNameLength),
        [(typeof(RoleRequest), "role")] = Choice(Enum.GetNames<OrgRole>().Select(name => name.ToLowerInvariant())),
        [(typeof(InvitationRequest), "role")] = Choice(Enum.GetNames<OrgRole>().Select(name => name.ToLowerInvariant())),
        [(typeof(AcceptInvitationRequest), "token")] = Text(1, null),
        [(typeof(RotationPolicyRequest), "maxKeyAgeDays")] = Range(1, 365),
        [(typeof(KeyVaultSetting), "keyVaultUri")] = new JsonObject { ["format"] = "uri", ["description"] = "The vault's root address, or null for CrewBuilder's storage." },
        [(typeof(KeyVaultSetting), "hashiCorpVault")] = new JsonObject { ["description"] = "A HashiCorp Vault instead of an Azure Key Vault; give one of the two." },
        [(typeof(HashiCorpVaultRequest), "address")] = new JsonObject { ["format"] = "uri", ["description"] = "The Vault's https root address, e.g. https://vault.acme.com:8200/." },
        [(typeof(HashiCorpVaultRequest), "namespace")] = new JsonObject { ["maxLength"] = 200, ["description"] = "A Vault Enterprise namespace (sent as X-Vault-Namespace), e.g. admin/acme." },
        [(typeof(HashiCorpVaultRequest), "mount")] = new JsonObject { ["maxLength"] = 200, ["description"] = "The KV v2 engine's mount; default secret." },
        [(typeof(HashiCorpVaultRequest), "pathPrefix")] = new JsonObject { ["maxLength"] = 200, ["description"] = "Where the keys go under the mount; default org/{orgId}/api_keys." },
        [(typeof(HashiCorpVaultRequest), "auth")] = Choice([HashiCorpVaultRequest.AppRoleAuth, HashiCorpVaultRequest.TokenAuth]),
        [(typeof(HashiCorpVaultRequest), "roleId")] = new JsonObject { ["maxLength"] = 200, ["description"] = "The AppRole's role id (AppRole auth only)." },
        [(typeof(HashiCorpVaultRequest), "encryptedSecret")] = new JsonObject
        {
            ["minLength"] = 1, ["description"] = "The AppRole secret id, or the token, as a compact JWE for the server's transport key (like encryptedKey).",
        },
        [(typeof(OrgBranding), "displayName")] = Text(1, 80),
        [(typeof(OrgBranding), "primaryColor")] = new JsonObject
        {
            ["pattern"] = "^#[0-9a-fA-F]{6}$",
            ["description"] = $"The colour of the site's links and buttons; it must contrast at least {BrandColour.MinContrast.ToString(System.Globalization.CultureInfo.InvariantCulture)}:1 with the pages' light backgrounds (WCAG AA), else 422 names a darker shade that does.",
        },
        [(typeof(OrgBranding), "supportContact")] = new JsonObject { ["maxLength"] = 200, ["description"] = "An e-mail address or an https:// link." },
        [(typeof(OrgBranding), "logoDataUrl")] = new JsonObject { ["maxLength"] = OrgBranding.MaxLogoLength, ["pattern"] = "^data:image/png;base64,[A-Za-z0-9+/]+={0,2}$" },
        [(typeof(ContractRequest), "generationsPerMonth")] = Range(1, 10_000_000),
        [(typeof(ContractRequest), "availabilityTargetPercent")] = new() { ["minimum"] = ContractRequest.MinAvailabilityTarget, ["maximum"] = ContractRequest.MaxAvailabilityTarget },
        [(typeof(DeleteAccountRequest), "confirmEmail")] = new JsonObject { ["description"] = "The account's e-mail address, typed again." },
    };

    private static readonly Dictionary<Type, string[]> RequiredFields = new()
    {
        [typeof(ForecastRequest)] = ["requirement"],
        [typeof(StartClarificationRequest)] = ["requirement"],
        [typeof(ClarificationReply)] = ["message"],
        [typeof(RateGenerationRequest)] = ["stars"],
        [typeof(SaveTemplateRequest)] = ["name"],
        [typeof(CreateTokenRequest)] = ["name", "scopes"],
        [typeof(CreditLookupRequest)] = ["credit"],
        [typeof(OrganisationRequest)] = ["name"],
        [typeof(RoleRequest)] = ["role"],
        [typeof(InvitationRequest)] = ["role"],
        [typeof(AcceptInvitationRequest)] = ["token"],
        [typeof(RotationPolicyRequest)] = ["maxKeyAgeDays"],
        [typeof(OrgBranding)] = ["displayName"],
        [typeof(HashiCorpVaultRequest)] = ["address", "encryptedSecret"],
        [typeof(DeleteAccountRequest)] = ["confirmEmail"],
        [typeof(StripeEventBody)] = ["id", "type", "created", "data"],
    };

    /// <summary>Rules between fields, added to the request's schema as they are.</summary>
    public static IReadOnlyDictionary<Type, JsonObject> Combinations { get; } = new Dictionary<Type, JsonObject>
    {
        // A requirement, or exactly one of the three things a generation can start from instead (a refinement needs its instruction).
        [typeof(CreateGenerationRequest)] = new()
        {
            ["oneOf"] = new JsonArray(
                Needs(["requirement"], without: ["templateId", "clarificationId", "parentId"]),
                Needs(["templateId"], without: ["clarificationId", "parentId"]),
                Needs(["clarificationId"], without: ["templateId", "parentId"]),
                Needs(["parentId", "instruction"], without: ["templateId", "clarificationId"])),
        },
        [typeof(SaveKeyRequest)] = new() { ["oneOf"] = new JsonArray(Needs(["encryptedKey"]), Needs(["key"])) },
        [typeof(TestUnsavedKeyRequest)] = new() { ["oneOf"] = new JsonArray(Needs(["encryptedKey"]), Needs(["key"])) },
        [typeof(CheckoutRequest)] = new() { ["oneOf"] = new JsonArray(Needs(["plan"]), Needs(["mode"])) },
    };

    /// <summary>The limits the validator of <paramref name="property"/>'s record checks, if any.</summary>
    public static JsonObject? Limits(JsonPropertyInfo property) =>
        property.DeclaringType is { } record && PropertyLimits.TryGetValue((record, property.Name), out var limits) ? limits : null;

    public static IReadOnlyList<string> Required(Type request) => RequiredFields.GetValueOrDefault(request, []);

    /// <summary>Whether the server refuses fields this request does not have: all of ours, not the Stripe event, which is Stripe's.</summary>
    public static bool RefusesUnknownFields(Type request) => request != typeof(StripeEventBody);

    private static JsonObject Text(int minimum, int? maximum)
    {
        var limits = new JsonObject { ["minLength"] = minimum };
        if (maximum is { } most)
        {
            limits["maxLength"] = most;
        }

        return limits;
    }

    private static JsonObject Range(int minimum, int maximum) => new() { ["minimum"] = minimum, ["maximum"] = maximum };

    private static JsonObject Choice(IEnumerable<string> values) => new() { ["enum"] = new JsonArray([.. values.Select(v => JsonValue.Create(v))]) };

    /// <summary>A request that has <paramref name="fields"/> and none of <paramref name="without"/>.</summary>
    private static JsonObject Needs(string[] fields, string[]? without = null)
    {
        var schema = new JsonObject { ["required"] = new JsonArray([.. fields.Select(f => JsonValue.Create(f))]) };
        if (without is not null)
        {
            schema["properties"] = new JsonObject(without.Select(f => KeyValuePair.Create<string, JsonNode?>(f, false)));
        }

        return schema;
    }
}
