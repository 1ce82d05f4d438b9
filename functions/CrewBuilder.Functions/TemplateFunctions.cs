using CrewBuilder.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrewBuilder.Functions;

public sealed class TemplateFunctions(TemplateEndpoints endpoints)
{
    [Function(nameof(ListTemplates))]
    public Task<IActionResult> ListTemplates(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Templates)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.ListAsync(request, cancellationToken).AsAction();

    [Function(nameof(CreateTemplate))]
    public Task<IActionResult> CreateTemplate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Templates)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.CreateAsync(request, cancellationToken).AsAction();

    [Function(nameof(UpdateTemplate))]
    public Task<IActionResult> UpdateTemplate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.Template)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        endpoints.UpdateAsync(request, id, cancellationToken).AsAction();

    [Function(nameof(DeleteTemplate))]
    public Task<IActionResult> DeleteTemplate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Template)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        endpoints.DeleteAsync(request, id, cancellationToken).AsAction();
}
