using System.Collections.Concurrent;
using System.Security.Cryptography;
using CrewBuilder.Core.Storage;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Keys;

/// <summary>One version of the key-encryption key.</summary>
public sealed record KeyEncryptionKey(string Version, byte[] Key);

/// <summary>
/// The key-encryption key (KEK): 256 random bits held in the vault, never in storage. Created on first use;
/// rotation adds a version, and every version stays readable so data keys wrapped with it can be re-wrapped.
/// Versions are cached in memory; the latest is looked up again after <see cref="LatestCacheDuration"/>.
/// </summary>
public sealed class KeyEncryptionKeys(ISecretVault vault, TimeProvider time, ILogger<KeyEncryptionKeys> logger)
{
    public const string SecretName = "key-encryption-key";
    public static readonly TimeSpan LatestCacheDuration = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, byte[]> versions = new();
    private (KeyEncryptionKey Key, DateTimeOffset CachedUntil)? latest;

    public async Task<KeyEncryptionKey> LatestAsync(CancellationToken cancellationToken)
    {
        if (latest is { } cached && cached.CachedUntil > time.GetUtcNow())
        {
            return cached.Key;
        }

        // Two instances starting at once may both create a first version: harmless, as every version stays readable.
        var secret = await vault.GetAsync(SecretName, null, cancellationToken) ?? await vault.SetAsync(SecretName, NewKey(), cancellationToken);
        var key = Remember(secret);
        latest = (key, time.GetUtcNow() + LatestCacheDuration);
        return key;
    }

    public async Task<KeyEncryptionKey> VersionAsync(string version, CancellationToken cancellationToken)
    {
        if (versions.TryGetValue(version, out var known))
        {
            return new KeyEncryptionKey(version, known);
        }

        var secret = await vault.GetAsync(SecretName, version, cancellationToken)
            ?? throw new CryptographicException($"Key-encryption key version {version} is not in the vault.");
        return Remember(secret);
    }

    /// <summary>Adds a new version and makes it the latest at once on this instance.</summary>
    public async Task<KeyEncryptionKey> RotateAsync(CancellationToken cancellationToken)
    {
        var key = Remember(await vault.SetAsync(SecretName, NewKey(), cancellationToken));
        latest = (key, time.GetUtcNow() + LatestCacheDuration);
        logger.LogInformation("Key-encryption key rotated to version {KekVersion}", key.Version);
        return key;
    }

    private KeyEncryptionKey Remember(VaultSecret secret)
    {
        var key = Convert.FromBase64String(secret.Value);
        versions[secret.Version] = key;
        return new KeyEncryptionKey(secret.Version, key);
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
