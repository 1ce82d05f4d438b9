using System.Diagnostics;
using System.Text;
using Azure.Data.Tables;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Benchmarks;

/// <summary>Audit log append throughput through the real append path, and verification of a 100,000-entry chain.</summary>
internal static class AuditHarness
{
    public static async Task<string> RunAsync(AzuriteServer azurite, int appends, int chainLength)
    {
        var prefix = AzuriteServer.UniqueName("audit");
        await using var provider = CoreHarness.Services(azurite, prefix);
        var audit = provider.GetRequiredService<AuditLog>();

        await audit.AppendAsync("warm-up", "u1", "org.create", "Warm-up", null, "ok", CancellationToken.None);
        var sequential = Stopwatch.StartNew();
        for (var i = 0; i < appends; i++)
        {
            await audit.AppendAsync("org-sequential", "u1", "key.use", $"openai for generation {i}", "203.0.113.7", "completed", CancellationToken.None);
        }

        sequential.Stop();
        var concurrent = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < appends / 8; i++)
            {
                await audit.AppendAsync("org-concurrent", $"u{writer}", "key.use", $"generation {i}", null, "completed", CancellationToken.None);
            }
        })));
        concurrent.Stop();
        var concurrentIntact = (await audit.VerifyAsync("org-concurrent", CancellationToken.None)).Intact;

        await SeedChainAsync(new TableClient(azurite.ConnectionString, prefix + AuditLog.TableName), "org-large", chainLength);
        var verify = Stopwatch.StartNew();
        var verdict = await audit.VerifyAsync("org-large", CancellationToken.None);
        verify.Stop();

        return new StringBuilder()
            .AppendLine("| audit log (Azurite) | value |")
            .AppendLine("|---|---|")
            .AppendLine($"| append, one writer ({appends:N0} entries) | {appends / sequential.Elapsed.TotalSeconds:N0} per second ({sequential.Elapsed.TotalMilliseconds / appends:F1} ms each) |")
            .AppendLine($"| append, 8 concurrent writers on one organisation | {appends / concurrent.Elapsed.TotalSeconds:N0} per second; chain intact: {concurrentIntact} |")
            .AppendLine($"| verify a chain of {verdict.Entries:N0} entries | {verify.Elapsed.TotalSeconds:F1} s; intact: {verdict.Intact} |")
            .ToString();
    }

    /// <summary>A valid legacy (plain SHA-256) chain written straight to storage in batches: appending 100,000 entries one by one would take minutes.</summary>
    private static async Task SeedChainAsync(TableClient table, string orgId, int length)
    {
        await table.CreateIfNotExistsAsync();
        var previous = AuditSeals.Genesis;
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        var batch = new List<TableTransactionAction>();
        for (long sequence = 1; sequence <= length; sequence++)
        {
            var entry = AuditSeals.Legacy(new AuditEntry(sequence, start.AddSeconds(sequence), "u1", "key.use", $"generation {sequence}", null, "completed", previous, ""));
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, AuditLog.ToEntity(orgId, entry)));
            previous = entry.Hash;
            if (batch.Count == 100)
            {
                await table.SubmitTransactionAsync(batch);
                batch.Clear();
            }
        }

        batch.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(orgId, AuditLog.HeadRow) { ["Sequence"] = (long)length, ["Hash"] = previous }));
        await table.SubmitTransactionAsync(batch);
    }
}
