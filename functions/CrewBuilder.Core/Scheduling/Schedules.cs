namespace CrewBuilder.Core.Scheduling;

/// <summary>
/// Every timer's schedule, declared once: the Functions app's TimerTrigger attributes and the self-host's
/// scheduler read the same constants. Six fields, seconds first (NCRONTAB), in UTC.
/// </summary>
public static class Schedules
{
    /// <summary>Daily at 03:30 UTC.</summary>
    public const string RetentionSweep = "0 30 3 * * *";

    /// <summary>Hourly, at minute 15.</summary>
    public const string KeyJanitor = "0 15 * * * *";

    /// <summary>Monthly, on the 1st at 04:00 UTC.</summary>
    public const string KekRotation = "0 0 4 1 * *";

    /// <summary>Hourly, at minute 5: quota periods renewed, expired credits closed, stale reservations settled.</summary>
    public const string QuotaJanitor = "0 5 * * * *";

    /// <summary>Hourly, at minute 45: accounts whose generation rate jumps far above their average are alerted (once a day).</summary>
    public const string UsageAnomalyScan = "0 45 * * * *";

    /// <summary>Daily at 06:00 UTC: organisations reminded of keys coming due for rotation; expired fallback keys retired.</summary>
    public const string OrgKeyRotation = "0 0 6 * * *";

    /// <summary>
    /// Every 15 minutes: each organisation's audit log head is signed into the immutable checkpoint container, so at most
    /// the last quarter of an hour of entries can be cut off unseen.
    /// </summary>
    public const string AuditCheckpoint = "0 */15 * * * *";

    /// <summary>Every minute, on the minute: each dependency probed for the status page, and closed hours rolled up.</summary>
    public const string StatusProbe = "0 * * * * *";

    /// <summary>Every minute: accepted generations whose workflow did not start (their instance died first) are started.</summary>
    public const string OwedStarts = "15 * * * * *";

    /// <summary>Every minute: webhook deliveries whose back-off has passed are attempted again.</summary>
    public const string WebhookRetries = "30 * * * * *";
}
