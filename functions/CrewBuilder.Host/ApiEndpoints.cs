using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation.Workflow;

namespace CrewBuilder.Host;

/// <summary>Maps the API routes declared in <see cref="ApiRoutes"/> to the same Core endpoints the Functions app calls.</summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapCrewBuilderApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup($"/{ApiRoutes.Prefix}");
        api.MapPost(ApiRoutes.Generations, (HttpRequest request, GenerationEndpoints endpoints, IGenerationScheduler scheduler, CancellationToken cancellationToken) =>
            endpoints.CreateAsync(request, scheduler, cancellationToken));
        api.MapGet(ApiRoutes.Generation, (string id, GenerationEndpoints endpoints, CancellationToken cancellationToken) =>
            endpoints.GetAsync(id, cancellationToken));
        api.MapGet(ApiRoutes.GenerationArtifact, (string id, GenerationEndpoints endpoints, CancellationToken cancellationToken) =>
            endpoints.DownloadAsync(id, cancellationToken));
        api.MapGet(ApiRoutes.Health, (HealthEndpoint health, CancellationToken cancellationToken) =>
            health.GetAsync(cancellationToken));
        return app;
    }
}
