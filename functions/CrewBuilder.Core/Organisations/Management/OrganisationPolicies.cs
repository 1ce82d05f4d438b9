using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;

namespace CrewBuilder.Core.Organisations.Management;

public enum KeyVaultChange { Moved, NotAKeyVault, NoAccess, Unreachable }

/// <summary>What making an organisation's staged key active came to: exactly one of the cases below.</summary>
public abstract record KeyActivation
{
    private KeyActivation()
    {
    }

    /// <summary>The staged key is active now; <paramref name="Key"/> is its rotation status.</summary>
    public sealed record Activated(RotationStatus? Key) : KeyActivation;

    /// <summary>There was no staged key to activate.</summary>
    public sealed record NothingStaged : KeyActivation;

    /// <summary>The active key is unchanged: the provider refused the staged key, or (<paramref name="ProviderUnreachable"/>) could not be reached to test it.</summary>
    public sealed record NotActivated(bool ProviderUnreachable) : KeyActivation;
}

/// <summary>
/// An organisation's settings that its admins (or, for the contract, platform administrators) change: where its keys
/// live, how often they rotate, its branding, its contract, and a staged key's activation. Each change is audited.
/// </summary>
public sealed class OrganisationPolicies(
    OrganisationStore store, OrganisationService organisations, OrgVaults vaults, SavedKeys savedKeys, OrgKeyRotation rotation, QuotaLedger quotas)
{
    /// <summary>
    /// Points the organisation at its own Key Vault (or back to CrewBuilder's storage): access is checked first, then
    /// every stored key moves, so none is ever in both places or lost.
    /// </summary>
    public async Task<KeyVaultChange> SetKeyVaultAsync(Caller caller, Organisation org, Uri? vault, CancellationToken cancellationToken)
    {
        if (vault is not null && !vaults.IsAllowed(vault))
        {
            return KeyVaultChange.NotAKeyVault;
        }

        if (vault is not null && await vaults.CheckAccessAsync(vault, cancellationToken) is not VaultAccess.Granted and var access)
        {
            return access == VaultAccess.Refused ? KeyVaultChange.NoAccess : KeyVaultChange.Unreachable;
        }

        await store.SetKeyVaultAsync(org.Id, vault, cancellationToken);
        await savedKeys.MoveAsync(org.Id, org.KeyVaultUri, cancellationToken);
        await organisations.AuditAsync(org.Id, caller, "policy.key-vault", vault?.Host ?? "CrewBuilder storage", cancellationToken);
        return KeyVaultChange.Moved;
    }

    public async Task<IReadOnlyList<RotationStatus>> SetMaxKeyAgeAsync(Caller caller, string orgId, int days, CancellationToken cancellationToken)
    {
        await store.SetMaxKeyAgeAsync(orgId, days, cancellationToken);
        await organisations.AuditAsync(orgId, caller, "policy.rotation", $"maximum key age {days} days", cancellationToken);
        return await rotation.StatusAsync(orgId, cancellationToken);
    }

    public async Task<OrgBranding> SetBrandingAsync(Caller caller, string orgId, OrgBranding branding, CancellationToken cancellationToken)
    {
        var saved = branding with { DisplayName = branding.DisplayName!.Trim() };
        await store.SetBrandingAsync(orgId, saved, cancellationToken);
        await organisations.AuditAsync(orgId, caller, "policy.branding", saved.DisplayName!, cancellationToken);
        return saved;
    }

    /// <summary>Makes the staged key active if the provider accepts it; an attempt on a staged key is audited with its result.</summary>
    public async Task<KeyActivation> RotateAsync(Caller caller, string orgId, string provider, CancellationToken cancellationToken)
    {
        var result = await rotation.ActivateAsync(orgId, provider, cancellationToken);
        if (result == RotationResult.NoPendingKey)
        {
            return new KeyActivation.NothingStaged();
        }

        await organisations.AuditAsync(orgId, caller, "key.rotate", provider, cancellationToken, result.ToString().ToLowerInvariant());
        return result == RotationResult.Activated
            ? new KeyActivation.Activated((await rotation.StatusAsync(orgId, cancellationToken)).FirstOrDefault(key => key.Provider == provider))
            : new KeyActivation.NotActivated(result == RotationResult.Unreachable);
    }

    /// <summary>Sets the Enterprise contract's monthly cap (null: unlimited); false when there is no such organisation.</summary>
    public async Task<bool> SetContractAsync(Caller administrator, string orgId, int? generationsPerMonth, CancellationToken cancellationToken)
    {
        if (!await store.SetGenerationCapAsync(orgId, generationsPerMonth, cancellationToken))
        {
            return false;
        }

        await quotas.SetLimitAsync(orgId, generationsPerMonth, cancellationToken);
        await organisations.AuditAsync(orgId, administrator, "billing.contract",
            generationsPerMonth is { } cap ? $"{cap} generations a month" : "unlimited generations", cancellationToken);
        return true;
    }
}
