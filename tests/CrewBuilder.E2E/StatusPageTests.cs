using System.Globalization;
using System.Text.Json;
using CrewBuilder.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CrewBuilder.E2E;

/// <summary>
/// The status page against a self-host that probes as it starts: OpenAI answers (a stand-in, with the platform key), Stripe
/// is configured at a port nothing listens on, Anthropic is not set up. Screenshots: status-{viewport}.png.
/// </summary>
public sealed class StatusPageTests(StatusPageTests.World world, ITestOutputHelper output) : BrowserTest<StatusPageTests.World>(world)
{
    private static readonly TimeSpan FirstProbePatience = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string> StateWords = new()
    {
        ["up"] = "Up", ["degraded"] = "Slow", ["down"] = "Down", ["notConfigured"] = "Not set up on this server", ["unknown"] = "Not measured yet",
    };

    /// <summary>OpenAI answers (the stand-in), Stripe is configured at a port nothing listens on, Anthropic is not set up.</summary>
    public sealed class World : ProviderWorld
    {
        protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
        {
            ["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl,
            ["Platform__OpenAiApiKey"] = ProviderStandIn.ValidOpenAiKey,
            ["Stripe__SecretKey"] = StripeStandIn.SecretKey,
            ["Stripe__ApiBase"] = "http://127.0.0.1:9",
            ["Status__DegradedAfter"] = "00:01:00", // a busy CI machine's slow answer is still "up" here; slowness is tested in Core
        };
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task The_status_page_shows_what_the_status_api_says_in_words_and_fits_the_screen(string viewport)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Viewport(viewport), BypassCSP = true });
        var page = await context.NewPageAsync();
        var status = await FirstProbedStatusAsync(page);

        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });
        if (viewport == "phone")
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        }

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Status" }).ClickAsync();
        // A CI machine at load 20 took over 60 s to fire the page's DOMContentLoaded: wait for the navigation to commit,
        // then for what the page says, which is what this test reads.
        await page.WaitForURLAsync("**/status", new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#status-summary")).ToContainTextAsync("Down: Stripe payments.", new() { Timeout = 90_000 });
        var dependencies = status.GetProperty("dependencies").EnumerateArray().ToList();
        Assert.Equal(
            [("stripe", "down"), ("openai", "up"), ("anthropic", "notConfigured")],
            dependencies.Where(d => d.GetProperty("id").GetString() is "stripe" or "openai" or "anthropic").Select(d => (d.GetProperty("id").GetString(), d.GetProperty("state").GetString())));
        foreach (var dependency in dependencies)
        {
            var card = page.Locator($"[data-dependency='{dependency.GetProperty("id").GetString()}']");
            await Assertions.Expect(card.GetByRole(AriaRole.Heading)).ToHaveTextAsync(dependency.GetProperty("name").GetString()!);
            await Assertions.Expect(card.Locator(".dependency-state")).ToHaveTextAsync(StateWords[dependency.GetProperty("state").GetString()!]);
            await Assertions.Expect(card.Locator(".dependency-day")).ToHaveTextAsync(Percent(dependency, "availability24h"));
            await Assertions.Expect(card.Locator(".dependency-month")).ToHaveTextAsync(Percent(dependency, "availability30d"));
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(3); // the header and the two periods
        var problems = await PageChecks.ProblemsAsync(page, $"status-{viewport}");
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }

        Assert.Empty(problems);
    }

    /// <summary>The status once the host's start-up probe has been written (it runs as the host starts, in about a second).</summary>
    private static async Task<JsonElement> FirstProbedStatusAsync(IPage page)
    {
        var deadline = DateTime.UtcNow + FirstProbePatience;
        while (true)
        {
            var response = await page.APIRequest.GetAsync("/api/status");
            var status = JsonSerializer.Deserialize<JsonElement>(await response.TextAsync());
            if (status.TryGetProperty("checkedAt", out _))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No probe was written within {FirstProbePatience.TotalSeconds} s of the host starting.");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>The page's way of writing an availability, from the API's number.</summary>
    private static string Percent(JsonElement dependency, string property) =>
        !dependency.TryGetProperty(property, out var value) ? "not measured"
        : value.GetDouble() == 100 ? "100 %"
        : value.GetDouble().ToString("F2", CultureInfo.InvariantCulture) + " %";
}
