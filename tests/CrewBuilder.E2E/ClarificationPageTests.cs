using Microsoft.Playwright;

namespace CrewBuilder.E2E;

public sealed class ClarificationPageTests(BrowserWorld world) : BrowserTest<BrowserWorld>(world)
{
    [Fact]
    public async Task A_visitor_answers_the_questions_sees_the_refined_requirement_and_generates_from_it()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/generate");
        await page.GetByLabel("What should your crew do?").FillAsync("A crew that triages our support inbox and drafts replies for the support team.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Answer a few questions first" }).ClickAsync();

        var log = page.Locator("#chat-log li");
        await Assertions.Expect(log).ToHaveCountAsync(1);
        await Assertions.Expect(log.First).ToContainTextAsync("Which systems does this work touch today");
        string[] answers = ["Zendesk and Slack", "A Zendesk API token and a Slack bot", "About 200 tickets a day, every hour", "Draft replies that agents approve"];
        foreach (var answer in answers)
        {
            await page.GetByLabel("Your answer").FillAsync(answer);
            await page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
            await Assertions.Expect(page.Locator("#chat-log li.chat-user").Last).ToHaveTextAsync($"You{answer}");
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Refined requirement" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#chat-refined")).ToContainTextAsync("Volume and timing: About 200 tickets a day, every hour");
        await Assertions.Expect(page.GetByLabel("Your answer")).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Generate crew with these answers" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "View knowledge/requirement.md" }).ClickAsync();
        await Assertions.Expect(page.Locator("#viewer-doc")).ToContainTextAsync("A: Draft replies that agents approve");
    }
}
