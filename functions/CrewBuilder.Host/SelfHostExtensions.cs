using Azure.Monitor.OpenTelemetry.AspNetCore;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Observability;
using CrewBuilder.Core.Organisations.Management;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Core.Privacy;
using CrewBuilder.Core.Scheduling;
using CrewBuilder.Core;
using CrewBuilder.Host.Durable;

namespace CrewBuilder.Host;

internal static class SelfHostExtensions
{
    public const string DefaultUrl = "http://localhost:7071";
    public const string DevAuthSetting = "CREWBUILDER_DEV_AUTH";

    public static WebApplicationBuilder AddSelfHost(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl); // the Functions host's port, so both hosts answer at the same address
        }

        builder.Services.AddCrewBuilder(builder.Configuration);
        builder.AddDevelopmentSignIn();
        builder.Services.AddProblemDetails();
        builder.Services.AddDurableWorkflow(builder.Configuration);
        builder.Services.AddScheduledJobs();
        builder.Services.AddOptions<SiteOptions>().Bind(builder.Configuration.GetSection(SiteOptions.Section));
        if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            builder.Services.AddOpenTelemetry().UseAzureMonitor().AddCrewBuilderInstrumentation();
        }

        builder.Services.AddKeyRedaction();
        return builder;
    }

    /// <summary>The same timers as the Functions app, on the schedules declared in Core.</summary>
    private static void AddScheduledJobs(this IServiceCollection services)
    {
        services.AddSingleton(provider => new ScheduledJob(
            nameof(RetentionSweep), Schedules.RetentionSweep, cancellationToken => provider.GetRequiredService<RetentionSweep>().RunAsync(cancellationToken)));
        services.AddSingleton(provider => new ScheduledJob(
            nameof(KeyJanitor), Schedules.KeyJanitor, cancellationToken => provider.GetRequiredService<KeyJanitor>().RunAsync(cancellationToken)));
        services.AddSingleton(provider => new ScheduledJob(
            nameof(KekRotation), Schedules.KekRotation, cancellationToken => provider.GetRequiredService<KekRotation>().RotateAsync(cancellationToken)));
        services.AddSingleton(provider => new ScheduledJob(
            nameof(QuotaJanitor), Schedules.QuotaJanitor, cancellationToken => provider.GetRequiredService<QuotaJanitor>().RunAsync(cancellationToken)));
        services.AddSingleton(provider => new ScheduledJob(
            nameof(Schedules.UsageAnomalyScan), Schedules.UsageAnomalyScan, cancellationToken => provider.GetRequiredService<UsageAnalytics>().ScanAsync(cancellationToken)));
        services.AddSingleton(provider => new ScheduledJob(
            nameof(OrgKeyRotation), Schedules.OrgKeyRotation, cancellationToken => provider.GetRequiredService<OrgKeyRotation>().RunAsync(cancellationToken)));
        services.AddSingleton(provider => new ScheduledJob(
            nameof(AuditAnchoring), Schedules.AuditCheckpoint, cancellationToken => provider.GetRequiredService<AuditAnchoring>().RunAsync(cancellationToken)));
        services.AddSingleton(provider => new ScheduledJob(
            nameof(Schedules.WebhookRetries), Schedules.WebhookRetries, cancellationToken => provider.GetRequiredService<Core.Webhooks.WebhookService>().RetryDueAsync(cancellationToken)));
        services.AddSingleton(provider => new ScheduledJob(
            nameof(Schedules.StatusProbe), Schedules.StatusProbe, cancellationToken => provider.GetRequiredService<Core.Status.DependencyProbe>().RunAsync(
                provider.GetRequiredService<Core.Generation.Workflow.IGenerationScheduler>(), cancellationToken),
            RunAtStart: provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Status.StatusOptions>>().Value.ProbeAtStart));
        services.AddSingleton(provider => new ScheduledJob(
            nameof(Schedules.OwedStarts), Schedules.OwedStarts, cancellationToken => provider.GetRequiredService<Core.Generation.Workflow.GenerationStarts>().SweepAsync(
                provider.GetRequiredService<Core.Generation.Workflow.IGenerationScheduler>(), cancellationToken),
            RunAtStart: true));
        services.AddHostedService<JobScheduler>();
    }

    /// <summary>CREWBUILDER_DEV_AUTH=true enables local sign-in for any e-mail; never in Production.</summary>
    private static void AddDevelopmentSignIn(this WebApplicationBuilder builder)
    {
        if (!string.Equals(builder.Configuration[DevAuthSetting], "true", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"{DevAuthSetting}=true lets anyone sign in as anyone; it is refused in the Production environment.");
        }

        builder.Services.AddSingleton<DevTokenIssuer>();
    }
}
