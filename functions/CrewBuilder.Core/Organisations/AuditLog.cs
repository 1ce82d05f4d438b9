using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Organisations;

/// <summary>
/// One audit entry: who did what to what, from where, with what outcome, and its link in the chain. Never a key.
/// <see cref="KeyVersion"/> names the organisation's chain key that sealed it; null for an entry of the legacy plain chain.
/// </summary>
public sealed record AuditEntry(
    long Sequence, DateTimeOffset Time, string Actor, string Action, string Target, string? ClientAddress, string Outcome, string PreviousHash, string Hash,
    string? KeyVersion = null);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? ContinuationToken);

public sealed record AuditFilter(string? Action = null, string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>
/// Each organisation's append-only, chained audit log. Entry n stores the seal of entry n-1 and its own seal, an HMAC
/// under the organisation's chain key (in the vault, see <see cref="AuditChainKeys"/>) over all its fields, so someone
/// who can write the table but not read the vault can change, remove or reorder no entry unseen; the end of the log is
/// held by signed checkpoints (<see cref="AuditAnchoring"/>). Appends take the next sequence number from a head row
/// under its ETag in the same transaction, so concurrent appends never fork.
/// </summary>
public sealed class AuditLog(StorageClients storage, AuditChainKeys keys, AuditCheckpointStore checkpoints, TimeProvider time)
{
    public const string TableName = "audit";
    internal const string HeadRow = "head";

    public async Task<AuditEntry> AppendAsync(
        string orgId, string actor, string action, string target, string? clientAddress, string outcome, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var key = await keys.CurrentAsync(orgId, cancellationToken);
        while (true)
        {
            var head = await table.GetEntityIfExistsAsync<TableEntity>(orgId, HeadRow, cancellationToken: cancellationToken);
            var (sequence, previous) = head.HasValue ? (head.Value!.GetInt64("Sequence") ?? 0, head.Value.GetString("Hash") ?? AuditSeals.Genesis) : (0L, AuditSeals.Genesis);
            var entry = AuditSeals.Keyed(orgId, new AuditEntry(sequence + 1, time.GetUtcNow(), actor, action, target, clientAddress, outcome, previous, ""), key);
            var nextHead = new TableEntity(orgId, HeadRow) { ["Sequence"] = entry.Sequence, ["Hash"] = entry.Hash };
            TableTransactionAction[] actions =
            [
                head.HasValue ? new(TableTransactionActionType.UpdateReplace, nextHead, head.Value!.ETag) : new(TableTransactionActionType.Add, nextHead),
                new(TableTransactionActionType.Add, ToEntity(orgId, entry)),
            ];
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return entry;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                // Another entry was appended first; chain onto it.
            }
        }
    }

    /// <summary>Entries newest first, a page at a time, optionally filtered by action, actor and time.</summary>
    public async Task<AuditPage> ListAsync(string orgId, AuditFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await foreach (var page in table.QueryAsync<TableEntity>(Filter(orgId, filter), pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            return new AuditPage([.. page.Values.Select(ToEntry)], page.ContinuationToken);
        }

        return new AuditPage([], null);
    }

    public async IAsyncEnumerable<AuditEntry> AllAsync(
        string orgId, AuditFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await foreach (var entity in table.QueryAsync<TableEntity>(Filter(orgId, filter), cancellationToken: cancellationToken))
        {
            yield return ToEntry(entity);
        }
    }

    /// <summary>The entries the filter selects, newest first, as a CSV download.</summary>
    public async Task<string> CsvAsync(string orgId, AuditFilter filter, CancellationToken cancellationToken) =>
        await Export.Csv.DocumentAsync(
            "sequence,time,actor,action,target,client_address,outcome,previous_hash,hash",
            AllAsync(orgId, filter, cancellationToken).Select(entry => new[]
            {
                entry.Sequence.ToString(CultureInfo.InvariantCulture), entry.Time.ToString("O", CultureInfo.InvariantCulture),
                entry.Actor, entry.Action, entry.Target, entry.ClientAddress ?? "", entry.Outcome, entry.PreviousHash, entry.Hash,
            }), cancellationToken);

    /// <summary>
    /// Checks every entry (see <see cref="AuditChainCheck"/>), the head row's count, and the latest signed checkpoint:
    /// its head entry must be there with the seal it had, and unsigned checkpoint blobs are named.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(string orgId, CancellationToken cancellationToken)
    {
        var rows = await RowsAfterAsync(orgId, 0, cancellationToken);
        var anchor = await checkpoints.LatestAsync(orgId, cancellationToken);
        var findings = AuditChainCheck.Check(
            orgId, rows, await KeysOfAsync(orgId, rows, cancellationToken), AuditLink.Genesis, anchor.Checkpoint?.KeyedFrom, await HeadAsync(orgId, cancellationToken));
        findings.AddRange(anchor.Forged);
        if (anchor.Checkpoint is { } checkpoint)
        {
            findings.AddRange(AuditChainCheck.AgainstCheckpoint(rows, checkpoint));
        }

        return AuditVerification.Of(rows.Count, rows.Count(row => row.Entry.KeyVersion is null), anchor.Checkpoint, findings);
    }

    /// <summary>Every row holding an entry after <paramref name="sequence"/> by its row key, oldest first.</summary>
    internal async Task<List<StoredAuditEntry>> RowsAfterAsync(string orgId, long sequence, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var rows = new List<StoredAuditEntry>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {orgId} and RowKey lt {RowOf(sequence)}"), cancellationToken: cancellationToken))
        {
            var keyed = long.TryParse(entity.RowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var row) && entity.RowKey == RowOf(long.MaxValue - row);
            rows.Add(new(keyed ? long.MaxValue - row : 0, ToEntry(entity)));
        }

        rows.Reverse();
        return rows;
    }

    /// <summary>The chain key of every version the rows name that the vault holds.</summary>
    internal async Task<Dictionary<string, AuditChainKey>> KeysOfAsync(string orgId, IEnumerable<StoredAuditEntry> rows, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, AuditChainKey>();
        foreach (var version in rows.Select(row => row.Entry.KeyVersion).OfType<string>().Distinct())
        {
            if (await keys.VersionAsync(orgId, version, cancellationToken) is { } key)
            {
                found[version] = key;
            }
        }

        return found;
    }

    /// <summary>How many entries the head row counts; null before the first entry.</summary>
    internal async Task<long?> HeadAsync(string orgId, CancellationToken cancellationToken)
    {
        var head = await (await TableAsync(cancellationToken)).GetEntityIfExistsAsync<TableEntity>(orgId, HeadRow, cancellationToken: cancellationToken);
        return head.HasValue ? head.Value!.GetInt64("Sequence") : null;
    }

    /// <summary>Every organisation that has an audit log.</summary>
    internal async IAsyncEnumerable<string> OrganisationsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await foreach (var head in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {HeadRow}"), select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            yield return head.PartitionKey;
        }
    }

    // Rows sort newest first: the row key is the sequence subtracted from a large number, zero-padded.
    internal static string RowOf(long sequence) => (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);

    private static string Filter(string orgId, AuditFilter filter)
    {
        var clauses = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {orgId} and RowKey ne {HeadRow}") };
        if (filter.Action is { } action)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Action eq {action}"));
        }

        if (filter.Actor is { } actor)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Actor eq {actor}"));
        }

        if (filter.From is { } from)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Time ge {from}"));
        }

        if (filter.To is { } to)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Time lt {to}"));
        }

        return string.Join(" and ", clauses);
    }

    internal static TableEntity ToEntity(string orgId, AuditEntry entry) => new(orgId, RowOf(entry.Sequence))
    {
        ["Sequence"] = entry.Sequence,
        ["Time"] = entry.Time,
        ["Actor"] = entry.Actor,
        ["Action"] = entry.Action,
        ["Target"] = entry.Target,
        ["ClientAddress"] = entry.ClientAddress,
        ["Outcome"] = entry.Outcome,
        ["PreviousHash"] = entry.PreviousHash,
        ["Hash"] = entry.Hash,
        ["KeyVersion"] = entry.KeyVersion,
    };

    private static AuditEntry ToEntry(TableEntity entity) => new(
        entity.GetInt64("Sequence") ?? 0, entity.GetDateTimeOffset("Time") ?? default, entity.GetString("Actor") ?? "", entity.GetString("Action") ?? "",
        entity.GetString("Target") ?? "", entity.GetString("ClientAddress"), entity.GetString("Outcome") ?? "", entity.GetString("PreviousHash") ?? "",
        entity.GetString("Hash") ?? "", entity.GetString("KeyVersion"));

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);
}
