using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Billing;

/// <summary>How a generation holding a reservation stands, as its own record says.</summary>
public enum ReservationHolder { Running, Completed, EndedWithoutCompleting }

/// <summary>Where the quota timer learns how the generations holding reservations stand (the generations' store).</summary>
public interface IReservationHolders
{
    Task<ReservationHolder> StandingAsync(string tenantId, string generationId, CancellationToken cancellationToken);
}

/// <summary>
/// The quota timer: starts the new period of every plan whose period ended (catching up after downtime), withdraws
/// expired paid generations, and settles reservations whose generation ended without settling them.
/// </summary>
public sealed class QuotaJanitor(QuotaLedger ledger, IReservationHolders generations, TimeProvider time, ILogger<QuotaJanitor> logger)
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
            switch (await generations.StandingAsync(tenantId, generationId, cancellationToken))
            {
                case ReservationHolder.Completed:
                    await ledger.CommitAsync(account, generationId, cancellationToken);
                    settled++;
                    break;
                case ReservationHolder.EndedWithoutCompleting:
                    await ledger.ReleaseAsync(account, generationId, cancellationToken);
                    settled++;
                    break;
            }
        }

        logger.LogInformation("Quota janitor: {Renewed} periods renewed, {Expired} expired credits closed, {Settled} stale reservations settled", renewed, expired, settled);
    }
}
