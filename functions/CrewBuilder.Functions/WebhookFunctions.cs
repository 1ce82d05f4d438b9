using CrewBuilder.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrewBuilder.Functions;

public sealed class WebhookFunctions(WebhookEndpoints endpoints)
{
    [Function(nameof(ListWebhooks))]
    public Task<IActionResult> ListWebhooks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Webhooks)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.ListAsync(request, null, cancellationToken).AsAction();

    [Function(nameof(RegisterWebhook))]
    public Task<IActionResult> RegisterWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Webhooks)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.RegisterAsync(request, null, cancellationToken).AsAction();

    [Function(nameof(DeleteWebhook))]
    public Task<IActionResult> DeleteWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Webhook)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        endpoints.DeleteAsync(request, null, id, cancellationToken).AsAction();

    [Function(nameof(RotateWebhookSecret))]
    public Task<IActionResult> RotateWebhookSecret(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.WebhookSecret)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        endpoints.RotateSecretAsync(request, null, id, cancellationToken).AsAction();

    [Function(nameof(SendWebhookTest))]
    public Task<IActionResult> SendWebhookTest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.WebhookTest)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        endpoints.SendTestAsync(request, null, id, cancellationToken).AsAction();

    [Function(nameof(ListWebhookDeliveries))]
    public Task<IActionResult> ListWebhookDeliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.WebhookDeliveries)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        endpoints.DeliveriesAsync(request, null, id, cancellationToken).AsAction();

    [Function(nameof(ListOrganisationWebhooks))]
    public Task<IActionResult> ListOrganisationWebhooks(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgWebhooks)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.ListAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(RegisterOrganisationWebhook))]
    public Task<IActionResult> RegisterOrganisationWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.OrgWebhooks)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.RegisterAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(DeleteOrganisationWebhook))]
    public Task<IActionResult> DeleteOrganisationWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.OrgWebhook)] HttpRequest request, string orgId, string id, CancellationToken cancellationToken) =>
        endpoints.DeleteAsync(request, orgId, id, cancellationToken).AsAction();

    [Function(nameof(RotateOrganisationWebhookSecret))]
    public Task<IActionResult> RotateOrganisationWebhookSecret(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.OrgWebhookSecret)] HttpRequest request, string orgId, string id, CancellationToken cancellationToken) =>
        endpoints.RotateSecretAsync(request, orgId, id, cancellationToken).AsAction();

    [Function(nameof(SendOrganisationWebhookTest))]
    public Task<IActionResult> SendOrganisationWebhookTest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.OrgWebhookTest)] HttpRequest request, string orgId, string id, CancellationToken cancellationToken) =>
        endpoints.SendTestAsync(request, orgId, id, cancellationToken).AsAction();

    [Function(nameof(ListOrganisationWebhookDeliveries))]
    public Task<IActionResult> ListOrganisationWebhookDeliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgWebhookDeliveries)] HttpRequest request, string orgId, string id,
        CancellationToken cancellationToken) =>
        endpoints.DeliveriesAsync(request, orgId, id, cancellationToken).AsAction();
}
