using CrewBuilder.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrewBuilder.Functions;

public sealed class DedicatedAiFunctions(DedicatedAiEndpoints endpoints)
{
    [Function(nameof(GetDedicatedAi))]
    public Task<IActionResult> GetDedicatedAi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.OrgDedicatedAi)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.GetAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(RegisterDedicatedAi))]
    public Task<IActionResult> RegisterDedicatedAi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.OrgDedicatedAi)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.RegisterAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(RemoveDedicatedAi))]
    public Task<IActionResult> RemoveDedicatedAi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.OrgDedicatedAi)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.RemoveAsync(request, orgId, cancellationToken).AsAction();

    [Function(nameof(TestDedicatedAi))]
    public Task<IActionResult> TestDedicatedAi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.OrgDedicatedAiTest)] HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        endpoints.TestAsync(request, orgId, cancellationToken).AsAction();
}
