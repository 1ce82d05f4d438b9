using CrewBuilder.Core.Observability;

namespace CrewBuilder.Core.Status;

/// <summary>One dependency now (its latest probe) and its availability, in percent of probed minutes.</summary>
public sealed record DependencyStatus(string Id, string Name, DependencyState State, int? LatencyMs, double? Availability24h, double? Availability30d);

/// <summary>How long completed generations took, in whole seconds (nearest rank).</summary>
public sealed record LatencyPercentiles(int Generations, int? P50Seconds, int? P95Seconds, int? P99Seconds);

public sealed record GenerationLatency(LatencyPercentiles Last24h, LatencyPercentiles Last30d);

/// <summary>
/// The service as the status probe measured it: <paramref name="State"/> is the whole service's at <paramref name="CheckedAt"/>
/// (the latest probe), availabilities are the share of probed minutes in which it, or each dependency, answered.
/// </summary>
public sealed record StatusReport(
    DependencyState State, DateTimeOffset? CheckedAt, double? Availability24h, double? Availability30d,
    IReadOnlyList<DependencyStatus> Dependencies, GenerationLatency GenerationLatency);

/// <summary>The whole service's availability between two times, measured by the hour, against a contract's target.</summary>
public sealed record AvailabilityMeasure(DateTimeOffset From, DateTimeOffset To, double? MeasuredPercent, int MeasuredMinutes);

/// <summary>
/// Reads <see cref="ServiceHistory"/> into reports. "24 h" is the current hour and the 23 before it, "30 days" the current
/// hour and the 719 before it. A report is kept until the next probe is written, so a busy status page costs one point read.
/// </summary>
public sealed class ServiceStatus(ServiceHistory history, TimeProvider time)
{
    private const int DayHours = 24;
    private const int MonthHours = 30 * 24;

    private CachedReport? cached;

    public async Task<StatusReport> ReportAsync(CancellationToken cancellationToken)
    {
        var latest = await history.LatestAsync(cancellationToken);
        if (latest is not null && cached is { } kept && kept.ProbedAt == latest.At)
        {
            return kept.Report;
        }

        var now = time.GetUtcNow();
        var month = await history.HoursAsync(now.AddHours(1 - MonthHours), now, cancellationToken);
        var dayStart = ServiceHistory.HourOf(now).AddHours(1 - DayHours);
        var day = month.Where(hour => hour.Start >= dayStart).ToList();
        var report = new StatusReport(
            latest?.Overall ?? DependencyState.Unknown,
            latest?.At,
            Overall(day).AvailabilityPercent,
            Overall(month).AvailabilityPercent,
            [.. Dependencies.All.Select(dependency => DependencyNow(dependency, latest, day, month))],
            new GenerationLatency(Percentiles(day), Percentiles(month)));
        if (latest is not null)
        {
            cached = new CachedReport(latest.At, report);
        }

        return report;
    }

    /// <summary>The whole service's availability from <paramref name="from"/> to now, at most the last 30 days.</summary>
    public async Task<AvailabilityMeasure> AvailabilityAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var oldest = now.AddHours(1 - MonthHours);
        var start = from < oldest ? oldest : from;
        var overall = Overall(await history.HoursAsync(start, now, cancellationToken));
        return new AvailabilityMeasure(start, now, overall.AvailabilityPercent, overall.Measured);
    }

    private static DependencyStatus DependencyNow(Dependency dependency, ProbeRound? latest, IReadOnlyList<ServiceHour> day, IReadOnlyList<ServiceHour> month)
    {
        var reading = latest?.Readings.FirstOrDefault(reading => reading.Dependency == dependency.Id);
        MinuteCounts Of(IEnumerable<ServiceHour> hours) => hours.Aggregate(MinuteCounts.None,
            (sum, hour) => sum.Plus(hour.Dependencies.GetValueOrDefault(dependency.Id, MinuteCounts.None)));
        return new DependencyStatus(dependency.Id, dependency.Name, reading?.State ?? DependencyState.Unknown, reading?.LatencyMs,
            Of(day).AvailabilityPercent, Of(month).AvailabilityPercent);
    }

    /// <summary>A class, so that replacing it while another request reads it is one atomic reference write.</summary>
    private sealed record CachedReport(DateTimeOffset ProbedAt, StatusReport Report);

    private static MinuteCounts Overall(IEnumerable<ServiceHour> hours) => hours.Aggregate(MinuteCounts.None, (sum, hour) => sum.Plus(hour.Overall));

    private static LatencyPercentiles Percentiles(IEnumerable<ServiceHour> hours)
    {
        var durations = hours.Aggregate(new DurationHistogram(), (sum, hour) => sum.Merge(hour.Durations));
        return new LatencyPercentiles(durations.Count, durations.Percentile(50), durations.Percentile(95), durations.Percentile(99));
    }
}
