using System.Diagnostics;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Api;

/// <summary><c>{ plan }</c> subscribes (signed in); <c>{ mode: "generation", quantity }</c> buys one-off generations (anyone).</summary>
public sealed record CheckoutRequest(string? Plan = null, string? Mode = null, int? Quantity = null)
{
    public const string GenerationMode = "generation";

    public Dictionary<string, string[]> Validate(int maxQuantity)
    {
        var errors = new Dictionary<string, string[]>();
        if (Mode is GenerationMode)
        {
            if (Plan is not null)
            {
                errors["plan"] = ["Send either a plan or mode \"generation\", not both."];
            }

            if (Quantity is not null && (Quantity < 1 || Quantity > maxQuantity))
            {
                errors["quantity"] = [$"Buy 1 to {maxQuantity} generations at a time."];
            }
        }
        else if (Mode is not null)
        {
            errors["mode"] = ["The only mode is \"generation\" (a one-off generation); to subscribe, send a plan."];
        }
        else if (Plan is not (PlanIds.Basic or PlanIds.Professional))
        {
            errors["plan"] = [Plan == PlanIds.Enterprise
                ? "Enterprise is a custom contract: write to sales@crewbuilder.dev."
                : "Choose the basic or professional plan, or send mode \"generation\"."];
        }

        return errors;
    }
}

public sealed record CreditLookupRequest(string? Credit);

public sealed record PlanOffer(string Id, string Name, int? PriceCents, int? GenerationsPerPeriod, string Models, IReadOnlyList<string> Extras, bool Purchasable);

public sealed record PlanCatalogResponse(IReadOnlyList<PlanOffer> Plans);

public sealed record WebhookReceipt(bool Received, bool Duplicate);

/// <summary>Plans, Checkout, the Customer Portal, paid credits, and Stripe's webhook.</summary>
public sealed class BillingEndpoints(ApiGate gate, BillingService billing, StripeWebhook webhook, IOptions<BillingOptions> options)
{
    private const int MaxWebhookBytes = 512 * 1024;

    public IResult GetPlans() => new JsonResponse(new PlanCatalogResponse([.. Plans.Catalog.Select(plan => new PlanOffer(
        plan.Id, plan.Name, plan.PriceCents, options.Value.GenerationsPerPeriod(plan.Id) is var cap && plan.Id != PlanIds.Free ? cap : null,
        plan.Models.ToString().ToLowerInvariant(), plan.Extras, billing.Sells(plan.Id)))]));

    public Task<IResult> CheckoutAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.Public, async caller =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<CheckoutRequest>(request, body => body.Validate(options.Value.MaxGenerationsPerPurchase), cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            if (body.Mode is null && caller.Kind != CallerKind.User)
            {
                return caller.Kind == CallerKind.Anonymous ? Problems.Unauthorized(invalidToken: false) : Problems.Forbidden(null);
            }

            var site = SiteOf(request);
            var outcome = body.Mode is null
                ? await billing.SubscribeAsync(caller, body.Plan!, site, cancellationToken)
                : await billing.BuyGenerationsAsync(caller, body.Quantity ?? 1, site, cancellationToken);
            return Answer(outcome);
        }, cancellationToken);

    public Task<IResult> PortalAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
            Answer(await billing.PortalAsync(caller, SiteOf(request), cancellationToken)), cancellationToken);

    public async Task<IResult> LookupCreditAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadJsonAsync<CreditLookupRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        return string.IsNullOrEmpty(body.Credit) || await billing.CreditAsync(body.Credit, cancellationToken) is not { } credit
            ? Problems.NotFound("paid generation")
            : new JsonResponse(credit with { CheckoutSessionId = null });
    }

    public async Task<IResult> WebhookAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (payload, problem) = await RequestBody.ReadJsonTextAsync(request, MaxWebhookBytes, cancellationToken);
        if (payload is null)
        {
            return problem!;
        }

        return await webhook.HandleAsync(payload, request.Headers["Stripe-Signature"].ToString(), cancellationToken) switch
        {
            WebhookOutcome.Rejected => Problems.WebhookRejected(),
            WebhookOutcome.Unreadable => Problems.WebhookUnreadable(),
            var outcome => new JsonResponse(new WebhookReceipt(true, outcome == WebhookOutcome.Duplicate)),
        };
    }

    private static IResult Answer(BillingResult result) => result switch
    {
        BillingResult.Redirect { To: var redirect } => JsonResponse.CarryingSecret(redirect),
        BillingResult.NoCustomer => Problems.NotFound("subscription"),
        BillingResult.NotConfigured => Problems.BillingUnavailable("Payments are not set up on this server."),
        BillingResult.NotSold => Problems.BillingUnavailable("This offer has no price on this server."),
        BillingResult.StripeUnavailable => Problems.BillingUnavailable("Stripe did not answer; please try again."),
        _ => throw new UnreachableException(),
    };

    /// <summary>The site Checkout returns to: configured, else the page that asked (Origin), else this host.</summary>
    private Uri SiteOf(HttpRequest request)
    {
        if (options.Value.SiteUrl is { } configured)
        {
            return configured;
        }

        var origin = request.Headers.Origin.ToString();
        return new Uri((Uri.TryCreate(origin, UriKind.Absolute, out var fromOrigin) ? fromOrigin.GetLeftPart(UriPartial.Authority) : $"{request.Scheme}://{request.Host}") + "/");
    }
}
