using System.Net;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Storage;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Billing;

public sealed class UsageAnalyticsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly CoreServices core = new(Now.AddDays(-10));
    private readonly CancellationToken none = CancellationToken.None;

    public void Dispose() => core.Dispose();

    [Fact]
    public async Task The_report_totals_by_plan_key_source_model_and_day_and_flags_a_tenant_far_above_its_average()
    {
        // Steady: two generations a day for nine days. Spiking: one a day, then twelve in the last day.
        for (var day = 9; day >= 1; day--)
        {
            await RecordAsync("steady", Now.AddDays(-day), PlanIds.Basic, new KeySelection(KeySource.Platform, "openai"));
            await RecordAsync("steady", Now.AddDays(-day).AddHours(1), PlanIds.Basic, null);
            await RecordAsync("spiking", Now.AddDays(-day).AddHours(2), PlanIds.Free, new KeySelection(KeySource.Saved, "anthropic"));
        }

        for (var hoursAgo = 12; hoursAgo >= 1; hoursAgo--)
        {
            await RecordAsync("spiking", Now.AddHours(-hoursAgo), PlanIds.Free, new KeySelection(KeySource.Saved, "anthropic"));
        }

        core.Time.SetUtcNow(Now);
        var analytics = core.Get<UsageAnalytics>();
        var report = await analytics.ReportAsync(3, none);

        Assert.Equal((3 * 3) + 12, report.Generations);
        Assert.Equal((6, 15), (report.ByPlan[PlanIds.Basic], report.ByPlan[PlanIds.Free]));
        Assert.Equal((3, 3, 15), (report.ByKeySource["platform"], report.ByKeySource["template"], report.ByKeySource["saved"]));
        Assert.Equal((18, 3), (report.ByModel["gpt-4o-mini"], report.ByModel["template"]));
        Assert.Equal(4, report.ByDay.Count);
        var anomaly = Assert.Single(report.Anomalies);
        Assert.Equal(("spiking", 13, 1.0), (anomaly.TenantId, anomaly.LastDay, anomaly.DailyAverage));

        Assert.Equal(1, await analytics.ScanAsync(none));
        await analytics.ScanAsync(none);
        var alert = Assert.Single(await core.Get<IUsageNotifier>().RecentAsync(UsageAnalytics.PlatformTenant, 10, none));
        Assert.Contains("spiking started 13 generations", alert.Message, StringComparison.Ordinal);
    }

    private async Task RecordAsync(string tenant, DateTimeOffset at, string plan, KeySelection? key)
    {
        core.Time.SetUtcNow(at);
        var generation = new GenerationRef(TimeOrderedId.New(at), tenant, key is null ? GenerationMode.Template : GenerationMode.Llm, key, Plan: plan);
        var store = core.Get<GenerationStore>();
        await store.AddAsync(generation, "requirement", null, null, none);
        var entity = await store.FailedAsync(generation, "", null, none);
        if (key is not null)
        {
            (entity.Model, entity.TokensIn, entity.TokensOut) = ("gpt-4o-mini", 1000, 1000);
        }

        entity.Status = nameof(GenerationStatus.Completed);
        await core.Get<UsageLedger>().RecordAsync(entity.ToUsage(), none);
    }
}

/// <summary>A Billing world with one platform administrator.</summary>
public sealed class AdminWorld() : BillingWorld(issuer => new() { ["Admin:UserIds:0"] = UserStore.UserId(issuer.Authority, AdminSubject) })
{
    public const string AdminSubject = "platform-admin";
}

public sealed class AdminApiTests(AdminWorld world) : IClassFixture<AdminWorld>
{
    [Fact]
    public async Task Only_a_platform_administrator_sees_platform_usage()
    {
        var admin = world.Issuer.Issue(AdminWorld.AdminSubject, "admin@example.com");
        var someone = await world.NewSubscriberAsync();

        using var refused = await world.SendAsync(HttpMethod.Get, "/api/platform/usage", someone);
        await Api.GenerationApiTests.AssertProblem(refused, HttpStatusCode.Forbidden, "platform-administrators-only");
        using var invalid = await world.SendAsync(HttpMethod.Get, "/api/platform/usage?days=0", admin);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);

        var client = new GenerationClient(world.Http, someone);
        await client.WaitForCompletionAsync((await client.StartAsync()).Id);
        var report = await UsageReportAsync(admin, generations: 1);
        Assert.Equal(1, report.GetProperty("generations").GetInt32());
        Assert.Equal(1, report.GetProperty("byPlan").GetProperty("free").GetInt32());
    }

    /// <summary>
    /// The report once it counts <paramref name="generations"/>: a generation's usage is recorded just after it is seen
    /// to end (its status is written first, so a cancellation can never be recorded as completed), so the report may
    /// lag its status by a moment.
    /// </summary>
    private async Task<System.Text.Json.JsonElement> UsageReportAsync(string admin, int generations)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var report = await world.GetJsonAsync("/api/platform/usage?days=7", admin);
            if (report.GetProperty("generations").GetInt32() >= generations || DateTime.UtcNow > deadline)
            {
                return report;
            }

            await Task.Delay(50);
        }
    }
}
