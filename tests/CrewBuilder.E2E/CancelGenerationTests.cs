using Microsoft.Playwright;

namespace CrewBuilder.E2E;

public sealed class CancelGenerationTests(CancelGenerationTests.World world) : BrowserTest<CancelGenerationTests.World>(world)
{
    /// <summary>
    /// A template step that outlasts the test: the generation is still running whenever the page gets to its cancel
    /// button, however slowly a loaded machine draws the page (with half-second steps it could end first).
    /// </summary>
    public sealed class World : BrowserWorld
    {
        protected override IReadOnlyDictionary<string, string> HostSettings { get; } =
            new Dictionary<string, string> { ["Generation__TemplateStepDelay"] = "00:10:00" };
    }

    [Fact]
    public async Task A_running_generation_can_be_cancelled_from_the_page()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/generate");
        await page.GetByLabel("What should your crew do?").FillAsync("A crew that researches competitors, compares their prices and writes a weekly report for sales.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate crew" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel generation" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Generation cancelled" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#status-message")).ToHaveTextAsync("The generation was cancelled. You were not charged.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel generation" })).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#result")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#steps li.step-cancelled").First).ToContainTextAsync("cancelled");
        await Assertions.Expect(page.Locator("#steps li.step-failed")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Try again" })).ToBeVisibleAsync();
    }
}
