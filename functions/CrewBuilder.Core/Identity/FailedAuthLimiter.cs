using System.Collections.Concurrent;
using CrewBuilder.Core.Storage;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Identity;

/// <summary>
/// Limits failed authentications per client address in one-minute windows, counted in Table Storage so the
/// limit holds across instances. An address this instance has not seen fail in the current window is not
/// looked up, so well-behaved clients pay nothing per request; an address failing elsewhere is caught here
/// after its first failure on this instance.
/// </summary>
public sealed class FailedAuthLimiter(FixedWindowCounters counters, TimeProvider time, IOptions<AuthOptions> options)
{
    private const string Scope = "auth-failures";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> failedHere = new();

    /// <summary>How long the client must wait, or null when it may try again now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string clientAddress, CancellationToken cancellationToken)
    {
        if (!failedHere.TryGetValue(clientAddress, out var windowEnd) || windowEnd <= time.GetUtcNow())
        {
            return null;
        }

        var count = await counters.ReadAsync(Scope, clientAddress, Window, cancellationToken);
        return count.Count >= options.Value.FailedAttemptsPerMinute ? count.WindowEnd - time.GetUtcNow() : null;
    }

    public async Task RecordFailureAsync(string clientAddress, CancellationToken cancellationToken)
    {
        var count = await counters.IncrementAsync(Scope, clientAddress, Window, cancellationToken);
        failedHere[clientAddress] = count.WindowEnd;
        foreach (var (address, end) in failedHere)
        {
            if (end <= time.GetUtcNow())
            {
                failedHere.TryRemove(address, out _);
            }
        }
    }
}
