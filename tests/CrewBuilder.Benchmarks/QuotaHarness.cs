using System.Diagnostics.Metrics;
using System.Diagnostics;
using System.Text;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Observability;
using CrewBuilder.Core;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Benchmarks;

/// <summary>Quota reserve + commit against Azurite: one hot tenant under concurrency, and 1,000 tenants at once.</summary>
internal static class QuotaHarness
{
    private const int Concurrency = 16;

    public static async Task<string> RunAsync(AzuriteServer azurite, int operations)
    {
        await using var provider = CoreHarness.Services(azurite, AzuriteServer.UniqueName("quota"));
        var ledger = provider.GetRequiredService<QuotaLedger>();
        var now = DateTimeOffset.UtcNow;

        await ledger.OpenAsync("hot", PlanIds.Enterprise, null, now, now.AddMonths(1), renews: true, CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            ledger.OpenAsync($"tenant-{i:D4}", PlanIds.Professional, 1_000_000, now, now.AddMonths(1), renews: true, CancellationToken.None)));
        await MeasureAsync(ledger, 100, _ => "hot"); // warm-up: tables exist, connections open

        var hot = await MeasureAsync(ledger, operations, _ => "hot");
        var spread = await MeasureAsync(ledger, operations, i => $"tenant-{i % 1000:D4}");
        var balance = await ledger.ReadAsync("hot", CancellationToken.None);

        return new StringBuilder()
            .AppendLine($"| quota reserve + commit ({Concurrency} concurrent callers, Azurite) | one hot tenant | 1,000 tenants |")
            .AppendLine("|---|---|---|")
            .AppendLine($"| throughput | {hot.PerSecond:N0} per second | {spread.PerSecond:N0} per second |")
            .AppendLine($"| latency p50 / p99 (reserve + commit) | {hot.P50:F1} / {hot.P99:F1} ms | {spread.P50:F1} / {spread.P99:F1} ms |")
            .AppendLine($"| conflicts retried per reservation | {hot.ConflictsPerOperation:F2} | {spread.ConflictsPerOperation:F2} |")
            .AppendLine($"| hot tenant's count after {operations + 100:N0} generations (exact?) | {balance!.Used:N0} used, {balance.Reserved} held | |")
            .ToString();
    }

    private static async Task<(double PerSecond, double P50, double P99, double ConflictsPerOperation)> MeasureAsync(
        QuotaLedger ledger, int operations, Func<int, string> accountOf)
    {
        long conflicts = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meter) =>
        {
            if (instrument == CrewBuilderTelemetry.QuotaConflicts)
            {
                meter.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref conflicts, value));
        listener.Start();

        var latencies = new double[operations];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < operations; i = Interlocked.Increment(ref next))
            {
                var account = accountOf(i);
                var generationId = Guid.NewGuid().ToString("N");
                var clock = Stopwatch.GetTimestamp();
                await ledger.ReserveAsync(account, account, generationId, CancellationToken.None);
                await ledger.CommitAsync(account, generationId, CancellationToken.None);
                latencies[i] = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
            }
        })));
        wall.Stop();
        Array.Sort(latencies);
        return (operations / wall.Elapsed.TotalSeconds, latencies[operations / 2], latencies[(int)(operations * 0.99)], Interlocked.Read(ref conflicts) / (double)operations);
    }
}
