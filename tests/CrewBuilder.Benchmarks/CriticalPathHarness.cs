using System.Security.Cryptography;
using System.Text;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Benchmarks;

/// <summary>
/// The five scripted requirements one after another against side by side: two self-hosts (Generation:Sequential true
/// and false) on one stand-in model and one Azurite, through a model answering in 5 s a call and one answering in
/// 0.5–8 s (each call's time drawn from what it asks, so both ways wait alike), all divided by --call-time-divisor.
/// Reports wall time, the longest chain of dependent calls (calls in flight together are one link), calls, tokens, and
/// whether both ways came to the same review.
/// </summary>
internal static class CriticalPathHarness
{
    private static readonly TimeSpan FixedCall = TimeSpan.FromSeconds(5);

    public static async Task<string> RunAsync(HarnessOptions options, AzuriteServer azurite)
    {
        var divisor = options.CallTimeDivisor;
        using var model = new ProviderStandIn { CountTokens = true };
        using var inTurn = await StartAsync(azurite, model, sequential: true);
        using var sideBySide = await StartAsync(azurite, model, sequential: false);
        using var inTurnHttp = inTurn.CreateClient();
        using var sideBySideHttp = sideBySide.CreateClient();
        await PipelineHarness.GenerateAsync(inTurnHttp, ModelScripts.Default.Requirement); // warm-ups
        await PipelineHarness.GenerateAsync(sideBySideHttp, ModelScripts.Default.Requirement);

        var report = new StringBuilder()
            .AppendLine($"Model call times divided by {divisor:0.##} (5 s a call is {FixedCall.TotalSeconds / divisor:0.##} s here).")
            .AppendLine();
        (string Name, string Tag, Func<string, TimeSpan> Latency)[] profiles =
        [
            ("5 s a call", "fixed", _ => FixedCall / divisor),
            ("0.5–8 s a call at random", "random", request => TimeSpan.FromSeconds(0.5 + 7.5 * Draw(request)) / divisor),
        ];
        foreach (var profile in profiles)
        {
            model.VaryingLatency = profile.Latency;
            report.AppendLine($"**{profile.Name}**").AppendLine()
                .AppendLine("| requirement | systems, tools | calls | tokens in / out | longest chain (its model time) | one after another | side by side | saved | side by side / chain's model time | same review |")
                .AppendLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var script in ModelScripts.Requirements)
            {
                // Tags of one length, so both ways' requests (and the tokens counted from them) are the same size.
                var sequential = await RunOneAsync(inTurnHttp, model, script, $"#bench-{profile.Tag}-{script.Name}-turns");
                var concurrent = await RunOneAsync(sideBySideHttp, model, script, $"#bench-{profile.Tag}-{script.Name}-sides");
                var (links, chainTime) = Chain(concurrent.Calls);
                var parts = $"{script.Answers["analyse"]!["integrations"]!.AsArray().Count}, {script.Answers["design-agents"]!["custom_tools"]!.AsArray().Count}";
                var sameReview = sequential.Review == concurrent.Review && sequential.Tokens == concurrent.Tokens && sequential.Calls.Count == concurrent.Calls.Count;
                report.AppendLine(
                    $"| {script.Name} | {parts} | {concurrent.Calls.Count} (in turn {sequential.Calls.Count}) | {concurrent.Tokens.In:N0} / {concurrent.Tokens.Out:N0} | {links} ({chainTime.TotalSeconds:F1} s) "
                    + $"| {sequential.Wall.TotalSeconds:F1} s | {concurrent.Wall.TotalSeconds:F1} s | {1 - concurrent.Wall / sequential.Wall:P0} "
                    + $"| {concurrent.Wall / chainTime:F2} | {(sameReview ? "yes" : $"no: {sequential.Review} / {concurrent.Review}")} |");
            }

            report.AppendLine();
        }

        return report.Append("Targets: side by side within 10 % of the chain's model time (≤ 1.10); at least 30 % saved where a requirement names two or more systems or tools.").ToString();
    }

    private static Task<SelfHostProcess> StartAsync(AzuriteServer azurite, ProviderStandIn model, bool sequential) => SelfHostProcess.StartAsync(new Dictionary<string, string>
    {
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["Storage__Prefix"] = AzuriteServer.UniqueName("path"),
        ["Durable__TaskHub"] = AzuriteServer.UniqueName("path"),
        ["OPENAI_API_KEY"] = ProviderStandIn.ValidOpenAiKey,
        ["OPENAI_BASE_URL"] = model.OpenAiBaseUrl,
        ["Llm__Timeout"] = "00:01:00",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Generation__AnonymousPerHour"] = "100000",
        ["Generation__Sequential"] = sequential ? "true" : "false",
    });

    private sealed record Run(TimeSpan Wall, IReadOnlyList<AnsweredCall> Calls, (long In, long Out) Tokens, string? Review);

    private static async Task<Run> RunOneAsync(HttpClient http, ProviderStandIn model, ModelScript script, string tag)
    {
        var (wall, view) = await PipelineHarness.GenerateAsync(http, $"{script.Requirement} {tag}");
        if (view.Status != GenerationStatus.Completed)
        {
            throw new InvalidOperationException($"{script.Name} ({tag}) did not complete: {view.Error}");
        }

        var calls = model.Answered.Where(call => call.Request.Contains(tag, StringComparison.Ordinal)).ToList();
        return new Run(wall, calls, (view.Cost!.TokensIn, view.Cost.TokensOut), view.Steps.Single(step => step.Name == GenerationSteps.Review).Summary);
    }

    /// <summary>
    /// The chain of calls that waited for one another: calls in flight together are one link (they did not depend on each
    /// other), a call that starts after every call of the link before has answered begins the next. Its model time is
    /// the sum of each link's span, from its first call in to its last answer out.
    /// </summary>
    private static (int Links, TimeSpan ModelTime) Chain(IReadOnlyList<AnsweredCall> calls)
    {
        var (links, time) = (0, TimeSpan.Zero);
        var (linkEnd, linkStart) = (DateTimeOffset.MinValue, DateTimeOffset.MinValue);
        foreach (var call in calls.OrderBy(call => call.Arrived))
        {
            if (call.Arrived >= linkEnd)
            {
                if (links > 0)
                {
                    time += linkEnd - linkStart;
                }

                (links, linkStart, linkEnd) = (links + 1, call.Arrived, call.Answered);
            }
            else if (call.Answered > linkEnd)
            {
                linkEnd = call.Answered;
            }
        }

        return (links, links > 0 ? time + (linkEnd - linkStart) : time);
    }

    /// <summary>A number in [0, 1) drawn from what the call asks (its script, step, part and round), the same both ways.</summary>
    private static double Draw(string request)
    {
        var asked = ModelScripts.AskedOf(request);
        var what = $"{ModelScripts.For(request).Marker}|{ModelScripts.StepOf(request)}|{asked?.Part}|{asked?.Findings}|{request.Contains("Your previous answer", StringComparison.Ordinal)}";
        return BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(what))) / (uint.MaxValue + 1.0);
    }
}
