using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Keys;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Organisations.Management;

public sealed class RotationOptions
{
    public const string Section = "Rotation";

    /// <summary>How long the previous key stays usable as a fallback after a new one is made active.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long before a key is due the organisation is reminded.</summary>
    public TimeSpan RemindBefore { get; set; } = TimeSpan.FromDays(7);
}

public enum RotationResult { Activated, NoPendingKey, Rejected, Unreachable }

/// <summary>An organisation key's rotation as its admins see it: when it is due, and what is staged.</summary>
public sealed record RotationStatus(string Provider, DateTimeOffset DueAt, bool Overdue, SavedKeyInfo? Pending, DateTimeOffset? PreviousUsableUntil);

/// <summary>
/// Staged rotation of organisation keys: a new key is added as pending, tested with the provider, then made active
/// under the same key id; the previous key stays as a fallback for a grace period, then is retired. A daily run
/// reminds organisations of keys coming due (per their maximum key age) and retires expired fallbacks. Audited.
/// </summary>
public sealed class OrgKeyRotation(
    SavedKeys savedKeys, ProviderKeyTester tester, OrganisationStore organisations, AuditLog audit, IUsageNotifier notifier,
    Microsoft.Extensions.Options.IOptions<RotationOptions> options, TimeProvider time, ILogger<OrgKeyRotation> logger)
{
    public Task<SavedKeyInfo> StageAsync(string orgId, string provider, string key, CancellationToken cancellationToken) =>
        savedKeys.SaveAsync(orgId, StagedKeys.Pending(provider), key, cancellationToken);

    public async Task<RotationResult> ActivateAsync(string orgId, string provider, CancellationToken cancellationToken)
    {
        if (await savedKeys.RevealAsync(orgId, StagedKeys.Pending(provider), cancellationToken) is not { } pending)
        {
            return RotationResult.NoPendingKey;
        }

        var tested = await tester.TestAsync(provider, pending, cancellationToken);
        if (tested != KeyTestOutcome.Connected)
        {
            await savedKeys.RecordTestAsync(orgId, StagedKeys.Pending(provider), tested, cancellationToken);
            return tested == KeyTestOutcome.Invalid ? RotationResult.Rejected : RotationResult.Unreachable;
        }

        if (await savedKeys.RevealAsync(orgId, provider, cancellationToken) is { } current)
        {
            await savedKeys.DeleteAsync(orgId, StagedKeys.Previous(provider), cancellationToken);
            await savedKeys.SaveAsync(orgId, StagedKeys.Previous(provider), current, cancellationToken);
        }

        await savedKeys.SaveAsync(orgId, provider, pending, cancellationToken);
        await savedKeys.RecordTestAsync(orgId, provider, KeyTestOutcome.Connected, cancellationToken);
        await savedKeys.DeleteAsync(orgId, StagedKeys.Pending(provider), cancellationToken);
        return RotationResult.Activated;
    }

    /// <summary>The previous key, while its grace period lasts: the fallback when the provider refuses the active one.</summary>
    public async Task<string?> FallbackAsync(string orgId, string provider, CancellationToken cancellationToken) =>
        await savedKeys.FindAsync(orgId, StagedKeys.Previous(provider), cancellationToken) is { } previous
        && previous.CreatedAt + options.Value.GracePeriod > time.GetUtcNow()
            ? await savedKeys.RevealAsync(orgId, StagedKeys.Previous(provider), cancellationToken)
            : null;

    public async Task<IReadOnlyList<RotationStatus>> StatusAsync(string orgId, CancellationToken cancellationToken)
    {
        var maxAge = TimeSpan.FromDays((await organisations.FindAsync(orgId, cancellationToken))?.MaxKeyAgeDays ?? Organisation.DefaultMaxKeyAgeDays);
        var statuses = new List<RotationStatus>();
        foreach (var key in await savedKeys.ListAsync(orgId, cancellationToken))
        {
            var due = (key.RotatedAt ?? key.CreatedAt) + maxAge;
            var previous = await savedKeys.FindAsync(orgId, StagedKeys.Previous(key.Provider), cancellationToken);
            statuses.Add(new RotationStatus(key.Provider, due, due <= time.GetUtcNow(),
                await savedKeys.FindAsync(orgId, StagedKeys.Pending(key.Provider), cancellationToken), previous?.CreatedAt + options.Value.GracePeriod));
        }

        return statuses;
    }

    /// <summary>The daily run: reminders for keys coming due or overdue (once per due date), and retirement of expired fallbacks.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (reminded, retired) = (0, 0);
        await foreach (var org in organisations.AllAsync(cancellationToken))
        {
            foreach (var status in await StatusAsync(org.Id, cancellationToken))
            {
                if (status.DueAt - options.Value.RemindBefore <= now)
                {
                    var message = status.Overdue
                        ? $"The {KeyResolver.ProviderName(status.Provider)} key of {org.Name} is overdue for rotation (due {status.DueAt:d MMMM yyyy})."
                        : $"The {KeyResolver.ProviderName(status.Provider)} key of {org.Name} is due for rotation on {status.DueAt:d MMMM yyyy}.";
                    var key = $"rotation-{status.Provider}-{(status.Overdue ? "overdue" : "due")}-{status.DueAt:yyyy-MM-dd}";
                    if (await notifier.NotifyAsync(new UsageAlert(org.Id, "rotation", key, message, now), cancellationToken))
                    {
                        await audit.AppendAsync(org.Id, "system", "key.rotation-due", status.Provider, null, status.Overdue ? "overdue" : "reminded", cancellationToken);
                        reminded++;
                    }
                }

                if (status.PreviousUsableUntil <= now)
                {
                    await savedKeys.DeleteAsync(org.Id, StagedKeys.Previous(status.Provider), cancellationToken);
                    await audit.AppendAsync(org.Id, "system", "key.retire", $"previous {status.Provider} key", null, "ok", cancellationToken);
                    retired++;
                }
            }
        }

        logger.LogInformation("Key rotation run: {Reminded} reminders, {Retired} previous keys retired", reminded, retired);
    }
}
