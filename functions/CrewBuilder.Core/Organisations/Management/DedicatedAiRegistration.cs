using System.Diagnostics;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;

namespace CrewBuilder.Core.Organisations.Management;

/// <summary>What registering or re-testing an organisation's model endpoint came to: exactly one of the cases below.</summary>
public abstract record DedicatedAiResult
{
    private DedicatedAiResult()
    {
    }

    /// <summary>The endpoint answered as it should; it is (still) the organisation's.</summary>
    public sealed record Registered(DedicatedAi Dedicated) : DedicatedAiResult;

    /// <summary>Refused, and nothing changed: <paramref name="Field"/> is what to fix, <paramref name="Message"/> how (never a key).</summary>
    public sealed record Refused(string Field, string Message) : DedicatedAiResult;

    /// <summary>The encrypted key was not accepted.</summary>
    public sealed record KeyEnvelopeRefused(EnvelopeError Error) : DedicatedAiResult;

    /// <summary>The organisation has no endpoint registered.</summary>
    public sealed record NoneRegistered : DedicatedAiResult;
}

/// <summary>
/// An organisation's own model endpoint (dedicated AI infrastructure): an owner or admin registers an Azure OpenAI
/// resource or an OpenAI-compatible gateway on a host the platform allows, which is tested before it is kept; its key is
/// kept where the organisation keeps its keys (its vault, or under its data key). Registering, testing and removing are audited.
/// </summary>
public sealed class DedicatedAiRegistration(
    DedicatedAiStore store, DedicatedAiClients clients, SavedKeys savedKeys, KeyEnvelope envelope, OrganisationService organisations, TimeProvider time)
{
    public async Task<DedicatedAiResult> RegisterAsync(Caller caller, string orgId, ModelEndpoint endpoint, string encryptedKey, CancellationToken cancellationToken)
    {
        var host = endpoint.BaseUrl.Host;
        if (!clients.IsAllowed(endpoint.BaseUrl))
        {
            return new DedicatedAiResult.Refused("baseUrl", endpoint.BaseUrl.Scheme != "https"
                ? "Give the endpoint's https address: CrewBuilder sends keys over HTTPS only."
                : $"{host} is not among the hosts CrewBuilder may call for organisations. Azure OpenAI resources (*.openai.azure.com) are; ask CrewBuilder's administrators to allow your gateway's host.");
        }

        if (!await clients.ResolvesToAllowedAddressesAsync(endpoint.BaseUrl, cancellationToken))
        {
            return new DedicatedAiResult.Refused("baseUrl",
                $"{host} does not resolve, or resolves to a loopback, private or link-local address; CrewBuilder calls public addresses only.");
        }

        var opened = await envelope.OpenAsync(encryptedKey, cancellationToken);
        if (opened.Error != EnvelopeError.None)
        {
            return new DedicatedAiResult.KeyEnvelopeRefused(opened.Error);
        }

        if (endpoint.Entra is { Credential: EntraCredentialKind.Certificate } && MaskedCertificate(opened.Key!) is null)
        {
            return new DedicatedAiResult.Refused("encryptedKey",
                "Give the app's certificate with its private key: as PEM (the CERTIFICATE and PRIVATE KEY blocks), or as a .pfx exported without a password.");
        }

        if (Refusal(await clients.TestAsync(endpoint, opened.Key!, cancellationToken), endpoint) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        var masked = endpoint.Entra is { Credential: EntraCredentialKind.Certificate } ? MaskedCertificate(opened.Key!)! : Providers.Mask(opened.Key!);
        var dedicated = new DedicatedAi(endpoint, masked, now, now);
        await savedKeys.SaveAsync(orgId, DedicatedAiStore.KeySlot, opened.Key!, cancellationToken);
        await store.SetAsync(orgId, dedicated, cancellationToken);
        await organisations.AuditAsync(orgId, caller, "ai.register", Described(endpoint), cancellationToken);
        return new DedicatedAiResult.Registered(dedicated);
    }

    /// <summary>Tests the registered endpoint again with its stored key; the outcome is audited either way.</summary>
    public async Task<DedicatedAiResult> TestAsync(Caller caller, string orgId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(orgId, cancellationToken) is not { } dedicated
            || await savedKeys.RevealAsync(orgId, DedicatedAiStore.KeySlot, cancellationToken) is not { } key)
        {
            return new DedicatedAiResult.NoneRegistered();
        }

        var refused = Refusal(await clients.TestAsync(dedicated.Endpoint, key, cancellationToken), dedicated.Endpoint);
        await organisations.AuditAsync(orgId, caller, "ai.test", Described(dedicated.Endpoint), cancellationToken, refused is null ? "ok" : $"refused: {refused.Field}");
        if (refused is not null)
        {
            return refused;
        }

        var tested = dedicated with { TestedAt = time.GetUtcNow() };
        await store.SetAsync(orgId, tested, cancellationToken);
        return new DedicatedAiResult.Registered(tested);
    }

    /// <summary>Removes the endpoint and its key; generations go back to the organisation's provider keys. False when none was registered.</summary>
    public async Task<bool> RemoveAsync(Caller caller, string orgId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(orgId, cancellationToken) is not { } dedicated)
        {
            return false;
        }

        await savedKeys.DeleteAsync(orgId, DedicatedAiStore.KeySlot, cancellationToken);
        await store.DeleteAsync(orgId, cancellationToken);
        await organisations.AuditAsync(orgId, caller, "ai.remove", Described(dedicated.Endpoint), cancellationToken);
        return true;
    }

    private static string Described(ModelEndpoint endpoint) =>
        $"{(endpoint.Kind == ModelEndpointKind.AzureOpenAi ? "Azure OpenAI" : "gateway")} {endpoint.BaseUrl.Host}"
        + (endpoint.Entra is { } app ? $" as Entra ID app {app.ClientId}" : "");

    /// <summary>A certificate as the app registration's Certificates &amp; secrets page lists it: its SHA-1 thumbprint; null when it is not one with a private key.</summary>
    private static string? MaskedCertificate(string material)
    {
        using var certificate = EntraCredentials.LoadCertificate(material);
        return certificate is null ? null : $"certificate {certificate.Thumbprint}";
    }

    private static DedicatedAiResult.Refused EntraRefused(EntraRefusal reason, EntraApp app) => reason switch
    {
        EntraRefusal.UnknownTenant => new("tenantId",
            $"Entra ID knows no tenant '{app.TenantId}': give the Directory (tenant) ID from the app registration's Overview page."),
        EntraRefusal.UnknownApp => new("clientId",
            $"Tenant {app.TenantId} has no app with client ID {app.ClientId}: give the Application (client) ID from the app registration's Overview page."),
        EntraRefusal.WrongSecret => new("encryptedKey",
            $"Entra ID refused the client secret of app {app.ClientId}: copy the secret's Value (not its Secret ID) from Certificates & secrets, or add a new one."),
        EntraRefusal.ExpiredSecret => new("encryptedKey",
            $"The client secret of app {app.ClientId} has expired: add a new one under Certificates & secrets and register it here."),
        EntraRefusal.WrongCertificate => new("encryptedKey",
            $"Entra ID did not accept this certificate for app {app.ClientId}: upload its public part (.cer or .pem) under the app registration's Certificates & secrets, or give the certificate that is there."),
        EntraRefusal.Unreachable => new("tenantId", "CrewBuilder could not reach Entra ID to sign in as the app; try again in a few minutes."),
        _ => new("clientId", $"Entra ID gave app {app.ClientId} no token for Azure OpenAI: check the app registration in tenant {app.TenantId}."),
    };

    /// <summary>What a person does about a failed test; null when it passed.</summary>
    private static DedicatedAiResult.Refused? Refusal(EndpointCheck check, ModelEndpoint endpoint) => check switch
    {
        EndpointCheck.Connected => null,
        EndpointCheck.CredentialRefused credential => EntraRefused(credential.Reason, endpoint.Entra!),
        EndpointCheck.KeyRefused when endpoint.Entra is { } app => new("clientId",
            $"{endpoint.BaseUrl.Host} refused app {app.ClientId}'s token: give the app the Cognitive Services OpenAI User role on the resource (Access control (IAM)); a new role can take a few minutes to apply."),
        EndpointCheck.KeyRefused => new("encryptedKey", endpoint.Kind == ModelEndpointKind.AzureOpenAi
            ? $"{endpoint.BaseUrl.Host} refused the key: copy KEY 1 or KEY 2 from the resource's Keys and Endpoint page."
            : $"{endpoint.BaseUrl.Host} refused the key: check it with the gateway's administrator."),
        EndpointCheck.NoSuchModel missing => new(missing.Model == endpoint.StandardModel ? "standardModel" : "advancedModel", endpoint.Kind == ModelEndpointKind.AzureOpenAi
            ? $"The resource has no deployment named '{missing.Model}' for API version {endpoint.ApiVersion}: give the deployment's name as Azure AI Foundry lists it under Deployments, and an API version the resource supports (e.g. 2024-10-21)."
            : $"The gateway does not offer a model named '{missing.Model}'."),
        EndpointCheck.Refused refused => new(endpoint.Kind == ModelEndpointKind.AzureOpenAi ? "apiVersion" : "baseUrl", endpoint.Kind == ModelEndpointKind.AzureOpenAi
            ? $"The resource refused a one-token completion (HTTP {refused.Status}): check the API version (e.g. 2024-10-21) and that the deployment is a chat model."
            : $"The gateway refused a one-token completion (HTTP {refused.Status}): check that it speaks OpenAI's chat completions API at this address."),
        EndpointCheck.Unreachable => new("baseUrl",
            $"CrewBuilder could not reach {endpoint.BaseUrl.Host}: check the address and that the endpoint's network rules let CrewBuilder in, then try again."),
        _ => throw new UnreachableException(),
    };
}
