using System.Text.Json;
using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>The two screens every page is checked on, and what each page must hold on both.</summary>
public static class PageChecks
{
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static readonly ViewportSize Desktop = new() { Width = 1366, Height = 900 };

    public static ViewportSize Viewport(string name) => name == "phone" ? Phone : Desktop;

    private static readonly string AxeScript = RepositoryPaths.Of("static-web", "node_modules", "axe-core", "axe.min.js");

    /// <summary>
    /// What is wrong with the page as it stands: wider than the screen (it would pan sideways), a field the stylesheet left
    /// in the browser's own look (its font and square corners, shown or not yet), or anything axe-core reports.
    /// Saves a screenshot (the whole page unless <paramref name="fullPage"/> is false) named <paramref name="name"/> either way. axe is injected as a script tag, so the page's
    /// context must bypass its Content-Security-Policy (BypassCSP).
    /// </summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page, string name, bool fullPage = true)
    {
        var problems = new List<string>();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var viewport = page.ViewportSize?.Width ?? 0;
        if (width > viewport)
        {
            // The elements that reach past the screen's edge, leaving out those inside a box that scrolls on its own.
            var widest = await page.EvaluateAsync<string>(
                """
                () => [...document.querySelectorAll('body *')]
                  .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
                  .filter(e => { for (let a = e.parentElement; a; a = a.parentElement) if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return false; return true; })
                  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' to ' + Math.round(e.getBoundingClientRect().right))
                  .slice(-5).join(', ')
                """);
            problems.Add($"{name}: the document is {width} px wide on a {viewport} px screen ({widest})");
        }

        var plainFields = await page.EvaluateAsync<string[]>(
            """
            () => { const font = getComputedStyle(document.body).fontFamily;
              return [...document.querySelectorAll('input, select, textarea')]
                .filter(e => !['checkbox', 'radio', 'hidden'].includes(e.type))
                .filter(e => { const s = getComputedStyle(e); return s.fontFamily !== font || s.borderTopLeftRadius === '0px'; })
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '')); }
            """);
        if (plainFields.Length > 0)
        {
            problems.Add($"{name}: fields without the site's style: {string.Join(", ", plainFields)}");
        }

        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new() { Path = AxeScript });
        }

        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))");
        problems.AddRange(violations.EnumerateArray().Select(violation => $"{name}: axe {violation.GetString()}"));
        await page.ScreenshotAsync(new() { Path = BrowserSession.ScreenshotPath(name), FullPage = fullPage });
        return problems;
    }
}
