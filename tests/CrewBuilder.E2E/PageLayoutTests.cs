using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CrewBuilder.E2E;

/// <summary>
/// Every page, anonymous and signed in, on a phone (390×844) and a desktop (1366×900): nothing pans sideways and axe-core
/// finds nothing. Screenshots of each land in .data/test-results/screenshots as layout-{viewport}-{page}.png.
/// </summary>
public sealed class PageLayoutTests(PageLayoutTests.World world, ITestOutputHelper output) : BrowserTest<PageLayoutTests.World>(world)
{
    public sealed class World : BrowserWorld
    {
        protected override IReadOnlyDictionary<string, string> HostSettings { get; } =
            new Dictionary<string, string> { ["Generation__TemplateStepDelay"] = "00:00:00.050", ["CREWBUILDER_DEV_AUTH"] = "true" };
    }

    private static readonly string[] AnonymousPages = ["/", "/generate", "/signin", "/pricing", "/api-reference", "/account", "/privacy", "/terms", "/status", "/no-such-page"];

    private static readonly string[] SignedInPages = ["/generate", "/account", "/settings", "/billing", "/orgs"];

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task Every_page_fits_the_screen_and_axe_finds_nothing(string viewport)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Viewport(viewport), BypassCSP = true });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        foreach (var path in AnonymousPages)
        {
            await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            problems.AddRange(await PageChecks.ProblemsAsync(page, $"layout-{viewport}-anonymous{Slug(path)}", fullPage: path != "/api-reference"));
        }

        await DevSignInAsync(page, $"{viewport}@example.com", "/orgs");
        await page.GetByLabel("New organisation").FillAsync("Acme Support With A Rather Long Organisation Name");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acme Support With A Rather Long Organisation Name" })).ToBeVisibleAsync();
        await page.GotoAsync("/account");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("A token for the nightly pipeline");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(page.Locator("#tokens tr")).ToHaveCountAsync(1);
        foreach (var path in SignedInPages)
        {
            await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
            problems.AddRange(await PageChecks.ProblemsAsync(page, $"layout-{viewport}-signed-in{Slug(path)}"));
        }

        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task On_a_phone_the_menu_folds_behind_a_button_that_opens_and_closes_from_the_keyboard()
    {
        var page = await Browser.NewPageAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Phone });
        await page.GotoAsync("/pricing");
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
        var pricing = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Pricing" });
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(pricing).ToBeHiddenAsync();

        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(pricing).ToBeVisibleAsync();
        await Assertions.Expect(pricing).ToHaveAttributeAsync("aria-current", "page");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Generate a crew" }).First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(menu).ToBeFocusedAsync();
        await Assertions.Expect(pricing).ToBeHiddenAsync();

        await page.SetViewportSizeAsync(PageChecks.Desktop.Width, PageChecks.Desktop.Height);
        await Assertions.Expect(menu).ToBeHiddenAsync();
        await Assertions.Expect(pricing).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_phone_a_signed_in_person_s_menu_items_line_up_in_one_column_of_equal_steps()
    {
        var page = await Browser.NewPageAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Phone });
        await page.AddInitScriptAsync("localStorage.setItem('crewbuilder.session', JSON.stringify({ token: 'signed-in', expiresAt: '2999-01-01T00:00:00Z' }))");
        await page.GotoAsync("/pricing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();

        var items = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).Locator("a, button");
        await Assertions.Expect(items.Last).ToHaveTextAsync("Sign out");
        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var item in await items.AllAsync())
        {
            boxes.Add((await item.BoundingBoxAsync())!);
        }

        Assert.Equal(9, boxes.Count);
        Assert.Single(boxes.Select(box => Math.Round(box.X)).Distinct());
        Assert.Single(boxes.Zip(boxes.Skip(1), (above, below) => Math.Round(below.Y - above.Y - above.Height)).Distinct());
        Assert.All(boxes, box => Assert.True(box.Height >= 44, $"an item {box.Height} px tall"));
    }

    private static string Slug(string path) => path == "/" ? "-home" : path.Replace('/', '-');
}
