using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>A visitor brings their own OpenAI key for one generation; the model behind it is a loopback stand-in.</summary>
public sealed class OnceKeyPageTests(OnceKeyPageTests.World world) : BrowserTest<OnceKeyPageTests.World>(world)
{
    private const string Key = "sk-proj-" + "valid-browser-once-0123456789";
    /// <summary>OpenAI is the provider stand-in.</summary>
    public sealed class World : ProviderWorld
    {
        protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
        {
            ["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl,
        };
    }

    [Fact]
    public async Task A_visitor_generates_with_their_own_key_for_this_generation_only_and_it_leaves_the_browser_encrypted()
    {
        var page = await NewPageAsync();
        var sentBodies = new List<string>();
        page.Request += (_, request) => { if (request.PostData is { } body) { sentBodies.Add(body); } };

        await page.GotoAsync("/generate");
        await Assertions.Expect(page.GetByText("Template mode (no AI key)")).ToBeVisibleAsync();
        await page.GetByLabel("What should your crew do?").FillAsync("A crew that triages our support inbox and drafts replies for the support team.");
        await page.GetByLabel("My OpenAI key (free)").CheckAsync();
        await Assertions.Expect(page.GetByLabel("Use my own key for this generation only")).ToBeHiddenAsync(); // without an account, always
        await page.GetByLabel("OpenAI key", new() { Exact = true }).FillAsync(Key);
        await page.GetByLabel("Model (optional)").FillAsync("gpt-4.1");
        await Assertions.Expect(page.Locator("#forecast")).ToContainTextAsync("Free on CrewBuilder; your OpenAI account pays for roughly");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate crew" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByText("Designed by OpenAI with a key for this generation only · gpt-4.1")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "View src/ticket_triage_desk_crew/crew.py" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("generate-once-key"), FullPage = true });
        Assert.Contains(Shared.Providers.Requests, request => request.Credential == Key);
        Assert.Contains(sentBodies, body => body.Contains("encryptedKey", StringComparison.Ordinal));
        Assert.DoesNotContain(sentBodies, body => body.Contains("browser-once", StringComparison.Ordinal));
    }
}
