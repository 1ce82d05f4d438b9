using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Benchmarks;

/// <summary>
/// The durable engine's scale-out, shown: 100 template generations (each step held a moment, as a model call would
/// hold it) through one self-host, then 100 through two self-hosts on one Azurite and one task hub, one of which is
/// stopped with SIGKILL once a quarter of them are done. Reports whether every generation completed with each step
/// done once, how many activities ran again after the kill, how the work was spread, and the throughput of each.
/// </summary>
internal static partial class ScaleOutHarness
{
    private const int Generations = 100;

    public static async Task<string> RunAsync(AzuriteServer azurite, int partitions)
    {
        var report = new StringBuilder()
            .AppendLine($"| {Generations} generations, {partitions} partitions | completed, every step once | wall | generations/s | work done by each process (activities) | activities run again |")
            .AppendLine("|---|---|---|---|---|---|");
        var hub = Settings(azurite, partitions);
        using (var alone = await SelfHostProcess.StartAsync(hub))
        {
            var run = await RunAsync([alone], killAfter: null);
            report.AppendLine(Row("one process", run, [alone]));
        }

        hub = Settings(azurite, partitions);
        var hosts = await Task.WhenAll(SelfHostProcess.StartAsync(hub), SelfHostProcess.StartAsync(hub));
        try
        {
            var run = await RunAsync(hosts, killAfter: Generations / 4);
            report.AppendLine(Row("two processes, the second SIGKILLed at 25 done", run, hosts));
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Dispose();
            }
        }

        return report.ToString();
    }

    private static Dictionary<string, string> Settings(AzuriteServer azurite, int partitions) => new()
    {
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["Storage__Prefix"] = AzuriteServer.UniqueName("scale"),
        ["Durable__TaskHub"] = AzuriteServer.UniqueName("scale"),
        ["Durable__PartitionCount"] = partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Generation__AnonymousPerHour"] = "100000",
        ["Generation__TemplateStepDelay"] = "00:00:00.500",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__CrewBuilder.Core.Generation.Workflow.GenerationActivities"] = "Information",
    };

    private sealed record Run(int Completed, int Intact, TimeSpan Wall, int RunAgain);

    private static async Task<Run> RunAsync(SelfHostProcess[] hosts, int? killAfter)
    {
        var clients = hosts.Select(host => new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) }).ToArray();
        var clock = Stopwatch.StartNew();
        // Submitted a few at a time, as people do: the measure is the workflow's, not a burst of acceptances.
        using var submitting = new SemaphoreSlim(8);
        var accepted = await Task.WhenAll(Enumerable.Range(0, Generations).Select(async i =>
        {
            await submitting.WaitAsync();
            try
            {
                using var response = await clients[i % clients.Length].PostAsJsonAsync("/api/generations", new { requirement = $"A crew that triages our support inbox and drafts replies, number {i}." });
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
            }
            finally
            {
                submitting.Release();
            }
        }));

        var views = new Dictionary<string, GenerationView>();
        var survivor = clients[0];
        var killed = false;
        while (views.Count(view => IsEnded(view.Value)) < Generations && clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            foreach (var generation in accepted.Where(generation => !views.TryGetValue(generation.Id, out var view) || !IsEnded(view)))
            {
                using var status = new HttpRequestMessage(HttpMethod.Get, generation.StatusUrl);
                status.Headers.Authorization = new("Bearer", generation.AccessToken);
                using var answer = await survivor.SendAsync(status);
                views[generation.Id] = (await answer.Content.ReadFromJsonAsync<GenerationView>(ApiJson.Options))!;
            }

            if (!killed && killAfter is { } after && views.Values.Count(IsEnded) >= after)
            {
                hosts[^1].Kill();
                killed = true;
            }

            await Task.Delay(250);
        }

        var wall = views.Values.Where(IsEnded).Select(view => view.CompletedAt!.Value).DefaultIfEmpty(DateTimeOffset.UtcNow).Max() - views.Values.Min(view => view.CreatedAt);
        var intact = views.Values.Count(view => view.Status == GenerationStatus.Completed
            && view.Steps.Count == GenerationSteps.All.Count && view.Steps.All(step => step.Status == StepStatus.Completed));
        foreach (var client in clients)
        {
            client.Dispose();
        }

        var finished = hosts.SelectMany(host => Finished(host.Output)).ToList();
        var runAgain = finished.Count - finished.Distinct().Count();
        return new Run(views.Values.Count(view => view.Status == GenerationStatus.Completed), intact, wall, runAgain);
    }

    private static bool IsEnded(GenerationView view) => view.Status is GenerationStatus.Completed or GenerationStatus.Failed or GenerationStatus.Cancelled;

    private static string Row(string name, Run run, SelfHostProcess[] hosts) =>
        $"| {name} | {run.Completed}/{Generations}, {run.Intact}/{Generations} | {run.Wall.TotalSeconds:F1} s | {Generations / run.Wall.TotalSeconds:F2} "
        + $"| {string.Join(" + ", hosts.Select(host => Finished(host.Output).Count()))} | {run.RunAgain} |";

    /// <summary>The (generation, step) of every step a process's activities finished, from its log.</summary>
    private static IEnumerable<(string Generation, string Step)> Finished(string output) =>
        FinishedStep().Matches(output).Select(match => (match.Groups[1].Value, match.Groups[2].Value));

    [GeneratedRegex(@"Generation ([0-9a-f]+) finished step ([a-z-]+)")]
    private static partial Regex FinishedStep();
}
