namespace CrewBuilder.Core.Storage;

/// <summary>One version of a secret.</summary>
public sealed record VaultSecret(string Name, string Version, string Value);

/// <summary>
/// Where CrewBuilder keeps its own secrets (the key-encryption key, the transport key pair): Azure Key Vault
/// in production, a file under .data/ on a developer's machine. Every write makes a new version; old versions
/// stay readable by their version id.
/// </summary>
public interface ISecretVault
{
    /// <summary>The latest version, or <paramref name="version"/> when given; null when there is no such secret.</summary>
    Task<VaultSecret?> GetAsync(string name, string? version, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="value"/> as the new latest version of <paramref name="name"/>.</summary>
    Task<VaultSecret> SetAsync(string name, string value, CancellationToken cancellationToken);
}
