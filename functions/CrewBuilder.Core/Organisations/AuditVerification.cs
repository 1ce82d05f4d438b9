using System.Globalization;

namespace CrewBuilder.Core.Organisations;

/// <summary>What verification found wrong with one entry, or with a run of them.</summary>
public enum AuditFindingKind
{
    /// <summary>The entry does not match its seal, or carries a seal it may not: changed after it was written.</summary>
    Rewritten,

    /// <summary>Two entries sit in each other's rows, so the log lists them out of order.</summary>
    Swapped,

    /// <summary>A row holds an entry of another sequence number.</summary>
    Moved,

    /// <summary>No row holds the entry.</summary>
    Missing,

    /// <summary>The entry does not link to the one before it.</summary>
    Unlinked,

    /// <summary>The end of the log is gone: the head row or a signed checkpoint counted more entries.</summary>
    CutOff,

    /// <summary>A checkpoint blob that CrewBuilder did not sign.</summary>
    ForgedCheckpoint,
}

public sealed record AuditFinding(AuditFindingKind Kind, long Sequence, string Detail);

/// <summary>
/// A signed statement of an organisation's audit log at one moment: its head entry's sequence and seal, and the first
/// entry sealed with the organisation's key (older ones may carry the legacy plain chain).
/// </summary>
public sealed record AuditCheckpoint(string OrgId, long Sequence, string Hash, long? KeyedFrom, DateTimeOffset Time, string SigningKeyVersion);

/// <summary>
/// The verdict: intact, or every finding with the entries it names. <see cref="Checkpoint"/> is the latest signed
/// checkpoint the log was held to (null before the first one); <see cref="LegacyEntries"/> counts entries sealed with the
/// plain chain of before.
/// </summary>
public sealed record AuditVerification(
    bool Intact, long Entries, long? FirstBrokenSequence, string? Problem, IReadOnlyList<AuditFinding> Findings, long LegacyEntries, AuditCheckpoint? Checkpoint)
{
    public static AuditVerification Of(long entries, long legacyEntries, AuditCheckpoint? checkpoint, IReadOnlyList<AuditFinding> findings)
    {
        var ordered = findings.OrderBy(finding => finding.Sequence).ToList();
        return new(ordered.Count == 0, entries, ordered.FirstOrDefault()?.Sequence, ordered.FirstOrDefault()?.Detail, ordered, legacyEntries, checkpoint);
    }
}

/// <summary>One stored row: the sequence its row key says, and the entry it holds.</summary>
internal sealed record StoredAuditEntry(long RowSequence, AuditEntry Entry);

/// <summary>The entry before a run of entries: the genesis (0) or a checkpoint's head.</summary>
internal sealed record AuditLink(long Sequence, string Hash)
{
    public static readonly AuditLink Genesis = new(0, AuditSeals.Genesis);
}

/// <summary>
/// Checks a run of rows (all entries after <c>from</c>): each row holds the entry its key names, every sequence number is
/// there, each seal holds under its key version, legacy seals only before the keyed chain began, and each entry links
/// to the one before. Pure: the keys the rows name are looked up beforehand.
/// </summary>
internal static class AuditChainCheck
{
    public static List<AuditFinding> Check(
        string orgId, IReadOnlyList<StoredAuditEntry> rows, IReadOnlyDictionary<string, AuditChainKey> keys, AuditLink from, long? keyedFrom, long? head)
    {
        var findings = Placement(rows);
        var bySequence = rows.GroupBy(row => row.Entry.Sequence)
            .ToDictionary(group => group.Key, group => (group.FirstOrDefault(row => row.RowSequence == group.Key) ?? group.First()).Entry);
        var firstKeyed = bySequence.Values.Where(entry => entry.KeyVersion is not null).Select(entry => (long?)entry.Sequence).Min() is { } seen
            ? Math.Min(seen, keyedFrom ?? long.MaxValue) : keyedFrom;
        var last = Math.Max(from.Sequence, bySequence.Keys.DefaultIfEmpty(0).Max());
        string? previous = from.Hash;
        for (var sequence = from.Sequence + 1; sequence <= last; sequence++)
        {
            if (!bySequence.TryGetValue(sequence, out var entry))
            {
                findings.Add(new(AuditFindingKind.Missing, sequence, $"Entry {sequence} is missing."));
                previous = null;
                continue;
            }

            if (Seal(orgId, entry, keys, firstKeyed) is { } problem)
            {
                findings.Add(new(AuditFindingKind.Rewritten, sequence, $"Entry {sequence} was rewritten: {problem}."));
            }
            else if (previous is not null && entry.PreviousHash != previous)
            {
                findings.Add(new(AuditFindingKind.Unlinked, sequence, $"Entry {sequence} does not link to entry {sequence - 1}: entry {sequence - 1} or one before it was rewritten."));
            }

            previous = entry.Hash;
        }

        if (head is { } counted && counted > last)
        {
            findings.Add(new(AuditFindingKind.CutOff, last + 1, $"{Entries(last + 1, counted)} cut off the end: the log's head counts {counted}."));
        }

        return findings;
    }

