using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>
/// On a phone, an organisation's owner registers a webhook endpoint, copies the secret shown once, sends a test event
/// and reads the delivery log; the loopback HTTPS receiver checks the signature with that secret on its own.
/// </summary>
public sealed class WebhookPanelTests(WebhookWorld world) : BrowserTest<WebhookWorld>(world)
{

    [Fact]
    public async Task An_owner_registers_an_endpoint_sends_a_test_event_and_reads_the_log_on_a_phone()
    {
        var (receiver, earlier) = (Shared.Receiver, Shared.Receiver.Received.Count);
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Phone, BypassCSP = true });
        await DevSignInAsync(page, "wendy@example.com", "/orgs");
        await page.GetByLabel("New organisation").FillAsync("Hooked Inc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks" })).ToBeVisibleAsync();

        await page.GetByLabel("Endpoint URL (https)").FillAsync(receiver.Url);
        await page.GetByLabel("usage.threshold").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        await Assertions.Expect(page.Locator("#webhook-secret code")).ToContainTextAsync("whsec_");
        var secret = (await page.Locator("#webhook-secret code").TextContentAsync())!;
        await Assertions.Expect(page.Locator("#webhooks")).ToContainTextAsync("generation.completed, generation.failed, key.rotation_due");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Send test event: {receiver.Url}" }).ClickAsync();
        await Assertions.Expect(page.Locator("#webhook-note")).ToHaveTextAsync("Test event delivered: 200");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = $"Deliveries to {receiver.Url}" })).ToContainTextAsync("HTTP 200");
        var received = Assert.Single(await Shared.NextDeliveriesAsync(earlier));
        Assert.True(WebhookReceiver.Verifies(received, secret), received.Signature);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#webhooks")).ToContainTextAsync(receiver.Url);
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Empty(await PageChecks.ProblemsAsync(page, "webhooks-phone"));
    }
}
