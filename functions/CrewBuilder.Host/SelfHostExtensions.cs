using Azure.Monitor.OpenTelemetry.AspNetCore;
using CrewBuilder.Core;
using CrewBuilder.Core.Observability;
using CrewBuilder.Host.Durable;

namespace CrewBuilder.Host;

internal static class SelfHostExtensions
{
    public static WebApplicationBuilder AddSelfHost(this WebApplicationBuilder builder)
    {
        builder.Services.AddCrewBuilder(builder.Configuration);
        builder.Services.AddProblemDetails();
        builder.Services.AddDurableWorkflow(builder.Configuration);
        builder.Services.AddOptions<SiteOptions>().Bind(builder.Configuration.GetSection(SiteOptions.Section));
        if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            builder.Services.AddOpenTelemetry().UseAzureMonitor().AddCrewBuilderInstrumentation();
        }

        return builder;
    }
}