    /// <summary>What the latest signed checkpoint says must hold: its head entry is there, with the seal it had then.</summary>
    public static IEnumerable<AuditFinding> AgainstCheckpoint(IReadOnlyList<StoredAuditEntry> rows, AuditCheckpoint checkpoint)
    {
        var when = checkpoint.Time.ToString("u", CultureInfo.InvariantCulture);
        var last = rows.Select(row => row.Entry.Sequence).DefaultIfEmpty(0).Max();
        var anchored = rows.FirstOrDefault(row => row.RowSequence == checkpoint.Sequence && row.Entry.Sequence == checkpoint.Sequence)?.Entry;
        if (last < checkpoint.Sequence)
        {
            yield return new(AuditFindingKind.CutOff, last + 1,
                $"{Entries(last + 1, checkpoint.Sequence)} cut off after the signed checkpoint of {when}, which counted {checkpoint.Sequence}.");
        }
        else if (anchored is not null && anchored.Hash != checkpoint.Hash)
        {
            yield return new(AuditFindingKind.Rewritten, checkpoint.Sequence,
                $"Entry {checkpoint.Sequence} was rewritten: its seal differs from the one the signed checkpoint of {when} holds.");
        }
    }

    /// <summary>Rows whose key names another entry than the one they hold: a pair holding each other's entries is a swap.</summary>
    private static List<AuditFinding> Placement(IReadOnlyList<StoredAuditEntry> rows)
    {
        var held = rows.Where(row => row.RowSequence > 0).ToDictionary(row => row.RowSequence, row => row.Entry.Sequence);
        var findings = rows.Where(row => row.RowSequence == 0)
            .Select(row => new AuditFinding(AuditFindingKind.Moved, row.Entry.Sequence, $"A row whose key names no entry holds entry {row.Entry.Sequence}.")).ToList();
        foreach (var (row, entry) in held.Where(pair => pair.Key != pair.Value))
        {
            if (held.GetValueOrDefault(entry) == row)
            {
                if (row < entry)
                {
                    findings.Add(new(AuditFindingKind.Swapped, row, $"Entries {row} and {entry} were swapped: each sits in the other's row, so the log lists them out of order."));
                }
            }
            else
            {
                findings.Add(new(AuditFindingKind.Moved, row, $"The row of entry {row} holds entry {entry}."));
            }
        }

        return findings;
    }

    private static string? Seal(string orgId, AuditEntry entry, IReadOnlyDictionary<string, AuditChainKey> keys, long? firstKeyed)
    {
        if (entry.KeyVersion is null)
        {
            return firstKeyed <= entry.Sequence ? "it carries the unkeyed legacy seal, which only entries older than the keyed chain may"
                : AuditSeals.Holds(orgId, entry, null) ? null : "its contents do not match its seal";
        }

        return !keys.TryGetValue(entry.KeyVersion, out var key) ? "it names a chain key the vault does not hold"
            : AuditSeals.Holds(orgId, entry, key) ? null : "its contents do not match its seal";
    }

    private static string Entries(long first, long last) => first == last ? $"Entry {first} was" : $"Entries {first}–{last} were";
}
