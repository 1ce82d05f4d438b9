using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;
using DurableTask.AzureStorage;
using DurableTask.Core;

namespace CrewBuilder.Benchmarks;

/// <summary>
/// The generation workflow against the engine it runs on, in one run on the same Azurite backend: a bare orchestrator
/// with as many no-op activities as the workflow has steps, versus the real workflow on the self-host with a stand-in
/// model that answers at once, then in 5 s a call; 20 concurrent generations; tokens per scripted generation; the scripted
/// generations again through a network that drops one model call in four.
/// </summary>
internal static class PipelineHarness
{
    private static readonly TimeSpan RealisticLatency = TimeSpan.FromSeconds(5);

    public static async Task<string> RunAsync(HarnessOptions options, AzuriteServer azurite)
    {
        var steps = GenerationSteps.All.Count;
        await using var engine = await BareEngine.StartAsync(azurite);
        using var model = new ProviderStandIn { CountTokens = true };
        using var host = await SelfHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage__Prefix"] = AzuriteServer.UniqueName("pipe"),
            ["Durable__TaskHub"] = AzuriteServer.UniqueName("pipe"),
            ["OPENAI_API_KEY"] = ProviderStandIn.ValidOpenAiKey,
            ["OPENAI_BASE_URL"] = model.OpenAiBaseUrl,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Generation__AnonymousPerHour"] = "100000",
        });
        using var http = host.CreateClient();
        var requirement = ModelScripts.Default.Requirement;
        await GenerateAsync(http, requirement); // warm-ups
        await engine.RunAsync(steps);

        // Bare and real runs alternate, so a busier moment of the machine weighs on both alike.
        var (bare, instant) = (new List<double>(), new List<double>());
        for (var i = 0; i < options.DurableRuns; i++)
        {
            bare.Add(await engine.RunAsync(steps));
            instant.Add((await GenerateAsync(http, requirement)).Duration.TotalMilliseconds);
        }

        var calls = model.CompletionRequests;
        model.Latency = RealisticLatency;
        var slow = await GenerateAsync(http, requirement);
        var modelCalls = model.CompletionRequests - calls;
        model.Latency = TimeSpan.Zero;
        var waiting = RealisticLatency.TotalMilliseconds * modelCalls;
        var overhead = slow.Duration.TotalMilliseconds - waiting;

        var peak = host.WorkingSetBytes;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, host.WorkingSetBytes);
                await Task.Delay(100);
            }
        });
        var burst = Stopwatch.StartNew();
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => GenerateAsync(http, requirement)));
        burst.Stop();
        await sampling.CancelAsync();
        await sampler;
        var intact = concurrent.Count(run => run.View.Status == GenerationStatus.Completed
            && run.View.Steps.Count == steps && run.View.Steps.All(step => step.Status == StepStatus.Completed));

        var tokens = new StringBuilder();
        foreach (var script in ModelScripts.Requirements)
        {
            var run = await GenerateAsync(http, script.Requirement);
            tokens.AppendLine($"| {script.Name} | {run.View.Cost!.TokensIn:N0} | {run.View.Cost.TokensOut:N0} | {run.View.Summary?.Agents} agents, {run.View.Summary?.Tasks} tasks |");
        }

        // The same requirements through a network that drops one model call in four before its answer.
        var lossy = new StringBuilder();
        foreach (var script in ModelScripts.Requirements)
        {
            var (callsBefore, droppedBefore) = (model.CompletionRequests, model.DroppedConnections);
            var run = await GenerateAsync(http, $"{script.Requirement} #lossy-network");
            lossy.AppendLine($"| {script.Name} | {run.View.Status.ToString().ToLowerInvariant()}{(run.View.Error is { } error ? $": {error}" : "")} | {model.CompletionRequests - callsBefore} | {model.DroppedConnections - droppedBefore} | {run.Duration.TotalSeconds:F1} s |");
        }

        var bareMs = OrchestrationOverheadHarness.Median(bare);
        var workflowMs = OrchestrationOverheadHarness.Median(instant);
        // Each workflow run against the bare run just before it: a slower spell of the machine weighs on both sides of a pair.
        var pairedRatio = OrchestrationOverheadHarness.Median(instant.Zip(bare, (workflow, engine) => workflow / engine));
        return new StringBuilder()
            .AppendLine("| measure | value |")
            .AppendLine("|---|---|")
            .AppendLine($"| bare engine, {steps} no-op activities (median of {options.DurableRuns}) | {bareMs:F0} ms, {bareMs / steps:F0} ms a step |")
            .AppendLine($"| generation workflow, instant model (median of {options.DurableRuns}) | {workflowMs:F0} ms, {workflowMs / steps:F0} ms a step |")
            .AppendLine($"| workflow / bare engine per step: median of the {options.DurableRuns} back-to-back pairs (ratio of the medians) | {pairedRatio:F2}x ({workflowMs / bareMs:F2}x) (target ≤ 1.2x) |")
            .AppendLine($"| generation with a model answering in {RealisticLatency.TotalSeconds:F0} s ({modelCalls} calls) | {slow.Duration.TotalMilliseconds:F0} ms, of which orchestration and our own work {overhead:F0} ms = {overhead / slow.Duration.TotalMilliseconds:P1} (target < 5%) |")
            .AppendLine($"| 20 concurrent generations | {intact}/20 complete with every step done once; {burst.Elapsed.TotalSeconds:F1} s wall, {20 / burst.Elapsed.TotalSeconds:F2} generations/s |")
            .AppendLine($"| self-host peak working set during the burst | {peak / 1024.0 / 1024.0:F0} MiB |")
            .AppendLine()
            .AppendLine("| scripted requirement | tokens in | tokens out | crew |")
            .AppendLine("|---|---|---|---|")
            .Append(tokens)
            .AppendLine()
            .AppendLine("| through a network that drops one call in four | outcome | model calls | dropped | time |")
            .AppendLine("|---|---|---|---|---|")
            .Append(lossy)
            .ToString();
    }

    /// <summary>Starts a generation without an account and follows it to its end: its server-side duration and final view.</summary>
    internal static async Task<(TimeSpan Duration, GenerationView View)> GenerateAsync(HttpClient http, string requirement)
    {
        using var response = await http.PostAsJsonAsync("/api/generations", new { requirement });
        response.EnsureSuccessStatusCode();
        var accepted = (await response.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            using var status = new HttpRequestMessage(HttpMethod.Get, accepted.StatusUrl);
            status.Headers.Authorization = new("Bearer", accepted.AccessToken);
            using var answer = await http.SendAsync(status);
            var view = (await answer.Content.ReadFromJsonAsync<GenerationView>(ApiJson.Options))!;
            if (view.Status is GenerationStatus.Completed or GenerationStatus.Failed)
            {
                return (view.CompletedAt!.Value - view.CreatedAt, view);
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Generation {accepted.Id} did not finish.");
    }
}
