using System.Collections.Concurrent;

namespace CrewBuilder.Core.Organisations;

/// <summary>A Vault token CrewBuilder holds, when to renew it, and when Vault said it expires.</summary>
public sealed record VaultToken(string Value, DateTimeOffset RenewAt, DateTimeOffset ExpiresAt, bool Renewable);

/// <summary>
/// The tokens CrewBuilder holds for organisations' HashiCorp Vaults, in memory only (never stored), one per vault
/// setting: a changed setting (another secret id, say) is another entry. One refresh at a time per vault.
/// </summary>
public sealed class HashiCorpVaultTokens(TimeProvider time)
{
    private readonly ConcurrentDictionary<HashiCorpVaultLocation, VaultToken> held = new();
    private readonly ConcurrentDictionary<HashiCorpVaultLocation, SemaphoreSlim> refreshing = new();

    /// <summary>The held token while it is not yet due for renewal; otherwise <paramref name="refresh"/>'s replacement for it.</summary>
    public async Task<string> CurrentAsync(
        HashiCorpVaultLocation vault, Func<VaultToken?, CancellationToken, Task<VaultToken>> refresh, CancellationToken cancellationToken)
    {
        if (held.TryGetValue(vault, out var token) && time.GetUtcNow() < token.RenewAt)
        {
            return token.Value;
        }

        var gate = refreshing.GetOrAdd(vault, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (held.TryGetValue(vault, out token) && time.GetUtcNow() < token.RenewAt)
            {
                return token.Value;
            }

            var replacement = await refresh(token, cancellationToken);
            held[vault] = replacement;
            return replacement.Value;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drops the held token, so the next call logs in again.</summary>
    public void Forget(HashiCorpVaultLocation vault) => held.TryRemove(vault, out _);
}
