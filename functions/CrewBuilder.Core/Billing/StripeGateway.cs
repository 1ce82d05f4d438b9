using Microsoft.Extensions.Options;
using Stripe;

namespace CrewBuilder.Core.Billing;

/// <summary>A subscription as Stripe holds it now.</summary>
public sealed record SubscriptionSnapshot(
    string Id, string? TenantId, string CustomerId, string Status, string? PriceId, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd);

/// <summary>A Checkout Session as Stripe holds it now.</summary>
public sealed record CheckoutSnapshot(string Id, string Mode, bool Paid, string? CreditId, string? PaymentIntentId, string? SubscriptionId);

/// <summary>How much of a one-off purchase has been refunded, and which purchase it was.</summary>
public sealed record RefundSnapshot(string? CreditId, long AmountRefunded);

/// <summary>
/// The Stripe API calls CrewBuilder makes, through Stripe.net's <see cref="StripeClient"/>. Our own ids travel in
/// Stripe's metadata (tenantId on subscriptions, creditId on one-off payments), so every webhook can be traced
/// back by re-reading the object from Stripe rather than trusting the event's copy.
/// </summary>
public sealed class StripeGateway(IOptions<StripeOptions> options, IHttpClientFactory httpClients)
{
    public const string TenantIdKey = "tenantId";
    public const string CreditIdKey = "creditId";

    private readonly Lazy<StripeClient> client = new(() => new StripeClient(
        apiKey: options.Value.SecretKey ?? throw new InvalidOperationException("Stripe is not configured."),
        httpClient: new SystemNetHttpClient(httpClients.CreateClient(nameof(StripeGateway))),
        apiBase: options.Value.ApiBase?.ToString().TrimEnd('/')));

    private StripeClient Client => client.Value;

    public async Task<string> SubscriptionCheckoutAsync(
        string priceId, string tenantId, string? customerId, string? email, Uri successUrl, Uri cancelUrl, CancellationToken cancellationToken)
    {
        var session = await Client.V1.Checkout.Sessions.CreateAsync(new Stripe.Checkout.SessionCreateOptions
        {
            Mode = "subscription",
            LineItems = [new() { Price = priceId, Quantity = 1 }],
            ClientReferenceId = tenantId,
            Customer = customerId,
            CustomerEmail = customerId is null ? email : null,
            SubscriptionData = new() { Metadata = new() { [TenantIdKey] = tenantId } },
            Metadata = new() { [TenantIdKey] = tenantId },
            SuccessUrl = successUrl.ToString(),
            CancelUrl = cancelUrl.ToString(),
        }, cancellationToken: cancellationToken);
        return session.Url;
    }

    public async Task<(string SessionId, string Url)> GenerationCheckoutAsync(
        string priceId, int quantity, string creditId, Uri successUrl, Uri cancelUrl, CancellationToken cancellationToken)
    {
        var session = await Client.V1.Checkout.Sessions.CreateAsync(new Stripe.Checkout.SessionCreateOptions
        {
            Mode = "payment",
            LineItems = [new() { Price = priceId, Quantity = quantity }],
            ClientReferenceId = creditId,
            Metadata = new() { [CreditIdKey] = creditId },
            PaymentIntentData = new() { Metadata = new() { [CreditIdKey] = creditId } },
            SuccessUrl = successUrl.ToString(),
            CancelUrl = cancelUrl.ToString(),
        }, cancellationToken: cancellationToken);
        return (session.Id, session.Url);
    }

    public async Task<string> PortalAsync(string customerId, Uri returnUrl, CancellationToken cancellationToken)
    {
        var session = await Client.V1.BillingPortal.Sessions.CreateAsync(
            new Stripe.BillingPortal.SessionCreateOptions { Customer = customerId, ReturnUrl = returnUrl.ToString() }, cancellationToken: cancellationToken);
        return session.Url;
    }

    public Task CancelSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        Client.V1.Subscriptions.CancelAsync(subscriptionId, cancellationToken: cancellationToken);

    public async Task<SubscriptionSnapshot> SubscriptionAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var subscription = await Client.V1.Subscriptions.GetAsync(subscriptionId, cancellationToken: cancellationToken);
        var item = subscription.Items?.Data?.FirstOrDefault();
        return new SubscriptionSnapshot(
            subscription.Id,
            subscription.Metadata?.GetValueOrDefault(TenantIdKey),
            subscription.CustomerId,
            subscription.Status,
            item?.Price?.Id,
            item is null ? null : new DateTimeOffset(item.CurrentPeriodStart, TimeSpan.Zero),
            item is null ? null : new DateTimeOffset(item.CurrentPeriodEnd, TimeSpan.Zero));
    }

    public async Task<CheckoutSnapshot> CheckoutAsync(string sessionId, CancellationToken cancellationToken)
    {
        var session = await Client.V1.Checkout.Sessions.GetAsync(sessionId, cancellationToken: cancellationToken);
        return new CheckoutSnapshot(
            session.Id, session.Mode, session.PaymentStatus is "paid" or "no_payment_required",
            session.Metadata?.GetValueOrDefault(CreditIdKey), session.PaymentIntentId, session.SubscriptionId);
    }

    public async Task<RefundSnapshot> RefundOfChargeAsync(string chargeId, CancellationToken cancellationToken)
    {
        var charge = await Client.V1.Charges.GetAsync(chargeId, cancellationToken: cancellationToken);
        var paymentIntent = charge.PaymentIntentId is { } paymentIntentId
            ? await Client.V1.PaymentIntents.GetAsync(paymentIntentId, cancellationToken: cancellationToken)
            : null;
        return new RefundSnapshot(paymentIntent?.Metadata?.GetValueOrDefault(CreditIdKey), charge.AmountRefunded);
    }

    /// <summary>The cheapest authenticated call Stripe offers (the account's balance), for the status probe; the answer is not kept.</summary>
    public Task ProbeAsync(CancellationToken cancellationToken) => Client.V1.Balance.GetAsync(cancellationToken: cancellationToken);
}
