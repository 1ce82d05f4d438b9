using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>
/// A running self-host (its own tables and task hub on the shared Azurite) and a Chromium to drive it, started once for
/// all the tests of a class: each test opens its own browser context and signs in as people of its own.
/// </summary>
public class BrowserWorld : IAsyncLifetime
{
    public SelfHostProcess Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    private IPlaywright Playwright { get; set; } = null!;

    /// <summary>Settings this host runs with, besides storage.</summary>
    protected virtual IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>();

    /// <summary>Chromium switches this browser runs with, besides the usual ones.</summary>
    protected virtual IReadOnlyList<string> BrowserArgs => [];

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(RepositoryPaths.Of("static-web", "dist", "generate.html")), "Build the front end first (npm run build in static-web).");
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = AzuriteServer.Instance.ConnectionString,
            ["Storage__Prefix"] = AzuriteServer.UniqueName("e"),
            ["Durable__TaskHub"] = AzuriteServer.UniqueName("e2e"),
            // No provider call may leave this machine; tests that talk to a model point these at a stand-in.
            ["OPENAI_BASE_URL"] = "http://127.0.0.1:9/v1",
            ["ANTHROPIC_BASE_URL"] = "http://127.0.0.1:9",
        };
        foreach (var (name, value) in HostSettings)
        {
            settings[name] = value;
        }

        // The host and the browser start at the same time: each takes seconds, mostly waiting on its own process.
        var host = SelfHostProcess.StartAsync(settings);
        var browser = BrowserSession.LaunchAsync(BrowserArgs);
        // A busy two-core CI machine encrypts, stores and re-renders more slowly than a laptop: wait up to 15 s, not 5.
        Assertions.SetDefaultExpectTimeout(15_000);
        (Playwright, Browser) = await browser;
        Host = await host;
    }

    public virtual async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        Host.Dispose();
    }
}

/// <summary>A self-host whose development sign-in is on, so a test signs in as whoever it names.</summary>
public sealed class DevSignInWorld : BrowserWorld
{
    protected override IReadOnlyDictionary<string, string> HostSettings { get; } =
        new Dictionary<string, string> { ["CREWBUILDER_DEV_AUTH"] = "true" };
}
