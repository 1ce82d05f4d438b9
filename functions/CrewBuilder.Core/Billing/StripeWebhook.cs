using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;

namespace CrewBuilder.Core.Billing;

public enum WebhookOutcome { Rejected, Duplicate, Processed, Ignored }

/// <summary>
/// Stripe's webhook: the signature is checked with Stripe's scheme (tolerance from <see cref="StripeOptions"/>), each
/// event id is applied once, and every handler re-reads the object from Stripe, so retries and reordering agree.
/// </summary>
public sealed class StripeWebhook(
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

        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(
                payload, signature, settings.WebhookSecret, settings.WebhookToleranceSeconds, time.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            logger.LogWarning("A Stripe webhook was refused: its signature did not verify or it was too old");
            return WebhookOutcome.Rejected;
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

    private async Task<bool> ApplyAsync(Event stripeEvent, CancellationToken cancellationToken)
    {
        switch (stripeEvent.Data.Object)
        {
            case Stripe.Checkout.Session session when stripeEvent.Type is EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded:
                await CheckoutCompletedAsync(session.Id, cancellationToken);
                return true;
            case Subscription subscription when stripeEvent.Type.StartsWith("customer.subscription.", StringComparison.Ordinal):
                await subscriptions.SyncAsync(subscription.Id, cancellationToken);
                return true;
            case Invoice invoice when stripeEvent.Type is EventTypes.InvoicePaid or EventTypes.InvoicePaymentFailed
                && invoice.Parent?.SubscriptionDetails?.SubscriptionId is { } subscriptionId:
                await subscriptions.SyncAsync(subscriptionId, cancellationToken);
                return true;
            case Charge charge when stripeEvent.Type == EventTypes.ChargeRefunded:
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
