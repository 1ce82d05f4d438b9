using Azure.Monitor.OpenTelemetry.Exporter;
using CrewBuilder.Core.Observability;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace CrewBuilder.Functions;

internal static class Telemetry
{
    /// <summary>Traces, metrics and logs go to Azure Monitor when Application Insights is configured.</summary>
    public static IServiceCollection AddFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (!string.IsNullOrEmpty(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            services.AddOpenTelemetry().UseFunctionsWorkerDefaults().UseAzureMonitorExporter().AddCrewBuilderInstrumentation();
        }

        return services;
    }
}
