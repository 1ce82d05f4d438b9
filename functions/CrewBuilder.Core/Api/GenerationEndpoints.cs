using System.Diagnostics;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Requests;
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

            var outcome = await generations.StartAsync(caller, body.ToOptions() with { SiteHost = SiteHosts.Of(request) }, scheduler, cancellationToken);
            return outcome switch
            {
                StartResult.Started started => Accepted(started),
                StartResult.Refused refused => NotStarted(refused, caller, time.GetUtcNow()),
                _ => throw new UnreachableException(),
            };
        }, cancellationToken);

    /// <summary>Why a generation did not start, as the problem both the HTTP API and the MCP server answer.</summary>
    public static IResult NotStarted(StartResult.Refused refused, Identity.Caller caller, DateTimeOffset now) => refused switch
    {
        StartResult.Refused.SourceNotFound missing => Problems.NotFound(missing.What),
        StartResult.Refused.Key { Problem: var keyProblem } => keyProblem.Envelope != Keys.EnvelopeError.None
            ? Problems.KeyEnvelopeRefused(keyProblem.Envelope)
            : Problems.Validation(new Dictionary<string, string[]> { [keyProblem.Field] = [keyProblem.Message] }),
        StartResult.Refused.Organisation { Member: true } => Problems.OrganisationRefused(Organisations.Management.OrgRefusal.Forbidden),
        StartResult.Refused.Organisation => Problems.NotFound("organisation"),
        StartResult.Refused.Charge charge => Problems.ChargeRefused(charge.Problem, now),
        StartResult.Refused.RateLimited limited => Problems.TooManyGenerations(caller.Kind == Identity.CallerKind.Anonymous, limited.RetryAfter),
        _ => throw new UnreachableException(),
    };

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
                ActResult.Done done => new JsonResponse(done.View),
                ActResult.NotNow => Problems.GenerationEnded(),
                ActResult.NotFound => Problems.GenerationNotFound(),
                _ => throw new UnreachableException(),
            }, cancellationToken);

    public Task<IResult> RateAsync(HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.ActOnGeneration, async caller =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<RateGenerationRequest>(request, body => body.Validate(), cancellationToken);
            return body is null ? problem!
                : await generations.RateAsync(caller, id, body, cancellationToken) switch
                {
                    ActResult.Done done => new JsonResponse(done.View),
                    ActResult.NotNow => Problems.GenerationRunning(),
                    ActResult.NotFound => Problems.GenerationNotFound(),
                    _ => throw new UnreachableException(),
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
                ArtifactResult.Ready { Download: var download } => TypedResults.Stream(download.Content, "application/zip", download.FileName),
                ArtifactResult.NotReady => Problems.ArtifactNotReady(),
                ArtifactResult.NotFound => Problems.GenerationNotFound(),
                _ => throw new UnreachableException(),
            }, cancellationToken);

    private static JsonResponse Accepted(StartResult.Started started)
    {
        var statusUrl = ApiRoutes.GenerationUrl(started.Ref.GenerationId);
        return JsonResponse.CarryingSecret(new GenerationAccepted(started.Ref.GenerationId, statusUrl, started.AccessToken), StatusCodes.Status202Accepted, statusUrl);
    }
}
