using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>Debian's Chromium (or the browser CHROMIUM_PATH names) driven by Playwright; no browser is downloaded.</summary>
internal static class BrowserSession
{
    public static string ChromiumPath { get; } =
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <param name="extraArgs">Chromium switches a test needs besides the usual ones, e.g. <c>--host-resolver-rules</c>.</param>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync(IReadOnlyList<string>? extraArgs = null)
    {
        Assert.True(File.Exists(ChromiumPath), $"Browser tests need Chromium at {ChromiumPath} (apt-get install chromium, or set CHROMIUM_PATH).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", .. extraArgs ?? []],
        });
        return (playwright, browser);
    }

    /// <summary>Where a screenshot goes: beside the test results scripts/test.sh collects (.data/test-results/screenshots).</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = RepositoryPaths.Of(".data", "test-results", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{name}.png");
    }
}
