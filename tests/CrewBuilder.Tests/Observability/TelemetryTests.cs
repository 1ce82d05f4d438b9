using System.Collections.Concurrent;
using System.Diagnostics;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Observability;
using CrewBuilder.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CrewBuilder.Tests.Observability;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Each_generation_step_is_traced_with_the_generation_id()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CrewBuilderTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var app = new SelfHostFactory();
        var client = new GenerationClient(app.CreateClient());

        var accepted = await client.StartAsync();
        await client.WaitForCompletionAsync(accepted.Id);

        var steps = spans.Where(span => (string?)span.GetTagItem("crewbuilder.generation.id") == accepted.Id)
            .Select(span => (string?)span.GetTagItem("crewbuilder.generation.step"));
        Assert.Equal(GenerationSteps.All.Order(), steps.Order());
    }

    [Fact]
    public void With_an_application_insights_connection_string_traces_and_metrics_are_exported()
    {
        using var plain = new SelfHostFactory();
        using var app = plain.WithWebHostBuilder(builder => builder.UseSetting(
            "APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/"));

        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void Without_a_connection_string_nothing_is_exported()
    {
        using var app = new SelfHostFactory();

        Assert.Null(app.Services.GetService<TracerProvider>());
    }
}
