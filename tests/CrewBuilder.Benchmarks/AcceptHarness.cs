using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Identity;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Benchmarks;

/// <summary>
/// Accepting a generation on the self-host (a separate process, Release, on the benchmark's Azurite): POST
/// /api/generations by signed-in Professional payers: one caller's requests in turn, new payers' first requests in turn,
/// 30 at once on one payer, and 100 at once over 100 payers (their first requests, then their second); the client's
/// round-trip time, p50 and p99, beside what one storage round trip costs on the same machine. The accepted generations are held at their first step
/// (Generation:TemplateStepDelay), so the workflow's own work does not weigh on the measure. Then a second self-host
/// reaches Azurite through <see cref="StorageCallCounter"/>, and the same requests are counted: the storage calls each
/// made, by the table, queue or container they touched, and where each answer's time went. Between the two, 100 writers
/// at once straight to Azurite show the least a burst of 100 acceptances could take here.
/// </summary>
internal static class AcceptHarness
{
    private const int Alone = 40;
    private const int Counted = 10;
    private const int WarmUpPayers = 6;

    public static async Task<string> RunAsync(AzuriteServer azurite)
    {
        using var issuer = new OidcIssuer();
        var prefix = AzuriteServer.UniqueName("acc");
        await using var core = CoreHarness.Services(azurite, prefix);
        var payers = new Payers(issuer, core.GetRequiredService<UserStore>());
        var report = new StringBuilder()
            .AppendLine("| POST /api/generations (Professional payers, self-host) | accepted | p50 | p99 | target |")
            .AppendLine("|---|---|---|---|---|");
        using (var host = await StartHostAsync(azurite.ConnectionString, prefix, AzuriteServer.UniqueName("acc"), issuer))
        {
            using var http = host.CreateClient();
            await WarmUpAsync(http, payers);

            var caller = await payers.NextAsync();
            var oneCaller = new List<Accept>();
            for (var i = 0; i < Alone; i++)
            {
                oneCaller.Add(await AcceptAsync(http, caller));
            }

            var firsts = new List<Accept>();
            foreach (var payer in await payers.ManyAsync(Alone))
            {
                firsts.Add(await AcceptAsync(http, payer));
            }

            var hot = await payers.NextAsync();
            var onePayer = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => AcceptAsync(http, hot)));
            var hundred = await payers.ManyAsync(100);
            var manyPayers = await Task.WhenAll(hundred.Select(payer => AcceptAsync(http, payer)));
            var manyPayersAgain = await Task.WhenAll(hundred.Select(payer => AcceptAsync(http, payer)));
            var serverOnly = await Task.WhenAll(hundred.Select(payer => ForecastAsync(http, payer)));
            report
                .AppendLine(Row($"one caller, {Alone} in turn", oneCaller, "p50 < 40 ms"))
                .AppendLine(Row($"{Alone} in turn, each a new payer's first", firsts, "—"))
                .AppendLine(Row("30 at once on one payer (quota 50)", onePayer, "p99 < 300 ms"))
                .AppendLine(Row("100 at once over 100 payers, each's first", manyPayers, "p99 < 150 ms"))
                .AppendLine(Row("the same 100 at once again", manyPayersAgain, "p99 < 150 ms"))
                .AppendLine(ScaleRow("100 at once over the same payers, a signed-in forecast (the server's work, no storage call)", [.. serverOnly.Order()], "F0"))
                .AppendLine(await StorageFloorRowAsync(azurite));
        }

        report.Append(await BurstFloorRowsAsync(azurite));

        using var counter = new StorageCallCounter(azurite);
        var countedHub = AzuriteServer.UniqueName("cnt");
        using (var host = await StartHostAsync(counter.ConnectionString, prefix, countedHub, issuer))
        {
            using var http = host.CreateClient();
            await WarmUpAsync(http, payers);

            var firstCalls = new List<Accept>();
            var againCalls = new List<Accept>();
            foreach (var payer in await payers.ManyAsync(Counted))
            {
                firstCalls.Add(await AcceptAsync(http, payer, counter));
                againCalls.Add(await AcceptAsync(http, payer, counter));
            }

            var hot = await payers.NextAsync();
            var hotCalls = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => AcceptAsync(http, hot, counter)));
            // The orchestration's start may finish after the answer: let it, so its calls are counted too.
            await Task.Delay(TimeSpan.FromSeconds(2));
            report.AppendLine()
                .AppendLine(CallTable(counter, [
                    ($"payer's first request (of {Counted})", firstCalls),
                    ($"payer's second request (of {Counted})", againCalls),
                    ("30 at once on one payer", hotCalls)], prefix, countedHub));
        }

        return report.ToString();
    }

    /// <summary>What one storage round trip costs here: a table point read by the Azure SDK, in turn, against the same Azurite.</summary>
    private static async Task<string> StorageFloorRowAsync(AzuriteServer azurite)
    {
        var table = new Azure.Data.Tables.TableClient(azurite.ConnectionString, AzuriteServer.UniqueName("floor"));
        await table.CreateIfNotExistsAsync();
        await table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("p", "r"));
        var reads = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var clock = Stopwatch.GetTimestamp();
            await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("p", "r");
            reads.Add(Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
        }

        var sorted = reads.Order().ToArray();
        return ScaleRow("one table point read, 200 in turn", sorted, "F1");
    }

    /// <summary>
    /// What 100 writers at once cost this Azurite with no server in the way and nothing else running (the host above is
    /// stopped): each writes one entity in a partition of its own, the least an accepted generation could write; then two
    /// in turn, as an exact quota and a durable generation record in their own partitions need; then the same two followed,
    /// after the moment an answer could be sent, by the start of a one-step workflow on a running bare durable engine, as
    /// every acceptance must also start one. The 100-payer rows above cannot be faster than these.
    /// </summary>
    private static async Task<string> BurstFloorRowsAsync(AzuriteServer azurite)
    {
        var table = new Azure.Data.Tables.TableClient(azurite.ConnectionString, AzuriteServer.UniqueName("burst"));
        await table.CreateIfNotExistsAsync();
        for (var i = 0; i < 300; i++)
        {
            await table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("warm", $"r{i}"));
        }

        var one = await BurstAsync(writer => table.AddEntityAsync(new Azure.Data.Tables.TableEntity($"one-{writer}", "r")));
        async Task WriteTwoAsync(string burst, int writer)
        {
            await table.AddEntityAsync(new Azure.Data.Tables.TableEntity($"{burst}-quota-{writer}", "r"));
            await table.AddEntityAsync(new Azure.Data.Tables.TableEntity($"{burst}-row-{writer}", "r"));
        }

        var two = await BurstAsync(writer => WriteTwoAsync("two", writer));
        await using var engine = await BareEngine.StartAsync(azurite);
        await engine.RunAsync(1);
        var twoThenStart = await BurstAsync(writer => WriteTwoAsync("started", writer), _ => engine.StartAsync(1));
        return new StringBuilder()
            .AppendLine(ScaleRow("100 at once, one table insert each in a partition of its own (no server)", one, "F0"))
            .AppendLine(ScaleRow("100 at once, two inserts each in turn, in partitions of their own (no server)", two, "F0"))
            .AppendLine(ScaleRow("100 at once, the same two inserts, then each starts a workflow on a bare durable engine (time to the inserts; no server)", twoThenStart, "F0"))
            .ToString();

        static async Task<double[]> BurstAsync(Func<int, Task> write, Func<int, Task>? afterAnswer = null)
        {
            var times = await Task.WhenAll(Enumerable.Range(0, 100).Select(async writer =>
            {
                var clock = Stopwatch.GetTimestamp();
                await write(writer);
                var answered = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
                await (afterAnswer?.Invoke(writer) ?? Task.CompletedTask);
                return answered;
            }));
            return [.. times.Order()];
        }
    }

    /// <summary>
    /// A running server has compiled its accept path to optimised code long ago; a new process runs its first few
    /// hundred requests on the JIT's quick first tier (a caller's requests took 55 ms at first and 20 ms after 600 here).
    /// </summary>
    private static async Task WarmUpAsync(HttpClient http, Payers payers)
    {
        foreach (var payer in await payers.ManyAsync(WarmUpPayers))
        {
            for (var i = 0; i < 45; i++)
            {
                await AcceptAsync(http, payer);
            }
        }
    }

    private static Task<SelfHostProcess> StartHostAsync(string storage, string prefix, string taskHub, OidcIssuer issuer) =>
        SelfHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = storage,
            ["Storage__Prefix"] = prefix,
            ["Durable__TaskHub"] = taskHub,
            ["Auth__Authority"] = issuer.Authority,
            ["Auth__Audience"] = OidcIssuer.Audience,
            ["Auth__RequireHttpsMetadata"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Generation__TenantPerHour"] = "100000",
            ["Generation__TemplateStepDelay"] = "00:30:00",
        });

    private sealed record Accept(HttpStatusCode Status, string? TraceId, long SentAt, long AnsweredAt)
    {
        public double Ms => Stopwatch.GetElapsedTime(SentAt, AnsweredAt).TotalMilliseconds;
    }

    /// <summary>Signed-in Professional payers, each new one with a token of its own.</summary>
    private sealed class Payers(OidcIssuer issuer, UserStore users)
    {
        private int count;

        public async Task<string> NextAsync()
        {
            var subject = $"payer-{Interlocked.Increment(ref count)}";
            var userId = UserStore.UserId(issuer.Authority, subject);
            await users.EnsureAsync(userId, $"{subject}@example.com", subject, CancellationToken.None);
            await users.SetPlanAsync(userId, PlanIds.Professional, CancellationToken.None);
            return issuer.Issue(subject, $"{subject}@example.com");
        }

        public Task<string[]> ManyAsync(int how) => Task.WhenAll(Enumerable.Range(0, how).Select(_ => NextAsync()));
    }

    private static async Task<Accept> AcceptAsync(HttpClient http, string jwt, StorageCallCounter? counter = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generations")
        {
            Content = JsonContent.Create(new { requirement = "A crew that triages our support inbox and drafts replies for the support team." }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        string? traceId = null;
        if (counter is not null)
        {
            (traceId, var traceparent) = StorageCallCounter.NewTrace();
            request.Headers.Add("traceparent", traceparent);
        }

        var clock = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        return new Accept(response.StatusCode, traceId, clock, Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// A request that passes through everything an acceptance does before its first storage call (HTTP, the JWT's
    /// validation, the gate, the body's validation, JSON) and calls no storage once its payer is known.
    /// </summary>
    private static async Task<double> ForecastAsync(HttpClient http, string jwt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generations/forecast")
        {
            Content = JsonContent.Create(new { requirement = "A crew that triages our support inbox and drafts replies for the support team." }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        var clock = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
    }

    private static string Row(string name, IEnumerable<Accept> runs, string target)
    {
        var all = runs.ToList();
        var sorted = all.Select(run => run.Ms).Order().ToArray();
        return $"| {name} | {all.Count(run => run.Status == HttpStatusCode.Accepted)}/{all.Count} | {Percentile(sorted, 0.50):F0} ms | {Percentile(sorted, 0.99):F0} ms | {target} |";
    }

    /// <summary>Storage calls per accepted request, in all and by what they touched, for each scenario.</summary>
    private static string CallTable(StorageCallCounter counter, IReadOnlyList<(string Name, IReadOnlyList<Accept> Runs)> scenarios, string prefix, string taskHub)
    {
        var calls = scenarios.Select(scenario =>
        {
            var accepted = scenario.Runs.Where(run => run.Status == HttpStatusCode.Accepted).ToList();
            var made = accepted.SelectMany(run => counter.CallsOf(run.TraceId!).Select(call => (What: What(call, prefix, taskHub), After: call.At > run.AnsweredAt))).ToList();
            var rounds = accepted.Sum(run => Waits(counter, run).Rounds);
            return (scenario.Name, Accepted: Math.Max(1, accepted.Count), PerResource: made.CountBy(call => call.What).ToDictionary(), Total: made.Count,
                AfterAnswer: made.Count(call => call.After), Rounds: rounds);
        }).ToList();
        var resources = calls.SelectMany(scenario => scenario.PerResource.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var table = new StringBuilder()
            .AppendLine($"| storage calls per accepted request (measured at a relay before Azurite) | {string.Join(" | ", calls.Select(scenario => scenario.Name))} |")
            .AppendLine($"|---|{string.Concat(calls.Select(_ => "---|"))}");
        foreach (var resource in resources)
        {
            table.AppendLine($"| {resource} | {string.Join(" | ", calls.Select(scenario => $"{scenario.PerResource.GetValueOrDefault(resource) / (double)scenario.Accepted:0.##}"))} |");
        }

        return table
            .AppendLine($"| **all** | {string.Join(" | ", calls.Select(scenario => $"**{scenario.Total / (double)scenario.Accepted:0.##}**"))} |")
            .AppendLine($"| of which after the answer | {string.Join(" | ", calls.Select(scenario => $"{scenario.AfterAnswer / (double)scenario.Accepted:0.##}"))} |")
            .AppendLine($"| round trips the answer waited for, one after another | {string.Join(" | ", calls.Select(scenario => $"{scenario.Rounds / (double)scenario.Accepted:0.##}"))} |")
            .Append($"| the answer's time, ms: before its first call / waiting on storage / after its last, of all | {string.Join(" | ", scenarios.Select(scenario => TimeSpent(counter, scenario.Runs)))} |").ToString();
    }

    /// <summary>
    /// Where an answer's time went, as means over the scenario's requests that called storage: before its first call,
    /// waiting on storage (any of its calls in flight) and after its last answer; the rest is the server between its calls.
    /// </summary>
    private static string TimeSpent(StorageCallCounter counter, IReadOnlyList<Accept> runs)
    {
        var waits = runs.Select(run => (Run: run, Waits: Waits(counter, run))).Where(measured => measured.Waits.Rounds > 0).ToList();
        var count = Math.Max(1, waits.Count);
        double Mean(Func<Accept, Wait, TimeSpan> part) => waits.Sum(measured => part(measured.Run, measured.Waits).TotalMilliseconds) / count;
        return $"{Mean((run, wait) => Stopwatch.GetElapsedTime(run.SentAt, wait.FirstCall)):F1} / {Mean((_, wait) => wait.Waiting):F1} / "
            + $"{Mean((run, wait) => Stopwatch.GetElapsedTime(wait.LastAnswer, run.AnsweredAt)):F1} of {Mean((run, _) => Stopwatch.GetElapsedTime(run.SentAt, run.AnsweredAt)):F1}";
    }

    /// <summary>
    /// How a request's answer waited for storage: how many waits it made one after another (a call begun before the
    /// previous ones were answered shares their wait), for how long any of its calls was in flight, and when they began and ended.
    /// </summary>
    private static Wait Waits(StorageCallCounter counter, Accept run)
    {
        var (rounds, busy, first, answeredBy) = (0, 0L, long.MaxValue, long.MinValue);
        foreach (var call in counter.CallsOf(run.TraceId!).Where(call => call.At <= run.AnsweredAt).OrderBy(call => call.At))
        {
            rounds += call.At > answeredBy ? 1 : 0;
            var end = Math.Min(call.Answered, run.AnsweredAt);
            busy += Math.Max(0, end - Math.Max(call.At, answeredBy));
            (first, answeredBy) = (Math.Min(first, call.At), Math.Max(answeredBy, end));
        }

        return new Wait(rounds, Stopwatch.GetElapsedTime(0, busy), first, answeredBy);
    }

    private sealed record Wait(int Rounds, TimeSpan Waiting, long FirstCall, long LastAnswer);

    /// <summary>"table quotas" → "quota reservation (table quotas)"; the durable task hub's tables, queues and blobs as the orchestration's.</summary>
    private static string What(StorageCall call, string prefix, string taskHub)
    {
        var (service, resource) = (call.Service, call.Resource);
        var name = resource.StartsWith(prefix, StringComparison.Ordinal) ? resource[prefix.Length..] : resource;
        var purpose = name.Split(' ')[0] switch
        {
            UserStore.TableName => "authentication, plan",
            SubscriptionStore.TableName => "entitlement (subscription)",
            Core.Keys.SavedKeys.TableName => "key choice (saved keys)",
            Core.Organisations.OrganisationStore.TableName => "key choice (organisations)",
            Core.Organisations.WhiteLabel.HostnameStore.TableName => "white-label site",
            Core.Storage.FixedWindowCounters.TableName => "rate counter",
            QuotaLedger.TableName => "quota reservation",
            Core.Generation.GenerationStore.TableName => "generation row",
            Core.Generation.Workflow.GenerationStarts.TableName => "workflow owed (recovery record)",
            Core.Organisations.OrganisationStore.MembershipsTable => "key choice (organisations)",
            _ when resource.StartsWith(taskHub, StringComparison.OrdinalIgnoreCase) => "orchestration start (task hub)",
            _ => "other",
        };
        return $"{purpose}: {service} {name}";
    }

    private static string ScaleRow(string name, double[] sorted, string format) =>
        $"| for scale: {name} | — | {Percentile(sorted, 0.50).ToString(format, CultureInfo.InvariantCulture)} ms | {Percentile(sorted, 0.99).ToString(format, CultureInfo.InvariantCulture)} ms | — |";

    private static double Percentile(double[] sorted, double fraction) => sorted[(int)Math.Ceiling(fraction * sorted.Length) - 1];
}
