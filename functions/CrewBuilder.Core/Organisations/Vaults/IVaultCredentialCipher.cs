namespace CrewBuilder.Core.Organisations;

/// <summary>
/// Encrypts what lets CrewBuilder into an organisation's vault (a HashiCorp Vault secret id or token) under the
/// organisation's data key, bound to a slot and a name as a provider key is bound to its provider and key id. Keys implements it with the cipher its provider keys use.
/// </summary>
public interface IVaultCredentialCipher
{
    Task<string> EncryptAsync(string tenantId, string provider, string keyId, string secret, CancellationToken cancellationToken);

    Task<string> DecryptAsync(string tenantId, string provider, string keyId, string ciphertext, CancellationToken cancellationToken);
}
