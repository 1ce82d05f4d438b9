using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>Buying through the Stripe stand-in's checkout page, then using what was bought.</summary>
public sealed class BillingPageTests(BillingPageTests.World world) : BrowserTest<BillingPageTests.World>(world)
{
    /// <summary>Stripe's stand-in delivers its events to the host's webhook; CrewBuilder Pro AI's model is the provider stand-in.</summary>
    public sealed class World : BrowserWorld
    {
        public World()
        {
            Stripe.DeliverWebhook = async (payload, signature) =>
            {
                using var http = new HttpClient { BaseAddress = Host.BaseAddress };
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/billing/webhook") { Content = StripeStandIn.WebhookContent(payload) };
                request.Headers.Add("Stripe-Signature", signature);
                using var response = await http.SendAsync(request);
                return (int)response.StatusCode;
            };
        }

        public ProviderStandIn Providers { get; } = new();

        private StripeStandIn Stripe { get; } = new();

        protected override IReadOnlyDictionary<string, string> HostSettings
        {
            get
            {
                var settings = Stripe.HostSettings("__");
                settings["Platform__OpenAiApiKey"] = ProviderStandIn.ValidOpenAiKey;
                settings["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl;
                settings["CREWBUILDER_DEV_AUTH"] = "true";
                return settings;
            }
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Stripe.Dispose();
            Providers.Dispose();
        }
    }

    [Fact]
    public async Task A_visitor_buys_one_generation_through_checkout_and_generates_with_crewbuilder_pro_ai()
    {
        var page = await NewPageAsync();

        await page.GotoAsync("/pricing");
        await Assertions.Expect(page.Locator("[data-plan=generation]")).ToContainTextAsync("$5 per generation");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("pricing"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Buy one generation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stripe Checkout stand-in" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Payment received" }))
            .ToHaveTextAsync("Payment received: 1 CrewBuilder Pro AI generation ready to use.");
        await Assertions.Expect(page.GetByLabel("CrewBuilder Pro AI (paid generation, 1 left)")).ToBeCheckedAsync();
        await page.GetByLabel("What should your crew do?").FillAsync("A crew that triages our support inbox and drafts replies for the support team.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate crew" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your crew is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByText("Designed by OpenAI with CrewBuilder Pro AI")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("generate-paid"), FullPage = true });
        Assert.Contains(Shared.Providers.Requests, request => request.Credential == ProviderStandIn.ValidOpenAiKey);
        await Assertions.Expect(page.GetByLabel("CrewBuilder Pro AI (paid generation, 1 left)")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_person_subscribes_to_basic_and_sees_the_plan_and_usage_on_the_billing_page()
    {
        var page = await NewPageAsync();
        await DevSignInAsync(page, "grace@example.com", "/pricing");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pricing" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Choose Basic" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Billing" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#checkout-note")).ToHaveTextAsync("Your Basic plan is active.");
        await Assertions.Expect(page.Locator("#usage-line")).ToHaveTextAsync("0/10 generations this month");
        await Assertions.Expect(page.Locator("#plan-status")).ToHaveTextAsync("Active");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Manage billing" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSession.ScreenshotPath("billing"), FullPage = true });
    }

    [Fact]
    public async Task A_professional_keeps_templates_of_their_own_in_settings_and_starts_from_one_in_the_gallery()
    {
        var page = await NewPageAsync();
        await DevSignInAsync(page, "petra@example.com", "/pricing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Choose Professional" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();
        await Assertions.Expect(page.Locator("#checkout-note")).ToHaveTextAsync("Your Professional plan is active.");

        await page.GotoAsync("/settings");
        await page.GetByLabel("Name of new template").FillAsync("Refund desk");
        await page.GetByLabel("Requirement of new template").FillAsync("A crew that reviews refund requests against our policy and drafts decisions.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create template" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Name of Refund desk")).ToHaveValueAsync("Refund desk");
        await page.GetByLabel("Name of Refund desk").FillAsync("Refund review desk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save Refund desk" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Name of Refund review desk")).ToHaveValueAsync("Refund review desk");

        await page.GotoAsync("/generate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refund review desk" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("What should your crew do?")).ToHaveValueAsync("A crew that reviews refund requests against our policy and drafts decisions.");

        await page.GotoAsync("/settings");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Refund review desk" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Name of Refund review desk")).ToHaveCountAsync(0);
    }}
