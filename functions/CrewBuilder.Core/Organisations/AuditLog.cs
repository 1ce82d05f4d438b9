using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Organisations;

/// <summary>One audit entry: who did what to what, from where, with what outcome, and its link in the hash chain. Never a key.</summary>
public sealed record AuditEntry(
    long Sequence, DateTimeOffset Time, string Actor, string Action, string Target, string? ClientAddress, string Outcome, string PreviousHash, string Hash);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? ContinuationToken);

/// <summary>Intact, or the first entry whose hash or link does not hold.</summary>
public sealed record AuditVerification(bool Intact, long Entries, long? FirstBrokenSequence, string? Problem);

public sealed record AuditFilter(string? Action = null, string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? To = null);

/// <summary>
/// Each organisation's append-only, hash-chained audit log. Entry n stores the hash of entry n-1 and its own hash
/// over all its fields, so changing, removing or reordering any entry breaks the chain from there on. Appends take the
/// next sequence number from a head row under its ETag in the same transaction, so concurrent appends never fork.
/// </summary>
public sealed class AuditLog(StorageClients storage, TimeProvider time)
{
    public const string TableName = "audit";
    internal const string HeadRow = "head";
    internal const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public async Task<AuditEntry> AppendAsync(
        string orgId, string actor, string action, string target, string? clientAddress, string outcome, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        while (true)
        {
            var head = await table.GetEntityIfExistsAsync<TableEntity>(orgId, HeadRow, cancellationToken: cancellationToken);
            var (sequence, previous) = head.HasValue ? (head.Value!.GetInt64("Sequence") ?? 0, head.Value.GetString("Hash") ?? Genesis) : (0L, Genesis);
            var entry = Sealed(new AuditEntry(sequence + 1, time.GetUtcNow(), actor, action, target, clientAddress, outcome, previous, ""));
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

    /// <summary>Walks the chain from the first entry: every hash must be its entry's, every link the previous hash, no gap.</summary>
    public async Task<AuditVerification> VerifyAsync(string orgId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var previous = Genesis;
        long expected = 1;
        var entries = new List<AuditEntry>();
        await foreach (var entity in table.QueryAsync<TableEntity>(Filter(orgId, new AuditFilter()), cancellationToken: cancellationToken))
        {
            entries.Add(ToEntry(entity));
        }

        foreach (var entry in entries.OrderBy(entry => entry.Sequence))
        {
            var problem = entry.Sequence != expected ? $"entry {expected} is missing"
                : entry.PreviousHash != previous ? "it does not link to the entry before it"
                : Sealed(entry with { Hash = "" }).Hash != entry.Hash ? "its contents do not match its hash"
                : null;
            if (problem is not null)
            {
                return new AuditVerification(false, entries.Count, expected, $"Entry {expected} is broken: {problem}.");
            }

            (previous, expected) = (entry.Hash, expected + 1);
        }

        var head = await table.GetEntityIfExistsAsync<TableEntity>(orgId, HeadRow, cancellationToken: cancellationToken);
        return head.HasValue && head.Value!.GetInt64("Sequence") != entries.Count
            ? new AuditVerification(false, entries.Count, entries.Count + 1, $"Entry {entries.Count + 1} is broken: the latest entries are missing.")
            : new AuditVerification(true, entries.Count, null, null);
    }

    /// <summary>The entry with its hash: SHA-256 over every field and the previous entry's hash.</summary>
    internal static AuditEntry Sealed(AuditEntry entry)
    {
        var canonical = string.Join('\n', entry.Sequence.ToString(CultureInfo.InvariantCulture), entry.Time.UtcTicks.ToString(CultureInfo.InvariantCulture),
            entry.Actor, entry.Action, entry.Target, entry.ClientAddress ?? "", entry.Outcome, entry.PreviousHash);
        return entry with { Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))) };
    }

    // Rows sort newest first: the row key is the sequence subtracted from a large number, zero-padded.
    private static string RowOf(long sequence) => (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);

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
    };

    private static AuditEntry ToEntry(TableEntity entity) => new(
        entity.GetInt64("Sequence") ?? 0, entity.GetDateTimeOffset("Time") ?? default, entity.GetString("Actor") ?? "", entity.GetString("Action") ?? "",
        entity.GetString("Target") ?? "", entity.GetString("ClientAddress"), entity.GetString("Outcome") ?? "", entity.GetString("PreviousHash") ?? "",
        entity.GetString("Hash") ?? "");

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);
}
