using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>
/// On the account page, a Professional registers a webhook endpoint of their own, copies the secret shown once, sends a
/// test event and reads the delivery log (the loopback HTTPS receiver checks the signature on its own); a Basic account
/// is told which plans have webhooks.
/// </summary>
public sealed class AccountWebhookPanelTests(WebhookWorld world) : BrowserTest<WebhookWorld>(world)
{

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task A_professional_registers_an_endpoint_sends_a_test_event_and_reads_the_log_on_the_account_page(string viewport)
    {
        var (receiver, earlier) = (Shared.Receiver, Shared.Receiver.Received.Count);
        await using var context = await Browser.NewContextAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Viewport(viewport), BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin?next=/account");
        await page.GetByLabel("E-mail address").FillAsync($"hooks-{viewport}@example.com");
        await page.GetByLabel("Plan to try").SelectOptionAsync("professional");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#webhooks-empty")).ToBeVisibleAsync();

        await page.GetByLabel("Endpoint URL (https)").FillAsync("http://hooks.example.com/in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await Assertions.Expect(page.Locator("#webhooks-error")).ToBeVisibleAsync();

        await page.GetByLabel("Endpoint URL (https)").FillAsync(receiver.Url);
        await page.GetByLabel("key.rotation_due").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await Assertions.Expect(page.Locator("#webhook-secret code")).ToContainTextAsync("whsec_");
        await Assertions.Expect(page.Locator("#webhooks-error")).ToBeHiddenAsync();
        var secret = (await page.Locator("#webhook-secret code").TextContentAsync())!;
        await Assertions.Expect(page.Locator("#webhooks")).ToContainTextAsync("generation.completed, generation.failed, usage.threshold");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Send test event: {receiver.Url}" }).ClickAsync();
        await Assertions.Expect(page.Locator("#webhook-note")).ToHaveTextAsync("Test event delivered: 200");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = $"Deliveries to {receiver.Url}" })).ToContainTextAsync("HTTP 200");
        var received = Assert.Single(await Shared.NextDeliveriesAsync(earlier));
        Assert.True(WebhookReceiver.Verifies(received, secret), received.Signature);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#webhooks")).ToContainTextAsync(receiver.Url);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await PageChecks.ProblemsAsync(page, $"account-webhooks-{viewport}"));
    }

    [Fact]
    public async Task A_basic_account_is_told_which_plans_have_webhooks()
    {
        await using var context = await Browser.NewContextAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Phone });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin?next=/account");
        await page.GetByLabel("E-mail address").FillAsync("basic-hooks@example.com");
        await page.GetByLabel("Plan to try").SelectOptionAsync("basic");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.Locator("#webhooks-unavailable")).ToHaveTextAsync("Webhooks come with the Professional and Enterprise plans.");
        await Assertions.Expect(page.GetByLabel("Endpoint URL (https)")).ToBeHiddenAsync();
    }
}
