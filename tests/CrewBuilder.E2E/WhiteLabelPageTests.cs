using System.Text.Json;
using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>
/// White-label on a mapped hostname: Chromium resolves crews.acme.test to the self-host's loopback address
/// (--host-resolver-rules), and the self-host asks a loopback DNS stand-in for the hostname's TXT record.
/// </summary>
public sealed class WhiteLabelPageTests(WhiteLabelPageTests.World world) : BrowserTest<WhiteLabelPageTests.World>(world)
{
    private const string MappedHost = "crews.acme.test";
    private const string Requirement = "A crew that triages our support inbox and drafts replies for the support team.";

    // A 1×1 PNG: the organisation's logo.
    private static readonly byte[] Logo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>The host asks the DNS stand-in for TXT records; Chromium resolves the mapped hostname to loopback.</summary>
    public sealed class World : ProviderWorld
    {
        public DnsStandIn Dns { get; } = new();

        protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
        {
            ["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl,
            ["CREWBUILDER_DEV_AUTH"] = "true",
            ["WhiteLabel__NameServer"] = Dns.EndPoint,
        };

        protected override IReadOnlyList<string> BrowserArgs => [$"--host-resolver-rules=MAP {MappedHost} 127.0.0.1"];

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Dns.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_owner_maps_a_hostname_and_everyone_there_sees_only_the_organisations_brand_and_generates_on_its_key()
    {
        await using var ownerContext = await Browser.NewContextAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Desktop, BypassCSP = true });
        var owner = await ownerContext.NewPageAsync();
        await DevSignInAsync(owner, "olive@example.com", "/orgs");
        await owner.GetByLabel("New organisation").FillAsync("Acme Crews");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Name = "Acme Crews" })).ToBeVisibleAsync();
        await owner.GetByLabel("OpenAI organisation key", new() { Exact = true }).FillAsync(ProviderStandIn.ValidOpenAiKey);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save OpenAI organisation key" }).ClickAsync();
        try
        {
            await Assertions.Expect(owner.Locator("#org-providers")).ToContainTextAsync("sk-…0000");
        }
        catch (PlaywrightException)
        {
            Assert.Fail($"The key was not saved: {await owner.Locator("#orgs-error").TextContentAsync()}\n{string.Join('\n', Host.Output.Split('\n').TakeLast(30))}");
        }
        await owner.GetByLabel("Display name").FillAsync("Acme Crews Portal");
        // A colour the site's links and buttons could not be read in is refused, and the page says what would read.
        await owner.GetByLabel("Colour").FillAsync("#ffd400");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save branding" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#orgs-error")).ToContainTextAsync("#ffd400 is too light for the site's links and buttons");
        await Assertions.Expect(owner.Locator("#orgs-error")).ToContainTextAsync("A darker shade of it, #");
        await owner.GetByLabel("Colour").FillAsync("#0f766e");
        await owner.GetByLabel("Support contact").FillAsync("help@acme.test");
        await owner.GetByLabel("Logo (PNG, at most 40 KB)").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = Logo });
        await owner.GetByLabel("Footer links of your own hostnames").FillAsync("Terms https://acme.test/terms");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save branding" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#orgs-note")).ToHaveTextAsync("Branding saved.");

        // The hostname registration: pending with its TXT record, refused while DNS does not carry it, verified once it does.
        await owner.GetByLabel("Hostname", new() { Exact = true }).FillAsync(MappedHost);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Add hostname" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#hostname-list")).ToContainTextAsync($"{MappedHost}: pending");
        var record = owner.Locator("#hostname-list code");
        var (recordName, recordValue) = (await record.Nth(0).TextContentAsync(), await record.Nth(1).TextContentAsync());
        Assert.Equal($"_crewbuilder-verify.{MappedHost}", recordName);
        await owner.GetByRole(AriaRole.Button, new() { Name = $"Verify {MappedHost}" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#orgs-error")).ToContainTextAsync("There is no TXT record");
        Shared.Dns.SetTxt(recordName!, recordValue!);
        await owner.GetByRole(AriaRole.Button, new() { Name = $"Verify {MappedHost}" }).ClickAsync();
        await Assertions.Expect(owner.Locator("#hostname-list")).ToContainTextAsync($"{MappedHost}: verified");
        await owner.Locator("#org-hostnames").ScrollIntoViewIfNeededAsync();
        var problems = new List<string>(await PageChecks.ProblemsAsync(owner, "orgs-hostnames-desktop"));

        // On CrewBuilder's own host the owner keeps co-branding (applied as a page loads), and the signed-in header stays one row at 1366 px.
        await owner.ReloadAsync();
        await Assertions.Expect(owner.Locator("[data-org-brand]")).ToContainTextAsync("Acme Crews Portal");
        Assert.True(await owner.EvaluateAsync<bool>(
            """
            () => {
              const items = [...document.querySelectorAll('.site-header .brand, .site-header nav > a, .site-header .account-nav > *')].map(e => e.getBoundingClientRect());
              return Math.max(...items.map(r => r.top)) < Math.min(...items.map(r => r.bottom));
            }
            """), "the header's brand and links share one row at 1366 px");

        string? generationId = null;
        foreach (var viewport in new[] { "phone", "desktop" })
        {
            await using var visitorContext = await Browser.NewContextAsync(new()
            {
                BaseURL = $"http://{MappedHost}:{Host.BaseAddress.Port}", ViewportSize = PageChecks.Viewport(viewport), BypassCSP = true,
            });
            var visitor = await visitorContext.NewPageAsync();
            foreach (var path in new[] { "/", "/generate" })
            {
                await visitor.GotoAsync(path);
                await Assertions.Expect(visitor.Locator(".brand")).ToHaveTextAsync("Acme Crews Portal");
                await Assertions.Expect(visitor.Locator(".brand img")).ToHaveAttributeAsync("src", "data:image/png;base64," + Convert.ToBase64String(Logo));
                Assert.DoesNotContain("CrewBuilder", await visitor.TitleAsync(), StringComparison.Ordinal);
                Assert.Contains("Acme Crews Portal", await visitor.TitleAsync(), StringComparison.Ordinal);
                Assert.Equal("#0f766e", await visitor.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()"));
                await Assertions.Expect(visitor.Locator("a[href^='/pricing']")).ToHaveCountAsync(0);
                await Assertions.Expect(visitor.Locator(".brand img[src='/favicon.svg']")).ToHaveCountAsync(0);
                await Assertions.Expect(visitor.Locator(".site-footer")).ToContainTextAsync("Terms");
                await Assertions.Expect(visitor.Locator(".site-footer a[href='mailto:help@acme.test']")).ToHaveTextAsync("Acme Crews Portal support");
                Assert.DoesNotContain("CrewBuilder", await visitor.Locator("header, footer").AllInnerTextsAsync() is var texts ? string.Join(" ", texts) : "", StringComparison.Ordinal);
                problems.AddRange(await PageChecks.ProblemsAsync(visitor, $"white-label{path.Replace('/', '-')}-{viewport}"));
            }

            // The generate page offers no CrewBuilder Pro AI, no $5 payment: the organisation's AI designs the crew.
            await Assertions.Expect(visitor.GetByText("Pay $5 with Stripe")).ToBeHiddenAsync();
            await Assertions.Expect(visitor.Locator("#platform-choice")).ToBeHiddenAsync();
            await Assertions.Expect(visitor.Locator("#site-ai")).ToHaveTextAsync("Your crew is designed with Acme Crews Portal's AI, at no charge to you.");
            if (viewport == "desktop")
            {
                await visitor.GetByLabel("What should your crew do?").FillAsync(Requirement);
                var started = await visitor.RunAndWaitForResponseAsync(
                    () => visitor.GetByRole(AriaRole.Button, new() { Name = "Generate crew" }).ClickAsync(),
                    response => response.Url.EndsWith("/api/generations", StringComparison.Ordinal) && response.Request.Method == "POST");
                Assert.Equal(202, started.Status);
                generationId = (await started.JsonAsync())?.GetProperty("id").GetString();
            }
        }

        // The owner finds the visitor's generation among those paid with the organisation's key.
        await owner.ReloadAsync();
        await Assertions.Expect(owner.Locator("#org-generations li")).ToHaveCountAsync(1);
        await Assertions.Expect(owner.Locator("#org-generations")).ToContainTextAsync(Requirement[..30]);
        Assert.NotNull(generationId);
        Assert.Empty(problems);
    }}
