using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CrewBuilder.Core.Keys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Webhooks;

/// <summary>How a webhook use case ended: done with its value, no such endpoint for this tenant, or the tenant's limit reached.</summary>
public abstract record WebhookOutcome<T>
{
    private WebhookOutcome()
    {
    }

    public sealed record Done(T Value) : WebhookOutcome<T>;

    public sealed record NoSuchEndpoint : WebhookOutcome<T>;

    public sealed record TooManyEndpoints(int Limit) : WebhookOutcome<T>;
}

public sealed record WebhookEndpointView(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, DateTimeOffset? PreviousSecretValidUntil);

/// <summary>An endpoint with its signing secret: answered once, when it is registered or its secret rotated, and never again.</summary>
public sealed record WebhookSecretIssued(WebhookEndpointView Endpoint, string Secret);

public sealed record WebhookDeliveryView(
    string Id, string EventId, string EventType, WebhookDeliveryState State, int Attempts, int? LastStatus, string? LastError, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt);

/// <summary>
/// A tenant's outbound webhooks (a Professional account's, or an organisation's): endpoints registered for events, each
/// with a signing secret shown once and rotated with a day's grace for the previous one; events published to every
/// endpoint subscribed, each delivery attempted at once and retried by <see cref="RetryDueAsync"/> (a timer), all in a
/// delivery log. A failing endpoint never fails what published the event.
/// </summary>
public sealed class WebhookService(
    WebhookStore store, WebhookSender sender, ProviderKeyCipher cipher, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookService> logger)
{
    public static readonly TimeSpan PreviousSecretGrace = TimeSpan.FromHours(24);
    private const int LogLength = 50;

    private static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public async Task<WebhookOutcome<WebhookSecretIssued>> RegisterAsync(string tenantId, string url, IReadOnlyList<string> events, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxEndpointsPerTenant;
        if ((await store.ListAsync(tenantId, cancellationToken)).Count >= limit)
        {
            return new WebhookOutcome<WebhookSecretIssued>.TooManyEndpoints(limit);
        }

        var id = "wh" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = NewSecret();
        var endpoint = new WebhookEndpoint(tenantId, id, url, [.. events.Distinct()], time.GetUtcNow(),
            await cipher.EncryptAsync(tenantId, WebhookSender.Purpose, id, secret, cancellationToken), null, null);
        await store.AddAsync(endpoint, cancellationToken);
        return new WebhookOutcome<WebhookSecretIssued>.Done(new(View(endpoint), secret));
    }

    public async Task<IReadOnlyList<WebhookEndpointView>> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(tenantId, cancellationToken)).OrderBy(endpoint => endpoint.CreatedAt).Select(View)];

    public async Task<WebhookOutcome<bool>> DeleteAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        await store.DeleteAsync(tenantId, id, cancellationToken) ? new WebhookOutcome<bool>.Done(true) : new WebhookOutcome<bool>.NoSuchEndpoint();

    /// <summary>A new secret signs from now on; the one it replaces keeps signing beside it for <see cref="PreviousSecretGrace"/>.</summary>
    public async Task<WebhookOutcome<WebhookSecretIssued>> RotateSecretAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(tenantId, id, cancellationToken) is not { } endpoint)
        {
            return new WebhookOutcome<WebhookSecretIssued>.NoSuchEndpoint();
        }

        var secret = NewSecret();
        var rotated = endpoint with
        {
            SecretCipher = await cipher.EncryptAsync(tenantId, WebhookSender.Purpose, id, secret, cancellationToken),
            PreviousSecretCipher = endpoint.SecretCipher,
            PreviousSecretValidUntil = time.GetUtcNow() + PreviousSecretGrace,
        };
        await store.ReplaceAsync(rotated, cancellationToken);
        return new WebhookOutcome<WebhookSecretIssued>.Done(new(View(rotated), secret));
    }

    /// <summary>A <c>webhook.test</c> event to this endpoint alone, attempted once now; the answer is its log entry.</summary>
    public async Task<WebhookOutcome<WebhookDeliveryView>> SendTestAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(tenantId, id, cancellationToken) is not { } endpoint)
        {
            return new WebhookOutcome<WebhookDeliveryView>.NoSuchEndpoint();
        }

        var delivery = await DeliverAsync(endpoint, Event(tenantId, WebhookEventTypes.Test, new JsonObject { ["message"] = "A test event from CrewBuilder." }), false, cancellationToken);
        return new WebhookOutcome<WebhookDeliveryView>.Done(View(delivery));
    }

    public async Task<WebhookOutcome<IReadOnlyList<WebhookDeliveryView>>> DeliveriesAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        await store.FindAsync(tenantId, id, cancellationToken) is null
            ? new WebhookOutcome<IReadOnlyList<WebhookDeliveryView>>.NoSuchEndpoint()
            : new WebhookOutcome<IReadOnlyList<WebhookDeliveryView>>.Done([.. (await store.DeliveriesAsync(tenantId, id, LogLength, cancellationToken)).Select(View)]);

    /// <summary>Sends the event to each of the tenant's endpoints subscribed to its type; a failure is logged and retried, never thrown.</summary>
    public async Task PublishAsync(string tenantId, string type, JsonObject data, CancellationToken cancellationToken)
    {
        var subscribed = (await store.ListAsync(tenantId, cancellationToken)).Where(endpoint => endpoint.Events.Contains(type)).ToList();
        if (subscribed.Count == 0)
        {
            return;
        }

        var webhookEvent = Event(tenantId, type, data);
        foreach (var endpoint in subscribed)
        {
            await DeliverAsync(endpoint, webhookEvent, true, cancellationToken);
        }
    }

    /// <summary>Attempts again every delivery whose retry is due; the timer calls it every minute.</summary>
    public async Task RetryDueAsync(CancellationToken cancellationToken)
    {
        foreach (var due in await store.TakeDueAsync(time.GetUtcNow(), cancellationToken))
        {
            if (await store.DeliveryAsync(due.TenantId, due.DeliveryId, cancellationToken) is not { State: WebhookDeliveryState.Pending } delivery)
            {
                continue;
            }

            if (await store.FindAsync(due.TenantId, delivery.EndpointId, cancellationToken) is not { } endpoint)
            {
                await store.SaveAsync(delivery with { State = WebhookDeliveryState.Failed, NextAttemptAt = null, LastError = "The endpoint was removed." }, cancellationToken);
                continue;
            }

            await sender.AttemptAsync(endpoint, delivery with { NextAttemptAt = null }, true, cancellationToken);
        }
    }

    private async Task<WebhookDelivery> DeliverAsync(WebhookEndpoint endpoint, WebhookEvent webhookEvent, bool retry, CancellationToken cancellationToken)
    {
        var delivery = new WebhookDelivery(endpoint.TenantId, endpoint.Id, WebhookStore.DeliveryId(endpoint.Id, webhookEvent.Created), webhookEvent.Id, webhookEvent.Type,
            JsonSerializer.Serialize(webhookEvent, BodyJson), WebhookDeliveryState.Pending, 0, null, null, webhookEvent.Created, null);
        try
        {
            return await sender.AttemptAsync(endpoint, delivery, retry, cancellationToken);
        }
        catch (Azure.RequestFailedException e)
        {
            logger.LogError(e, "Webhook delivery {DeliveryId} of event {EventId} could not be recorded", delivery.Id, webhookEvent.Id);
            return delivery with { State = WebhookDeliveryState.Failed, LastError = "The delivery could not be recorded." };
        }
    }

    private WebhookEvent Event(string tenantId, string type, JsonObject data) =>
        new("evt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), type, time.GetUtcNow(), tenantId, data);

    private static string NewSecret() => "whsec_" + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static WebhookEndpointView View(WebhookEndpoint endpoint) =>
        new(endpoint.Id, endpoint.Url, endpoint.Events, endpoint.CreatedAt, endpoint.PreviousSecretValidUntil);

    private static WebhookDeliveryView View(WebhookDelivery delivery) => new(
        delivery.Id, delivery.EventId, delivery.EventType, delivery.State, delivery.Attempts, delivery.LastStatus, delivery.LastError, delivery.CreatedAt, delivery.NextAttemptAt);
}
