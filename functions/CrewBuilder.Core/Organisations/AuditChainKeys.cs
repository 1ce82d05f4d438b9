using System.Collections.Concurrent;
using System.Security.Cryptography;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Organisations;

/// <summary>One version of an organisation's audit chain key.</summary>
public sealed record AuditChainKey(string Version, byte[] Key);

/// <summary>
/// Each organisation's audit chain key: 256 random bits in CrewBuilder's vault (Key Vault in production), never in
/// Table Storage, so someone who can write the audit table cannot seal an entry. Created on the organisation's first
/// keyed entry; every entry names the version that sealed it, and every version stays readable.
/// </summary>
public sealed class AuditChainKeys(ISecretVault vault)
{
    private readonly ConcurrentDictionary<string, AuditChainKey> current = new();
    private readonly ConcurrentDictionary<(string OrgId, string Version), byte[]> versions = new();

    /// <summary>The version new entries are sealed with. Two instances creating the first one at once is harmless: each entry names its own.</summary>
    public async Task<AuditChainKey> CurrentAsync(string orgId, CancellationToken cancellationToken)
    {
        if (current.TryGetValue(orgId, out var known))
        {
            return known;
        }

        var secret = await vault.GetAsync(SecretName(orgId), null, cancellationToken)
            ?? await vault.SetAsync(SecretName(orgId), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancellationToken);
        return current[orgId] = Remember(orgId, secret);
    }

    /// <summary>The key of <paramref name="version"/>, or null when the vault holds no such version for this organisation.</summary>
    public async Task<AuditChainKey?> VersionAsync(string orgId, string version, CancellationToken cancellationToken)
    {
        if (versions.TryGetValue((orgId, version), out var key))
        {
            return new AuditChainKey(version, key);
        }

        // The version comes from a table row, so from anyone who can write one: only a plain version id reaches the vault.
        return version.Length is 0 or > 64 || !version.All(char.IsAsciiLetterOrDigit) ? null
            : await vault.GetAsync(SecretName(orgId), version, cancellationToken) is { } secret ? Remember(orgId, secret) : null;
    }

    private AuditChainKey Remember(string orgId, VaultSecret secret)
    {
        var key = new AuditChainKey(secret.Version, Convert.FromBase64String(secret.Value));
        versions[(orgId, key.Version)] = key.Key;
        return key;
    }

    private static string SecretName(string orgId) => "audit-chain-" + orgId;
}
