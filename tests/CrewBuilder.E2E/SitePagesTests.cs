using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>
/// What every page shares, on a phone and a desktop: a real not-found page, footer links (terms, privacy, contact), a focus
/// ring that can be seen (at least 3:1 against what is behind it), a long paste that is warned of, not cut, a clickable
/// example on the home page and a Free card on the pricing page. Screenshot: not-found-{viewport}.png.
/// </summary>
public sealed partial class SitePagesTests(BrowserWorld world) : BrowserTest<BrowserWorld>(world)
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
        await Assertions.Expect(footer.GetByRole(AriaRole.Link, new() { Name = "Terms" })).ToHaveAttributeAsync("href", "/terms");
        await Assertions.Expect(footer.GetByRole(AriaRole.Link, new() { Name = "Privacy" })).ToHaveAttributeAsync("href", "/privacy");
        await Assertions.Expect(footer.GetByRole(AriaRole.Link, new() { Name = "Contact" })).ToHaveAttributeAsync("href", "mailto:support@crewbuilder.dev");
        Assert.Empty(await PageChecks.ProblemsAsync(page, $"not-found-{viewport}"));

        await footer.GetByRole(AriaRole.Link, new() { Name = "Privacy" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Privacy" })).ToBeVisibleAsync();
        Assert.Equal(200, (await page.ReloadAsync())!.Status);
        await footer.GetByRole(AriaRole.Link, new() { Name = "Terms" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Terms", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(200, (await page.ReloadAsync())!.Status);
    }

    [Fact]
    public async Task The_home_pages_example_fills_the_generate_form_and_pricing_sets_free_beside_the_5_dollar_generation()
    {
        var page = await Browser.NewPageAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Desktop });
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "“A crew that triages our support inbox and drafts replies.”" }).ClickAsync();

        var box = page.GetByLabel("What should your crew do?");
        await Assertions.Expect(box).ToHaveValueAsync("A crew that triages our support inbox and drafts replies.");
        await Assertions.Expect(box).ToBeFocusedAsync();
        Assert.DoesNotContain("example", page.Url, StringComparison.Ordinal);

        await page.GotoAsync("/pricing");
        var free = page.Locator("#plan-free");
        await Assertions.Expect(free.GetByRole(AriaRole.Heading, new() { Name = "Free" })).ToBeVisibleAsync();
        await Assertions.Expect(free.GetByRole(AriaRole.Link, new() { Name = "Start for free" })).ToHaveAttributeAsync("href", "/generate");
        var tops = new Dictionary<string, double>();
        foreach (var plan in new[] { "free", "generation", "basic", "professional", "enterprise" })
        {
            tops[plan] = (await page.Locator($"#plan-{plan}").BoundingBoxAsync())!.Y;
        }

        Assert.Equal(tops["free"], tops["generation"]);
        Assert.True(tops["basic"] > tops["generation"], "The monthly plans start a row of their own");
        Assert.Equal(tops["basic"], tops["professional"]);
        Assert.Equal(tops["basic"], tops["enterprise"]);
    }

    /// <summary>Tabs through the first controls of each page: every ring is solid, 3 px, and 3:1 against what lies behind it.</summary>
    [Fact]
    public async Task The_focus_ring_stands_out_at_least_3_to_1_from_every_background_it_is_drawn_on()
    {
        var page = await NewPageAsync();
        var weak = new List<string>();
        var seen = 0;
        foreach (var path in new[] { "/", "/generate", "/pricing", "/terms" })
        {
            await page.GotoAsync(path);
            for (var press = 0; press < 30; press++)
            {
                await page.Keyboard.PressAsync("Tab");
                // The ring is drawn outside the control (outline-offset), so it is seen against the first opaque background around it.
                var ring = await page.EvaluateAsync<string[]?>(
                    """
                    () => { const e = document.activeElement; if (!e || e === document.body) return null;
                      const s = getComputedStyle(e);
                      let behind = 'rgb(255, 255, 255)';
                      for (let a = e.parentElement; a; a = a.parentElement) { const b = getComputedStyle(a).backgroundColor; if (b !== 'rgba(0, 0, 0, 0)' && b !== 'transparent') { behind = b; break; } }
                      return [s.outlineStyle, s.outlineWidth, s.outlineColor, behind, e.tagName.toLowerCase() + ' ' + (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30)]; }
                    """);
                if (ring is null)
                {
                    continue;
                }

                seen++;
                var contrast = Contrast(Rgb(ring[2]), Rgb(ring[3]));
                if (ring[0] != "solid" || ring[1] != "3px" || contrast < 3)
                {
                    weak.Add($"{path} {ring[4]}: {ring[0]} {ring[1]} {ring[2]} on {ring[3]} ({contrast:0.0}:1)");
                }
            }
        }

        Assert.True(seen > 40, $"Only {seen} controls took focus");
        Assert.Empty(weak);
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
