using CrewBuilder.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrewBuilder.Functions;

public sealed class ClarificationFunctions(ClarificationEndpoints endpoints)
{
    [Function(nameof(StartClarification))]
    public Task<IActionResult> StartClarification(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Clarifications)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.StartAsync(request, cancellationToken).AsAction();

    [Function(nameof(GetClarification))]
    public Task<IActionResult> GetClarification(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Clarification)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        endpoints.GetAsync(request, id, cancellationToken).AsAction();

    [Function(nameof(AnswerClarification))]
    public Task<IActionResult> AnswerClarification(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ClarificationMessages)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        endpoints.ReplyAsync(request, id, cancellationToken).AsAction();
}
