using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Billing;

public enum ReserveResult { Reserved, Exhausted, Expired, NoAccount }

public sealed record ReserveOutcome(ReserveResult Result, QuotaBalance? Balance);

/// <summary>
/// Quotas in Table Storage, exact under concurrency. A generation reserves one unit when it is accepted, commits it
/// when it completes and releases it when it fails. The balance row and the generation's reservation row share a
/// partition and change together in one transaction under the balance's ETag, so no count is lost or made twice,
/// and repeating a commit or release (activities run at least once) changes nothing.
/// </summary>
public sealed class QuotaLedger
{
    public const string TableName = "quotas";

    /// <summary>A transaction holds at most 100 actions: the balance and 99 reservations.</summary>
    private const int HoldsPerTransaction = 99;

    private readonly StorageClients storage;
    private readonly TimeProvider time;
    private readonly CoalescingRounds<Hold, ReserveOutcome> reservations;
    private readonly LastSeen<QuotaBalanceEntity> lastBalances = new();

    public QuotaLedger(StorageClients storage, TimeProvider time)
    {
        (this.storage, this.time) = (storage, time);
        reservations = new CoalescingRounds<Hold, ReserveOutcome>(ReserveTogetherAsync, HoldsPerTransaction);
    }

    public async Task<QuotaBalance?> ReadAsync(string account, CancellationToken cancellationToken)
    {
        var balance = await FindBalanceAsync(await TableAsync(cancellationToken), account, cancellationToken);
        return balance is null ? null : Renewed(balance).ToBalance();
    }

    /// <summary>
    /// Sets an account's plan, limit and period; a new period starts with nothing used. Reservations in flight are kept.
    /// </summary>
    public async Task<QuotaBalance> OpenAsync(
        string account, string plan, int? limit, DateTimeOffset periodStart, DateTimeOffset periodEnd, bool renews, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        while (true)
        {
            var updated = await table.UpdateAsync<QuotaBalanceEntity>(account, QuotaBalanceEntity.Row, balance =>
            {
                if (balance.PeriodStart != periodStart)
                {
                    balance.Used = 0;
                }

                var changed = balance.Plan != plan || balance.Limit != (limit ?? -1) || balance.PeriodStart != periodStart
                    || balance.PeriodEnd != periodEnd || balance.Renews != renews;
                (balance.Plan, balance.Limit, balance.PeriodStart, balance.PeriodEnd, balance.Renews) = (plan, limit ?? -1, periodStart, periodEnd, renews);
                return changed;
            }, cancellationToken);
            if (updated is not null)
            {
                return updated.ToBalance();
            }

            var created = new QuotaBalanceEntity
            {
                PartitionKey = account, Plan = plan, Limit = limit ?? -1, PeriodStart = periodStart, PeriodEnd = periodEnd, Renews = renews,
            };
            try
            {
                await table.AddEntityAsync(created, cancellationToken);
                return created.ToBalance();
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Opened concurrently: apply ours over theirs.
            }
        }
    }

    /// <summary>Changes an open account's limit (a contract changed), keeping its period and counts.</summary>
    public async Task SetLimitAsync(string account, int? limit, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpdateAsync<QuotaBalanceEntity>(account, QuotaBalanceEntity.Row, balance =>
        {
            balance.Limit = limit ?? -1;
            return true;
        }, cancellationToken);
    }

