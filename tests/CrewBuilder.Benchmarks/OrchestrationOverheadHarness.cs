using CrewBuilder.Core.Generation.Review;
using Microsoft.Extensions.Logging.Abstractions;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Project;
using CrewBuilder.Core.Generation.Template;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Benchmarks;

internal static class OrchestrationOverheadHarness
{
    private const string Requirement = "A crew that triages our support inbox, drafts replies and flags urgent tickets for a human.";

    public static async Task<string> RunAsync(HarnessOptions options, AzuriteServer azurite)
    {
        var direct = MeasureDirect(options.DirectRuns);

        using var host = await SelfHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage__Prefix"] = AzuriteServer.UniqueName("bench"),
            ["Durable__TaskHub"] = AzuriteServer.UniqueName("bench"),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Generation__AnonymousPerHour"] = "100000", // one address starts every generation of the run
        });
        using var http = host.CreateClient();

        await RunGenerationAsync(http); // warm-up: JIT, table and queue creation
        var sequential = new List<double>();
        for (var i = 0; i < options.DurableRuns; i++)
        {
            sequential.Add((await RunGenerationAsync(http)).TotalMilliseconds);
        }

        var burst = Stopwatch.StartNew();
        var concurrent = await Task.WhenAll(Enumerable.Range(0, options.ConcurrentRuns).Select(_ => RunGenerationAsync(http)));
        burst.Stop();

        var durableMs = Median(sequential);
        var steps = GenerationSteps.All.Count;
        return new StringBuilder()
            .AppendLine("| measure | value |")
            .AppendLine("|---|---|")
            .AppendLine($"| generator work, called directly (median of {options.DirectRuns}) | {direct:F2} ms |")
            .AppendLine($"| generation through the durable workflow (median of {options.DurableRuns}, server-side created→completed) | {durableMs:F0} ms |")
            .AppendLine($"| orchestration overhead per step ({steps} steps) | {(durableMs - direct) / steps:F0} ms |")
            .AppendLine($"| ratio durable / direct | {durableMs / direct:F0}x |")
            .AppendLine($"| {options.ConcurrentRuns} concurrent generations, wall time | {burst.ElapsedMilliseconds} ms (median each {Median(concurrent.Select(c => c.TotalMilliseconds)):F0} ms) |")
            .AppendLine($"| self-host start to first healthy answer | {host.StartupTime.TotalMilliseconds:F0} ms |")
            .AppendLine($"| self-host working set after the runs | {host.WorkingSetBytes / 1024.0 / 1024.0:F0} MiB |")
            .ToString();
    }

    /// <summary>The template steps' own work: design, code, validation, docs and zip, with no storage or workflow.</summary>
    private static double MeasureDirect(int runs)
    {
        var designer = new TemplateCrewDesigner();
        var writer = new CrewProjectWriter();
        var checks = new ProjectChecks(new PythonSyntax(NullLogger<PythonSyntax>.Instance));
        var docs = new ProjectDocsWriter();
        var deployment = new DeploymentWriter();
        var times = new List<double>();
        for (var i = 0; i < runs + 20; i++)
        {
            var clock = Stopwatch.StartNew();
            var analysis = designer.Analyse(Requirement);
            var feasibility = designer.AssessIntegrations(analysis.Requirement);
            var roster = designer.DesignAgents(analysis, feasibility);
            var design = new CrewDesign(analysis, roster, designer.DesignTasks(analysis, roster), feasibility);
            var project = writer.WriteCode(design, $"{i:x32}");
            var review = new ReviewReport(0, checks.RunAsync(design, project, CancellationToken.None).GetAwaiter().GetResult(), null, checks.PythonChecker);
            if (!review.Passed)
            {
                throw new InvalidOperationException("The benchmark requirement produced an invalid project.");
            }

            ProjectPackager.Zip(project.With(docs.Document(design, GenerationMode.Template, review)).With(deployment.Deploy(design)), DateTimeOffset.UtcNow);
            if (i >= 20)
            {
                times.Add(clock.Elapsed.TotalMilliseconds); // the first 20 runs warm up the JIT
            }
        }

        return Median(times);
    }

    private static async Task<TimeSpan> RunGenerationAsync(HttpClient http)
    {
        var (duration, view) = await PipelineHarness.GenerateAsync(http, Requirement);
        return view.Status == GenerationStatus.Completed ? duration : throw new InvalidOperationException($"Generation failed: {view.Error}");
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
