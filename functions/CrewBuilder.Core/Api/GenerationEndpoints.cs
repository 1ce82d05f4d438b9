using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Workflow;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>The generation API, shared by both hosts: authenticate, parse, one call to <see cref="GenerationService"/>, map.</summary>
public sealed class GenerationEndpoints(ApiGate gate, GenerationService generations)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public Task<IResult> CreateAsync(HttpRequest request, IGenerationScheduler scheduler, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.CreateGeneration, async caller =>
        {
            var (body, problem) = await RequestBody.ReadJsonAsync<CreateGenerationRequest>(request, cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            var errors = body.Validate();
            if (errors.Count > 0)
            {
                return Problems.Validation(errors);
            }

            var outcome = await generations.StartAsync(
                caller, new GenerationRequestOptions(body.Requirement!.Trim(), body.KeySource, body.Provider, body.EncryptedKey), scheduler, cancellationToken);
            if (outcome.KeyProblem is { } keyProblem)
            {
                return keyProblem.Envelope != Keys.EnvelopeError.None
                    ? Problems.KeyEnvelopeRefused(keyProblem.Envelope)
                    : Problems.Validation(new Dictionary<string, string[]> { [keyProblem.Field] = [keyProblem.Message] });
            }

            if (outcome.Started is not { } started)
            {
                return Problems.TooManyAnonymousGenerations(outcome.RetryAfter ?? TimeSpan.FromHours(1));
            }

            var statusUrl = ApiRoutes.GenerationUrl(started.Ref.GenerationId);
            return new JsonResponse(new GenerationAccepted(started.Ref.GenerationId, statusUrl, started.AccessToken), StatusCodes.Status202Accepted, statusUrl);
        }, cancellationToken);

    public Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ListGenerations, async caller =>
        {
            var pageSizeText = request.Query["pageSize"].ToString();
            var pageSize = DefaultPageSize;
            if (pageSizeText.Length > 0 && (!int.TryParse(pageSizeText, out pageSize) || pageSize is < 1 or > MaxPageSize))
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["pageSize"] = [$"Ask for 1 to {MaxPageSize} generations a page."] });
            }

            var continuation = request.Query["continuationToken"].ToString();
            var page = await generations.ListAsync(caller, pageSize, continuation.Length == 0 ? null : continuation, cancellationToken);
            return new JsonResponse(page);
        }, cancellationToken);

    public Task<IResult> GetAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ReadGeneration, async caller =>
            await generations.FindAsync(caller, id, cancellationToken) is { } view
                ? new JsonResponse(view)
                : Problems.GenerationNotFound(), cancellationToken);

    public Task<IResult> DownloadAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ReadGeneration, async caller =>
            await generations.OpenArtifactAsync(caller, id, cancellationToken) switch
            {
                { Download: { } download } => TypedResults.Stream(download.Content, "application/zip", download.FileName),
                { GenerationFound: true } => Problems.ArtifactNotReady(),
                _ => Problems.GenerationNotFound(),
            }, cancellationToken);
}
