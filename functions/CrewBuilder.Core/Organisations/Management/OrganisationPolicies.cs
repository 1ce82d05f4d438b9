using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;

namespace CrewBuilder.Core.Organisations.Management;

/// <summary>What moving an organisation's keys to another vault (or back) came to: exactly one of the cases below.</summary>
public abstract record VaultChange
{
    private VaultChange()
    {
    }

    /// <summary>Every key is where the organisation now keeps them: <paramref name="Vault"/> (null: CrewBuilder's storage).</summary>
    public sealed record Moved(OrgVaultLocation? Vault) : VaultChange;

    /// <summary>Refused, and nothing changed: <paramref name="Field"/> is what to fix, <paramref name="Message"/> how (never a credential).</summary>
    public sealed record Refused(string Field, string Message) : VaultChange;

    /// <summary>The encrypted secret id or token was not accepted.</summary>
    public sealed record SecretEnvelopeRefused(EnvelopeError Error) : VaultChange;
}

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
    OrganisationStore store, OrganisationService organisations, OrgVaults vaults, SavedKeys savedKeys, KeyEnvelope envelope, OrgKeyRotation rotation,
    QuotaLedger quotas)
{
    /// <summary>
    /// Points the organisation at its own Azure Key Vault or HashiCorp Vault (or, with neither, back to CrewBuilder's
    /// storage): access is checked first, then every stored key moves, so none is ever in both places or lost.
    /// </summary>
    public async Task<VaultChange> SetVaultAsync(
        Caller caller, Organisation org, Uri? keyVaultUri, HashiCorpVaultRequest? hashiCorp, CancellationToken cancellationToken)
    {
        OrgVaultLocation? target = null;
        var field = hashiCorp is null ? "keyVaultUri" : "hashiCorpVault";
        if (keyVaultUri is not null && hashiCorp is not null)
        {
            return new VaultChange.Refused(field, "Choose one vault: an Azure Key Vault or a HashiCorp Vault, not both.");
        }

        if (keyVaultUri is not null)
        {
            if (!vaults.IsAllowed(keyVaultUri))
            {
                return new VaultChange.Refused(field, "Give the root address of an Azure Key Vault, e.g. https://acme-keys.vault.azure.net/.");
            }

            target = new AzureKeyVaultLocation(keyVaultUri);
        }

        if (hashiCorp is not null)
        {
            if (!vaults.IsAllowedHashiCorp(hashiCorp.Address))
            {
                return new VaultChange.Refused("hashiCorpVault.address", hashiCorp.Address!.Scheme != "https"
                    ? "Give your Vault's https address (e.g. https://vault.acme.com:8200/): CrewBuilder sends credentials over HTTPS only."
                    : $"{hashiCorp.Address.Host} is not among the hosts CrewBuilder may call for organisations' vaults. HCP Vault (*.hashicorp.cloud) is; "
                        + "ask CrewBuilder's administrators to allow your Vault's host.");
            }

            var opened = await envelope.OpenAsync(hashiCorp.EncryptedSecret!, cancellationToken);
            if (opened.Error != EnvelopeError.None)
            {
                return new VaultChange.SecretEnvelopeRefused(opened.Error);
            }

            target = new HashiCorpVaultLocation(hashiCorp.Address!, string.IsNullOrWhiteSpace(hashiCorp.Namespace) ? null : hashiCorp.Namespace.Trim().Trim('/'),
                hashiCorp.MountOrDefault(), hashiCorp.PathPrefixFor(org.Id), hashiCorp.AuthMethod(), hashiCorp.RoleId?.Trim(),
                await vaults.EncryptCredentialAsync(org.Id, opened.Key!, cancellationToken));
        }

        var vault = target is null ? null : vaults.Open(org.Id, target);
        if (vault is not null && await vault.CheckAccessAsync(cancellationToken) is not VaultAccess.Granted and var access)
        {
            return new VaultChange.Refused(field, vault.Advice(access));
        }

        await store.SetVaultAsync(org.Id, target, cancellationToken);
        await savedKeys.MoveAsync(org.Id, org.Vault, cancellationToken);
        await organisations.AuditAsync(org.Id, caller, "policy.key-vault", vault?.Described ?? "CrewBuilder storage", cancellationToken);
        return new VaultChange.Moved(target);
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

    /// <summary>
    /// Sets the Enterprise contract's monthly cap (null: unlimited) and availability target in percent (null: none); false when
    /// there is no such organisation.
    /// </summary>
    public async Task<bool> SetContractAsync(Caller administrator, string orgId, int? generationsPerMonth, double? availabilityTarget, CancellationToken cancellationToken)
    {
        if (!await store.SetContractAsync(orgId, generationsPerMonth, availabilityTarget, cancellationToken))
        {
            return false;
        }

        await quotas.SetLimitAsync(orgId, generationsPerMonth, cancellationToken);
        await organisations.AuditAsync(orgId, administrator, "billing.contract",
            (generationsPerMonth is { } cap ? $"{cap} generations a month" : "unlimited generations")
                + (availabilityTarget is { } target ? FormattableString.Invariant($", {target} % availability") : ""), cancellationToken);
        return true;
    }
}
