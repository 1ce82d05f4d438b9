using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Organisations;

public sealed class OrgVaultOptions
{
    public const string Section = "OrgVaults";

    /// <summary>The hosts an organisation's vault may be on (a suffix, or the host itself): Azure Key Vault's clouds only, never any URL.</summary>
    public List<string> AllowedHostSuffixes { get; set; } = [".vault.azure.net", ".vault.azure.cn", ".vault.usgovcloudapi.net"];

    /// <summary>
    /// The hosts a HashiCorp Vault may be on (a suffix, or the host itself, any port): HCP Vault's clusters; a platform
    /// administrator adds the hosts of organisations that run their own.
    /// </summary>
    public List<string> HashiCorpAllowedHosts { get; set; } = [".hashicorp.cloud"];

    /// <summary>Lets a HashiCorp Vault's address be loopback, private or link-local: a platform setting for tests, never an organisation's.</summary>
    public bool AllowPrivateAddresses { get; set; }
}

/// <summary>
/// The vaults organisations bring for their keys: which addresses are accepted (no user-supplied URL is called
/// otherwise), and the <see cref="IOrgSecretVault"/> of a vault setting, whatever its kind.
/// </summary>
public sealed class OrgVaults(
    IOrgVaultClients azureClients, IHttpClientFactory httpClients, HashiCorpVaultTokens tokens, IVaultCredentialCipher cipher,
    IOptions<OrgVaultOptions> options, TimeProvider time)
{
    public const string HashiCorpClientName = "hashicorp-vault";

    /// <summary>The longest a person waits for the access check, however slowly the vault's address fails.</summary>
    public static readonly TimeSpan AccessCheckTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The slot a HashiCorp Vault's secret id or token is encrypted for, under the organisation's data key.</summary>
    private const string CredentialSlot = "vault~credential";

    public IOrgSecretVault Open(string orgId, OrgVaultLocation location) => location switch
    {
        AzureKeyVaultLocation azure => new AzureKeyVault(azureClients.ClientOf(azure.VaultUri), azure.VaultUri, time),
        HashiCorpVaultLocation hashiCorp => new HashiCorpVault(httpClients.CreateClient(HashiCorpClientName), hashiCorp,
            cancellationToken => cipher.DecryptAsync(orgId, CredentialSlot, HashiCorpClientName, hashiCorp.EncryptedSecret, cancellationToken), tokens, time),
        _ => throw new ArgumentOutOfRangeException(nameof(location), location.GetType().Name, "Not a vault kind."),
    };

    /// <summary>A HashiCorp Vault's secret id or token as it is kept: ciphertext under the organisation's data key.</summary>
    public Task<string> EncryptCredentialAsync(string orgId, string secret, CancellationToken cancellationToken) =>
        cipher.EncryptAsync(orgId, CredentialSlot, HashiCorpClientName, secret, cancellationToken);

    /// <summary>
    /// An https vault root on an allowed host: a suffix entry (".vault.azure.net") allows its subdomains on the default
    /// port; a host entry allows that host exactly (a test's loopback stand-in).
    /// </summary>
    public bool IsAllowed(Uri? uri) =>
        uri is { IsAbsoluteUri: true, Scheme: "https", AbsolutePath: "/", Query: "", UserInfo: "" }
        && options.Value.AllowedHostSuffixes.Any(allowed => allowed.StartsWith('.')
            ? uri.IsDefaultPort && uri.Host.EndsWith(allowed, StringComparison.OrdinalIgnoreCase)
            : string.Equals(uri.Host, allowed, StringComparison.OrdinalIgnoreCase));

    /// <summary>An https Vault root (any port: Vault listens on 8200) on an allowed host.</summary>
    public bool IsAllowedHashiCorp(Uri? uri) =>
        uri is { IsAbsoluteUri: true, Scheme: "https", AbsolutePath: "/", Query: "", Fragment: "", UserInfo: "" }
        && options.Value.HashiCorpAllowedHosts.Any(allowed => allowed.StartsWith('.')
            ? uri.Host.EndsWith(allowed, StringComparison.OrdinalIgnoreCase)
            : string.Equals(uri.Host, allowed, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Connects a HashiCorp Vault call to the first address of its host CrewBuilder may reach: public ones only (checked at
    /// every connection, so a name re-pointed at a private address later is refused too), unless the platform allows others.
    /// </summary>
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        PublicAddresses.ConnectAsync(context, address => options.Value.AllowPrivateAddresses || PublicAddresses.IsPublic(address),
            $"CrewBuilder does not connect to {context.DnsEndPoint.Host}: it resolves to no public address.", cancellationToken);
}
