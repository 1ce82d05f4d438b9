using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace CrewBuilder.Core.Organisations;

/// <summary>Makes the <see cref="SecretClient"/> of an organisation's own Key Vault (CrewBuilder's managed identity).</summary>
public interface IOrgVaultClients
{
    SecretClient ClientOf(Uri vaultUri);
}

public sealed class ManagedIdentityOrgVaultClients : IOrgVaultClients
{
    /// <summary>
    /// Someone waits on every call (the access check, a key saved or read for a generation): a vault that cannot be
    /// reached fails in about a second, not after the SDK's default back-off of several seconds.
    /// </summary>
    private static readonly SecretClientOptions Options = new()
    {
        Retry = { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(2), NetworkTimeout = TimeSpan.FromSeconds(10) },
    };

    private readonly DefaultAzureCredential credential = new();

    public SecretClient ClientOf(Uri vaultUri) => new(vaultUri, credential, Options);
}

/// <summary>An organisation's own Azure Key Vault: each key a secret named after its slot.</summary>
public sealed class AzureKeyVault(SecretClient client, Uri vaultUri, TimeProvider time) : IOrgSecretVault
{
    private const string Probe = "crewbuilder-access-check";

    public string Described => vaultUri.Host;

    public string Advice(VaultAccess access) => access == VaultAccess.Refused
        ? "CrewBuilder could not write to this Key Vault. Grant its managed identity the Key Vault Secrets Officer role, then try again."
        : "CrewBuilder could not reach this Key Vault. Check the address (its Overview page shows the Vault URI), "
            + "and that the vault's networking lets CrewBuilder in, then try again.";

    public async Task<VaultAccess> CheckAccessAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(OrgVaults.AccessCheckTimeout, time);
        using var check = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await client.SetSecretAsync(Probe, "ok", check.Token);
            return (await client.GetSecretAsync(Probe, cancellationToken: check.Token)).Value.Value == "ok" ? VaultAccess.Granted : VaultAccess.Refused;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Failure(e) is { } failure)
        {
            return failure;
        }
    }

    /// <summary>
    /// How a call failed: refused (the vault answered 401/403, or CrewBuilder's identity has no token) or
    /// unreachable (no answer, a timeout, or an answer that is not Key Vault's). The SDK wraps the failures of its
    /// retries in an <see cref="AggregateException"/>; the last one says what happened.
    /// </summary>
    private static VaultAccess? Failure(Exception e) => e switch
    {
        AggregateException { InnerExceptions: [.., var last] } => Failure(last),
        AuthenticationFailedException or RequestFailedException { Status: 401 or 403 } => VaultAccess.Refused,
        RequestFailedException or HttpRequestException or OperationCanceledException => VaultAccess.Unreachable,
        _ => null,
    };

    public Task SetAsync(string slot, string key, CancellationToken cancellationToken) =>
        UsingAsync(async () => await client.SetSecretAsync(SecretName(slot), key, cancellationToken), cancellationToken);

    public Task<string?> GetAsync(string slot, CancellationToken cancellationToken) =>
        UsingAsync(async () =>
        {
            try
            {
                return (await client.GetSecretAsync(SecretName(slot), cancellationToken: cancellationToken)).Value.Value;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        }, cancellationToken);

    public Task DeleteAsync(string slot, CancellationToken cancellationToken) =>
        UsingAsync(async () =>
        {
            try
            {
                await client.StartDeleteSecretAsync(SecretName(slot), cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Gone already.
            }

            return true;
        }, cancellationToken);

    /// <summary>One call to the vault; a vault that refuses or does not answer is told as <see cref="OrgVaultUnavailableException"/>.</summary>
    private async Task<T> UsingAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && Failure(e) is { } failure)
        {
            throw new OrgVaultUnavailableException(Described, failure, Advice(failure));
        }
    }

    /// <summary>Key Vault names allow letters, digits and dashes: "openai~pending" is kept as "crewbuilder-openai-pending".</summary>
    private static string SecretName(string slot) => "crewbuilder-" + slot.Replace('~', '-');
}
