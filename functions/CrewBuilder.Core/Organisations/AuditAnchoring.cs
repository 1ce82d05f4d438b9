using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Organisations;

/// <summary>
/// The timer that anchors each organisation's audit log (<see cref="Scheduling.Schedules.AuditCheckpoint"/>): the entries
/// written since the latest signed checkpoint are checked, and if they hold, a new checkpoint of the head is signed and
/// written to the immutable container. A run that finds tampering anchors nothing for that organisation and says so,
/// so a rewritten log is never blessed; entries older than the checkpoint are held by it.
/// </summary>
public sealed class AuditAnchoring(AuditLog log, AuditCheckpointStore checkpoints, TimeProvider time, ILogger<AuditAnchoring> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var orgId in log.OrganisationsAsync(cancellationToken))
        {
            await AnchorAsync(orgId, cancellationToken);
        }
    }

    /// <summary>Writes a checkpoint of the organisation's head when entries were added since the last one and they hold; null otherwise.</summary>
    public async Task<AuditCheckpoint?> AnchorAsync(string orgId, CancellationToken cancellationToken)
    {
        var latest = (await checkpoints.LatestAsync(orgId, cancellationToken)).Checkpoint;
        var from = latest is null ? AuditLink.Genesis : new AuditLink(latest.Sequence, latest.Hash);
        var rows = await log.RowsAfterAsync(orgId, from.Sequence, cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        var findings = AuditChainCheck.Check(orgId, rows, await log.KeysOfAsync(orgId, rows, cancellationToken), from, latest?.KeyedFrom, await log.HeadAsync(orgId, cancellationToken));
        if (findings.Count > 0)
        {
            logger.LogWarning("Audit log of {OrgId} not anchored: {Findings} findings after entry {Sequence}, the first at entry {FirstBroken}",
                orgId, findings.Count, from.Sequence, findings.Min(finding => finding.Sequence));
            return null;
        }

        var head = rows[^1].Entry;
        var keyedFrom = latest?.KeyedFrom ?? rows.FirstOrDefault(row => row.Entry.KeyVersion is not null)?.Entry.Sequence;
        var checkpoint = await checkpoints.WriteAsync(new AuditCheckpoint(orgId, head.Sequence, head.Hash, keyedFrom, time.GetUtcNow(), ""), cancellationToken);
        logger.LogInformation("Audit log of {OrgId} anchored at entry {Sequence}", orgId, head.Sequence);
        return checkpoint;
    }
}
