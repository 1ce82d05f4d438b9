using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>
/// What every page shares, on a phone and a desktop: a real not-found page, footer links, a focus ring that can be
/// seen (at least 3:1 against the page), and a long paste that is warned of, not cut. Screenshot: not-found-{viewport}.png.
/// </summary>
public sealed partial class SitePagesTests : BrowserTest
{
    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task An_unknown_address_answers_404_with_a_page_that_leads_back_and_the_footer_links(string viewport)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Viewport(viewport), BypassCSP = true });
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/no/such/page");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Generate a crew" })).ToHaveAttributeAsync("href", "/generate");
        var footer = page.GetByRole(AriaRole.Navigation, new() { Name = "Footer" });
        await Assertions.Expect(footer.GetByRole(AriaRole.Link, new() { Name = "Privacy" })).ToHaveAttributeAsync("href", "/privacy");
        await Assertions.Expect(footer.GetByRole(AriaRole.Link, new() { Name = "Contact" })).ToHaveAttributeAsync("href", "mailto:support@crewbuilder.dev");
        Assert.Empty(await PageChecks.ProblemsAsync(page, $"not-found-{viewport}"));

        await footer.GetByRole(AriaRole.Link, new() { Name = "Privacy" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Privacy" })).ToBeVisibleAsync();
        Assert.Equal(200, (await page.ReloadAsync())!.Status);
    }

    [Fact]
    public async Task The_focus_ring_stands_out_at_least_3_to_1_from_the_page()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/pricing");

        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        var ring = await page.EvaluateAsync<string[]>("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.outlineColor, getComputedStyle(document.documentElement).backgroundColor]; }");

        Assert.Equal(("solid", "3px"), (ring[0], ring[1]));
        var contrast = Contrast(Rgb(ring[2]), Rgb(ring[3]));
        Assert.True(contrast >= 3, $"The focus ring {ring[2]} has {contrast:0.0}:1 against the page");
    }

    [Fact]
    public async Task A_paste_past_the_limit_is_kept_whole_and_warned_of_beside_the_box()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = Host.BaseAddress.ToString() });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/generate");
        await page.EvaluateAsync("() => navigator.clipboard.writeText('A crew that reads every ticket.-'.repeat(625))");

        var box = page.GetByLabel("What should your crew do?");
        await box.FocusAsync();
        await page.Keyboard.PressAsync("ControlOrMeta+V");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "paste" }))
            .ToContainTextAsync("That paste makes the requirement 20,000 characters, and CrewBuilder reads at most 10,000. Nothing was cut");
        Assert.Equal(20_000, (await box.InputValueAsync()).Length);
    }

    private static (double R, double G, double B) Rgb(string css)
    {
        var parts = ColorParts().Matches(css).Select(match => double.Parse(match.Value, CultureInfo.InvariantCulture)).ToArray();
        return (parts[0], parts[1], parts[2]);
    }

    /// <summary>WCAG's contrast ratio of two colours.</summary>
    private static double Contrast((double R, double G, double B) first, (double R, double G, double B) second)
    {
        static double Luminance((double R, double G, double B) colour)
        {
            static double Channel(double value) => value / 255 <= 0.03928 ? value / 255 / 12.92 : Math.Pow((value / 255 + 0.055) / 1.055, 2.4);
            return 0.2126 * Channel(colour.R) + 0.7152 * Channel(colour.G) + 0.0722 * Channel(colour.B);
        }

        var (lighter, darker) = (Math.Max(Luminance(first), Luminance(second)), Math.Min(Luminance(first), Luminance(second)));
        return (lighter + 0.05) / (darker + 0.05);
    }

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex ColorParts();
}
