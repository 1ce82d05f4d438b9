using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>An owner sets up an organisation and its key, invites a member, and the member generates with that key.</summary>
public sealed class OrganisationPageTests(OrganisationPageTests.World world) : BrowserTest<OrganisationPageTests.World>(world)
{
    /// <summary>The organisation's keys are checked against the provider stand-in.</summary>
    public sealed class World : ProviderWorld
    {
        protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
        {
            ["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl,
            ["CREWBUILDER_DEV_AUTH"] = "true",
        };
    }

    [Fact]
    public async Task An_admin_invites_a_member_sets_an_organisation_key_and_the_member_generates_with_it()
    {
        var owner = await NewPageAsync();
        await DevSignInAsync(owner, "olive@example.com", "/orgs");
        await owner.GetByLabel("New organisation").FillAsync("Acme Support");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Acme Support" })).ToBeVisibleAsync();
        await owner.GetByLabel("OpenAI organisation key", new() { Exact = true }).FillAsync(ProviderStandIn.ValidOpenAiKey);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save OpenAI organisation key" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#org-providers")).ToContainTextAsync("sk-…0000");
        await owner.GetByLabel("Display name").FillAsync("Acme Support Desk");
        await owner.GetByLabel("Support contact").FillAsync("help@acme.example");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save branding" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#orgs-note")).ToHaveTextAsync("Branding saved.");
        await owner.GetByLabel("E-mail address").FillAsync("mia@example.com");
        await owner.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("member");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        await Assertions.Expect(owner.Locator("#invitation-link")).ToContainTextAsync("/orgs#invitation=cbi_");
        var link = await owner.Locator("#invitation-link").TextContentAsync();
        Assert.Contains("/orgs#invitation=cbi_", link, StringComparison.Ordinal);

        await using var memberContext = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Host.BaseAddress.ToString() });
        var member = await memberContext.NewPageAsync();
        var sentUrls = new List<string>();
        member.Request += (_, request) => sentUrls.Add(request.Url);
        await member.GotoAsync(link!);
        await member.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).Last.ClickAsync();
        await member.GetByLabel("E-mail address").FillAsync("mia@example.com");
        await member.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(member.Locator("#orgs-note")).ToHaveTextAsync("You joined Acme Support as member.");
        Assert.DoesNotContain(member.Url, "cbi_", StringComparison.Ordinal);

        await member.GotoAsync("/generate");
        await Assertions.Expect(member.Locator("[data-org-brand]")).ToHaveTextAsync("Acme Support Desk");
        await Assertions.Expect(member.Locator("[data-org-support]")).ToHaveAttributeAsync("href", "mailto:help@acme.example");
        await member.GetByLabel("My organisation's key (Acme Support, OpenAI)").CheckAsync();
        await member.GetByLabel("What should your crew do?").FillAsync("A crew that triages our support inbox and drafts replies for the support team.");
        await member.GetByRole(AriaRole.Button, new() { Name = "Generate crew" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(member.GetByText("Designed by OpenAI with Acme Support's key")).ToBeVisibleAsync();
        Assert.DoesNotContain(sentUrls, url => url.Contains("cbi_", StringComparison.Ordinal));

        await owner.ReloadAsync();
        await Assertions.Expect(owner.Locator("#audit")).ToContainTextAsync("key.use");
        await Assertions.Expect(owner.Locator("#org-usage")).ToHaveTextAsync("1 generation this month with the organisation's keys (no cap)");
        await Assertions.Expect(owner.Locator("#org-generations")).ToContainTextAsync("triages our support inbox");
        await owner.GetByLabel("OpenAI organisation key", new() { Exact = true }).FillAsync("sk-proj-" + "valid-rotated-in-browser-0001");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Stage new OpenAI organisation key" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#org-providers")).ToContainTextAsync("staged");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Make the staged OpenAI key active" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#org-providers")).ToContainTextAsync("sk-…0001");
        await Assertions.Expect(owner.Locator("#org-providers")).ToContainTextAsync("previous key usable until");
        await Assertions.Expect(owner.Locator("#audit")).ToContainTextAsync("key.rotate");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#verdict")).ToContainTextAsync("Intact");
        await owner.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("organisation"), FullPage = true });
    }
}
