using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Organisations;

/// <summary>The kinds of model endpoint an organisation may bring: an Azure OpenAI resource, or an OpenAI-compatible gateway (LiteLLM, Portkey).</summary>
public enum ModelEndpointKind { AzureOpenAi, Gateway }

/// <summary>
/// Where an organisation's model traffic goes; never a secret. For Azure OpenAI the models are deployment names and
/// <paramref name="ApiVersion"/> is required; for a gateway they are the model names it routes. With <paramref name="Entra"/>
/// an Azure OpenAI resource is called with an Entra ID token of that app instead of an <c>api-key</c>.
/// </summary>
public sealed record ModelEndpoint(ModelEndpointKind Kind, Uri BaseUrl, string? ApiVersion, string StandardModel, string AdvancedModel, EntraApp? Entra = null);

/// <summary>How an Entra ID app proves itself: a client secret, or a certificate with its private key.</summary>
public enum EntraCredentialKind { ClientSecret, Certificate }

/// <summary>
/// An Entra ID app registration an organisation lets CrewBuilder sign in as (client credentials flow). Its secret or
/// certificate is kept like a key, in the organisation's vault or under its data key; this record holds neither.
/// </summary>
public sealed record EntraApp(string TenantId, string ClientId, EntraCredentialKind Credential);

/// <summary>An organisation's registered model endpoint, as its admins see it: the key only masked.</summary>
public sealed record DedicatedAi(ModelEndpoint Endpoint, string MaskedKey, DateTimeOffset RegisteredAt, DateTimeOffset TestedAt);

/// <summary>
/// Which model endpoints CrewBuilder may call for organisations: hosts a platform administrator allows (a suffix such as
/// ".openai.azure.com", or a host exactly), and never a loopback, private or link-local address unless
/// <see cref="AllowPrivateAddresses"/> (tests only) says so.
/// </summary>
public sealed class DedicatedAiOptions : IValidatableObject
{
    public const string Section = "DedicatedAi";

    public List<string> AllowedHosts { get; set; } = [".openai.azure.com", ".cognitiveservices.azure.com"];

    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Where Entra ID tokens are asked for: Microsoft's public cloud unless the platform runs in a sovereign cloud (or a test).</summary>
    public Uri EntraAuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        AllowedHosts.Where(host => host.Trim('.').Length == 0 || Uri.CheckHostName(host.TrimStart('.')) == UriHostNameType.Unknown)
            .Select(host => new ValidationResult($"'{host}' is not a host name or a suffix such as .openai.azure.com.", [nameof(AllowedHosts)]));

    /// <summary>An https base address without credentials, query or fragment, on an allowed host.</summary>
    public bool Allows(Uri uri) =>
        uri is { IsAbsoluteUri: true, Scheme: "https", Query: "", Fragment: "", UserInfo: "" }
        && AllowedHosts.Any(allowed => allowed.StartsWith('.')
            ? uri.Host.EndsWith(allowed, StringComparison.OrdinalIgnoreCase)
            : string.Equals(uri.Host, allowed, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether CrewBuilder may connect to <paramref name="address"/>: a public unicast address, or any when private ones are allowed.</summary>
    public bool MayConnectTo(IPAddress address) => AllowPrivateAddresses || PublicAddresses.IsPublic(address);
}

/// <summary>
/// Each organisation's registered model endpoint: a row beside the organisation's own (so it goes when the organisation
/// does). Its key is stored like the organisation's provider keys, under <see cref="KeySlot"/>.
/// </summary>
public sealed class DedicatedAiStore(StorageClients storage)
{
    /// <summary>The slot of the endpoint's key among the organisation's stored keys; never listed as a provider key.</summary>
    public const string KeySlot = "dedicated~ai";

    private const string Row = "dedicated-ai";

    public async Task<DedicatedAi?> FindAsync(string orgId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(OrganisationStore.TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(orgId, Row, cancellationToken: cancellationToken);
        return row.HasValue ? JsonSerializer.Deserialize<DedicatedAi>(row.Value!.GetString("Json")!) : null;
    }

    public async Task SetAsync(string orgId, DedicatedAi dedicated, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(OrganisationStore.TableName, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(orgId, Row) { ["Json"] = JsonSerializer.Serialize(dedicated) }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task DeleteAsync(string orgId, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(OrganisationStore.TableName, cancellationToken);
        await table.DeleteEntityAsync(orgId, Row, Azure.ETag.All, cancellationToken);
    }
}
