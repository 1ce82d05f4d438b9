using Azure;
using Azure.Security.KeyVault.Secrets;

namespace CrewBuilder.Core.Storage;

/// <summary>Azure Key Vault through the SDK's <see cref="SecretClient"/> (managed identity, RBAC).</summary>
public sealed class KeyVaultSecretVault(SecretClient client) : ISecretVault
{
    public async Task<VaultSecret?> GetAsync(string name, string? version, CancellationToken cancellationToken)
    {
        try
        {
            KeyVaultSecret secret = await client.GetSecretAsync(name, version, cancellationToken);
            return new VaultSecret(name, secret.Properties.Version, secret.Value);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<VaultSecret> SetAsync(string name, string value, CancellationToken cancellationToken)
    {
        KeyVaultSecret secret = await client.SetSecretAsync(name, value, cancellationToken);
        return new VaultSecret(name, secret.Properties.Version, secret.Value);
    }
}
