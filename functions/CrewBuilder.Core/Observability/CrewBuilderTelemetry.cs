using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CrewBuilder.Core.Observability;

/// <summary>CrewBuilder's own traces and metrics; the hosts export them with OpenTelemetry.</summary>
public static class CrewBuilderTelemetry
{
    public const string Name = "CrewBuilder";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    public static Counter<long> GenerationsStarted { get; } =
        Meter.CreateCounter<long>("crewbuilder.generations.started", description: "Generations accepted.");

    public static Counter<long> GenerationsFinished { get; } =
        Meter.CreateCounter<long>("crewbuilder.generations.finished", description: "Generations that completed or failed, by outcome.");

    public static Histogram<double> StepDuration { get; } =
        Meter.CreateHistogram<double>("crewbuilder.generation.step.duration", unit: "s", description: "Time one generation step took.");

    public static Counter<long> QuotaConflicts { get; } =
        Meter.CreateCounter<long>("crewbuilder.quota.conflicts", description: "Quota transactions retried because another writer changed the balance first.");

    /// <summary>Adds CrewBuilder's traces and metrics to an OpenTelemetry pipeline.</summary>
    public static IOpenTelemetryBuilder AddCrewBuilderInstrumentation(this IOpenTelemetryBuilder builder) =>
        builder.WithTracing(tracing => tracing.AddSource(Name)).WithMetrics(metrics => metrics.AddMeter(Name));
}
