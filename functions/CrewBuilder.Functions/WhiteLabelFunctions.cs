using CrewBuilder.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrewBuilder.Functions;

public sealed class WhiteLabelFunctions(WhiteLabelEndpoints endpoints)
{
    [Function(nameof(GetSite))]
    public Task<IActionResult> GetSite(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Site)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.SiteAsync(request, cancellationToken).AsAction();

    [Function(nameof(ListHostnames))]
    public Task<IActionResult> ListHostnames(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgHostnames)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.ListAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(RegisterHostname))]
    public Task<IActionResult> RegisterHostname(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.OrgHostnames)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.RegisterAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(VerifyHostname))]
    public Task<IActionResult> VerifyHostname(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.OrgHostnameVerify)] HttpRequest request, string orgId, string hostname,
        CancellationToken cancellationToken) =>
        endpoints.VerifyAsync(request, orgId, hostname, cancellationToken).AsAction();

    [Function(nameof(RemoveHostname))]
    public Task<IActionResult> RemoveHostname(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.OrgHostname)] HttpRequest request, string orgId, string hostname,
        CancellationToken cancellationToken) =>
        endpoints.RemoveAsync(request, orgId, hostname, cancellationToken).AsAction();
}
