using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>A test driving the self-host and Chromium its class shares (<typeparamref name="TWorld"/>).</summary>
public abstract class BrowserTest<TWorld>(TWorld world) : IClassFixture<TWorld>, IAsyncLifetime
    where TWorld : BrowserWorld
{
    /// <summary>The host, browser and stand-ins this class's tests share.</summary>
    protected TWorld Shared { get; } = world;

    protected SelfHostProcess Host => Shared.Host;

    protected IBrowser Browser => Shared.Browser;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the contexts this test opened, so none of its pages goes on polling the host during the next test.</summary>
    public async Task DisposeAsync()
    {
        foreach (var context in Browser.Contexts.ToList())
        {
            await context.CloseAsync();
        }
    }

    protected Task<IPage> NewPageAsync(bool acceptDownloads = false) =>
        Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = Host.BaseAddress.ToString(), AcceptDownloads = acceptDownloads });

    /// <summary>Signs in with the self-host's development sign-in and waits to arrive at <paramref name="next"/>.</summary>
    protected static async Task DevSignInAsync(IPage page, string email, string next)
    {
        await page.GotoAsync($"/signin?next={next}");
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The sign-in page's own address ends with next (?next=/generate), so the wait is for the path itself.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == next);
    }
}
