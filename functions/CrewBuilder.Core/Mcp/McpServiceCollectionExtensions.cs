using ModelContextProtocol.AspNetCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Core.Mcp;

public static class McpServiceCollectionExtensions
{
    /// <summary>
    /// The MCP server both hosts serve at <see cref="Api.ApiRoutes.Mcp"/>: stateless streamable HTTP, so any instance
    /// answers any request (the Functions app keeps no session between invocations).
    /// </summary>
    public static IServiceCollection AddCrewBuilderMcp(this IServiceCollection services)
    {
        services.AddRouting();
        services.AddScoped<McpCall>();
        services.AddSingleton<McpEndpoint>();
        services.AddMcpServer(options =>
            {
                options.ServerInfo = new() { Name = "crewbuilder", Title = "CrewBuilder", Version = typeof(McpEndpoint).Assembly.GetName().Version!.ToString(3) };
                options.ServerInstructions =
                    "CrewBuilder turns a plain-language business requirement into a ready-to-run CrewAI project. Call forecast_generation for the cost, " +
                    "generate_crew to build one, then read its files with read_project_file or the crewbuilder://generations/{id}/... resources.";
            })
            .WithHttpTransport(http => http.SessionMode = HttpServerSessionMode.Stateless)
            .WithTools<GenerationTools>()
            .WithResources<ProjectResources>();
        return services;
    }
}
