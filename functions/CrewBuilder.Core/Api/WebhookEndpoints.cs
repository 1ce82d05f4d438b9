using System.Diagnostics;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Core.Organisations.Management;
using CrewBuilder.Core.Webhooks;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>An endpoint to register: an https URL and the events it receives.</summary>
public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events)
{
    public Dictionary<string, string[]> Validate(WebhookTargets targets)
    {
        var errors = new Dictionary<string, string[]>();
        if (targets.ProblemWith(Url) is { } problem)
        {
            errors["url"] = [problem];
        }

        if (Events is not { Count: > 0 } || Events.Any(type => !WebhookEventTypes.Subscribable.Contains(type)))
        {
            errors["events"] = [$"Choose one or more of: {string.Join(", ", WebhookEventTypes.Subscribable)}."];
        }

        return errors;
    }
}

public sealed record WebhookEndpointList(IReadOnlyList<WebhookEndpointView> Items);

public sealed record WebhookDeliveryList(IReadOnlyList<WebhookDeliveryView> Items);

/// <summary>
/// Outbound webhooks of a Professional (or Enterprise) account, and of an organisation (its owners and admins): the same
/// six operations for each; every rule is in <see cref="WebhookService"/>.
/// </summary>
public sealed class WebhookEndpoints(ApiGate gate, WebhookService webhooks, WebhookTargets targets, UserStore users, OrganisationService organisations)
{
    public Task<IResult> ListAsync(HttpRequest request, string? orgId, CancellationToken cancellationToken) =>
        AsOwnerAsync(request, orgId, async tenant => new JsonResponse(new WebhookEndpointList(await webhooks.ListAsync(tenant, cancellationToken))), cancellationToken);

    public Task<IResult> RegisterAsync(HttpRequest request, string? orgId, CancellationToken cancellationToken) =>
        AsOwnerAsync(request, orgId, async tenant =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<WebhookRequest>(request, body => body.Validate(targets), cancellationToken);
            return body is null ? problem! : Answer(await webhooks.RegisterAsync(tenant, body.Url!, body.Events!, cancellationToken),
                issued => JsonResponse.CarryingSecret(issued, StatusCodes.Status201Created));
        }, cancellationToken);

    public Task<IResult> DeleteAsync(HttpRequest request, string? orgId, string id, CancellationToken cancellationToken) =>
        AsOwnerAsync(request, orgId, async tenant => Answer(await webhooks.DeleteAsync(tenant, id, cancellationToken), _ => TypedResults.NoContent()), cancellationToken);

    public Task<IResult> RotateSecretAsync(HttpRequest request, string? orgId, string id, CancellationToken cancellationToken) =>
        AsOwnerAsync(request, orgId, async tenant =>
            Answer(await webhooks.RotateSecretAsync(tenant, id, cancellationToken), issued => JsonResponse.CarryingSecret(issued)), cancellationToken);

    public Task<IResult> SendTestAsync(HttpRequest request, string? orgId, string id, CancellationToken cancellationToken) =>
        AsOwnerAsync(request, orgId, async tenant => Answer(await webhooks.SendTestAsync(tenant, id, cancellationToken), delivery => new JsonResponse(delivery)), cancellationToken);

    public Task<IResult> DeliveriesAsync(HttpRequest request, string? orgId, string id, CancellationToken cancellationToken) =>
        AsOwnerAsync(request, orgId, async tenant =>
            Answer(await webhooks.DeliveriesAsync(tenant, id, cancellationToken), deliveries => new JsonResponse(new WebhookDeliveryList(deliveries))), cancellationToken);

    /// <summary>The tenant whose webhooks these are: the organisation, for its owners and admins; else the caller, on a plan with webhooks.</summary>
    private Task<IResult> AsOwnerAsync(HttpRequest request, string? orgId, Func<string, Task<IResult>> handle, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
        {
            if (orgId is not null)
            {
                return await organisations.AuthorizeAsync(caller, orgId, OrgAction.ManageWebhooks, cancellationToken) switch
                {
                    OrgResult<OrgAccess>.Done => await handle(orgId),
                    OrgResult<OrgAccess>.Refused refused => Problems.OrganisationRefused(refused.Refusal),
                    _ => throw new UnreachableException(),
                };
            }

            return await users.FindAsync(caller.UserId!, cancellationToken) is { } profile && Plans.AllowsWebhooks(profile.Plan)
                ? await handle(caller.TenantId)
                : Problems.PlanRequired("Webhooks");
        }, cancellationToken);

    private static IResult Answer<T>(WebhookOutcome<T> outcome, Func<T, IResult> success) => outcome switch
    {
        WebhookOutcome<T>.Done done => success(done.Value),
        WebhookOutcome<T>.NoSuchEndpoint => Problems.NotFound("webhook endpoint"),
        WebhookOutcome<T>.TooManyEndpoints tooMany => Problems.Validation(new Dictionary<string, string[]>
        {
            ["url"] = [$"Up to {tooMany.Limit} endpoints; remove one first."],
        }),
        _ => throw new UnreachableException(),
    };
}
