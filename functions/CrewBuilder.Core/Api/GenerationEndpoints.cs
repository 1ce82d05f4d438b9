using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Workflow;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>The generation API, shared by both hosts: parse, one call to <see cref="GenerationService"/>, map.</summary>
public sealed class GenerationEndpoints(GenerationService generations)
{
    public async Task<IResult> CreateAsync(HttpRequest request, IGenerationScheduler scheduler, CancellationToken cancellationToken)
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

        var generation = await generations.StartAsync(GenerationService.AnonymousTenant, body.Requirement!.Trim(), scheduler, cancellationToken);
        var statusUrl = ApiRoutes.GenerationUrl(generation.GenerationId);
        return new JsonResponse(new GenerationAccepted(generation.GenerationId, statusUrl), StatusCodes.Status202Accepted, statusUrl);
    }

    public async Task<IResult> GetAsync(string id, CancellationToken cancellationToken) =>
        await generations.FindAsync(GenerationService.AnonymousTenant, id, cancellationToken) is { } view
            ? new JsonResponse(view)
            : Problems.GenerationNotFound();

    public async Task<IResult> DownloadAsync(string id, CancellationToken cancellationToken)
    {
        if (await generations.OpenArtifactAsync(GenerationService.AnonymousTenant, id, cancellationToken) is { } download)
        {
            return TypedResults.Stream(download.Content, "application/zip", download.FileName);
        }

        return await generations.FindAsync(GenerationService.AnonymousTenant, id, cancellationToken) is null
            ? Problems.GenerationNotFound()
            : Problems.ArtifactNotReady();
    }
}
