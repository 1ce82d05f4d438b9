using System.Diagnostics;
using System.Text.RegularExpressions;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Core.Organisations.Management;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>
/// An organisation's own model endpoint to register: <paramref name="Kind"/> <c>azureOpenAi</c> (the resource's endpoint,
/// <paramref name="ApiVersion"/>, deployment names) or <c>gateway</c> (an OpenAI-compatible base URL and model names);
/// <paramref name="AdvancedModel"/> defaults to <paramref name="StandardModel"/>. An Azure OpenAI resource is called with an
/// <c>api-key</c> (<paramref name="Authentication"/> <c>apiKey</c>, the default) or as an Entra ID app
/// (<c>entraSecret</c>, <c>entraCertificate</c>: <paramref name="TenantId"/> and <paramref name="ClientId"/>). The key, client
/// secret or certificate (PEM, or a password-less .pfx in base64) comes encrypted, like any key.
/// </summary>
public sealed partial record DedicatedAiRequest(
    string? Kind, Uri? BaseUrl, string? ApiVersion, string? StandardModel, string? AdvancedModel = null, string? EncryptedKey = null,
    string? Authentication = null, string? TenantId = null, string? ClientId = null)
{
    public const string AzureOpenAi = "azureOpenAi";
    public const string Gateway = "gateway";
    public const string ApiKey = "apiKey";
    public const string EntraSecret = "entraSecret";
    public const string EntraCertificate = "entraCertificate";

    private bool IsEntra => Authentication is EntraSecret or EntraCertificate;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Kind is not (AzureOpenAi or Gateway))
        {
            errors["kind"] = [$"Choose {AzureOpenAi} (an Azure OpenAI resource) or {Gateway} (an OpenAI-compatible gateway)."];
        }

        if (BaseUrl is not { IsAbsoluteUri: true } || Kind == AzureOpenAi && BaseUrl.AbsolutePath != "/")
        {
            errors["baseUrl"] = [Kind == AzureOpenAi
                ? "Give the resource's endpoint as its Keys and Endpoint page shows it, e.g. https://acme.openai.azure.com/."
                : "Give the gateway's base URL, e.g. https://llm.acme.example/v1."];
        }

        if (Kind == AzureOpenAi && !ApiVersionShape().IsMatch(ApiVersion ?? ""))
        {
            errors["apiVersion"] = ["Give the Azure OpenAI API version, e.g. 2024-10-21 or 2025-01-01-preview."];
        }

        foreach (var (field, name) in new[] { ("standardModel", StandardModel), ("advancedModel", AdvancedModel ?? StandardModel) })
        {
            if (!ModelName().IsMatch(name ?? ""))
            {
                errors[field] = ["A deployment or model name has 1 to 64 letters, digits, '.', '-', '_' or ':'."];
            }
        }

        if (Authentication is not (null or ApiKey) && (Kind != AzureOpenAi || !IsEntra))
        {
            errors["authentication"] = [$"Choose {ApiKey}, or for an Azure OpenAI resource {EntraSecret} or {EntraCertificate} (an Entra ID app)."];
        }

        if (IsEntra && !DirectoryId().IsMatch(TenantId ?? ""))
        {
            errors["tenantId"] = ["Give the Directory (tenant) ID from the app registration's Overview page: a GUID, or a domain such as acme.onmicrosoft.com."];
        }

        if (IsEntra && !Guid.TryParse(ClientId, out _))
        {
            errors["clientId"] = ["Give the Application (client) ID from the app registration's Overview page: a GUID."];
        }

        if (string.IsNullOrEmpty(EncryptedKey))
        {
            var what = Authentication switch { EntraSecret => "app's client secret", EntraCertificate => "app's certificate", _ => "endpoint's key" };
            errors["encryptedKey"] = [$"Send the {what} encrypted with GET /api/settings/api-keys/encryption-key."];
        }

        return errors;
    }

    /// <summary>The endpoint asked for, once <see cref="Validate"/> found nothing wrong.</summary>
    public ModelEndpoint ToEndpoint() => new(
        Kind == AzureOpenAi ? ModelEndpointKind.AzureOpenAi : ModelEndpointKind.Gateway, BaseUrl!, Kind == AzureOpenAi ? ApiVersion : null,
        StandardModel!, AdvancedModel ?? StandardModel!,
        IsEntra ? new EntraApp(TenantId!, ClientId!, Authentication == EntraSecret ? EntraCredentialKind.ClientSecret : EntraCredentialKind.Certificate) : null);

    [GeneratedRegex(@"^([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+)$")]
    private static partial Regex DirectoryId();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$")]
    private static partial Regex ApiVersionShape();

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex ModelName();
}

