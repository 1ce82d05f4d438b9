using CrewBuilder.Core.Observability;
using CrewBuilder.Core.Status;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Status;

/// <summary>Availability and generation latency as the status report reads them from real Azurite, on a fake clock.</summary>
public sealed class ServiceHistoryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly CoreServices core = new(Start);

    private ServiceHistory History => core.Get<ServiceHistory>();

    public void Dispose() => core.Dispose();

    [Fact]
    public async Task Availability_counts_probed_minutes_over_the_last_24_hours_and_30_days_from_hourly_rollups()
    {
        // Hour A, 50 hours before the report: four minutes, Stripe down in one. Read back from its rollup alone (too old for raw rows).
        await RecordMinutesAsync(Start, up: 3, stripeDown: 1);
        await RollUpAfterAsync(Start);
        // Hour B, two hours before: two minutes, every dependency up.
        var hourB = Start.AddHours(48);
        await RecordMinutesAsync(hourB, up: 2, stripeDown: 0);
        await RollUpAfterAsync(hourB);
        // The current hour, not rolled up yet: OpenAI answered slowly.
        var now = Start.AddHours(50).AddMinutes(10);
        core.Time.SetUtcNow(now);
        await History.RecordAsync(Round(now, openAi: DependencyState.Degraded), default);
        await History.RecordAsync(Round(now.AddSeconds(20), openAi: DependencyState.Degraded), default); // same minute again: replaces it

        var report = await core.Get<ServiceStatus>().ReportAsync(default);

        Assert.Equal(DependencyState.Up, report.State); // slow is not down
        Assert.Equal(now.AddSeconds(20), report.CheckedAt);
        Assert.Equal((100.0, 85.714), (report.Availability24h, report.Availability30d)); // 30 days: 6 of 7 minutes
        var stripe = Dependency(report, "stripe");
        Assert.Equal((DependencyState.Up, 100.0, 85.714), (stripe.State, stripe.Availability24h, stripe.Availability30d));
        var openAi = Dependency(report, "openai");
        Assert.Equal((DependencyState.Degraded, 100.0, 100.0), (openAi.State, openAi.Availability24h, openAi.Availability30d));
        var anthropic = Dependency(report, "anthropic");
        Assert.Equal((DependencyState.NotConfigured, null, null), (anthropic.State, anthropic.Availability24h, anthropic.Availability30d));
        Assert.Equal(Dependencies.All.Select(dependency => dependency.Id), report.Dependencies.Select(dependency => dependency.Id));
    }

    [Fact]
    public async Task Generation_latency_percentiles_are_nearest_rank_whole_seconds_over_24_hours_and_30_days()
    {
        // 100 generations three days ago taking 1 to 100 seconds, read back from their hour's rollup.
        for (var seconds = 1; seconds <= 100; seconds++)
        {
            await History.RecordGenerationAsync($"old-{seconds}", Start.AddMinutes(30), TimeSpan.FromSeconds(seconds), default);
        }

        await RollUpAfterAsync(Start);
        // 20 today taking 1.5 to 20.5 seconds, which count as 2 to 21; one of them settled twice.
        var now = Start.AddDays(3);
        core.Time.SetUtcNow(now);
        for (var i = 1; i <= 20; i++)
        {
            await History.RecordGenerationAsync($"new-{i}", now.AddMinutes(-90), TimeSpan.FromSeconds(i + 0.5), default);
        }

        await History.RecordGenerationAsync("new-20", now.AddMinutes(-90), TimeSpan.FromSeconds(20.5), default);

        var latency = (await core.Get<ServiceStatus>().ReportAsync(default)).GenerationLatency;

        // 24 h: 2..21 s; ranks 10, 19 and 20 of 20.
        Assert.Equal(new LatencyPercentiles(20, 11, 20, 21), latency.Last24h);
        // 30 days: 1..100 s and 2..21 s; at or under k seconds are 2k-1 of them up to 21 s, k+20 above: ranks 60, 114 and 119 of 120.
        Assert.Equal(new LatencyPercentiles(120, 40, 94, 99), latency.Last30d);
    }

    [Fact]
    public async Task A_contracts_period_is_measured_from_its_start_and_at_most_30_days_back()
    {
        await RecordMinutesAsync(Start, up: 1, stripeDown: 1);
        await RollUpAfterAsync(Start);
        var later = Start.AddDays(2);
        await RecordMinutesAsync(later, up: 2, stripeDown: 0);
        core.Time.SetUtcNow(later.AddMinutes(30));

        var sinceStart = await core.Get<ServiceStatus>().AvailabilityAsync(Start, default);
        var sinceLater = await core.Get<ServiceStatus>().AvailabilityAsync(later, default);
        var sinceLongAgo = await core.Get<ServiceStatus>().AvailabilityAsync(Start.AddDays(-90), default);

        Assert.Equal((75.0, 4), (sinceStart.MeasuredPercent, sinceStart.MeasuredMinutes));
        Assert.Equal((100.0, 2), (sinceLater.MeasuredPercent, sinceLater.MeasuredMinutes));
        Assert.Equal(later.AddMinutes(30).AddHours(1 - (30 * 24)), sinceLongAgo.From);
    }

    private static DependencyStatus Dependency(StatusReport report, string id) => report.Dependencies.Single(dependency => dependency.Id == id);

    private async Task RecordMinutesAsync(DateTimeOffset hour, int up, int stripeDown)
    {
        for (var minute = 0; minute < up + stripeDown; minute++)
        {
            var at = hour.AddMinutes(minute);
            core.Time.SetUtcNow(at);
            await History.RecordAsync(Round(at, stripe: minute < stripeDown ? DependencyState.Down : DependencyState.Up), default);
        }
    }

    /// <summary>The clock just past the hour's close and its grace, where the probe rolls it up.</summary>
    private async Task RollUpAfterAsync(DateTimeOffset hour)
    {
        core.Time.SetUtcNow(hour.AddHours(1) + ServiceHistory.RollUpGrace);
        await History.RollUpAsync(default);
    }

    private static ProbeRound Round(DateTimeOffset at, DependencyState stripe = DependencyState.Up, DependencyState openAi = DependencyState.Up) => new(at,
    [
        new("tables", DependencyState.Up, 3),
        new("blobs", DependencyState.Up, 3),
        new("taskhub", DependencyState.Up, 5),
        new("keyvault", DependencyState.Up, 8),
        new("stripe", stripe, 40),
        new("openai", openAi, openAi == DependencyState.Degraded ? 2500 : 90),
        new("anthropic", DependencyState.NotConfigured, null),
    ]);
}
