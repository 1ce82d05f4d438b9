using System.Collections.Concurrent;
using CrewBuilder.Core.Storage;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Identity;

/// <summary>
/// Limits failed authentications in one-minute windows, per presented credential and per client address, counted in
/// Table Storage so the limits hold across instances. Only failures are limited: a credential that validates is
/// admitted whatever else came from its address, so one broken client behind a proxy or NAT (or every local client
/// of a self-host, all 127.0.0.1) locks nobody else out. A credential this instance has not seen fail in the current
/// window is not looked up, so well-behaved clients pay nothing per request.
/// </summary>
public sealed class FailedAuthLimiter(FixedWindowCounters counters, TimeProvider time, IOptions<AuthOptions> options)
{
    private const string AddressScope = "auth-failures";
    private const string CredentialScope = "auth-failures-credential";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> failedHere = new();

    private int Limit => options.Value.FailedAttemptsPerMinute;

    /// <summary>How long a credential that keeps failing must wait before it is checked again, or null when it may be checked now.</summary>
    public async Task<TimeSpan?> CredentialRetryAfterAsync(string credential, CancellationToken cancellationToken)
    {
        if (failedHere.IsEmpty)
        {
            return null; // nothing failed here lately: not even the credential's hash is worth computing
        }

        var credentialHash = SecretTokens.Hash(credential);
        if (!failedHere.TryGetValue(CredentialScope + credentialHash, out var windowEnd) || windowEnd <= time.GetUtcNow())
        {
            return null;
        }

        var count = await counters.ReadAsync(CredentialScope, credentialHash, Window, cancellationToken);
        return count.Count >= Limit ? count.WindowEnd - time.GetUtcNow() : null;
    }

    /// <summary>Counts a failure of this credential from this address: how long the client must now wait, or null while under both limits.</summary>
    public async Task<TimeSpan?> RecordFailureAsync(string clientAddress, string credential, CancellationToken cancellationToken)
    {
        var byAddress = await CountAsync(AddressScope, clientAddress, cancellationToken);
        var byCredential = await CountAsync(CredentialScope, SecretTokens.Hash(credential), cancellationToken);
        Forget(expired: time.GetUtcNow());
        var over = new[] { byAddress, byCredential }.Where(count => count.Count > Limit).ToList();
        return over.Count == 0 ? null : over.Max(count => count.WindowEnd) - time.GetUtcNow();
    }

    private async Task<WindowCount> CountAsync(string scope, string key, CancellationToken cancellationToken)
    {
        var count = await counters.IncrementAsync(scope, key, Window, cancellationToken);
        failedHere[scope + key] = count.WindowEnd;
        return count;
    }

    private void Forget(DateTimeOffset expired)
    {
        foreach (var (key, end) in failedHere)
        {
            if (end <= expired)
            {
                failedHere.TryRemove(key, out _);
            }
        }
    }
}