/// <summary>
/// An organisation's own model endpoint as its owners and admins see it: the key or client secret only masked, a
/// certificate by its thumbprint; <paramref name="TenantId"/> and <paramref name="ClientId"/> for an Entra ID app.
/// </summary>
public sealed record DedicatedAiView(
    string Kind, Uri BaseUrl, string? ApiVersion, string StandardModel, string AdvancedModel, string MaskedKey, DateTimeOffset RegisteredAt, DateTimeOffset TestedAt,
    string Authentication, string? TenantId, string? ClientId)
{
    public static DedicatedAiView Of(DedicatedAi dedicated) => new(
        dedicated.Endpoint.Kind == ModelEndpointKind.AzureOpenAi ? DedicatedAiRequest.AzureOpenAi : DedicatedAiRequest.Gateway, dedicated.Endpoint.BaseUrl,
        dedicated.Endpoint.ApiVersion, dedicated.Endpoint.StandardModel, dedicated.Endpoint.AdvancedModel, dedicated.MaskedKey, dedicated.RegisteredAt, dedicated.TestedAt,
        dedicated.Endpoint.Entra?.Credential switch
        {
            EntraCredentialKind.ClientSecret => DedicatedAiRequest.EntraSecret,
            EntraCredentialKind.Certificate => DedicatedAiRequest.EntraCertificate,
            _ => DedicatedAiRequest.ApiKey,
        },
        dedicated.Endpoint.Entra?.TenantId, dedicated.Endpoint.Entra?.ClientId);
}

/// <summary>Register, test and remove an organisation's own model endpoint; every rule is in <see cref="DedicatedAiRegistration"/>.</summary>
public sealed class DedicatedAiEndpoints(OrganisationEndpoints organisations, DedicatedAiStore store, DedicatedAiRegistration registration)
{
    public Task<IResult> GetAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        organisations.InOrgAsync(request, orgId, OrgAction.ManageKeys, async (_, _) =>
            await store.FindAsync(orgId, cancellationToken) is { } dedicated
                ? new JsonResponse(DedicatedAiView.Of(dedicated))
                : Problems.NotFound("dedicated AI endpoint"), cancellationToken);

    public Task<IResult> RegisterAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        organisations.InOrgAsync(request, orgId, OrgAction.ManageKeys, async (caller, _) =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<DedicatedAiRequest>(request, body => body.Validate(), cancellationToken);
            return body is null ? problem! : Answer(await registration.RegisterAsync(caller, orgId, body.ToEndpoint(), body.EncryptedKey!, cancellationToken));
        }, cancellationToken);

    public Task<IResult> TestAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        organisations.InOrgAsync(request, orgId, OrgAction.ManageKeys, async (caller, _) =>
            Answer(await registration.TestAsync(caller, orgId, cancellationToken)), cancellationToken);

    public Task<IResult> RemoveAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        organisations.InOrgAsync(request, orgId, OrgAction.ManageKeys, async (caller, _) =>
            await registration.RemoveAsync(caller, orgId, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("dedicated AI endpoint"),
            cancellationToken);

    private static IResult Answer(DedicatedAiResult result) => result switch
    {
        DedicatedAiResult.Registered registered => new JsonResponse(DedicatedAiView.Of(registered.Dedicated)),
        DedicatedAiResult.Refused refused => Problems.Validation(new Dictionary<string, string[]> { [refused.Field] = [refused.Message] }),
        DedicatedAiResult.KeyEnvelopeRefused envelope => Problems.KeyEnvelopeRefused(envelope.Error),
        DedicatedAiResult.NoneRegistered => Problems.NotFound("dedicated AI endpoint"),
        _ => throw new UnreachableException(),
    };
}
