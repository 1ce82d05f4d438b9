using System.IO.Compression;
using CrewBuilder.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CrewBuilder.E2E;

public sealed class GeneratePageTests(GeneratePageTests.World world, ITestOutputHelper output) : BrowserTest<GeneratePageTests.World>(world)
{
    /// <summary>Template steps slow enough to reload the page while a generation runs.</summary>
    public sealed class World : BrowserWorld
    {
        protected override IReadOnlyDictionary<string, string> HostSettings { get; } =
            new Dictionary<string, string> { ["Generation__TemplateStepDelay"] = "00:00:00.500", ["CREWBUILDER_DEV_AUTH"] = "true" };
    }

    [Fact]
    public async Task A_person_generates_a_crew_watches_the_steps_and_downloads_the_project()
    {
        var page = await NewPageAsync(acceptDownloads: true);
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { consoleErrors.Add(message.Text); } };

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Generate your crew" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Generate a crew" })).ToBeVisibleAsync();

        await page.GetByLabel("What should your crew do?").FillAsync("A crew that triages our support inbox and drafts replies for the support team.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate crew" }).ClickAsync();

        var steps = page.Locator("#steps li");
        await Assertions.Expect(steps).ToHaveCountAsync(10);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#steps li.step-completed")).ToHaveCountAsync(10);
        await Assertions.Expect(page.Locator("#steps li[data-step='design-agents'] .step-summary")).ToContainTextAsync("Designed 2 agents");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("Running cost (estimate)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Review report" }).ClickAsync();
        await Assertions.Expect(page.Locator("#viewer-title")).ToHaveTextAsync("REVIEW.md");
        await Assertions.Expect(page.Locator("#viewer-doc")).ToContainTextAsync("Python parses");
        await Assertions.Expect(page.Locator("#mode")).ToHaveTextAsync("Template mode"); // the badge; the folded form holds another "Template mode"
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "View src/support_triage_crew/crew.py" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "View src/support_triage_crew/crew.py" }).ClickAsync();
        await Assertions.Expect(page.Locator("#viewer-title")).ToHaveTextAsync("src/support_triage_crew/crew.py");
        await Assertions.Expect(page.Locator("#viewer-content")).ToContainTextAsync("@CrewBase");
        await Assertions.Expect(page.Locator("#viewer-content .tok-decorator").First).ToHaveTextAsync("@CrewBase");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("generate-completed"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download project (.zip)" }).ClickAsync());
        var zipPath = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(zipPath);
        using (var zip = ZipFile.OpenRead(zipPath))
        {
            Assert.Contains(zip.Entries, entry => entry.FullName.EndsWith("src/support_triage_crew/crew.py", StringComparison.Ordinal));
        }

        File.Delete(zipPath);
        Assert.Equal("support_triage_crew.zip", download.SuggestedFilename);
        Assert.Empty(consoleErrors);
        output.WriteLine($"Screenshot: {BrowserSession.ScreenshotPath("generate-completed")}");
    }

    [Fact]
    public async Task A_signed_in_person_starts_from_a_template_rates_the_result_and_refines_it_into_a_new_generation()
    {
        var page = await NewPageAsync();
        await DevSignInAsync(page, "rita@example.com", "/generate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Support inbox triage" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("What should your crew do?")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Zendesk support inbox"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate crew" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var first = page.Url;

        await page.GetByLabel("4", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("What worked, what did not (optional)").FillAsync("Good agents, vague escalation.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rating-status")).ToHaveTextAsync("Thanks: you gave it 4 stars.");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("4", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("What worked, what did not (optional)")).ToHaveValueAsync("Good agents, vague escalation.");

        await page.GetByLabel("Refine: what should change?").FillAsync("Add an agent that translates the replies into Spanish.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refine this crew" }).ClickAsync();
        await page.WaitForURLAsync(url => url != first && url.Contains("?id=", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "an earlier generation" })).ToHaveAttributeAsync("href", $"/generate?id={new Uri(first).Query.Split('=')[1]}");
        await page.GetByRole(AriaRole.Button, new() { Name = "View knowledge/requirement.md" }).ClickAsync();
        await Assertions.Expect(page.Locator("#viewer-doc")).ToContainTextAsync("translates the replies into Spanish");
    }

    [Fact]
    public async Task A_too_short_requirement_is_explained_before_anything_is_sent()
    {
        var page = await NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/api/generations", StringComparison.Ordinal)) { requests.Add(request.Url); } };

        await page.GotoAsync("/generate");
        await page.GetByLabel("What should your crew do?").FillAsync("Too short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate crew" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("more characters needed");
        await Assertions.Expect(page.GetByLabel("What should your crew do?")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Empty(requests);
    }

    [Fact]
    public async Task A_result_link_opens_in_a_new_tab_and_another_browser_is_told_why_it_cannot_open_it()
    {
        await using var browser = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Host.BaseAddress.ToString() });
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/generate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uptime monitoring with alerts" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate crew" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("?id=", StringComparison.Ordinal));
        var link = page.Url;

        var newTab = await browser.NewPageAsync();
        await newTab.GotoAsync(link);
        await Assertions.Expect(newTab.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });

        var elsewhere = await NewPageAsync();
        await elsewhere.GotoAsync(link);
        await Assertions.Expect(elsewhere.Locator("#status-message")).ToContainTextAsync("only the browser that started it can open it");
        await Assertions.Expect(elsewhere.GetByRole(AriaRole.Button, new() { Name = "Generate crew" })).ToBeEnabledAsync();
    }

    [Fact]
    public async Task A_crew_made_before_signing_in_still_opens_and_refines_in_the_same_browser_after_signing_in()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/generate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uptime monitoring with alerts" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate crew" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var made = page.Url;

        await DevSignInAsync(page, "sam@example.com", "/generate");
        await page.GotoAsync(made);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#files")).ToContainTextAsync("crew.py");
        await page.GetByLabel("Refine: what should change?").FillAsync("Add an agent that posts each alert to the on-call channel.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refine this crew" }).ClickAsync();
        await page.WaitForURLAsync(url => url != made && url.Contains("?id=", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "an earlier generation" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Reloading_the_page_resumes_following_the_same_generation()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/generate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uptime monitoring with alerts" }).ClickAsync();
        var asked = await page.GetByLabel("What should your crew do?").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate crew" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("?id=", StringComparison.Ordinal));

        await page.ReloadAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#files")).ToContainTextAsync("crew.py");
        await Assertions.Expect(page.Locator("#request-text")).ToContainTextAsync(asked[..60]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        // A template's generation was also given the template's architecture hints, after what the box held.
        await Assertions.Expect(page.GetByLabel("What should your crew do?")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(asked)));
    }
}
