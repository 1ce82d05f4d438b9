using CrewBuilder.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrewBuilder.Functions;

public sealed class HealthFunctions(HealthEndpoint health, StatusEndpoint status)
{
    [Function(nameof(Health))]
    public Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Health)] HttpRequest request,
        CancellationToken cancellationToken) =>
        health.GetAsync(cancellationToken).AsAction();

    [Function(nameof(GetStatus))]
    public Task<IActionResult> GetStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Status)] HttpRequest request,
        CancellationToken cancellationToken) =>
        status.GetAsync(cancellationToken).AsAction();

    [Function(nameof(GetOpenApi))]
    public IActionResult GetOpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OpenApi)] HttpRequest request) =>
        new ResultAction(OpenApiDocument.Result());
}
