using System.Text.Json.Serialization;

namespace CrewBuilder.Core.Organisations;

/// <summary>What the access check found: CrewBuilder may use the vault, the vault refused it, did not answer, or is sealed.</summary>
public enum VaultAccess { Granted, Refused, Unreachable, Sealed }

/// <summary>
/// A vault an organisation brings for its provider keys, whatever its kind: CrewBuilder keeps one secret per key slot
/// there, and checks that it may before any key moves.
/// </summary>
public interface IOrgSecretVault
{
    /// <summary>The vault as the audit log names it: its kind and host, never a credential.</summary>
    string Described { get; }

    /// <summary>What a person can do about an access check that did not grant access, in this kind of vault's words.</summary>
    string Advice(VaultAccess access);

    /// <summary>Whether CrewBuilder can write, read and delete secrets there: an organisation must grant access before switching.</summary>
    Task<VaultAccess> CheckAccessAsync(CancellationToken cancellationToken);

    Task SetAsync(string slot, string key, CancellationToken cancellationToken);

    /// <summary>The key in the slot, or null when there is none.</summary>
    Task<string?> GetAsync(string slot, CancellationToken cancellationToken);

    /// <summary>Deletes the slot's secret; nothing happens when it is gone already.</summary>
    Task DeleteAsync(string slot, CancellationToken cancellationToken);
}

/// <summary>Where an organisation keeps its keys outside CrewBuilder's storage; each kind is declared here, once.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(AzureKeyVaultLocation), "azure-key-vault")]
[JsonDerivedType(typeof(HashiCorpVaultLocation), "hashicorp-vault")]
public abstract record OrgVaultLocation;

/// <summary>An Azure Key Vault's root address, reached with CrewBuilder's managed identity.</summary>
public sealed record AzureKeyVaultLocation(Uri VaultUri) : OrgVaultLocation;

public enum HashiCorpAuth { AppRole, Token }

/// <summary>
/// A HashiCorp Vault's KV v2 engine at <paramref name="Mount"/>, the keys under <paramref name="PathPrefix"/>, in a Vault
/// Enterprise <paramref name="Namespace"/> when given. <paramref name="EncryptedSecret"/> is the AppRole secret id or the
/// token, as ciphertext under the organisation's data key.
/// </summary>
public sealed record HashiCorpVaultLocation(
    Uri Address, string? Namespace, string Mount, string PathPrefix, HashiCorpAuth Auth, string? RoleId, string EncryptedSecret) : OrgVaultLocation;
