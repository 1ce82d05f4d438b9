using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Organisations;

/// <summary>
/// Someone with write access to storage but not to the vault rewrites, swaps and cuts off audit entries, on real
/// Azurite: verification names each change, and an honest log (a legacy one included) verifies.
/// </summary>
public sealed class AuditTamperTests : IDisposable
{
    private const string OrgId = "otamper";
    private readonly CoreServices core = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    private AuditLog Log => core.Get<AuditLog>();

    private TableClient Table => new(AzuriteServer.Instance.ConnectionString, core.StoragePrefix + AuditLog.TableName);

    public void Dispose() => core.Dispose();

    [Fact]
    public async Task An_honest_log_verifies_against_its_latest_signed_checkpoint()
    {
        await AppendAsync(4);
        var checkpoint = await core.Get<AuditAnchoring>().AnchorAsync(OrgId, CancellationToken.None);
        await AppendAsync(2);

        var verdict = await Log.VerifyAsync(OrgId, CancellationToken.None);

        Assert.True(verdict.Intact, verdict.Problem);
        Assert.Equal((6L, 0L, 4L, (long?)1), (verdict.Entries, verdict.LegacyEntries, verdict.Checkpoint!.Sequence, verdict.Checkpoint.KeyedFrom));
        Assert.Equal(checkpoint, verdict.Checkpoint);
        Assert.Null(await core.Get<AuditAnchoring>().AnchorAsync("onolog", CancellationToken.None));
    }

