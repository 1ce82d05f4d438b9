using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Billing;

public sealed record DayTotal(string Day, int Generations, decimal EstimatedCostUsd);

/// <summary>A tenant starting generations far faster than its own recent average.</summary>
public sealed record UsageAnomaly(string TenantId, int LastDay, double DailyAverage);

public sealed record UsageReport(
    DateTimeOffset From,
    DateTimeOffset To,
    int Generations,
    decimal EstimatedCostUsd,
    IReadOnlyDictionary<string, int> ByPlan,
    IReadOnlyDictionary<string, int> ByKeySource,
    IReadOnlyDictionary<string, int> ByModel,
    IReadOnlyDictionary<string, int> ByOutcome,
    IReadOnlyList<DayTotal> ByDay,
    IReadOnlyList<UsageAnomaly> Anomalies);

public sealed class AnalyticsOptions
{
    public const string Section = "Admin";

    /// <summary>The user ids (as <c>GET /api/me</c> shows them) of platform administrators.</summary>
    public List<string> UserIds { get; set; } = [];

    /// <summary>A tenant's last 24 hours are anomalous at this many times its daily average of the week before…</summary>
    [System.ComponentModel.DataAnnotations.Range(1.5, 1000)]
    public double AnomalyFactor { get; set; } = 4;

    /// <summary>…and at least this many generations, so a quiet tenant's second generation is not an anomaly.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int AnomalyMinimum { get; set; } = 10;
}

/// <summary>
/// Platform-wide usage from the ledger: totals by plan, key source, model, outcome and day; and tenants whose
/// generation rate jumps far above their trailing average, flagged in the report and alerted once a day.
/// </summary>
public sealed class UsageAnalytics(UsageLedger ledger, IUsageNotifier notifier, IOptions<AnalyticsOptions> options, TimeProvider time, ILogger<UsageAnalytics> logger)
{
    public const string PlatformTenant = "platform";
    private const int TrailingDays = 7;

    public bool IsAdministrator(string? userId) => userId is not null && options.Value.UserIds.Contains(userId);

    public async Task<UsageReport> ReportAsync(int days, CancellationToken cancellationToken)
    {
        var to = time.GetUtcNow();
        var from = to.AddDays(-Math.Max(days, TrailingDays + 1));
        var rows = new List<(string TenantId, UsageRecord Record)>();
        await foreach (var row in ledger.AllTenantsSinceAsync(from, cancellationToken))
        {
            rows.Add(row);
        }

        var reported = rows.Where(row => row.Record.Time >= to.AddDays(-days)).Select(row => row.Record).ToList();
        return new UsageReport(
            to.AddDays(-days), to, reported.Count, reported.Sum(Cost),
            Count(reported, record => record.Plan), Count(reported, record => record.KeySource), Count(reported, record => record.Model ?? "template"),
            Count(reported, record => record.Outcome),
            [.. reported.GroupBy(record => record.Time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).OrderBy(day => day.Key)
                .Select(day => new DayTotal(day.Key, day.Count(), day.Sum(Cost)))],
            Anomalies(rows, to));
    }

    /// <summary>Alerts the platform's administrators, once a day per tenant, of each anomaly now.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var report = await ReportAsync(TrailingDays + 1, cancellationToken);
        foreach (var anomaly in report.Anomalies)
        {
            await notifier.NotifyAsync(new UsageAlert(PlatformTenant, "anomaly",
                $"anomaly-{anomaly.TenantId}-{report.To:yyyy-MM-dd}",
                $"Account {anomaly.TenantId} started {anomaly.LastDay} generations in the last 24 hours against {anomaly.DailyAverage:0.#} a day the week before.",
                report.To), cancellationToken);
        }

        logger.LogInformation("Usage scan found {AnomalyCount} anomalies", report.Anomalies.Count);
        return report.Anomalies.Count;
    }

    private List<UsageAnomaly> Anomalies(List<(string TenantId, UsageRecord Record)> rows, DateTimeOffset now)
    {
        var settings = options.Value;
        var dayAgo = now.AddDays(-1);
        var weekBefore = dayAgo.AddDays(-TrailingDays);
        return [.. rows.GroupBy(row => row.TenantId).Select(tenant =>
            {
                var lastDay = tenant.Count(row => row.Record.Time >= dayAgo);
                var average = tenant.Count(row => row.Record.Time >= weekBefore && row.Record.Time < dayAgo) / (double)TrailingDays;
                return new UsageAnomaly(tenant.Key, lastDay, Math.Round(average, 2));
            })
            .Where(candidate => candidate.LastDay >= settings.AnomalyMinimum && candidate.LastDay >= settings.AnomalyFactor * candidate.DailyAverage)
            .OrderByDescending(anomaly => anomaly.LastDay)];
    }

    private static decimal Cost(UsageRecord record) => record.EstimatedCostUsd ?? 0;

    private static SortedDictionary<string, int> Count(IEnumerable<UsageRecord> records, Func<UsageRecord, string> key) =>
        new(records.GroupBy(key).ToDictionary(group => group.Key, group => group.Count()), StringComparer.Ordinal);
}
