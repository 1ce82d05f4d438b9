using System.Diagnostics;
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
/// /api/generations by signed-in Professional payers, one request at a time, 30 at once on one payer, and 100 at once over
/// 100 payers; the client's round-trip time, p50 and p99. The accepted generations are held at their first step
/// (Generation:TemplateStepDelay), so the workflow's own work does not weigh on the measure.
/// </summary>
internal static class AcceptHarness
{
    private const int Alone = 40;

    public static async Task<string> RunAsync(AzuriteServer azurite)
    {
        using var issuer = new OidcIssuer();
        var prefix = AzuriteServer.UniqueName("acc");
        using var host = await SelfHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage__Prefix"] = prefix,
            ["Durable__TaskHub"] = AzuriteServer.UniqueName("acc"),
            ["Auth__Authority"] = issuer.Authority,
            ["Auth__Audience"] = OidcIssuer.Audience,
            ["Auth__RequireHttpsMetadata"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Generation__TenantPerHour"] = "100000",
            ["Generation__TemplateStepDelay"] = "00:30:00",
        });
        await using var core = CoreHarness.Services(azurite, prefix);
        var users = core.GetRequiredService<UserStore>();
        var payers = 0;
        async Task<string> PayerAsync()
        {
            var subject = $"payer-{Interlocked.Increment(ref payers)}";
            var userId = UserStore.UserId(issuer.Authority, subject);
            await users.EnsureAsync(userId, $"{subject}@example.com", subject, CancellationToken.None);
            await users.SetPlanAsync(userId, PlanIds.Professional, CancellationToken.None);
            return issuer.Issue(subject, $"{subject}@example.com");
        }

        using var http = host.CreateClient();
        var warm = await PayerAsync();
        for (var i = 0; i < 5; i++)
        {
            await AcceptAsync(http, warm);
        }

        var alone = new List<(double, HttpStatusCode)>();
        foreach (var payer in await Task.WhenAll(Enumerable.Range(0, Alone).Select(_ => PayerAsync())))
        {
            alone.Add(await AcceptAsync(http, payer));
        }

        var hot = await PayerAsync();
        var onePayer = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => AcceptAsync(http, hot)));
        var many = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => PayerAsync()));
        var manyPayers = await Task.WhenAll(many.Select(payer => AcceptAsync(http, payer)));
        return new StringBuilder()
            .AppendLine("| POST /api/generations (Professional payers, self-host) | accepted | p50 | p99 | target |")
            .AppendLine("|---|---|---|---|---|")
            .AppendLine(Row($"alone, {Alone} in turn, each its own payer", alone, "p50 < 40 ms"))
            .AppendLine(Row("30 at once on one payer (quota 50)", onePayer, "p99 < 300 ms"))
            .AppendLine(Row("100 at once over 100 payers", manyPayers, "p99 < 150 ms"))
            .ToString();
    }

    private static async Task<(double Ms, HttpStatusCode Status)> AcceptAsync(HttpClient http, string jwt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generations")
        {
            Content = JsonContent.Create(new { requirement = "A crew that triages our support inbox and drafts replies for the support team." }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        var clock = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        return (Stopwatch.GetElapsedTime(clock).TotalMilliseconds, response.StatusCode);
    }

    private static string Row(string name, IEnumerable<(double Ms, HttpStatusCode Status)> runs, string target)
    {
        var all = runs.ToList();
        var sorted = all.Select(run => run.Ms).Order().ToArray();
        return $"| {name} | {all.Count(run => run.Status == HttpStatusCode.Accepted)}/{all.Count} | {Percentile(sorted, 0.50):F0} ms | {Percentile(sorted, 0.99):F0} ms | {target} |";
    }

    private static double Percentile(double[] sorted, double fraction) => sorted[(int)Math.Ceiling(fraction * sorted.Length) - 1];
}
