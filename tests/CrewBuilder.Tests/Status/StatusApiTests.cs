using System.Net;
using System.Text.Json;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Observability;
using CrewBuilder.Core.Status;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrewBuilder.Tests.Status;

/// <summary>
/// The self-host on a fake clock (so its own timers stay still and the test runs the probe), its Stripe and OpenAI behind
/// loopback stand-ins reached through Stripe.net and the OpenAI SDK, its task hub and storage on Azurite.
/// </summary>
public sealed class StatusApiTests : IAsyncLifetime, IDisposable
{
    private readonly StripeStandIn stripe = new();
    private readonly ProviderStandIn providers = new();
    /// <summary>
    /// Half past an hour of the last 90 minutes, one second into the minute: the minutes just before it lie in the same hour, so
    /// in the same month's usage period, and sign-in tokens issued then are still valid now.
    /// </summary>
    private readonly FakeTimeProvider clock = new(HalfPastAnHourAgo());
    private SelfHostFactory app = null!;
    private bool stripeStopped;
    private SignedInPeople people = null!;

    public Task InitializeAsync()
    {
        var settings = stripe.HostSettings();
        settings["CREWBUILDER_DEV_AUTH"] = "true";
        settings["Status:ProbeAtStart"] = "false";
        settings["OPENAI_BASE_URL"] = providers.OpenAiBaseUrl;
        settings["Platform:OpenAiApiKey"] = ProviderStandIn.ValidOpenAiKey;
        settings["Admin:UserIds:0"] = UserStore.UserId(DevTokenIssuer.Issuer, "staff@example.com");
        app = new SelfHostFactory { Settings = settings, Clock = clock };
        people = new SignedInPeople(app.CreateClient());
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        app.Dispose();
        StopStripe();
        providers.Dispose();
    }

    /// <summary>Stripe goes down: its stand-in stops listening, so the client's connections are refused.</summary>
    private void StopStripe()
    {
        if (!stripeStopped)
        {
            stripe.Dispose();
            stripeStopped = true;
        }
    }

