using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation.Workflow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Core.Mcp;

/// <summary>
/// The MCP server's one route, the same in both hosts: the API's authentication (401, 403 and 429 problems as
/// everywhere), then the official SDK's stateless streamable HTTP handler.
/// </summary>
public sealed class McpEndpoint(ApiGate gate, IServiceProvider services)
{
    private readonly Lazy<RequestDelegate> streamableHttp = new(() => SdkEndpoints.PostHandler(services));

    public Task<IResult> HandleAsync(HttpRequest request, IGenerationScheduler scheduler, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.Mcp, async caller =>
        {
            request.HttpContext.RequestServices.GetRequiredService<McpCall>().Admit(caller, scheduler);
            await streamableHttp.Value(request.HttpContext);
            return Results.Empty;
        }, cancellationToken);

    /// <summary>
    /// Where the SDK's handler is taken from the endpoints <c>MapMcp</c> declares: the Functions app has no endpoint
    /// routing of its own to map them into, so both hosts call the handler from their own route instead.
    /// </summary>
    private sealed class SdkEndpoints(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;

        public ICollection<EndpointDataSource> DataSources { get; } = [];

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);

        public static RequestDelegate PostHandler(IServiceProvider services)
        {
            var endpoints = new SdkEndpoints(services);
            endpoints.MapMcp();
            return endpoints.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
                .Single(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Post) == true)
                .RequestDelegate!;
        }
    }
}
