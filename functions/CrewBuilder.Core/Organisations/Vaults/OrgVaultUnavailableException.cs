namespace CrewBuilder.Core.Organisations;

/// <summary>
/// An organisation's vault could not be used for a key: it did not answer, refused CrewBuilder, or is sealed. The
/// message names the vault and what a person can do; it never carries a key, token or Vault's own answer.
/// </summary>
public sealed class OrgVaultUnavailableException(string vault, VaultAccess cause, string advice)
    : Exception($"The organisation's vault ({vault}) {Said(cause)}. {advice}")
{
    public string Vault => vault;

    public VaultAccess Cause => cause;

    private static string Said(VaultAccess cause) => cause switch
    {
        VaultAccess.Sealed => "is sealed",
        VaultAccess.Refused => "denied CrewBuilder access",
        _ => "did not answer",
    };
}
