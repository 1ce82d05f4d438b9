using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CrewBuilder.Functions;

public sealed class GenerationFunctions(GenerationEndpoints endpoints)
{
    [Function(nameof(CreateGeneration))]
    public Task<IActionResult> CreateGeneration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Generations)] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken) =>
        endpoints.CreateAsync(request, new DurableTaskClientScheduler(durableClient), cancellationToken).AsAction();

    [Function(nameof(ListGenerations))]
    public Task<IActionResult> ListGenerations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Generations)] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken) =>
        endpoints.ListAsync(request, new DurableTaskClientScheduler(durableClient), cancellationToken).AsAction();

    [Function(nameof(GetGeneration))]
    public Task<IActionResult> GetGeneration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.Generation)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken) =>
        endpoints.GetAsync(request, id, new DurableTaskClientScheduler(durableClient), cancellationToken).AsAction();

    [Function(nameof(CancelGeneration))]
    public Task<IActionResult> CancelGeneration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ApiRoutes.Generation)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient durableClient,
        CancellationToken cancellationToken) =>
        endpoints.CancelAsync(request, id, new DurableTaskClientScheduler(durableClient), cancellationToken).AsAction();

    [Function(nameof(RateGeneration))]
    public Task<IActionResult> RateGeneration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = ApiRoutes.GenerationRating)] HttpRequest request, string id, CancellationToken cancellationToken) =>
        endpoints.RateAsync(request, id, cancellationToken).AsAction();

    [Function(nameof(ForecastGeneration))]
    public Task<IActionResult> ForecastGeneration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.GenerationForecast)] HttpRequest request, CancellationToken cancellationToken) =>
        endpoints.ForecastAsync(request, cancellationToken).AsAction();

    [Function(nameof(DownloadGeneration))]
    public Task<IActionResult> DownloadGeneration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.GenerationArtifact)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        endpoints.DownloadAsync(request, id, cancellationToken).AsAction();

    [Function(nameof(ReadGeneratedFile))]
    public Task<IActionResult> ReadGeneratedFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ApiRoutes.GenerationFile)] HttpRequest request, string id, string? path, CancellationToken cancellationToken) =>
        endpoints.ReadFileAsync(request, id, path, cancellationToken).AsAction();
}
