using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Workflow;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>The generation API, shared by both hosts: authenticate, parse, one call to <see cref="GenerationService"/>, map.</summary>
public sealed class GenerationEndpoints(ApiGate gate, GenerationService generations, TimeProvider time)
{
    public Task<IResult> CreateAsync(HttpRequest request, IGenerationScheduler scheduler, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.CreateGeneration, async caller =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<CreateGenerationRequest>(request, body => body.Validate(), cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            var outcome = await generations.StartAsync(caller, body.ToOptions(), scheduler, cancellationToken);
            if (Refusal(outcome, caller, time.GetUtcNow()) is { } refusal)
            {
                return refusal;
            }

            var started = outcome.Started!;
            var statusUrl = ApiRoutes.GenerationUrl(started.Ref.GenerationId);
            return JsonResponse.CarryingSecret(new GenerationAccepted(started.Ref.GenerationId, statusUrl, started.AccessToken), StatusCodes.Status202Accepted, statusUrl);
        }, cancellationToken);

    /// <summary>Why a generation did not start, as the problem both the HTTP API and the MCP server answer; null once it started.</summary>
    public static IResult? Refusal(StartOutcome outcome, Identity.Caller caller, DateTimeOffset now)
    {
        if (outcome.Missing is { } missing)
        {
            return Problems.NotFound(missing);
        }

        if (outcome.KeyProblem is { } keyProblem)
        {
            return keyProblem.Envelope != Keys.EnvelopeError.None
                ? Problems.KeyEnvelopeRefused(keyProblem.Envelope)
                : Problems.Validation(new Dictionary<string, string[]> { [keyProblem.Field] = [keyProblem.Message] });
        }

        if (outcome.ChargeProblem is { } chargeProblem)
        {
            return Problems.ChargeRefused(chargeProblem, now);
        }

        return outcome.Started is null
            ? Problems.TooManyGenerations(caller.Kind == Identity.CallerKind.Anonymous, outcome.RetryAfter ?? TimeSpan.FromHours(1))
            : null;
    }

    public Task<IResult> ListAsync(HttpRequest request, IGenerationScheduler scheduler, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ListGenerations, async caller =>
        {
            var (pageSize, problem) = Paging.PageSize(request);
            return problem ?? new JsonResponse(await generations.ListAsync(caller, pageSize, Paging.ContinuationToken(request), scheduler, cancellationToken));
        }, cancellationToken);

    public Task<IResult> GetAsync(HttpRequest request, string id, IGenerationScheduler scheduler, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ReadGeneration, async caller =>
            await generations.FindAsync(caller, id, scheduler, cancellationToken) is { } view
                ? new JsonResponse(view)
                : Problems.GenerationNotFound(), cancellationToken);

    public Task<IResult> CancelAsync(HttpRequest request, string id, IGenerationScheduler scheduler, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ActOnGeneration, async caller =>
            await generations.CancelAsync(caller, id, scheduler, cancellationToken) switch
            {
                { View: { } view } => new JsonResponse(view),
                { Found: true } => Problems.GenerationEnded(),
                _ => Problems.GenerationNotFound(),
            }, cancellationToken);

    public Task<IResult> RateAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ActOnGeneration, async caller =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<RateGenerationRequest>(request, body => body.Validate(), cancellationToken);
            return body is null ? problem!
                : await generations.RateAsync(caller, id, body, cancellationToken) switch
                {
                    { View: { } view } => new JsonResponse(view),
                    { Found: true } => Problems.GenerationRunning(),
                    _ => Problems.GenerationNotFound(),
                };
        }, cancellationToken);

    public Task<IResult> ForecastAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.Public, async _ =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<ForecastRequest>(request, body => body.Validate(), cancellationToken);
            return body is null ? problem! : new JsonResponse(generations.Forecast(body));
        }, cancellationToken);

    public Task<IResult> ReadFileAsync(HttpRequest request, string id, string? path, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ReadGeneration, async caller =>
            ProjectFilePath.From(path) is { } file && await generations.ReadFileAsync(caller, id, file, cancellationToken) is { } content
                ? TypedResults.Text(content, "text/plain; charset=utf-8")
                : Problems.NotFound("file"), cancellationToken);

    public Task<IResult> DownloadAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ReadGeneration, async caller =>
            await generations.OpenArtifactAsync(caller, id, cancellationToken) switch
            {
                { Download: { } download } => TypedResults.Stream(download.Content, "application/zip", download.FileName),
                { GenerationFound: true } => Problems.ArtifactNotReady(),
                _ => Problems.GenerationNotFound(),
            }, cancellationToken);
}