    [Fact]
    public async Task An_entry_rewritten_with_its_plain_hashes_recomputed_is_named()
    {
        await AppendAsync(5);
        var rows = await RowsAsync();
        rows[1]["Target"] = "nothing happened here";
        await ResealPlainFromAsync(rows, 1, keepKeyVersion: true);

        var verdict = await Log.VerifyAsync(OrgId, CancellationToken.None);

        Assert.False(verdict.Intact);
        Assert.Equal(2L, verdict.FirstBrokenSequence);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, verdict.Findings.Where(f => f.Kind == AuditFindingKind.Rewritten).Select(f => f.Sequence));
        Assert.StartsWith("Entry 2 was rewritten: its contents do not match its seal", verdict.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_downgraded_to_the_legacy_chain_are_named_against_the_checkpoint()
    {
        await AppendAsync(3);
        await core.Get<AuditAnchoring>().AnchorAsync(OrgId, CancellationToken.None);
        var rows = await RowsAsync();
        rows[0]["Target"] = "rewritten";
        await ResealPlainFromAsync(rows, 0, keepKeyVersion: false);
        await AppendAsync(1);

        var verdict = await Log.VerifyAsync(OrgId, CancellationToken.None);

        Assert.Contains(verdict.Findings, f => f is { Kind: AuditFindingKind.Rewritten, Sequence: 1 } && f.Detail.Contains("legacy seal", StringComparison.Ordinal));
        Assert.Contains(verdict.Findings, f => f is { Kind: AuditFindingKind.Rewritten, Sequence: 3 } && f.Detail.Contains("signed checkpoint", StringComparison.Ordinal));
        Assert.Null(await core.Get<AuditAnchoring>().AnchorAsync(OrgId, CancellationToken.None)); // the rewritten log is never anchored
    }

    [Fact]
    public async Task Two_rows_swapped_under_each_others_keys_are_named()
    {
        await AppendAsync(4);
        var rows = await RowsAsync();
        var (second, third) = (rows[1], rows[2]);
        (second.RowKey, third.RowKey) = (third.RowKey, second.RowKey);
        await Table.UpsertEntityAsync(second, TableUpdateMode.Replace);
        await Table.UpsertEntityAsync(third, TableUpdateMode.Replace);

        var verdict = await Log.VerifyAsync(OrgId, CancellationToken.None);

        var finding = Assert.Single(verdict.Findings);
        Assert.Equal((AuditFindingKind.Swapped, 2L), (finding.Kind, finding.Sequence));
        Assert.StartsWith("Entries 2 and 3 were swapped", finding.Detail, StringComparison.Ordinal);
        var listed = (await Log.ListAsync(OrgId, new AuditFilter(), 10, null, CancellationToken.None)).Items.Select(entry => entry.Sequence);
        Assert.Equal(new long[] { 4, 2, 3, 1 }, listed); // what the verdict warns of: the log lists them out of order
    }

    [Fact]
    public async Task Entries_cut_off_after_a_checkpoint_are_named_even_with_the_head_row_rewound()
    {
        await AppendAsync(5);
        await core.Get<AuditAnchoring>().AnchorAsync(OrgId, CancellationToken.None);
        await AppendAsync(2);
        var rows = await RowsAsync();
        foreach (var row in rows.Where(row => row.GetInt64("Sequence") > 3))
        {
            await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        await Table.UpsertEntityAsync(new TableEntity(OrgId, "head") { ["Sequence"] = 3L, ["Hash"] = rows[2].GetString("Hash") }, TableUpdateMode.Replace);

        var verdict = await Log.VerifyAsync(OrgId, CancellationToken.None);

        var finding = Assert.Single(verdict.Findings);
        Assert.Equal((AuditFindingKind.CutOff, 4L), (finding.Kind, finding.Sequence));
        Assert.StartsWith("Entries 4–5 were cut off after the signed checkpoint", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_blob_not_signed_by_crewbuilder_is_named_and_the_signed_one_still_holds()
    {
        await AppendAsync(2);
        await core.Get<AuditAnchoring>().AnchorAsync(OrgId, CancellationToken.None);
        var container = new BlobContainerClient(AzuriteServer.Instance.ConnectionString, core.StoragePrefix + AuditCheckpointStore.ContainerName);
        var forged = new { checkpoint = Convert.ToBase64String(BinaryData.FromObjectAsJson(new { orgId = OrgId, sequence = 1, hash = "00", time = DateTimeOffset.UnixEpoch, signingKeyVersion = "x" }).ToArray()), signature = "AAAA" };
        await container.UploadBlobAsync($"{OrgId}/0000000000000000000-forged.json", BinaryData.FromObjectAsJson(forged));

        var verdict = await Log.VerifyAsync(OrgId, CancellationToken.None);

        Assert.Equal(2L, verdict.Checkpoint?.Sequence);
        Assert.Contains("forged.json", Assert.Single(verdict.Findings, f => f.Kind == AuditFindingKind.ForgedCheckpoint).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_begun_on_the_plain_chain_still_verifies_and_carries_on_keyed()
    {
        await Table.CreateIfNotExistsAsync();
        var previous = AuditSeals.Genesis;
        for (long sequence = 1; sequence <= 3; sequence++)
        {
            var entry = AuditSeals.Legacy(new AuditEntry(sequence, core.Time.GetUtcNow(), "u1", "org.rename", $"name {sequence}", null, "ok", previous, ""));
            await Table.AddEntityAsync(AuditLog.ToEntity(OrgId, entry));
            previous = entry.Hash;
        }

        await Table.AddEntityAsync(new TableEntity(OrgId, "head") { ["Sequence"] = 3L, ["Hash"] = previous });
        await AppendAsync(2);
        Assert.Equal(4L, (await core.Get<AuditAnchoring>().AnchorAsync(OrgId, CancellationToken.None))?.KeyedFrom);

        var verdict = await Log.VerifyAsync(OrgId, CancellationToken.None);
        Assert.True(verdict.Intact, verdict.Problem);
        Assert.Equal((5L, 3L), (verdict.Entries, verdict.LegacyEntries));

        var rows = await RowsAsync();
        rows[1]["Target"] = "rewritten";
        await ResealPlainFromAsync(rows, 1, keepKeyVersion: false, count: 2);
        var broken = await Log.VerifyAsync(OrgId, CancellationToken.None);
        var finding = Assert.Single(broken.Findings);
        Assert.Equal((AuditFindingKind.Unlinked, 4L), (finding.Kind, finding.Sequence));
        Assert.Contains("entry 3 or one before it was rewritten", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chain_key_is_in_the_vault_and_nowhere_in_storage()
    {
        await AppendAsync(1);
        var secret = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(core.VaultFolder, $"audit-chain-{OrgId}.json")))
            .RootElement[0].GetProperty("Value").GetString()!;

        var stored = new List<string>();
        await foreach (var entity in Table.QueryAsync<TableEntity>())
        {
            stored.AddRange(entity.Select(pair => pair.Value?.ToString() ?? ""));
        }

        Assert.Equal(32, Convert.FromBase64String(secret).Length);
        Assert.DoesNotContain(stored, value => value.Contains(secret, StringComparison.Ordinal));
    }

    private async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Log.AppendAsync(OrgId, "u1", "org.rename", $"name {i}", "203.0.113.7", "ok", CancellationToken.None);
            core.Time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The entries, oldest first, as stored.</summary>
    private async Task<List<TableEntity>> RowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(e => e.PartitionKey == OrgId && e.RowKey != "head"))
        {
            rows.Add(entity);
        }

        return [.. rows.OrderBy(row => row.GetInt64("Sequence"))];
    }

    /// <summary>What someone without the vault can do best: recompute the plain SHA-256 chain from one entry on, and the head.</summary>
    private async Task ResealPlainFromAsync(List<TableEntity> rows, int from, bool keepKeyVersion, int? count = null)
    {
        var previous = from == 0 ? AuditSeals.Genesis : rows[from - 1].GetString("Hash");
        foreach (var row in rows.Skip(from).Take(count ?? rows.Count))
        {
            var entry = new AuditEntry(row.GetInt64("Sequence")!.Value, row.GetDateTimeOffset("Time")!.Value, row.GetString("Actor"), row.GetString("Action"),
                row.GetString("Target"), row.GetString("ClientAddress"), row.GetString("Outcome"), previous, "");
            var resealed = AuditLog.ToEntity(OrgId, AuditSeals.Legacy(entry));
            if (keepKeyVersion)
            {
                resealed["KeyVersion"] = row.GetString("KeyVersion");
            }

            await Table.UpsertEntityAsync(resealed, TableUpdateMode.Replace);
            previous = resealed.GetString("Hash");
        }

        if (count is null)
        {
            await Table.UpsertEntityAsync(new TableEntity(OrgId, "head") { ["Sequence"] = rows[^1].GetInt64("Sequence"), ["Hash"] = previous }, TableUpdateMode.Replace);
        }
    }
}
