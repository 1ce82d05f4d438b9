using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Billing;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Billing;

public sealed class SpendControlTests : IDisposable
{
    private readonly CoreServices core = new(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), new Dictionary<string, string?>
    {
        ["Billing:PlatformMonthlySpendCapUsd"] = "10",
        ["Billing:TenantMonthlySpendCeilingUsd"] = "2",
    });

    private readonly CancellationToken none = CancellationToken.None;

    public void Dispose() => core.Dispose();

    [Fact]
    public async Task Each_generations_cost_counts_once_and_the_tenant_ceiling_then_the_platform_cap_stop_crewbuilder_pro_ai_until_next_month()
    {
        var spend = core.Get<SpendControl>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => spend.RecordAsync("tenant-a", "gen-1", 1.0m, none)));
        Assert.Null(await spend.CheckAsync("tenant-a", none));

        await spend.RecordAsync("tenant-a", "gen-2", 1.0m, none);
        var ceiling = await spend.CheckAsync("tenant-a", none);
        Assert.Equal(ChargeRefusal.SpendCapReached, ceiling?.Refusal);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), ceiling!.RenewsAt);
        Assert.Null(await spend.CheckAsync("tenant-b", none));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => spend.RecordAsync($"tenant-{i}", $"gen-b{i}", 1.0m, none)));
        Assert.Contains("budget", (await spend.CheckAsync("tenant-b", none))!.Detail, StringComparison.Ordinal);

        core.Time.Advance(TimeSpan.FromDays(11));
        Assert.Null(await spend.CheckAsync("tenant-a", none));
    }

    [Fact]
    public async Task Crossing_eighty_and_a_hundred_percent_sends_each_alert_once()
    {
        var spend = core.Get<SpendControl>();
        for (var i = 0; i < 4; i++)
        {
            await spend.RecordAsync("tenant-c", $"gen-c{i}", 0.6m, none);
        }

        var alerts = await core.Get<IUsageNotifier>().RecentAsync("tenant-c", 10, none);
        Assert.Equal(["spend-100-2026-11", "spend-80-2026-11"], alerts.Select(alert => alert.Key).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(alerts, alert => alert.Message == "80% of your monthly CrewBuilder Pro AI allowance ($2) is used.");
    }
}

/// <summary>A Billing world whose accounts may spend only a few hundred-thousandths of a dollar of CrewBuilder Pro AI a month.</summary>
public sealed class SpendCeilingWorld() : BillingWorld(_ => new() { ["Billing:TenantMonthlySpendCeilingUsd"] = "0.00004" });

public sealed class SpendCeilingApiTests(SpendCeilingWorld world) : IClassFixture<SpendCeilingWorld>
{
    [Fact]
    public async Task Past_its_ceiling_an_account_gets_429_for_crewbuilder_pro_ai_and_an_alert()
    {
        var token = await world.NewSubscriberAsync();
        await world.SubscribeAsync(token, "basic"); // the standard model: four calls, $0.00003 a generation here
        var client = new GenerationClient(world.Http, token);
        await client.WaitForCompletionAsync((await client.StartAsync()).Id);
        await client.WaitForCompletionAsync((await client.StartAsync()).Id);

        using var refused = await world.SendAsync(HttpMethod.Post, "/api/generations", token, new { requirement = GenerationClient.Requirement });
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("https://crewbuilder.dev/problems/spend-cap-reached", problem.GetProperty("type").GetString());
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        var usage = await world.GetJsonAsync("/api/usage", token);
        Assert.Contains(usage.GetProperty("notifications").EnumerateArray(), alert => alert.GetProperty("kind").GetString() == "spend");
    }

    [Fact]
    public async Task What_a_cancelled_generations_steps_spent_counts_against_the_ceiling()
    {
        var token = await world.NewSubscriberAsync();
        await world.SubscribeAsync(token, "basic");
        var client = new GenerationClient(world.Http, token);
        await client.WaitForCompletionAsync((await client.StartAsync()).Id); // $0.00003 of the $0.00004
        world.Providers.Latency = TimeSpan.FromMilliseconds(300);
        try
        {
            var cancelled = await client.StartAsync();
            await client.WaitAsync(cancelled.Id, view => view.Cost?.CostUsd >= 0.00001m, TimeSpan.FromSeconds(30)); // two calls' worth
            using var cancel = await client.SendAsync(HttpMethod.Delete, $"/api/generations/{cancelled.Id}");
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }
        finally
        {
            world.Providers.Latency = TimeSpan.Zero;
        }

        using var refused = await world.SendAsync(HttpMethod.Post, "/api/generations", token, new { requirement = GenerationClient.Requirement });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }
}
