using System.Globalization;

namespace CrewBuilder.Core.Observability;

/// <summary>How a dependency answered its probe: in time, slowly, not at all, or not set up on this server; unknown before the first probe.</summary>
public enum DependencyState
{
    Up,
    Degraded,
    Down,
    NotConfigured,
    Unknown,
}

/// <summary>One dependency's answer to one probe, and how long it took (null when it was not asked).</summary>
public sealed record DependencyReading(string Dependency, DependencyState State, int? LatencyMs);

/// <summary>Every dependency's answer to one probe, started <paramref name="At"/>; the minute it started in is the minute it measures.</summary>
public sealed record ProbeRound(DateTimeOffset At, IReadOnlyList<DependencyReading> Readings)
{
    /// <summary>
    /// The service as a whole in that minute: available when every dependency set up here answered (slowly counts), down
    /// when one did not; null when nothing is set up.
    /// </summary>
    public DependencyState? Overall =>
        Readings.Where(reading => reading.State != DependencyState.NotConfigured).ToList() switch
        {
            [] => null,
            var configured when configured.Any(reading => reading.State == DependencyState.Down) => DependencyState.Down,
            _ => DependencyState.Up,
        };
}

/// <summary>Probed minutes by their outcome; a minute a dependency was not set up or not probed is not counted.</summary>
public sealed record MinuteCounts(int Up, int Degraded, int Down)
{
    public static MinuteCounts None { get; } = new(0, 0, 0);

    public int Measured => Up + Degraded + Down;

    /// <summary>The share of measured minutes it answered in, as a percentage to three decimals; null before any.</summary>
    public double? AvailabilityPercent => Measured == 0 ? null : Math.Round(100.0 * (Up + Degraded) / Measured, 3);

    public MinuteCounts Add(DependencyState? state) => state switch
    {
        DependencyState.Up => this with { Up = Up + 1 },
        DependencyState.Degraded => this with { Degraded = Degraded + 1 },
        DependencyState.Down => this with { Down = Down + 1 },
        _ => this,
    };

    public MinuteCounts Plus(MinuteCounts other) => new(Up + other.Up, Degraded + other.Degraded, Down + other.Down);
}

/// <summary>
/// Completed generations' durations in whole seconds (rounded up), as counts per second: mergeable across hours, so
/// percentiles over 30 days need only the hourly rollups, and exact to the second.
/// </summary>
public sealed class DurationHistogram
{
    private readonly SortedDictionary<int, int> counts = [];

    public int Count => counts.Values.Sum();

    public static int Seconds(TimeSpan duration) => Math.Max(1, (int)Math.Ceiling(duration.TotalSeconds));

    public DurationHistogram Add(int seconds, int times = 1)
    {
        counts[seconds] = counts.GetValueOrDefault(seconds) + times;
        return this;
    }

    public DurationHistogram Merge(DurationHistogram other)
    {
        foreach (var (seconds, times) in other.counts)
        {
            Add(seconds, times);
        }

        return this;
    }

    /// <summary>The nearest-rank percentile: the smallest duration that <paramref name="percent"/> % of generations took at most.</summary>
    public int? Percentile(int percent)
    {
        var rank = ((percent * Count) + 99) / 100; // ⌈percent × count / 100⌉ in whole numbers
        var seen = 0;
        foreach (var (seconds, times) in counts)
        {
            seen += times;
            if (seen >= Math.Max(1, rank))
            {
                return seconds;
            }
        }

        return null;
    }

    /// <summary>"seconds:count" pairs, comma-separated, for one table property.</summary>
    public override string ToString() => string.Join(',', counts.Select(pair => FormattableString.Invariant($"{pair.Key}:{pair.Value}")));

    public static DurationHistogram Parse(string? text)
    {
        var histogram = new DurationHistogram();
        foreach (var pair in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (seconds, times) = (pair[..pair.IndexOf(':', StringComparison.Ordinal)], pair[(pair.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            histogram.Add(int.Parse(seconds, CultureInfo.InvariantCulture), int.Parse(times, CultureInfo.InvariantCulture));
        }

        return histogram;
    }
}

/// <summary>What one hour measured: each dependency's minutes, the whole service's, and the generations that completed in it.</summary>
public sealed record ServiceHour(DateTimeOffset Start, IReadOnlyDictionary<string, MinuteCounts> Dependencies, MinuteCounts Overall, DurationHistogram Durations);
