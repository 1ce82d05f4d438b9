using System.Security.Cryptography;
using System.Text;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Benchmarks;

/// <summary>
/// The five scripted requirements one after another against side by side: two self-hosts (Generation:Sequential true
/// and false) on one stand-in model and one Azurite, through a model answering in 5 s a call and one answering in
/// 0.5–8 s (each call's time drawn from what it asks, not from when it comes, so both ways wait alike), all divided by
/// --call-time-divisor. Reports wall time, the critical path (the longest chain of calls that need one another's answers,
/// by the model time of its calls), calls, tokens, and whether both ways came to the same review through the same call times.
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
                .AppendLine("| requirement | systems, tools | calls | tokens in / out | longest chain: calls (their model time) | one after another | side by side | saved | side by side / chain | side by side outside the chain's calls: before / between / after | same review, same call times |")
                .AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var script in ModelScripts.Requirements)
            {
                // Tags of one length, so both ways' requests (and the tokens counted from them) are the same size.
                var sequential = await RunOneAsync(inTurnHttp, model, script, $"#bench-{profile.Tag}-{script.Name}-turns");
                var concurrent = await RunOneAsync(sideBySideHttp, model, script, $"#bench-{profile.Tag}-{script.Name}-sides");
                var path = CriticalPath(concurrent.Calls);
                var chainTime = path.Aggregate(TimeSpan.Zero, (sum, call) => sum + ModelTime(call));
                // Side by side, the time outside the path's model calls: before its first, between them, after its last.
                var between = path.Zip(path.Skip(1), (earlier, later) => later.Arrived - earlier.Answered).Aggregate(TimeSpan.Zero, (sum, gap) => sum + gap);
                var outside = $"{(path[0].Arrived - concurrent.Created).TotalSeconds:F1} / {between.TotalSeconds:F1} / {(concurrent.Completed - path[^1].Answered).TotalSeconds:F1} s";
                var parts = $"{script.Answers["analyse"]!["integrations"]!.AsArray().Count}, {script.Answers["design-agents"]!["custom_tools"]!.AsArray().Count}";
                var sameReview = sequential.Review == concurrent.Review && sequential.Tokens == concurrent.Tokens && sequential.Calls.Count == concurrent.Calls.Count;
                // Each call waits as long as what it asks says, whichever way it is made and whenever it comes.
                var sameTimes = CallTimes(sequential.Calls, profile.Latency).SequenceEqual(CallTimes(concurrent.Calls, profile.Latency));
                report.AppendLine(
                    $"| {script.Name} | {parts} | {concurrent.Calls.Count} (in turn {sequential.Calls.Count}) | {concurrent.Tokens.In:N0} / {concurrent.Tokens.Out:N0} | {path.Count} ({chainTime.TotalSeconds:F1} s) "
                    + $"| {sequential.Wall.TotalSeconds:F1} s | {concurrent.Wall.TotalSeconds:F1} s | {1 - concurrent.Wall / sequential.Wall:P0} "
                    + $"| {concurrent.Wall / chainTime:F2} | {outside} | {(sameReview ? "yes" : $"no: {sequential.Review} / {concurrent.Review}")}, {(sameTimes ? "yes" : "no")} |");
            }

            report.AppendLine();
        }

        return report.Append("Targets: side by side within 10 % of the critical path's model time (≤ 1.10); at least 30 % saved where a requirement names two or more systems or tools.").ToString();
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

    private sealed record Run(TimeSpan Wall, DateTimeOffset Created, DateTimeOffset Completed, IReadOnlyList<AnsweredCall> Calls, (long In, long Out) Tokens, string? Review);

    private static async Task<Run> RunOneAsync(HttpClient http, ProviderStandIn model, ModelScript script, string tag)
    {
        var (wall, view) = await PipelineHarness.GenerateAsync(http, $"{script.Requirement} {tag}");
        if (view.Status != GenerationStatus.Completed)
        {
            throw new InvalidOperationException($"{script.Name} ({tag}) did not complete: {view.Error}");
        }

        var calls = model.Answered.Where(call => call.Request.Contains(tag, StringComparison.Ordinal)).ToList();
        return new Run(wall, view.CreatedAt, view.CompletedAt!.Value, calls, (view.Cost!.TokensIn, view.Cost.TokensOut), view.Steps.Single(step => step.Name == GenerationSteps.Review).Summary);
    }

    /// <summary>
    /// The critical path by duration: the longest run of calls each of which needs an earlier one's answer, weighed by
    /// how long each call took at the model. A call needs the answers of the steps its input is made from (below) that came
    /// before it was asked; a repair round needs everything before it. Returns the calls on that path, first to last.
    /// </summary>
    private static List<AnsweredCall> CriticalPath(IReadOnlyList<AnsweredCall> calls)
    {
        var ordered = calls.OrderBy(call => call.Arrived).ToList();
        var longest = new (TimeSpan Time, int Before)[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
        {
            var call = ordered[i];
            var before = Enumerable.Range(0, i).Where(j => ordered[j].Answered <= call.Arrived && Needs(call.Request, ordered[j].Request))
                .Select(j => (Time: longest[j].Time, Before: j)).DefaultIfEmpty((Time: TimeSpan.Zero, Before: -1)).MaxBy(path => path.Time);
            longest[i] = (before.Time + ModelTime(call), before.Before);
        }

        var path = new List<AnsweredCall>();
        for (var at = ordered.Count == 0 ? -1 : Enumerable.Range(0, ordered.Count).MaxBy(i => longest[i].Time); at >= 0; at = longest[at].Before)
        {
            path.Insert(0, ordered[at]);
        }

        return path;
    }

    private static TimeSpan ModelTime(AnsweredCall call) => call.Answered - call.Arrived;

    /// <summary>Whether a call's input is made from an earlier call's answer: the data each step of the workflow reads.</summary>
    private static bool Needs(string call, string earlier)
    {
        var (step, earlierStep) = (ModelScripts.StepOf(call), ModelScripts.StepOf(earlier));
        // A repair fixes what the review found in everything before it; a part asked again follows its first ask.
        if (IsRepair(call) || (step == earlierStep && ModelScripts.AskedOf(call)?.Part == ModelScripts.AskedOf(earlier)?.Part))
        {
            return true;
        }

        return step switch
        {
            GenerationSteps.Feasibility => earlierStep is GenerationSteps.Analyse,
            GenerationSteps.DesignAgents => earlierStep is GenerationSteps.Analyse or GenerationSteps.Feasibility,
            GenerationSteps.DesignTasks or GenerationSteps.WriteCode => earlierStep is GenerationSteps.Analyse or GenerationSteps.DesignAgents,
            // The model reviews the agents and the tasks (as a repair left them), not the tools' bodies.
            GenerationSteps.Review => earlierStep is GenerationSteps.Analyse or GenerationSteps.DesignAgents or GenerationSteps.DesignTasks || IsRepair(earlier),
            _ => false,
        };
    }

    private static bool IsRepair(string request) => ModelScripts.AskedOf(request) is { Findings: > 0 };

    /// <summary>The model time of each call, in the order of what they ask: the same list both ways when each call waits alike.</summary>
    private static IEnumerable<TimeSpan> CallTimes(IEnumerable<AnsweredCall> calls, Func<string, TimeSpan> latency) =>
        calls.Select(call => latency(call.Request)).Order();

    /// <summary>A number in [0, 1) drawn from what the call asks (its script, step, part and round), the same both ways.</summary>
    private static double Draw(string request)
    {
        var asked = ModelScripts.AskedOf(request);
        var what = $"{ModelScripts.For(request).Marker}|{ModelScripts.StepOf(request)}|{asked?.Part}|{asked?.Findings}|{request.Contains("Your previous answer", StringComparison.Ordinal)}";
        return BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(what))) / (uint.MaxValue + 1.0);
    }
}
