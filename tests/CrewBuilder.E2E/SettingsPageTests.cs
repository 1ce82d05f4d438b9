using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>
/// A signed-in person saves, tests, uses and removes a key; the providers behind them are loopback stand-ins.
/// Screenshots: settings-key-connected.png, settings-tested-before-saving-{phone,desktop}.png.
/// </summary>
public sealed class SettingsPageTests(SettingsPageTests.World world) : BrowserTest<SettingsPageTests.World>(world)
{
    private const string RejectedKey = "sk-proj-" + "revoked-key-0000000000000000";

    /// <summary>OpenAI and Anthropic are the provider stand-in.</summary>
    public sealed class World : ProviderWorld
    {
        protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
        {
            ["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl,
            ["ANTHROPIC_BASE_URL"] = Providers.AnthropicBaseUrl,
            ["CREWBUILDER_DEV_AUTH"] = "true",
        };
    }

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
        Assert.Contains(Shared.Providers.Requests, request => request.Credential == ProviderStandIn.ValidOpenAiKey && request.Path.EndsWith("/models", StringComparison.Ordinal));
    }

    /// <summary>Both screens in one test, one host: each screen is a fresh browser context and a fresh person.</summary>
    [Fact]
    public async Task On_a_phone_and_a_desktop_a_key_is_shown_on_request_tested_before_saving_and_saved_as_connected()
    {
        var problems = new List<string>();
        foreach (var viewport in new[] { "phone", "desktop" })
        {
            var context = await Browser.NewContextAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Viewport(viewport), BypassCSP = true });
            var page = await context.NewPageAsync();
            await DevSignInAsync(page, $"keys-{viewport}@example.com", "/settings");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Get your API key from OpenAI" }))
                .ToHaveAttributeAsync("href", "https://platform.openai.com/api-keys");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Get your API key from Anthropic" }))
                .ToHaveAttributeAsync("href", "https://console.anthropic.com/settings/keys");
            var openAi = page.Locator(".provider").Filter(new() { HasText = "OpenAI" });
            var field = page.GetByLabel("OpenAI key", new() { Exact = true });
            var show = page.GetByRole(AriaRole.Button, new() { Name = "Show OpenAI key" });

            await field.FillAsync(RejectedKey);
            await Assertions.Expect(field).ToHaveAttributeAsync("type", "password");
            await show.FocusAsync();
            await page.Keyboard.PressAsync("Space");
            await Assertions.Expect(field).ToHaveAttributeAsync("type", "text");
            await Assertions.Expect(show).ToHaveAttributeAsync("aria-pressed", "true");
            await page.GetByRole(AriaRole.Button, new() { Name = "Test OpenAI key" }).ClickAsync();
            await Assertions.Expect(openAi.GetByRole(AriaRole.Status)).ToContainTextAsync("❌ Rejected: OpenAI did not accept this key");
            await Assertions.Expect(field).ToHaveValueAsync(RejectedKey);
            await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
            await show.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(field).ToHaveAttributeAsync("type", "password");
            await Assertions.Expect(show).ToHaveAttributeAsync("aria-pressed", "false");

            await field.FillAsync(ProviderStandIn.ValidOpenAiKey);
            await Assertions.Expect(openAi.GetByRole(AriaRole.Status)).ToBeEmptyAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Test OpenAI key" }).ClickAsync();
            await Assertions.Expect(openAi.GetByRole(AriaRole.Status)).ToHaveTextAsync("✅ Connected: OpenAI accepted this key. Save it to use it.");
            await Assertions.Expect(openAi.Locator(".provider-state")).ToHaveTextAsync("No key saved.");
            var asked = Shared.Providers.Requests.Count(request => request.Credential == ProviderStandIn.ValidOpenAiKey);
            problems.AddRange(await PageChecks.ProblemsAsync(page, $"settings-tested-before-saving-{viewport}"));

            await page.GetByRole(AriaRole.Button, new() { Name = "Save OpenAI key" }).ClickAsync();
            await Assertions.Expect(openAi.Locator(".provider-state")).ToContainTextAsync("✅ Connected · sk-…0000");
            await Assertions.Expect(page.GetByLabel("New OpenAI key", new() { Exact = true })).ToBeEmptyAsync();
            await page.ReloadAsync();
            await Assertions.Expect(openAi.Locator(".provider-state")).ToContainTextAsync("✅ Connected · sk-…0000");
            Assert.Equal(asked, Shared.Providers.Requests.Count(request => request.Credential == ProviderStandIn.ValidOpenAiKey));
            await context.DisposeAsync();
        }

        Assert.Empty(problems);
    }
}
