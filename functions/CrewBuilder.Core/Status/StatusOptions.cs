using System.ComponentModel.DataAnnotations;

namespace CrewBuilder.Core.Status;

public sealed class StatusOptions
{
    public const string Section = "Status";

    /// <summary>A dependency that answers its probe correctly but slower than this is degraded.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether the self-host also probes as it starts, so the status page has figures at once rather than after the first
    /// minute (the Functions timer's RunOnStartup); off for tests that run the probe themselves.
    /// </summary>
    public bool ProbeAtStart { get; set; } = true;

    /// <summary>A dependency that has not answered its probe by then is down.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:00:50")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