    [Fact]
    public async Task The_status_shows_each_dependency_as_probed_and_one_whose_stand_in_goes_down_as_down()
    {
        var before = await people.JsonAsync(HttpMethod.Get, "/api/status", null);
        Assert.Equal("unknown", before.GetProperty("state").GetString());
        Assert.All(before.GetProperty("dependencies").EnumerateArray(), dependency => Assert.Equal("unknown", dependency.GetProperty("state").GetString()));

        await ProbeAsync();
        var first = await people.JsonAsync(HttpMethod.Get, "/api/status", null);
        Assert.Equal("up", first.GetProperty("state").GetString());
        Assert.Equal(
            [("tables", "up"), ("blobs", "up"), ("taskhub", "up"), ("keyvault", "up"), ("stripe", "up"), ("openai", "up"), ("anthropic", "notConfigured")],
            States(first));
        Assert.Equal(100.0, Dependency(first, "stripe").GetProperty("availability24h").GetDouble());
        Assert.Contains(stripe.Requests, request => request == "GET /v1/balance");
        Assert.Contains(providers.Requests, request => request.Path.EndsWith("/models", StringComparison.Ordinal));

        StopStripe();
        clock.Advance(TimeSpan.FromMinutes(1));
        await ProbeAsync();
        using var response = await people.SendAsync(HttpMethod.Get, "/api/status", null);
        var text = await response.Content.ReadAsStringAsync();
        var second = JsonSerializer.Deserialize<JsonElement>(text);

        Assert.Equal("down", second.GetProperty("state").GetString());
        Assert.Equal("down", Dependency(second, "stripe").GetProperty("state").GetString());
        Assert.Equal((50.0, 50.0), (Dependency(second, "stripe").GetProperty("availability24h").GetDouble(), second.GetProperty("availability24h").GetDouble()));
        Assert.Equal(("up", 100.0), (Dependency(second, "tables").GetProperty("state").GetString(), Dependency(second, "tables").GetProperty("availability30d").GetDouble()));
        Assert.Equal(clock.GetUtcNow(), second.GetProperty("checkedAt").GetDateTimeOffset());
        foreach (var secret in new[] { StripeStandIn.SecretKey, ProviderStandIn.ValidOpenAiKey, stripe.BaseUrl, "127.0.0.1", "Exception", "refused" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task An_enterprise_contracts_availability_target_is_compared_with_the_availability_measured_this_period()
    {
        await people.SignInAsync("olive");
        await people.SignInAsync("staff");
        var orgId = (await people.JsonAsync(HttpMethod.Post, "/api/orgs", "olive", new { name = "Target Co" })).GetProperty("id").GetString()!;
        using (var invalid = await people.SendAsync(HttpMethod.Put, $"/api/platform/orgs/{orgId}/contract", "staff", new { availabilityTargetPercent = 100.5 }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        }

        Assert.False((await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/usage", "olive")).TryGetProperty("availability", out _));
        using (var set = await people.SendAsync(HttpMethod.Put, $"/api/platform/orgs/{orgId}/contract", "staff", new { availabilityTargetPercent = 99.9 }))
        {
            Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        }

        var unmeasured = (await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/usage", "olive")).GetProperty("availability");
        Assert.Equal(99.9, unmeasured.GetProperty("targetPercent").GetDouble());
        Assert.False(unmeasured.TryGetProperty("met", out _));

        // The last four minutes: three with everything answering, one with Stripe down (written here, so the clock stays still).
        var history = app.Services.GetRequiredService<ServiceHistory>();
        for (var minute = 1; minute <= 4; minute++)
        {
            await history.RecordAsync(new ProbeRound(clock.GetUtcNow().AddMinutes(-minute),
                [new("tables", DependencyState.Up, 2), new("stripe", minute == 4 ? DependencyState.Down : DependencyState.Up, 30)]), default);
        }

        var measured = (await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/usage", "olive")).GetProperty("availability");
        Assert.Equal((99.9, 75.0, false), (measured.GetProperty("targetPercent").GetDouble(), measured.GetProperty("measuredPercent").GetDouble(), measured.GetProperty("met").GetBoolean()));

        using (var lowered = await people.SendAsync(HttpMethod.Put, $"/api/platform/orgs/{orgId}/contract", "staff", new { generationsPerMonth = 100, availabilityTargetPercent = 70.0 }))
        {
            Assert.Equal(HttpStatusCode.NoContent, lowered.StatusCode);
        }

        var met = (await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/usage", "olive")).GetProperty("availability");
        Assert.Equal((70.0, 75.0, true), (met.GetProperty("targetPercent").GetDouble(), met.GetProperty("measuredPercent").GetDouble(), met.GetProperty("met").GetBoolean()));
        var audited = (await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?action=billing.contract", "olive")).GetProperty("items")[0];
        Assert.Equal("100 generations a month, 70 % availability", audited.GetProperty("target").GetString());
    }

    private Task<ProbeRound> ProbeAsync() =>
        app.Services.GetRequiredService<DependencyProbe>().RunAsync(app.Services.GetRequiredService<IGenerationScheduler>(), default);

    private static DateTimeOffset HalfPastAnHourAgo()
    {
        var now = DateTimeOffset.UtcNow;
        var halfPast = ServiceHistory.HourOf(now).AddMinutes(30).AddSeconds(1);
        return halfPast <= now ? halfPast : halfPast.AddHours(-1);
    }

    private static JsonElement Dependency(JsonElement status, string id) =>
        status.GetProperty("dependencies").EnumerateArray().Single(dependency => dependency.GetProperty("id").GetString() == id);

    private static (string, string)[] States(JsonElement status) =>
        [.. status.GetProperty("dependencies").EnumerateArray().Select(dependency => (dependency.GetProperty("id").GetString()!, dependency.GetProperty("state").GetString()!))];
}
