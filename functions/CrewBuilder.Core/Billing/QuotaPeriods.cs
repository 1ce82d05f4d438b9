namespace CrewBuilder.Core.Billing;

/// <summary>Monthly periods: where the one containing a moment starts and ends, counted from a known period.</summary>
public static class QuotaPeriods
{
    /// <summary>The first monthly period, counting on from <paramref name="start"/>, that has not ended at <paramref name="now"/>.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Current(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now)
    {
        var months = 0;
        while (end <= now)
        {
            months++;
            end = start.AddMonths(months + 1);
        }

        return months == 0 ? (start, end) : (start.AddMonths(months), end);
    }

    /// <summary>A month from <paramref name="now"/>: the period of a plan whose billing period no one has told us yet.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) StartingAt(DateTimeOffset now) => (now, now.AddMonths(1));
}
