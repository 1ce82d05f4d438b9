using CrewBuilder.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrewBuilder.Functions;

public sealed class BillingFunctions(BillingEndpoints billing, UsageEndpoints usage, AdminEndpoints admin)
{
    [Function(nameof(GetPlans))]
    public IActionResult GetPlans(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.BillingPlans)] HttpRequest request) =>
        new ResultAction(billing.GetPlans());

    [Function(nameof(StartCheckout))]
    public Task<IActionResult> StartCheckout(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.BillingCheckout)] HttpRequest request, CancellationToken cancellationToken) =>
        billing.CheckoutAsync(request, cancellationToken).AsAction();

    [Function(nameof(OpenBillingPortal))]
    public Task<IActionResult> OpenBillingPortal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.BillingPortal)] HttpRequest request, CancellationToken cancellationToken) =>
        billing.PortalAsync(request, cancellationToken).AsAction();

    [Function(nameof(LookupCredit))]
    public Task<IActionResult> LookupCredit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.BillingCreditLookup)] HttpRequest request, CancellationToken cancellationToken) =>
        billing.LookupCreditAsync(request, cancellationToken).AsAction();

    [Function(nameof(StripeWebhook))]
    public Task<IActionResult> StripeWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.BillingWebhook)] HttpRequest request, CancellationToken cancellationToken) =>
        billing.WebhookAsync(request, cancellationToken).AsAction();

    [Function(nameof(GetUsage))]
    public Task<IActionResult> GetUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Usage)] HttpRequest request, CancellationToken cancellationToken) =>
        usage.GetAsync(request, cancellationToken).AsAction();

    [Function(nameof(GetUsageHistory))]
    public Task<IActionResult> GetUsageHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.UsageHistory)] HttpRequest request, CancellationToken cancellationToken) =>
        usage.HistoryAsync(request, cancellationToken).AsAction();

    [Function(nameof(ExportUsageHistory))]
    public Task<IActionResult> ExportUsageHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.UsageExport)] HttpRequest request, CancellationToken cancellationToken) =>
        usage.ExportAsync(request, cancellationToken).AsAction();

    [Function(nameof(GetPlatformUsage))]
    public Task<IActionResult> GetPlatformUsage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.PlatformUsage)] HttpRequest request, CancellationToken cancellationToken) =>
        admin.UsageAsync(request, cancellationToken).AsAction();

    [Function(nameof(SetOrganisationContract))]
    public Task<IActionResult> SetOrganisationContract(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.PlatformOrgContract)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        admin.SetContractAsync(request, orgId, cancellationToken).AsAction();
}
