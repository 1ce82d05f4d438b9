using System.Security.Cryptography;
using System.Text;

namespace CrewBuilder.Core.Keys;

/// <summary>
/// Encrypts a provider key at rest with its tenant's data key. The associated data binds tenant, provider and
/// key id, so a ciphertext copied into another row does not decrypt. The "v1:" prefix names the scheme.
/// </summary>
public sealed class ProviderKeyCipher(DataKeys dataKeys) : Organisations.IVaultCredentialCipher
{
    private const string Version = "v1:";

    public async Task<string> EncryptAsync(string tenantId, string provider, string keyId, string secret, CancellationToken cancellationToken)
    {
        var dek = await dataKeys.ForTenantAsync(tenantId, cancellationToken);
        return Version + Convert.ToBase64String(AesGcmEnvelope.Seal(dek, Encoding.UTF8.GetBytes(secret), Binding(tenantId, provider, keyId)));
    }

    /// <summary>The key; throws <see cref="CryptographicException"/> when the ciphertext was moved, altered or shredded.</summary>
    public async Task<string> DecryptAsync(string tenantId, string provider, string keyId, string ciphertext, CancellationToken cancellationToken)
    {
        if (!ciphertext.StartsWith(Version, StringComparison.Ordinal))
        {
            throw new CryptographicException("Unknown ciphertext version.");
        }

        var dek = await dataKeys.ExistingForTenantAsync(tenantId, cancellationToken)
            ?? throw new CryptographicException("The tenant's data key is gone: its keys were shredded.");
        var plaintext = AesGcmEnvelope.Open(dek, Convert.FromBase64String(ciphertext[Version.Length..]), Binding(tenantId, provider, keyId));
        return Encoding.UTF8.GetString(plaintext);
    }

    private static byte[] Binding(string tenantId, string provider, string keyId) =>
        Encoding.UTF8.GetBytes($"crewbuilder-provider-key\n{tenantId}\n{provider}\n{keyId}");
}
