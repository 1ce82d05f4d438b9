using CrewBuilder.Core.Generation;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Billing;

/// <summary>
/// The quota timer: starts the new period of every plan whose period ended (catching up after downtime), withdraws
/// expired paid generations, and settles reservations whose generation ended without settling them.
/// </summary>
public sealed class QuotaJanitor(QuotaLedger ledger, GenerationStore generations, TimeProvider time, ILogger<QuotaJanitor> logger)
{
    /// <summary>Longer than any generation runs: a reservation held this long belongs to one that ended or never started.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(2);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var renewed = await ledger.RenewEndedPeriodsAsync(cancellationToken);
        var expired = await ledger.CloseExpiredAsync(cancellationToken);
        var settled = 0;
        await foreach (var (account, tenantId, generationId) in ledger.HeldSinceAsync(time.GetUtcNow() - StaleAfter, cancellationToken))
        {
            var generation = await generations.FindAsync(tenantId, generationId, cancellationToken);
            switch (generation?.StatusValue)
            {
                case GenerationStatus.Completed:
                    await ledger.CommitAsync(account, generationId, cancellationToken);
                    settled++;
                    break;
                case null or GenerationStatus.Failed or GenerationStatus.Cancelled:
                    await ledger.ReleaseAsync(account, generationId, cancellationToken);
                    settled++;
                    break;
            }
        }

        logger.LogInformation("Quota janitor: {Renewed} periods renewed, {Expired} expired credits closed, {Settled} stale reservations settled", renewed, expired, settled);
    }
}
