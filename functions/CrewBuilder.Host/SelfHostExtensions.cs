using Azure.Monitor.OpenTelemetry.AspNetCore;
using CrewBuilder.Core;
using CrewBuilder.Core.Observability;
using CrewBuilder.Host.Durable;

namespace CrewBuilder.Host;

internal static class SelfHostExtensions
{
    public const string DefaultUrl = "http://localhost:7071";

    public static WebApplicationBuilder AddSelfHost(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl); // the Functions host's port, so both hosts answer at the same address
        }

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
