using System.Net;
using System.Net.Http.Headers;
using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

public sealed class AccountPageTests(DevSignInWorld world) : BrowserTest<DevSignInWorld>(world)
{
    [Fact]
    public async Task A_person_signs_in_creates_a_token_copies_it_and_calls_the_api_with_it()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Host.BaseAddress.ToString() });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("E-mail address").FillAsync("ada@example.com");
        await page.GetByLabel("Plan to try").SelectOptionAsync("professional");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#profile-email")).ToHaveTextAsync("ada@example.com");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("My script");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy token" }).ClickAsync();
        await Assertions.Expect(page.Locator("#copy-status")).ToHaveTextAsync("Copied to the clipboard.");
        var token = await page.EvaluateAsync<string>("navigator.clipboard.readText()");
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("account-token-created"), FullPage = true });
        await Assertions.Expect(page.Locator("#tokens tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#tokens")).ToContainTextAsync("My script");
        await Assertions.Expect(page.Locator("#tokens")).Not.ToContainTextAsync(token);

        using var api = Host.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.GetAsync("/api/generations");
        Assert.StartsWith("cb_", token, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // "Revoke …?" confirmation
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke My script" }).ClickAsync();
        await Assertions.Expect(page.Locator("#tokens tr")).ToHaveCountAsync(0);
        using var revoked = await api.GetAsync("/api/generations");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);

        var export = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download my data" }).ClickAsync());
        var exported = await File.ReadAllTextAsync(await export.PathAsync());
        Assert.Contains("ada@example.com", exported, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account…" }).ClickAsync();
        await page.GetByLabel("Type your e-mail address to confirm").FillAsync("ada@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("account=deleted", StringComparison.Ordinal), new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_person_saves_an_openai_key_that_leaves_the_browser_only_encrypted_then_removes_it()
    {
        const string key = "sk-proj-" + "BrowserCanary0123456789abcdWXYZ";
        var page = await NewPageAsync();
        var sentBodies = new List<string>();
        page.Request += (_, request) => { if (request.PostData is { } body) { sentBodies.Add(body); } };
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.GotoAsync("/signin?next=/settings");
        await page.GetByLabel("E-mail address").FillAsync("keys@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your LLM keys" })).ToBeVisibleAsync();

        await page.GetByLabel("OpenAI key", new() { Exact = true }).FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save OpenAI key" }).ClickAsync();

        await Assertions.Expect(page.GetByText("sk-…WXYZ")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test OpenAI key" }).ClickAsync();
        await Assertions.Expect(page.GetByText("OpenAI could not be reached")).ToBeVisibleAsync(); // the host's provider endpoint is a closed loopback port
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("settings-key-saved"), FullPage = true });
        Assert.Contains(sentBodies, body => body.Contains("encryptedKey", StringComparison.Ordinal));
        Assert.DoesNotContain(sentBodies, body => body.Contains("BrowserCanary", StringComparison.Ordinal));

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove OpenAI key" }).ClickAsync();
        await Assertions.Expect(page.GetByText("sk-…WXYZ")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByText("No key saved.").First).ToBeVisibleAsync();
    }
}
