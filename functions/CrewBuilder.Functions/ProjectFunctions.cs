using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CrewBuilder.Functions;

public sealed class ProjectFunctions(ProjectEndpoints endpoints)
{
    [Function(nameof(ListProjects))]
    public Task<IActionResult> ListProjects(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Projects)] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken) =>
        endpoints.ListAsync(request, new DurableTaskClientScheduler(durableClient), cancellationToken).AsAction();

    [Function(nameof(RenameProject))]
    public Task<IActionResult> RenameProject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = ApiRoutes.Project)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        endpoints.RenameAsync(request, id, cancellationToken).AsAction();

    [Function(nameof(DeleteProject))]
    public Task<IActionResult> DeleteProject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Project)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        endpoints.DeleteAsync(request, id, cancellationToken).AsAction();
}
