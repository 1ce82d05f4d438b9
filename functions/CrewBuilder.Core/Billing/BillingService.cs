using CrewBuilder.Core.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stripe;

namespace CrewBuilder.Core.Billing;

/// <summary>A Checkout or Portal page to send the browser to; for one-off generations, the claim that will spend them (shown once).</summary>
public sealed record BillingRedirect(string Url, string? Credit = null);

/// <summary>What asking for a Checkout or Portal page came to: exactly one of the cases below.</summary>
public abstract record BillingResult
{
    private BillingResult()
    {
    }

    public sealed record Redirect(BillingRedirect To) : BillingResult;

    /// <summary>Payments are not set up on this server.</summary>
    public sealed record NotConfigured : BillingResult;

    /// <summary>The offer has no Stripe price on this server.</summary>
    public sealed record NotSold : BillingResult;

    /// <summary>The caller has no Stripe customer (no subscription) to manage.</summary>
    public sealed record NoCustomer : BillingResult;

    /// <summary>Stripe did not answer.</summary>
    public sealed record StripeUnavailable : BillingResult;
}

/// <summary>Sending people to Stripe to subscribe, to buy one-off generations, or to manage what they have.</summary>
public sealed class BillingService(
    StripeGateway stripe, CreditStore credits, SubscriptionStore subscriptions, UserStore users,
    IOptions<StripeOptions> stripeOptions, IOptions<BillingOptions> options, ILogger<BillingService> logger)
{
    /// <summary>Whether the offer can be bought here: it has a Stripe price and Stripe is configured (else checkout answers 503).</summary>
    public bool Sells(string offer) => stripeOptions.Value.IsConfigured && options.Value.PriceOf(offer) is not null;

    public Task<BillingResult> SubscribeAsync(Caller caller, string plan, Uri site, CancellationToken cancellationToken) =>
        CallStripeAsync(options.Value.PriceOf(plan), async priceId =>
        {
            var profile = await users.FindAsync(caller.TenantId, cancellationToken);
            var customerId = (await subscriptions.FindAsync(caller.TenantId, cancellationToken))?.CustomerId;
            var url = await stripe.SubscriptionCheckoutAsync(
                priceId, caller.TenantId, customerId, profile?.Email, new Uri(site, "billing.html?checkout=complete"), new Uri(site, "pricing.html"), cancellationToken);
            return new BillingRedirect(url);
        });

    /// <summary>A purchase of <paramref name="quantity"/> generations, with its claim minted now so it can never be lost on the way back.</summary>
    public Task<BillingResult> BuyGenerationsAsync(Caller caller, int quantity, Uri site, CancellationToken cancellationToken) =>
        CallStripeAsync(options.Value.PriceOf(Plans.Generation), async priceId =>
        {
            var buyer = caller.Kind is CallerKind.User or CallerKind.ApiToken ? caller.TenantId : null;
            var credit = await credits.CreateAsync(quantity, buyer, cancellationToken);
            var (sessionId, url) = await stripe.GenerationCheckoutAsync(
                priceId, quantity, credit.CreditId, new Uri(site, "generate.html?purchase=complete"), new Uri(site, "pricing.html"), cancellationToken);
            await credits.AttachCheckoutAsync(credit.CreditId, sessionId, cancellationToken);
            return new BillingRedirect(url, credit.Claim);
        });

    public async Task<BillingResult> PortalAsync(Caller caller, Uri site, CancellationToken cancellationToken)
    {
        if (await subscriptions.FindAsync(caller.TenantId, cancellationToken) is not { CustomerId: { } customerId })
        {
            return new BillingResult.NoCustomer();
        }

        return await CallStripeAsync(customerId, async customer =>
            new BillingRedirect(await stripe.PortalAsync(customer, new Uri(site, "billing.html"), cancellationToken)));
    }

    /// <summary>
    /// Ends a tenant's subscription at Stripe at once (the account is being deleted, so nothing more may be charged).
    /// False when Stripe could not be told; true when it was, or there was nothing to cancel.
    /// </summary>
    public async Task<bool> CancelSubscriptionAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (await subscriptions.FindAsync(tenantId, cancellationToken) is not { SubscriptionId: { } subscriptionId, Status: not "canceled" })
        {
            return true;
        }

        if (!stripeOptions.Value.IsConfigured)
        {
            return false;
        }

        try
        {
            await stripe.CancelSubscriptionAsync(subscriptionId, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is StripeException or HttpRequestException)
        {
            logger.LogError("Stripe subscription {SubscriptionId} could not be cancelled ({Error})", subscriptionId, e.GetType().Name);
            return false;
        }
    }

    /// <summary>
    /// What a claim is worth now. A purchase still waiting for Stripe's webhook is looked up at Stripe, so a visitor
    /// back from Checkout can start at once.
    /// </summary>
    public async Task<CreditStatus?> CreditAsync(string claim, CancellationToken cancellationToken)
    {
        var credit = await credits.FindAsync(claim, cancellationToken);
        if (credit is not { State: CreditState.Pending, CheckoutSessionId: { } sessionId } || !stripeOptions.Value.IsConfigured)
        {
            return credit;
        }

        try
        {
            var session = await stripe.CheckoutAsync(sessionId, cancellationToken);
            if (session is { Paid: true, CreditId: { } creditId } && creditId == credit.CreditId)
            {
                await credits.ActivateAsync(creditId, session.PaymentIntentId, cancellationToken);
                return await credits.StatusAsync(creditId, cancellationToken);
            }
        }
        catch (StripeException e)
        {
            logger.LogWarning("Stripe could not be asked about checkout {SessionId} ({StripeCode})", sessionId, e.StripeError?.Code);
        }

        return credit;
    }

    private async Task<BillingResult> CallStripeAsync(string? argument, Func<string, Task<BillingRedirect>> call)
    {
        if (!stripeOptions.Value.IsConfigured)
        {
            return new BillingResult.NotConfigured();
        }

        if (argument is null)
        {
            return new BillingResult.NotSold();
        }

        try
        {
            return new BillingResult.Redirect(await call(argument));
        }
        catch (HttpRequestException e)
        {
            logger.LogError("Stripe could not be reached ({Error})", e.GetType().Name);
            return new BillingResult.StripeUnavailable();
        }
        catch (StripeException e)
        {
            logger.LogError("Stripe refused a billing request ({StripeCode}, HTTP {Status})", e.StripeError?.Code, (int)e.HttpStatusCode);
            return new BillingResult.StripeUnavailable();
        }
    }
}
