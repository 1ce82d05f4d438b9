using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CrewBuilder.E2E;

/// <summary>
/// A visitor's generation on a phone and on a desktop: the progress comes into view with the form folded away, the
/// running step and the clock show, the result and its viewer fit, and a copied link opens the result in another browser.
/// Screenshots: generate-running-{viewport}.png, results-viewer-{viewport}.png and results-markdown-{viewport}.png in
/// .data/test-results/screenshots.
/// </summary>
public sealed class GenerateJourneyTests(GenerateJourneyTests.World world, ITestOutputHelper output) : BrowserTest<GenerateJourneyTests.World>(world)
{
    /// <summary>Template steps slow enough to look at the running step and the clock.</summary>
    public sealed class World : BrowserWorld
    {
        protected override IReadOnlyDictionary<string, string> HostSettings { get; } =
            new Dictionary<string, string> { ["Generation__TemplateStepDelay"] = "00:00:00.700" };
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task A_visitor_watches_the_generation_in_view_reads_the_result_and_opens_it_elsewhere_by_its_link(string viewport)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Viewport(viewport), BypassCSP = true });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/generate");
        await page.GetByLabel("What should your crew do?").FillAsync("A crew that triages our support inbox and drafts replies for the support team.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate crew" }).ClickAsync();

        var progress = page.Locator("#progress");
        await Assertions.Expect(page.Locator("#steps li[aria-current='step']")).ToHaveCountAsync(1);
        await Assertions.Expect(progress).ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("#requirement-form")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#request-summary")).ToContainTextAsync("triages our support inbox");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Answer a few questions first", IncludeHidden = true })).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("#progress-clock")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Elapsed \d+:\d\d"));
        var problems = new List<string>(await PageChecks.ProblemsAsync(page, $"generate-running-{viewport}", fullPage: false));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#progress-clock")).Not.ToContainTextAsync("left");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Answer a few questions first", IncludeHidden = true })).ToBeEnabledAsync();
        var crewFile = page.GetByRole(AriaRole.Button, new() { Name = "View src/support_triage_crew/crew.py" });
        await crewFile.ClickAsync();
        await Assertions.Expect(page.Locator("#viewer-content")).ToContainTextAsync("@CrewBase");
        await Assertions.Expect(crewFile).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(page.Locator("#viewer-content .line").Nth(20)).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("#viewer-content .tok-keyword").First).ToBeVisibleAsync();
        await page.Locator("#viewer").ScrollIntoViewIfNeededAsync();
        problems.AddRange(await PageChecks.ProblemsAsync(page, $"results-viewer-{viewport}", fullPage: false));
        var tree = (await page.Locator(".file-tree").BoundingBoxAsync())!;
        var viewer = (await page.Locator("#viewer").BoundingBoxAsync())!;
        Assert.True(viewport == "desktop" ? viewer.X >= tree.X + tree.Width && viewer.Y < tree.Y + tree.Height : viewer.Y >= tree.Y + tree.Height,
            $"{viewport}: the tree at {tree.X},{tree.Y} ({tree.Width}×{tree.Height}) and the viewer at {viewer.X},{viewer.Y} should be side by side on a desktop, one above the other on a phone");

        // The code scrolls from the keyboard, and copying the file copies its text without the line numbers.
        await page.Locator("#viewer-code").FocusAsync();
        await page.Keyboard.PressAsync("PageDown");
        await Assertions.Expect(page.Locator("#viewer-code")).Not.ToHaveJSPropertyAsync("scrollTop", 0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy file" }).ClickAsync();
        await Assertions.Expect(page.Locator("#copy-file-status")).ToHaveTextAsync("src/support_triage_crew/crew.py copied.");
        var copied = await page.EvaluateAsync<string>("navigator.clipboard.readText()");
        Assert.Contains("@CrewBase", copied, StringComparison.Ordinal);
        Assert.Equal((await page.Locator("#viewer-content").TextContentAsync())!.TrimEnd('\n'), copied.TrimEnd('\n'));

        // Markdown reads as a document: headings, tables and code blocks with their own copy button, no raw markup.
        await page.GetByRole(AriaRole.Button, new() { Name = "View README.md" }).ClickAsync();
        await Assertions.Expect(page.Locator("#viewer-doc h4").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#viewer-doc table").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#viewer-doc")).Not.ToContainTextAsync("|---|");
        await page.Locator("#viewer-doc .copy-code").First.ClickAsync();
        await Assertions.Expect(page.Locator("#copy-file-status")).ToHaveTextAsync("Code copied.");
        await page.Locator("#viewer").ScrollIntoViewIfNeededAsync();
        problems.AddRange(await PageChecks.ProblemsAsync(page, $"results-markdown-{viewport}", fullPage: false));

        await page.GetByRole(AriaRole.Button, new() { Name = "Copy link to this result" }).ClickAsync();
        await Assertions.Expect(page.Locator("#copy-link-status")).ToContainTextAsync("Link copied");
        var link = await page.EvaluateAsync<string>("navigator.clipboard.readText()");
        Assert.Matches(@"/generate\?id=[^#]+#token=.+", link);

        await using var elsewhere = await Browser.NewContextAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Viewport(viewport) });
        var other = await elsewhere.NewPageAsync();
        var sent = new List<string>();
        other.Request += (_, request) => sent.Add(request.Url);
        await other.GotoAsync(link);
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.DoesNotContain("#", other.Url, StringComparison.Ordinal);
        await other.ReloadAsync();
        await Assertions.Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync();
        var token = link[(link.IndexOf("#token=", StringComparison.Ordinal) + 7)..];
        Assert.DoesNotContain(sent, url => url.Contains(token, StringComparison.Ordinal));

        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }

        Assert.Empty(problems);
    }
}
