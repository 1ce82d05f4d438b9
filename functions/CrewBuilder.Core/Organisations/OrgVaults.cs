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
    /// <summary>
    /// Someone waits on every call (the access check, a key saved or read for a generation): a vault that cannot be
    /// reached fails in about a second, not after the SDK's default back-off of several seconds.
    /// </summary>
    private static readonly SecretClientOptions Options = new()
    {
        Retry = { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(2), NetworkTimeout = TimeSpan.FromSeconds(10) },
    };

    private readonly DefaultAzureCredential credential = new();

    public SecretClient ClientOf(Uri vaultUri) => new(vaultUri, credential, Options);
}

/// <summary>What the access check found: CrewBuilder may use the vault, the vault refused it, or the vault did not answer.</summary>
public enum VaultAccess { Granted, Refused, Unreachable }

/// <summary>
/// An organisation that brings its own Key Vault keeps its provider keys there, as secrets, and never in CrewBuilder's
/// storage. Only Key Vault hosts are accepted (no user-supplied URL is ever called otherwise).
/// </summary>
public sealed class OrgVaults(IOrgVaultClients clients, IOptions<OrgVaultOptions> options, TimeProvider time)
{
    private const string Probe = "crewbuilder-access-check";

    /// <summary>The longest a person waits for the access check, however slowly the vault's address fails.</summary>
    private static readonly TimeSpan AccessCheckTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// An https vault root on an allowed host: a suffix entry (".vault.azure.net") allows its subdomains on the default
    /// port; a host entry allows that host exactly (a test's loopback stand-in).
    /// </summary>
    public bool IsAllowed(Uri? uri) =>
        uri is { IsAbsoluteUri: true, Scheme: "https", AbsolutePath: "/", Query: "", UserInfo: "" }
        && options.Value.AllowedHostSuffixes.Any(allowed => allowed.StartsWith('.')
            ? uri.IsDefaultPort && uri.Host.EndsWith(allowed, StringComparison.OrdinalIgnoreCase)
            : string.Equals(uri.Host, allowed, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether CrewBuilder can write and read secrets there: an organisation must grant access before switching.</summary>
    public async Task<VaultAccess> CheckAccessAsync(Uri vault, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(AccessCheckTimeout, time);
        using var check = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var client = clients.ClientOf(vault);
            await client.SetSecretAsync(Probe, "ok", check.Token);
            return (await client.GetSecretAsync(Probe, cancellationToken: check.Token)).Value.Value == "ok" ? VaultAccess.Granted : VaultAccess.Refused;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Failure(e) is { } failure)
        {
            return failure;
        }
    }

    /// <summary>
    /// How an access check failed: refused (the vault answered 401/403, or CrewBuilder's identity has no token) or
    /// unreachable (no answer, a timeout, or an answer that is not Key Vault's). The SDK wraps the failures of its
    /// retries in an <see cref="AggregateException"/>; the last one says what happened.
    /// </summary>
    private static VaultAccess? Failure(Exception e) => e switch
    {
        AggregateException { InnerExceptions: [.., var last] } => Failure(last),
        AuthenticationFailedException or RequestFailedException { Status: 401 or 403 } => VaultAccess.Refused,
        RequestFailedException or HttpRequestException or OperationCanceledException => VaultAccess.Unreachable,
        _ => null,
    };

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
