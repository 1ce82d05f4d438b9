using System.Text.Json;
using CrewBuilder.Core.Webhooks;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Webhooks;

/// <summary>Deliveries, retries and the connection guard through Core's services on a fake clock, to a loopback HTTPS receiver.</summary>
public sealed class WebhookDeliveryTests : IDisposable
{
    private const string Tenant = "uwebhookretries";
    private readonly WebhookReceiver receiver = new();
    private readonly CoreServices core;

    public WebhookDeliveryTests()
    {
        core = new CoreServices(new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero),
            new Dictionary<string, string?> { ["Webhooks:AllowedPrivateHosts:0"] = "127.0.0.1" }, services => receiver.TrustIn(services, Core.Webhooks.WebhookSender.ClientName));
    }

    private WebhookService Webhooks => core.Get<WebhookService>();

    [Fact]
    public async Task A_failed_delivery_is_retried_after_its_back_off_with_the_same_event_id_until_it_lands()
    {
        receiver.Answers.Enqueue(500);
        receiver.Answers.Enqueue(503);
        var (endpointId, secret) = await RegisterAsync(WebhookEventTypes.UsageThreshold);

        await Webhooks.PublishAsync(Tenant, WebhookEventTypes.UsageThreshold, new() { ["occasion"] = "quota-80" }, CancellationToken.None);
        var first = Assert.Single(await DeliveriesAsync(endpointId));
        Assert.Equal((WebhookDeliveryState.Pending, 1, 500), (first.State, first.Attempts, first.LastStatus));
        Assert.Equal(core.Time.GetUtcNow() + TimeSpan.FromMinutes(1), first.NextAttemptAt);

        core.Time.Advance(TimeSpan.FromSeconds(59));
        await Webhooks.RetryDueAsync(CancellationToken.None);
        Assert.Single(receiver.Received); // not due yet

        core.Time.Advance(TimeSpan.FromSeconds(1));
        await Webhooks.RetryDueAsync(CancellationToken.None);
        core.Time.Advance(TimeSpan.FromMinutes(4));
        await Webhooks.RetryDueAsync(CancellationToken.None);
        await Webhooks.RetryDueAsync(CancellationToken.None); // taken off the index: no fourth attempt

        var landed = Assert.Single(await DeliveriesAsync(endpointId));
        Assert.Equal((WebhookDeliveryState.Delivered, 3, 200, (DateTimeOffset?)null), (landed.State, landed.Attempts, landed.LastStatus, landed.NextAttemptAt));
        var bodies = receiver.Received;
        Assert.Equal(3, bodies.Count);
        Assert.Single(bodies.Select(body => JsonDocument.Parse(body.Body).RootElement.GetProperty("id").GetString()).Distinct());
        Assert.All(bodies, body => Assert.True(WebhookReceiver.Verifies(body, secret)));
    }

    [Fact]
    public async Task A_delivery_that_never_lands_is_given_up_24_hours_after_its_event()
    {
        for (var i = 0; i < 50; i++)
        {
            receiver.Answers.Enqueue(500);
        }

        var (endpointId, _) = await RegisterAsync(WebhookEventTypes.GenerationFailed);
        await Webhooks.PublishAsync(Tenant, WebhookEventTypes.GenerationFailed, new() { ["generationId"] = "g1" }, CancellationToken.None);
        var start = core.Time.GetUtcNow();
        while (core.Time.GetUtcNow() < start + TimeSpan.FromHours(25))
        {
            core.Time.Advance(TimeSpan.FromMinutes(30));
            await Webhooks.RetryDueAsync(CancellationToken.None);
        }

        var failed = Assert.Single(await DeliveriesAsync(endpointId));
        Assert.Equal((WebhookDeliveryState.Failed, (DateTimeOffset?)null), (failed.State, failed.NextAttemptAt));
        Assert.InRange(failed.Attempts, 7, 10); // 1, 4, 16, 64 and 256 minutes, then 6 hours apart, within the day
        Assert.Equal(failed.Attempts, receiver.Received.Count);
    }

    [Fact]
    public async Task Only_subscribed_endpoints_get_an_event()
    {
        var (completedOnly, _) = await RegisterAsync(WebhookEventTypes.GenerationCompleted);

        await Webhooks.PublishAsync(Tenant, WebhookEventTypes.KeyRotationDue, new(), CancellationToken.None);

        Assert.Empty(await DeliveriesAsync(completedOnly));
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Without_the_platform_allowance_a_loopback_address_is_refused_when_connecting_too()
    {
        using var strict = new CoreServices(core.Time.GetUtcNow(), null, services => receiver.TrustIn(services, Core.Webhooks.WebhookSender.ClientName));
        var webhooks = strict.Get<WebhookService>();
        Assert.NotNull(strict.Get<WebhookTargets>().ProblemWith(receiver.Url));
        var registered = Assert.IsType<WebhookOutcome<WebhookSecretIssued>.Done>(
            await webhooks.RegisterAsync(Tenant, receiver.Url, [WebhookEventTypes.GenerationCompleted], CancellationToken.None));

        var test = Assert.IsType<WebhookOutcome<WebhookDeliveryView>.Done>(await webhooks.SendTestAsync(Tenant, registered.Value.Endpoint.Id, CancellationToken.None)).Value;

        Assert.Equal((WebhookDeliveryState.Failed, (int?)null), (test.State, test.LastStatus));
        Assert.Contains("could not be reached", test.LastError, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    private async Task<(string EndpointId, string Secret)> RegisterAsync(string type)
    {
        var issued = Assert.IsType<WebhookOutcome<WebhookSecretIssued>.Done>(await Webhooks.RegisterAsync(Tenant, receiver.Url, [type], CancellationToken.None)).Value;
        return (issued.Endpoint.Id, issued.Secret);
    }

    private async Task<IReadOnlyList<WebhookDeliveryView>> DeliveriesAsync(string endpointId) =>
        Assert.IsType<WebhookOutcome<IReadOnlyList<WebhookDeliveryView>>.Done>(await Webhooks.DeliveriesAsync(Tenant, endpointId, CancellationToken.None)).Value;

    public void Dispose()
    {
        core.Dispose();
        receiver.Dispose();
    }
}