    /// <summary>Opens the account as <see cref="OpenAsync"/> does unless it is open already, in which case nothing changes.</summary>
    public async Task OpenIfMissingAsync(
        string account, string plan, int? limit, DateTimeOffset periodStart, DateTimeOffset periodEnd, bool renews, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(new QuotaBalanceEntity
            {
                PartitionKey = account, Plan = plan, Limit = limit ?? -1, PeriodStart = periodStart, PeriodEnd = periodEnd, Renews = renews,
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Opened already, perhaps by a concurrent first generation.
        }
    }

    /// <summary>
    /// Holds one generation of the account's period for <paramref name="generationId"/>; holding it again is a no-op.
    /// Holds asked for one account at once on this instance are made together (<see cref="ReserveTogetherAsync"/>).
    /// </summary>
    public Task<ReserveOutcome> ReserveAsync(string account, string tenantId, string generationId, CancellationToken cancellationToken) =>
        reservations.RunAsync(account, new Hold(tenantId, generationId));

    private sealed record Hold(string TenantId, string GenerationId);

    /// <summary>
    /// Holds for one account in one transaction: the balance (under its ETag) and one reservation row for each hold it
    /// admits, in the order asked, while the limit allows; the rest are refused as exhausted. A hold whose reservation
    /// exists already is taken out as held and the rest tried again.
    /// </summary>
    private async Task<IReadOnlyList<ReserveOutcome>> ReserveTogetherAsync(string account, IReadOnlyList<Hold> holds)
    {
        var table = await TableAsync(CancellationToken.None);
        var outcomes = new ReserveOutcome?[holds.Count];
        for (var attempt = 0; ; attempt++)
        {
            await BackOffAsync(attempt, CancellationToken.None);
            var open = Enumerable.Range(0, holds.Count).Where(i => outcomes[i] is null).ToList();
            if (open.Count == 0)
            {
                return [.. outcomes.Select(outcome => outcome!)];
            }

            // The balance this instance last wrote is tried first; the transaction's ETag finds out if it is stale.
            var remembered = lastBalances.Of(account)?.Copy();
            if ((remembered ?? await FindBalanceAsync(table, account, CancellationToken.None)) is not { } stored)
            {
                return Fill(outcomes, new ReserveOutcome(ReserveResult.NoAccount, null));
            }

            var balance = Renewed(stored);
            var admitted = balance.Limit < 0 ? open : [.. open.Take(Math.Max(0, balance.Limit - balance.Used - balance.Reserved))];
            var refusal = !balance.Renews && balance.PeriodEnd <= time.GetUtcNow() ? ReserveResult.Expired : admitted.Count == 0 ? ReserveResult.Exhausted : (ReserveResult?)null;
            if (refusal is not null && remembered is not null)
            {
                // A refusal writes nothing, so no ETag would tell a stale copy: it is made on a fresh read only.
                lastBalances.Forget(account);
                attempt = -1;
                continue;
            }

            if (refusal is { } refused)
            {
                return Fill(outcomes, new ReserveOutcome(refused, balance.ToBalance()));
            }

            balance.Reserved += admitted.Count;
            var rows = admitted.Select(i => new TableTransactionAction(TableTransactionActionType.Add, new QuotaReservationEntity
            {
                PartitionKey = account,
                RowKey = QuotaReservationEntity.RowOf(holds[i].GenerationId),
                TenantId = holds[i].TenantId,
                GenerationId = holds[i].GenerationId,
                ReservedAt = time.GetUtcNow(),
                PeriodStart = balance.PeriodStart,
            }));
            switch (await TrySubmitAsync(table, [Replace(balance), .. rows], CancellationToken.None))
            {
                case (TransactionResult.Done, _, var written):
                    Remember(balance, written);
                    foreach (var i in admitted)
                    {
                        outcomes[i] = new ReserveOutcome(ReserveResult.Reserved, balance.ToBalance());
                    }

                    break;
                case (TransactionResult.Conflict, _, _) when remembered is not null:
                    lastBalances.Forget(account);
                    attempt = -1; // this instance's copy was stale, not a race with another writer: no back-off
                    break;
                case (TransactionResult.AlreadyExists, var index, _):
                    outcomes[admitted[index - 1]] = new ReserveOutcome(ReserveResult.Reserved, (await ReadAsync(account, CancellationToken.None))!);
                    attempt = -1; // not a conflict with another writer: no back-off
                    break;
            }
        }
    }

    private static ReserveOutcome[] Fill(ReserveOutcome?[] outcomes, ReserveOutcome rest) => [.. outcomes.Select(outcome => outcome ?? rest)];

    /// <summary>The generation completed: its reservation counts as used (in the period it was made in).</summary>
    public Task CommitAsync(string account, string generationId, CancellationToken cancellationToken) =>
        SettleAsync(account, generationId, ReservationState.Committed, cancellationToken);

    /// <summary>The generation failed or never started: its reservation is given back.</summary>
    public Task ReleaseAsync(string account, string generationId, CancellationToken cancellationToken) =>
        SettleAsync(account, generationId, ReservationState.Released, cancellationToken);

    /// <summary>
    /// Lowers the account's limit to <paramref name="limit"/>, but never below what is used or held (a refund);
    /// returns how many generations that took away. Capping again at the same limit takes nothing.
    /// </summary>
    public async Task<int> CapAsync(string account, int limit, CancellationToken cancellationToken)
    {
        var withdrawn = 0;
        var table = await TableAsync(cancellationToken);
        await table.UpdateAsync<QuotaBalanceEntity>(account, QuotaBalanceEntity.Row, balance =>
        {
            var capped = Math.Max(balance.Used + balance.Reserved, limit);
            withdrawn = balance.Limit < 0 ? 0 : Math.Max(0, balance.Limit - capped);
            balance.Limit -= withdrawn;
            return withdrawn > 0;
        }, cancellationToken);
        return withdrawn;
    }

    /// <summary>Reservations still held since before <paramref name="before"/>: generations that may have ended without settling.</summary>
    public async IAsyncEnumerable<(string Account, string TenantId, string GenerationId)> HeldSinceAsync(
        DateTimeOffset before, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {QuotaReservationEntity.RowPrefix} and RowKey lt {"r."} and State eq {nameof(ReservationState.Reserved)} and ReservedAt lt {before}");
        await foreach (var reservation in table.QueryAsync<QuotaReservationEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return (reservation.PartitionKey, reservation.TenantId, reservation.GenerationId);
        }
    }

    /// <summary>Starts the next period of every renewing account whose period has ended; safe to run any number of times.</summary>
    public async Task<int> RenewEndedPeriodsAsync(CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {QuotaBalanceEntity.Row} and Renews eq true and PeriodEnd le {time.GetUtcNow()}");
        var renewed = 0;
        await foreach (var ended in table.QueryAsync<QuotaBalanceEntity>(filter, cancellationToken: cancellationToken))
        {
            var changed = false;
            await table.UpdateAsync<QuotaBalanceEntity>(ended.PartitionKey, QuotaBalanceEntity.Row, balance => changed = RenewInPlace(balance), cancellationToken);
            renewed += changed ? 1 : 0;
        }

        return renewed;
    }

    /// <summary>Withdraws what is left of expired, non-renewing balances (paid generations past their lifetime).</summary>
    public async Task<int> CloseExpiredAsync(CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {QuotaBalanceEntity.Row} and Renews eq false and PeriodEnd le {time.GetUtcNow()}");
        var closed = 0;
        await foreach (var expired in table.QueryAsync<QuotaBalanceEntity>(filter, cancellationToken: cancellationToken))
        {
            closed += await CapAsync(expired.PartitionKey, 0, cancellationToken) > 0 ? 1 : 0;
        }

        return closed;
    }

    /// <summary>Removes an account's balance and reservations (the account was deleted).</summary>
    public async Task DeleteAccountAsync(string account, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.DeletePartitionAsync(account, cancellationToken);
    }

    private async Task SettleAsync(string account, string generationId, ReservationState outcome, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            await BackOffAsync(attempt, cancellationToken);
            var reservation = await table.GetEntityIfExistsAsync<QuotaReservationEntity>(
                account, QuotaReservationEntity.RowOf(generationId), cancellationToken: cancellationToken);
            if (!reservation.HasValue || reservation.Value!.StateValue != ReservationState.Reserved
                || await FindBalanceAsync(table, account, cancellationToken) is not { } stored)
            {
                return;
            }

            var held = reservation.Value;
            var balance = Renewed(stored);
            balance.Reserved = Math.Max(0, balance.Reserved - 1);
            if (outcome == ReservationState.Committed && held.PeriodStart == balance.PeriodStart)
            {
                balance.Used++;
            }

            held.StateValue = outcome;
            if (await TrySubmitAsync(table, [Replace(balance), Replace(held)], cancellationToken) is (TransactionResult.Done, _, var written))
            {
                Remember(balance, written);
                return;
            }
        }
    }

