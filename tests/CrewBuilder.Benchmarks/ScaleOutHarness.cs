using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using Azure.Data.Tables;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Benchmarks;

/// <summary>
/// The durable engine's scale-out, shown: 100 template generations (each step held a moment, as a model call would
/// hold it) through one self-host, then 100 through two self-hosts on one Azurite and one task hub, one of which is
/// stopped with SIGKILL once about 30 % of them are done. Reports whether every generation completed with every step,
/// how many activities' answers reached their orchestration twice (from its history table; the engine takes the first), how many activities ran again after
/// the kill (at-least-once delivery), how the work was spread, and the throughput of each.
/// </summary>
internal static partial class ScaleOutHarness
{
    private const int Generations = 100;

    public static async Task<string> RunAsync(AzuriteServer azurite, int partitions)
    {
        var report = new StringBuilder()
            .AppendLine($"| {Generations} generations, {partitions} partitions | completed, every step once | activity answers delivered twice (the engine resumes on the first) | wall | generations/s | activities each process ran | activities run again |")
            .AppendLine("|---|---|---|---|---|---|---|");
        var hub = Settings(azurite, partitions);
        using (var alone = await SelfHostProcess.StartAsync(hub))
        {
            var run = await RunAsync(azurite, hub, [alone], killAt: null);
            report.AppendLine(Row("one process", run, [alone]));
        }

        hub = Settings(azurite, partitions);
        var hosts = await Task.WhenAll(SelfHostProcess.StartAsync(hub), SelfHostProcess.StartAsync(hub));
        try
        {
            var run = await RunAsync(azurite, hub, hosts, killAt: Generations * 3 / 10);
            report.AppendLine(Row($"two processes, the second SIGKILLed at {run.DoneAtKill} done", run, hosts));
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

    private sealed record Run(int Completed, int Intact, int AnsweredTwice, TimeSpan Wall, int RunAgain, int? DoneAtKill);

    private static async Task<Run> RunAsync(AzuriteServer azurite, Dictionary<string, string> hub, SelfHostProcess[] hosts, int? killAt)
    {
        var clients = hosts.Select(host => new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) }).ToArray();
        var taskHub = hub["Durable__TaskHub"];
        var instances = new TableClient(azurite.ConnectionString, $"{taskHub}Instances");
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

        // Ended orchestrations counted with one query of the engine's instances table a poll, so the kill lands when it is due.
        int? doneAtKill = null;
        for (var ended = 0; ended < Generations && clock.Elapsed < TimeSpan.FromMinutes(10); await Task.Delay(250))
        {
            ended = await EndedAsync(instances);
            if (doneAtKill is null && killAt is { } due && ended >= due)
            {
                hosts[^1].Kill();
                doneAtKill = ended;
            }
        }

        var survivor = clients[0];
        var views = new List<GenerationView>();
        foreach (var generation in accepted)
        {
            using var status = new HttpRequestMessage(HttpMethod.Get, generation.StatusUrl);
            status.Headers.Authorization = new("Bearer", generation.AccessToken);
            using var answer = await survivor.SendAsync(status);
            views.Add((await answer.Content.ReadFromJsonAsync<GenerationView>(ApiJson.Options))!);
        }

        var wall = views.Where(IsEnded).Select(view => view.CompletedAt!.Value).DefaultIfEmpty(DateTimeOffset.UtcNow).Max() - views.Min(view => view.CreatedAt);
        var intact = views.Count(view => view.Status == GenerationStatus.Completed
            && view.Steps.Count == GenerationSteps.All.Count && view.Steps.All(step => step.Status == StepStatus.Completed));
        foreach (var client in clients)
        {
            client.Dispose();
        }

        var finished = hosts.SelectMany(host => Finished(host.Output)).ToList();
        var runAgain = finished.Count - finished.Distinct().Count();
        return new Run(views.Count(view => view.Status == GenerationStatus.Completed), intact,
            await AnsweredTwiceAsync(new TableClient(azurite.ConnectionString, $"{taskHub}History")), wall, runAgain, doneAtKill);
    }

    private static async Task<int> EndedAsync(TableClient instances)
    {
        var ended = 0;
        await foreach (var _ in instances.QueryAsync<TableEntity>(
            "RuntimeStatus eq 'Completed' or RuntimeStatus eq 'Failed' or RuntimeStatus eq 'Terminated'", select: ["PartitionKey"]))
        {
            ended++;
        }

        return ended;
    }

    /// <summary>
    /// Activities whose answer reached their orchestration twice: in its history, a scheduled activity with more than one
    /// TaskCompleted or TaskFailed event. An activity run again after the kill answers again (at-least-once delivery); the
    /// engine resumes the orchestration on the first answer and logs any later one as a duplicate, so the step's result is
    /// taken once.
    /// </summary>
    private static async Task<int> AnsweredTwiceAsync(TableClient history)
    {
        var results = new List<(string Instance, int Scheduled)>();
        await foreach (var row in history.QueryAsync<TableEntity>(
            "EventType eq 'TaskCompleted' or EventType eq 'TaskFailed'", select: ["PartitionKey", "TaskScheduledId"]))
        {
            results.Add((row.PartitionKey, row.GetInt32("TaskScheduledId") ?? -1));
        }

        return results.Count - results.Distinct().Count();
    }

    private static bool IsEnded(GenerationView view) => view.Status is GenerationStatus.Completed or GenerationStatus.Failed or GenerationStatus.Cancelled;

    private static string Row(string name, Run run, SelfHostProcess[] hosts) =>
        $"| {name} | {run.Completed}/{Generations}, {run.Intact}/{Generations} | {run.AnsweredTwice} | {run.Wall.TotalSeconds:F1} s | {Generations / run.Wall.TotalSeconds:F2} "
        + $"| {string.Join(" + ", hosts.Select(host => Finished(host.Output).Count()))} | {run.RunAgain} |";

    /// <summary>The (generation, step) of every step a process's activities finished, from its log.</summary>
    private static IEnumerable<(string Generation, string Step)> Finished(string output) =>
        FinishedStep().Matches(output).Select(match => (match.Groups[1].Value, match.Groups[2].Value));

    [GeneratedRegex(@"Generation ([0-9a-f]+) finished step ([a-z-]+)")]
    private static partial Regex FinishedStep();
}
