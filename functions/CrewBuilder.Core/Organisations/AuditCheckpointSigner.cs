using System.Collections.Concurrent;
using System.Security.Cryptography;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Organisations;

/// <summary>
/// Signs audit checkpoints with an ECDSA P-256 key kept as a secret in CrewBuilder's vault (PKCS#8), never in storage.
/// Each signature names the key version, and every version stays readable, so checkpoints signed before a rotation still verify.
/// </summary>
public sealed class AuditCheckpointSigner(ISecretVault vault) : IDisposable
{
    public const string SecretName = "audit-checkpoint-signing-key";

    private readonly ConcurrentDictionary<string, ECDsa> versions = new();
    private readonly SemaphoreSlim creating = new(1, 1);
    private string? currentVersion;

    /// <summary>Signs the payload made for the current key version, which the payload names so that it can be verified later.</summary>
    public async Task<(byte[] Payload, byte[] Signature)> SignAsync(Func<string, byte[]> payloadNaming, CancellationToken cancellationToken)
    {
        var version = currentVersion ?? await LoadCurrentAsync(cancellationToken);
        var payload = payloadNaming(version);
        return (payload, versions[version].SignData(payload, HashAlgorithmName.SHA256));
    }

    /// <summary>Whether <paramref name="signature"/> is CrewBuilder's over <paramref name="payload"/> with that key version.</summary>
    public async Task<bool> VerifyAsync(byte[] payload, byte[] signature, string version, CancellationToken cancellationToken)
    {
        if (!versions.TryGetValue(version, out var key))
        {
            if (version.Length is 0 or > 64 || !version.All(char.IsAsciiLetterOrDigit) || await vault.GetAsync(SecretName, version, cancellationToken) is not { } secret)
            {
                return false;
            }

            key = Remember(secret);
        }

        return key.VerifyData(payload, signature, HashAlgorithmName.SHA256);
    }

    private async Task<string> LoadCurrentAsync(CancellationToken cancellationToken)
    {
        await creating.WaitAsync(cancellationToken);
        try
        {
            if (currentVersion is null)
            {
                var secret = await vault.GetAsync(SecretName, null, cancellationToken) ?? await vault.SetAsync(SecretName, NewKey(), cancellationToken);
                Remember(secret);
                currentVersion = secret.Version;
            }

            return currentVersion;
        }
        finally
        {
            creating.Release();
        }
    }

    private ECDsa Remember(VaultSecret secret) => versions.GetOrAdd(secret.Version, version =>
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(secret.Value), out _);
        return key;
    });

    private static string NewKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Convert.ToBase64String(key.ExportPkcs8PrivateKey());
    }

    public void Dispose()
    {
        foreach (var key in versions.Values)
        {
            key.Dispose();
        }

        creating.Dispose();
    }
}
