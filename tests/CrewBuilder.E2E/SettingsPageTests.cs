using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>A signed-in person saves, tests, uses and removes a key; the provider behind it is a loopback stand-in.</summary>
public sealed class SettingsPageTests : BrowserTest, IDisposable
{
    private readonly ProviderStandIn providers = new();

    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["OPENAI_BASE_URL"] = providers.OpenAiBaseUrl,
        ["CREWBUILDER_DEV_AUTH"] = "true",
    };

    [Fact]
    public async Task A_person_saves_tests_uses_and_removes_their_openai_key()
    {
        var page = await NewPageAsync();
        await DevSignInAsync(page, "lin@example.com", "/settings");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your LLM keys" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#usage-summary")).ToContainTextAsync("Professional: 0/50 generations this month");

        await page.GetByLabel("OpenAI key", new() { Exact = true }).FillAsync(ProviderStandIn.ValidOpenAiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save OpenAI key" }).ClickAsync();
        var openAiCard = page.Locator(".provider").Filter(new() { HasText = "OpenAI" });
        await Assertions.Expect(openAiCard.Locator(".provider-state")).ToContainTextAsync("Saved, not tested yet");
        await Assertions.Expect(openAiCard.Locator(".provider-state")).ToContainTextAsync("sk-…0000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test OpenAI key" }).ClickAsync();
        await Assertions.Expect(openAiCard.Locator(".provider-state")).ToContainTextAsync("Connected");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("settings-key-connected"), FullPage = true });

        await page.GotoAsync("/generate");
        // The saved key is what the server would pick by itself, so it is checked, and offered once: no "Automatic" beside it.
        await Assertions.Expect(page.GetByLabel("My saved OpenAI key (counts against your plan)", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByText("Automatic")).ToHaveCountAsync(0);
        await page.GetByLabel("What should your crew do?").FillAsync("A crew that triages our support inbox and drafts replies for the support team.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate crew" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByText("Designed by OpenAI with your saved key")).ToBeVisibleAsync();

        await page.GotoAsync("/settings");
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove OpenAI key" }).ClickAsync();
        await Assertions.Expect(openAiCard.Locator(".provider-state")).ToHaveTextAsync("No key saved.");
        Assert.Contains(providers.Requests, request => request.Credential == ProviderStandIn.ValidOpenAiKey && request.Path.EndsWith("/models", StringComparison.Ordinal));
    }

    public void Dispose() => providers.Dispose();
}
