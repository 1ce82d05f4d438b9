using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Tests.Api;

public sealed class RouteParityTests(SelfHostFactory selfHost) : IClassFixture<SelfHostFactory>
{
    [Fact]
    public void The_self_host_serves_exactly_the_http_routes_of_the_functions_app()
    {
        Assert.Equal(FunctionsRoutes(), SelfHostRoutes());
    }

    internal static SortedSet<string> FunctionsRoutes()
    {
        var metadataPath = Path.Combine(RepositoryPaths.BuildOutput("functions/CrewBuilder.Functions"), "functions.metadata");
        Assert.True(File.Exists(metadataPath), $"Build the Functions app first: {metadataPath} is missing.");
        using var metadata = JsonDocument.Parse(File.ReadAllText(metadataPath));
        var routes = new SortedSet<string>();
        foreach (var binding in metadata.RootElement.EnumerateArray().SelectMany(function => function.GetProperty("bindings").EnumerateArray()))
        {
            if (binding.GetProperty("type").GetString() == "httpTrigger")
            {
                foreach (var method in binding.GetProperty("methods").EnumerateArray())
                {
                    routes.Add($"{method.GetString()!.ToUpperInvariant()} api/{binding.GetProperty("route").GetString()}");
                }
            }
        }

        return routes;
    }

    private SortedSet<string> SelfHostRoutes()
    {
        _ = selfHost.Server; // builds the app and its endpoints
        var endpoints = selfHost.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return new SortedSet<string>(endpoints
            .Where(endpoint => endpoint.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .Where(endpoint => !ApiRoutes.SelfHostOnly.Any(route => endpoint.RoutePattern.RawText!.EndsWith(route, StringComparison.Ordinal)))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {endpoint.RoutePattern.RawText!.TrimStart('/')}")));
    }
}
