using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;

namespace CrewBuilder.Core.Billing;

/// <summary>Rejected: the signature did not verify; Unreadable: it did, but the payload is not an event with an id and a type.</summary>
public enum WebhookOutcome { Rejected, Unreadable, Duplicate, Processed, Ignored }

/// <summary>
/// Stripe's webhook: the signature is checked with Stripe's scheme (tolerance from <see cref="StripeOptions"/>), each
/// event id is applied once, and every handler re-reads the object from Stripe, so retries and reordering agree.
/// </summary>
public sealed partial class StripeWebhook(
    IOptions<StripeOptions> options, StripeEventLog events, StripeGateway stripe, SubscriptionSync subscriptions, CreditStore credits,
    TimeProvider time, ILogger<StripeWebhook> logger)
{
    public async Task<WebhookOutcome> HandleAsync(string payload, string? signature, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.WebhookSecret) || string.IsNullOrEmpty(signature))
        {
            return WebhookOutcome.Rejected;
        }

        try
        {
            EventUtility.ValidateSignature(payload, signature, settings.WebhookSecret, settings.WebhookToleranceSeconds, time.GetUtcNow().ToUnixTimeSeconds());
        }
        catch (Exception e) when (e is StripeException or FormatException or OverflowException)
        {
            logger.LogWarning("A Stripe webhook was refused: its signature did not verify, or its timestamp was unreadable or too old");
            return WebhookOutcome.Rejected;
        }

        if (ReadEvent(payload) is not { } stripeEvent)
        {
            logger.LogWarning("A signed Stripe webhook was refused: its payload is not an event with an id and a type");
            return WebhookOutcome.Unreadable;
        }

        if (await events.SeenAsync(stripeEvent.Id, cancellationToken))
        {
            return WebhookOutcome.Duplicate;
        }

        var handled = await ApplyAsync(stripeEvent, cancellationToken);
        await events.RecordAsync(stripeEvent.Id, stripeEvent.Type, handled, cancellationToken);
        logger.LogInformation("Stripe event {EventId} of type {EventType} {Outcome}", stripeEvent.Id, stripeEvent.Type, handled ? "applied" : "ignored");
        return handled ? WebhookOutcome.Processed : WebhookOutcome.Ignored;
    }

    /// <summary>
    /// The event, once its signature has verified; null unless it is a JSON object whose id is Stripe-shaped (it becomes
    /// a storage key) with a string type, that Stripe.net reads as an event.
    /// </summary>
    private static Event? ReadEvent(string payload)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(payload) is System.Text.Json.Nodes.JsonObject json
                && json["id"] is System.Text.Json.Nodes.JsonValue id && id.TryGetValue<string>(out var eventId) && EventId().IsMatch(eventId)
                && json["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                && EventUtility.ConstructEventWithoutVerification(payload, throwOnApiVersionMismatch: false) is { Id.Length: > 0, Type.Length: > 0 } stripeEvent
                    ? stripeEvent
                    : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            return null; // ArgumentException: a repeated property, or a payload Stripe.net does not take for an event
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^evt_[A-Za-z0-9_]{1,250}$")]
    private static partial System.Text.RegularExpressions.Regex EventId();

    private async Task<bool> ApplyAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        switch (stripeEvent.Data.Object)
        {
            case Stripe.Checkout.Session { Id: not null } session when stripeEvent.Type is EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded:
                await CheckoutCompletedAsync(session.Id, cancellationToken);
                return true;
            case Subscription { Id: not null } subscription when stripeEvent.Type.StartsWith("customer.subscription.", StringComparison.Ordinal):
                await subscriptions.SyncAsync(subscription.Id, cancellationToken);
                return true;
            case Invoice invoice when stripeEvent.Type is EventTypes.InvoicePaid or EventTypes.InvoicePaymentFailed
                && invoice.Parent?.SubscriptionDetails?.SubscriptionId is { } subscriptionId:
                await subscriptions.SyncAsync(subscriptionId, cancellationToken);
                return true;
            case Charge { Id: not null } charge when stripeEvent.Type == EventTypes.ChargeRefunded:
                var refund = await stripe.RefundOfChargeAsync(charge.Id, cancellationToken);
                if (refund.CreditId is { } creditId)
                {
                    await credits.RefundAsync(creditId, (int)(refund.AmountRefunded / Plans.GenerationPriceCents), cancellationToken);
                }

                return refund.CreditId is not null;
            default:
                return false;
        }
    }

    private async Task CheckoutCompletedAsync(string sessionId, CancellationToken cancellationToken)
    {
        var session = await stripe.CheckoutAsync(sessionId, cancellationToken);
        if (session is { Mode: "payment", Paid: true, CreditId: { } creditId })
        {
            await credits.ActivateAsync(creditId, session.PaymentIntentId, cancellationToken);
        }
        else if (session.SubscriptionId is { } subscriptionId)
        {
            await subscriptions.SyncAsync(subscriptionId, cancellationToken);
        }
    }
}
