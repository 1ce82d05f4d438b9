using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Keys;

/// <summary>
/// Rotates the key-encryption key: a new version first, then every tenant's data key re-wrapped with it.
/// Reads keep working throughout, since old versions stay in the vault. Safe to run again after an interruption.
/// </summary>
public sealed class KekRotation(KeyEncryptionKeys keks, DataKeys dataKeys, ILogger<KekRotation> logger)
{
    public async Task<int> RotateAsync(CancellationToken cancellationToken)
    {
        var kek = await keks.RotateAsync(cancellationToken);
        var rewrapped = await dataKeys.RewrapAllAsync(kek, cancellationToken);
        logger.LogInformation("Re-wrapped {Count} data keys with key-encryption key version {KekVersion}", rewrapped, kek.Version);
        return rewrapped;
    }
}
