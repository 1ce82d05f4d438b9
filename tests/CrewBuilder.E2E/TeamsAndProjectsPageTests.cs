using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CrewBuilder.E2E;

/// <summary>
/// A Professional agency's two pages: the organisation's invitations (by e-mail address, copy link, pending list, send
/// again, withdraw; no controls on one's own row) and the account's projects (grouped, searched, renamed, deleted), each on a
/// phone and a desktop screen with no sideways scrolling and nothing axe-core reports.
/// </summary>
public sealed class TeamsAndProjectsPageTests(DevSignInWorld world, ITestOutputHelper output) : BrowserTest<DevSignInWorld>(world)
{
    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task An_owner_invites_by_e_mail_copies_the_link_sends_it_again_and_withdraws_it(string viewport)
    {
        var page = await NewContextPageAsync(viewport, clipboard: true);
        await DevSignInAsync(page, $"owner-{viewport}@example.com", "/orgs");
        await page.GetByLabel("New organisation").FillAsync("Agency Team");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Agency Team" })).ToBeVisibleAsync();

        var ownRow = page.Locator("#members tr", new() { HasText = $"owner-{viewport}@example.com" });
        await Assertions.Expect(ownRow).ToContainTextAsync("owner (you)");
        await Assertions.Expect(ownRow.Locator("select")).ToHaveCountAsync(0);
        await Assertions.Expect(ownRow.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#invite-error")).ToHaveTextAsync("Enter the e-mail address of the person to invite, e.g. sam@example.com.");
        await page.GetByLabel("E-mail address").FillAsync("sam@example.com");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("auditor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#invitation-link")).ToContainTextAsync("/orgs#invitation=cbi_");
        await Assertions.Expect(page.Locator("#invitation-email")).ToHaveTextAsync("sam@example.com");
        var pending = page.Locator("#pending-invitations tr", new() { HasText = "sam@example.com" });
        await Assertions.Expect(pending).ToContainTextAsync("auditor");
        var first = await page.Locator("#invitation-link").TextContentAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await Assertions.Expect(page.Locator("#invitation-copied")).ToHaveTextAsync("Link copied to the clipboard.");
        Assert.Equal(first, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        var problems = new List<string>(await PageChecks.ProblemsAsync(page, $"invitations-{viewport}"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Send the invitation to sam@example.com again" }).ClickAsync();
        await Assertions.Expect(page.Locator("#invitation-link")).Not.ToHaveTextAsync(first!);
        await Assertions.Expect(pending).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw the invitation to sam@example.com" }).ClickAsync();
        await Assertions.Expect(pending).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#invitations-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#invitation")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("invitation.revoke");
        problems.AddRange(await PageChecks.ProblemsAsync(page, $"invitations-withdrawn-{viewport}"));
        Report(problems);
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task The_account_page_groups_refinements_under_their_project_and_searches_renames_and_deletes(string viewport)
    {
        var page = await NewContextPageAsync(viewport);
        await DevSignInAsync(page, $"agency-{viewport}@example.com", "/account");
        using var api = new HttpClient { BaseAddress = Host.BaseAddress };
        using (var signIn = await api.PostAsJsonAsync("/api/dev/sign-in", new { email = $"agency-{viewport}@example.com" }))
        {
            var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var invoices = await GenerateAsync(api, new { requirement = "A crew that reads supplier invoices from our mailbox and books them in the ledger." });
        await GenerateAsync(api, new { parentId = invoices, instruction = "Add an agent that checks the VAT numbers." });
        await GenerateAsync(api, new { requirement = "A crew that triages our support inbox and drafts replies for the support team." });

        await page.ReloadAsync();
        var projects = page.Locator("#history > li.project");
        await Assertions.Expect(projects).ToHaveCountAsync(2);
        var invoiceProject = projects.Filter(new() { HasText = "supplier invoices" });
        await Assertions.Expect(invoiceProject.Locator("summary")).ToHaveTextAsync("1 refinement");
        var problems = new List<string>(await PageChecks.ProblemsAsync(page, $"projects-{viewport}"));

        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("invoices");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(projects).ToHaveCountAsync(1);
        await page.GetByLabel("Status").SelectOptionAsync("failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#history-none-found")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await Assertions.Expect(projects).ToHaveCountAsync(2);

        await invoiceProject.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await page.GetByLabel("New name").FillAsync("Books for Acme");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Books for Acme" })).ToBeVisibleAsync();
        problems.AddRange(await PageChecks.ProblemsAsync(page, $"projects-renamed-{viewport}"));

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var support = projects.Filter(new() { HasText = "support inbox" });
        await support.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Delete ") }).First.ClickAsync();
        await Assertions.Expect(projects).ToHaveCountAsync(1);
        await Assertions.Expect(projects.First).ToContainTextAsync("Books for Acme");
        Report(problems);
    }

    /// <summary>Starts a generation through the API and waits (up to a minute) until it has ended; its id.</summary>
    private static async Task<string> GenerateAsync(HttpClient api, object body)
    {
        using var started = await api.PostAsJsonAsync("/api/generations", body);
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (true)
        {
            var status = (await api.GetFromJsonAsync<JsonElement>($"/api/generations/{id}")).GetProperty("status").GetString();
            if (status == "completed")
            {
                return id;
            }

            Assert.True(status is "queued" or "running" && DateTimeOffset.UtcNow < deadline, $"Generation {id} is {status}.");
            await Task.Delay(250);
        }
    }

    private async Task<IPage> NewContextPageAsync(string viewport, bool clipboard = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Viewport(viewport), BypassCSP = true,
            Permissions = clipboard ? ["clipboard-read", "clipboard-write"] : [],
        });
        return await context.NewPageAsync();
    }

    private void Report(List<string> problems)
    {
        foreach (var problem in problems)
        {
            output.WriteLine(problem);
        }

        Assert.Empty(problems);
    }
}
