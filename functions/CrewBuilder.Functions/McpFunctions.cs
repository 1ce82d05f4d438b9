using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Mcp;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CrewBuilder.Functions;

public sealed class McpFunctions(McpEndpoint endpoint)
{
    [Function(nameof(Mcp))]
    public Task<IActionResult> Mcp(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Mcp)] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken) =>
        endpoint.HandleAsync(request, new DurableTaskClientScheduler(durableClient), cancellationToken).AsAction();
}
