using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Organisations;

public sealed class OrgVaultOptions
{
    public const string Section = "OrgVaults";

    /// <summary>The hosts an organisation's vault may be on (a suffix, or the host itself): Azure Key Vault's clouds only, never any URL.</summary>
    public List<string> AllowedHostSuffixes { get; set; } = [".vault.azure.net", ".vault.azure.cn", ".vault.usgovcloudapi.net"];
}

/// <summary>Makes the <see cref="SecretClient"/> of an organisation's own Key Vault (CrewBuilder's managed identity).</summary>
public interface IOrgVaultClients
{
    SecretClient ClientOf(Uri vaultUri);
}

public sealed class ManagedIdentityOrgVaultClients : IOrgVaultClients
{
    private readonly DefaultAzureCredential credential = new();

    public SecretClient ClientOf(Uri vaultUri) => new(vaultUri, credential);
}

/// <summary>
/// An organisation that brings its own Key Vault keeps its provider keys there, as secrets, and never in CrewBuilder's
/// storage. Only Key Vault hosts are accepted (no user-supplied URL is ever called otherwise).
/// </summary>
public sealed class OrgVaults(IOrgVaultClients clients, IOptions<OrgVaultOptions> options)
{
    private const string Probe = "crewbuilder-access-check";

    /// <summary>
    /// An https vault root on an allowed host: a suffix entry (".vault.azure.net") allows its subdomains on the default
    /// port; a host entry allows that host exactly (a test's loopback stand-in).
    /// </summary>
    public bool IsAllowed(Uri? uri) =>
        uri is { Scheme: "https", AbsolutePath: "/", Query: "", UserInfo: "" }
        && options.Value.AllowedHostSuffixes.Any(allowed => allowed.StartsWith('.')
            ? uri.IsDefaultPort && uri.Host.EndsWith(allowed, StringComparison.OrdinalIgnoreCase)
            : string.Equals(uri.Host, allowed, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether CrewBuilder can write and read secrets there: an organisation must grant access before switching.</summary>
    public async Task<bool> CanUseAsync(Uri vault, CancellationToken cancellationToken)
    {
        try
        {
            var client = clients.ClientOf(vault);
            await client.SetSecretAsync(Probe, "ok", cancellationToken);
            return (await client.GetSecretAsync(Probe, cancellationToken: cancellationToken)).Value.Value == "ok";
        }
        catch (Exception e) when (e is RequestFailedException or AuthenticationFailedException or HttpRequestException)
        {
            return false;
        }
    }

    public async Task SetAsync(Uri vault, string slot, string key, CancellationToken cancellationToken) =>
        await clients.ClientOf(vault).SetSecretAsync(SecretName(slot), key, cancellationToken);

    public async Task<string?> GetAsync(Uri vault, string slot, CancellationToken cancellationToken)
    {
        try
        {
            return (await clients.ClientOf(vault).GetSecretAsync(SecretName(slot), cancellationToken: cancellationToken)).Value.Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(Uri vault, string slot, CancellationToken cancellationToken)
    {
        try
        {
            await clients.ClientOf(vault).StartDeleteSecretAsync(SecretName(slot), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Gone already.
        }
    }

    /// <summary>Key Vault names allow letters, digits and dashes: "openai~pending" is kept as "crewbuilder-openai-pending".</summary>
    private static string SecretName(string slot) => "crewbuilder-" + slot.Replace('~', '-');
}