    /// <summary>The balance as of now: a renewing account whose period has ended starts its current one with nothing used.</summary>
    private QuotaBalanceEntity Renewed(QuotaBalanceEntity balance)
    {
        if (balance.Renews && balance.PeriodEnd <= time.GetUtcNow())
        {
            RenewInPlace(balance);
        }

        return balance;
    }

    private bool RenewInPlace(QuotaBalanceEntity balance)
    {
        var (start, end) = QuotaPeriods.Current(balance.PeriodStart, balance.PeriodEnd, time.GetUtcNow());
        if (start == balance.PeriodStart)
        {
            return false;
        }

        (balance.PeriodStart, balance.PeriodEnd, balance.Used) = (start, end, 0);
        return true;
    }

    /// <summary>
    /// After a conflict, waits a random while that doubles with each attempt (up to 64 ms), so writers racing for one
    /// hot balance spread out instead of colliding again at once. Real time on purpose: the contention is real even
    /// when the domain clock is a test's fake one.
    /// </summary>
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        attempt == 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 << Math.Min(attempt, 5))), cancellationToken);

    /// <summary>Keeps the balance as just written, under the ETag the write gave it, for the account's next reservation.</summary>
    private void Remember(QuotaBalanceEntity balance, ETag? written)
    {
        if (written is { } etag)
        {
            balance.ETag = etag;
            lastBalances.Remember(balance.PartitionKey, balance.Copy());
        }
    }

    private enum TransactionResult { Done, Conflict, AlreadyExists }

    /// <summary>
    /// How the transaction went; for <see cref="TransactionResult.AlreadyExists"/>, which of its actions added a row that
    /// exists; when done, the ETag its first action left.
    /// </summary>
    private static async Task<(TransactionResult Result, int Index, ETag? FirstWritten)> TrySubmitAsync(
        TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            var responses = await table.SubmitTransactionAsync(actions, cancellationToken);
            return (TransactionResult.Done, 0, responses.Value.Count > 0 ? responses.Value[0].Headers.ETag : null);
        }
        catch (TableTransactionFailedException e) when (e.Status == 412)
        {
            Observability.CrewBuilderTelemetry.QuotaConflicts.Add(1);
            return (TransactionResult.Conflict, 0, null);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is > 0 and var index)
        {
            return (TransactionResult.AlreadyExists, index, null);
        }
    }

    private static TableTransactionAction Replace(ITableEntity entity) => new(TableTransactionActionType.UpdateReplace, entity, entity.ETag);

    private static async Task<QuotaBalanceEntity?> FindBalanceAsync(TableClient table, string account, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<QuotaBalanceEntity>(account, QuotaBalanceEntity.Row, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);
}
