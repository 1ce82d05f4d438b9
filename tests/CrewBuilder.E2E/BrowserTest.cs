using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>A running self-host (its own tables and task hub on the shared Azurite) and a Chromium to drive it.</summary>
public abstract class BrowserTest : IAsyncLifetime
{
    protected SelfHostProcess Host { get; private set; } = null!;

    protected IBrowser Browser { get; private set; } = null!;

    private IPlaywright Playwright { get; set; } = null!;

    /// <summary>Settings this test's host runs with, besides storage.</summary>
    protected virtual IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>();

    /// <summary>Chromium switches this test's browser runs with, besides the usual ones.</summary>
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

        Host = await SelfHostProcess.StartAsync(settings);
        // A busy two-core CI machine encrypts, stores and re-renders more slowly than a laptop: wait up to 15 s, not 5.
        Assertions.SetDefaultExpectTimeout(15_000);
        (Playwright, Browser) = await BrowserSession.LaunchAsync(BrowserArgs);
    }

    public virtual async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        Host.Dispose();
    }

    protected Task<IPage> NewPageAsync(bool acceptDownloads = false) =>
        Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = Host.BaseAddress.ToString(), AcceptDownloads = acceptDownloads });

    /// <summary>Signs in with the self-host's development sign-in and waits to arrive at <paramref name="next"/>.</summary>
    protected static async Task DevSignInAsync(IPage page, string email, string next)
    {
        await page.GotoAsync($"/signin?next={next}");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync($"**{next}*");
    }
}
