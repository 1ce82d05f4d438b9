using System.Diagnostics;
using CrewBuilder.Core.Clarification;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>The clarification chat API, shared by both hosts: authenticate, parse, one call to <see cref="ClarificationService"/>, map.</summary>
public sealed class ClarificationEndpoints(ApiGate gate, ClarificationService clarifications)
{
    public Task<IResult> StartAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.CreateGeneration, async caller =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<StartClarificationRequest>(request, body => body.Validate(), cancellationToken);
            return body is null ? problem! : Map(await clarifications.StartAsync(caller, body.Requirement!, cancellationToken), StatusCodes.Status201Created);
        }, cancellationToken);

    public Task<IResult> ReplyAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ActOnGeneration, async caller =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<ClarificationReply>(request, body => body.Validate(), cancellationToken);
            return body is null ? problem! : Map(await clarifications.ReplyAsync(caller, id, body.Message!, cancellationToken), StatusCodes.Status200OK);
        }, cancellationToken);

    public Task<IResult> GetAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ReadGeneration, async caller =>
            await clarifications.FindAsync(caller, id, cancellationToken) is { } view ? new JsonResponse(view) : Problems.NotFound("clarification"),
            cancellationToken);

    private static IResult Map(ClarificationResult result, int status) => result switch
    {
        ClarificationResult.Chat { View: var view } => Shown(view, status),
        ClarificationResult.NotFound => Problems.NotFound("clarification"),
        ClarificationResult.Finished => Problems.ClarificationFinished(),
        ClarificationResult.Conflict => Problems.ClarificationConflict(),
        ClarificationResult.TooMany tooMany => Problems.TooManyClarifications(tooMany.RetryAfter),
        _ => throw new UnreachableException(),
    };

    private static JsonResponse Shown(ClarificationView view, int status)
    {
        var location = status == StatusCodes.Status201Created ? ApiRoutes.Url(ApiRoutes.Clarification, view.Id) : null;
        return view.AccessToken is null ? new JsonResponse(view, status, location) : JsonResponse.CarryingSecret(view, status, location);
    }
}
