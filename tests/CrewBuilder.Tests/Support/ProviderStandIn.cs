using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// Loopback stand-ins of the OpenAI (/v1, bearer) and Anthropic (x-api-key or bearer) APIs, enough for the official SDKs'
/// model listing: OpenAI keys starting sk-proj-valid- and one Anthropic key are accepted, a key ending in "outage" gets a 503, any other a 401.
/// </summary>
public sealed partial class ProviderStandIn : LoopbackHttpServer
{
    // Fake keys throughout the tests are written in two pieces, so secret scanners do not take them for real ones.
    public const string ValidOpenAiKey = "sk-proj-" + "valid-openai-key-000000000000";
    public const string ValidAnthropicKey = "sk-ant-" + "valid-anthropic-key-00000000000000";

    public string OpenAiBaseUrl => BaseUrl + "/openai/v1";

    public string AnthropicBaseUrl => BaseUrl + "/anthropic";

    /// <summary>Every credential presented, as (path, credential), for tests that check where keys went.</summary>
    public ConcurrentQueue<(string Path, string Credential)> Requests { get; } = new();

    /// <summary>Every chat or message request body, in order, for tests that check what the model was asked.</summary>
    public ConcurrentQueue<string> CompletionBodies { get; } = new();

    private readonly ConcurrentDictionary<string, int> calls = new();

    /// <summary>Not an HTTP status: the stand-in closes the connection without answering.</summary>
    private const int DropConnection = -1;

    private int lossyNetworkCalls;

    /// <summary>How many connections the stand-in dropped on purpose.</summary>
    public int DroppedConnections => Volatile.Read(ref droppedConnections);

    private int droppedConnections;

    /// <summary>How long each chat or message request takes to answer, as a real model would (benchmarks).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The time the answer to a request takes when it varies from call to call (benchmarks); null: <see cref="Latency"/>.</summary>
    public Func<string, TimeSpan>? VaryingLatency { get; set; }

    /// <summary>Every chat or message request answered, with when it arrived and when its answer left (benchmarks).</summary>
    public ConcurrentQueue<AnsweredCall> Answered { get; } = new();

    /// <summary>Report usage from the lengths of request and answer (about four characters a token) instead of 10 and 10.</summary>
    public bool CountTokens { get; set; }
    private int completionRequests;

    /// <summary>How many chat or message requests reached the stand-in.</summary>
    public int CompletionRequests => Volatile.Read(ref completionRequests);

    private readonly ConcurrentQueue<Meeting> meetings = new();

    /// <summary>
    /// Holds the calls whose request <paramref name="matches"/> until <paramref name="size"/> of them are in flight at
    /// once: it happens only if the calls were made side by side (one made after another waits alone, and gives up).
    /// </summary>
    public Meeting Meet(Func<string, bool> matches, int size)
    {
        var meeting = new Meeting(matches, size);
        meetings.Enqueue(meeting);
        return meeting;
    }

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var (status, body) = path switch
        {
            "/openai/v1/models" => OpenAi(context.Request, path),
            "/anthropic/v1/models" => Anthropic(context.Request, path),
            "/openai/v1/chat/completions" => await CompletionAsync(OpenAi(context.Request, path), await ReadAsync(context.Request), openAi: true),
            "/anthropic/v1/messages" => await CompletionAsync(Anthropic(context.Request, path), await ReadAsync(context.Request), openAi: false),
            _ => (404, "{}"),
        };
        if (status == DropConnection)
        {
            context.Response.Abort(); // the connection closes with no answer, as a dropped or reset one does
            return;
        }

        if (status == 429)
        {
            context.Response.Headers["Retry-After"] = "1";
        }

        await RespondAsync(context, status, body);
    }

    private static async Task<string> ReadAsync(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>
    /// The scripted answer for the step named in the request ("[step:name]"), from the script whose marker the request
    /// contains; calls are counted per script, step and set of #tags. Markers in the requirement inject faults: #malformed-once, #always-malformed, #rate-limited (three 429s),
    /// #slow-once (the first analyse call answers after 10 s), #refused, #dropped-once (the first call of each step loses its connection), #lossy-network (one
    /// call in four loses its connection), #server-errors (two 503s a step), #no-such-model (404 model_not_found), #bad-request (400 with a parameter), #unknown-tool (an agent keeps a tool nobody defined).
    /// </summary>
    private async Task<(int, string)> CompletionAsync((int Status, string Body) authorised, string request, bool openAi)
    {
        Interlocked.Increment(ref completionRequests);
        CompletionBodies.Enqueue(request);
        if (authorised.Status != 200)
        {
            return authorised;
        }

        foreach (var meeting in meetings.Where(meeting => meeting.Matches(request)))
        {
            await meeting.ArriveAsync();
        }

        var arrived = DateTimeOffset.UtcNow;
        var latency = VaryingLatency?.Invoke(request) ?? Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency);
        }

        Answered.Enqueue(new AnsweredCall(request, arrived, DateTimeOffset.UtcNow));

        var step = ModelScripts.StepOf(request);
        var script = ModelScripts.For(request);
        var asked = ModelScripts.AskedOf(request);
        // Each part of a step asked apart counts its own calls; a repair (it carries findings) answers from the step's second entry on.
        var call = calls.AddOrUpdate($"{script.Marker}|{string.Join(' ', Tags().Matches(request).Select(tag => tag.Value))}|{step}|{asked?.Part}", 1, (_, n) => n + 1)
            + (asked?.Findings > 0 ? 1 : 0);
        switch (Fault(request))
        {
            case "#dropped-once" when call == 1:
            case "#lossy-network" when Interlocked.Increment(ref lossyNetworkCalls) % 4 == 0:
                Interlocked.Increment(ref droppedConnections);
                return (DropConnection, "");
            case "#server-errors" when call <= 2:
                return (503, openAi ? """{"error":{"message":"The server is overloaded","type":"server_error","param":null,"code":null}}"""
                    : """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""");
            case "#no-such-model":
                return (404, openAi ? """{"error":{"message":"The model `gpt-4o-mini` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}"""
                    : """{"type":"error","error":{"type":"not_found_error","message":"model: claude-sonnet-4-5"}}""");
            case "#bad-request":
                return (400, """{"error":{"message":"Invalid 'max_tokens': the request said 'my secret plan #bad-request'.","type":"invalid_request_error","param":"max_tokens","code":"integer_above_max_value"}}""");
            case "#rate-limited" when call <= 3:
                return (429, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}""");
            case "#slow-once" when call == 1 && step == "analyse": // once in the generation, not once a step: each wait is a full timeout
                await Task.Delay(TimeSpan.FromSeconds(10));
                break;
            case "#refused":
                return (200, OpenAiAnswer("null", "I can't help with that request.", request));
        }

        var answer = Fault(request) is "#always-malformed" || (Fault(request) is "#malformed-once" && call == 1)
            ? """{"title": "Cut off"""
            : Fault(request) is "#unknown-tool" && step == "design-agents" ? WithUnknownTool(script.Answer(step, call))
            : ModelScripts.Narrowed(script.Answer(step, call), asked);
        return (200, openAi ? OpenAiAnswer(JsonSerializer.Serialize(answer), null, request) : AnthropicAnswer(answer, request));
    }

    /// <summary>The agents' answer with a tool nobody defined given to its first agent, a rule the model keeps breaking.</summary>
    private static string WithUnknownTool(string answer)
    {
        var agents = System.Text.Json.Nodes.JsonNode.Parse(answer)!;
        agents["agents"]![0]!["tools"] = new System.Text.Json.Nodes.JsonArray("NoSuchTool");
        return agents.ToJsonString();
    }

    /// <summary>Words like "#repair-run" in a requirement: each distinct set of them counts its calls apart.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("#[a-z0-9-]+")]
    private static partial System.Text.RegularExpressions.Regex Tags();

    private static readonly string[] Faults =
        ["#malformed-once", "#always-malformed", "#rate-limited", "#slow-once", "#refused", "#dropped-once", "#lossy-network", "#server-errors", "#no-such-model", "#bad-request", "#unknown-tool"];

    private static string? Fault(string request) => Faults.FirstOrDefault(fault => request.Contains(fault, StringComparison.Ordinal));

    private string OpenAiAnswer(string content, string? refusal, string request)
    {
        var (input, output) = Usage(request, content);
        return $$$"""{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":{{{content}}},"refusal":{{{JsonSerializer.Serialize(refusal)}}}},"finish_reason":"stop","logprobs":null}],"usage":{"prompt_tokens":{{{input}}},"completion_tokens":{{{output}}},"total_tokens":{{{input + output}}}}}""";
    }

    private (int Input, int Output) Usage(string request, string answer) =>
        CountTokens ? (Math.Max(1, request.Length / 4), Math.Max(1, answer.Length / 4)) : (10, 10);

    /// <summary>Anthropic answers through the forced "answer" tool, as the real API does when a tool is required.</summary>
    private string AnthropicAnswer(string answer, string request)
    {
        var input = answer.TrimStart().StartsWith('{') && IsJson(answer) ? answer : "{}";
        var (inputTokens, outputTokens) = Usage(request, answer);
        return $$$"""{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"tool_use","id":"toolu_1","name":"answer","input":{{{input}}}}],"stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":{{{inputTokens}}},"output_tokens":{{{outputTokens}}}}}""";
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private (int, string) OpenAi(HttpListenerRequest request, string path)
    {
        var key = (request.Headers["Authorization"] ?? "").Replace("Bearer ", "", StringComparison.Ordinal);
        Requests.Enqueue((path, key));
        return key switch
        {
            _ when key.StartsWith("sk-proj-valid-", StringComparison.Ordinal) => (200, """{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1700000000,"owned_by":"openai"}]}"""),
            _ when key.EndsWith("outage", StringComparison.Ordinal) => (503, """{"error":{"message":"Service unavailable","type":"server_error"}}"""),
            _ => (401, """{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error","code":"invalid_api_key"}}"""),
        };
    }

    private (int, string) Anthropic(HttpListenerRequest request, string path)
    {
        // The SDK may send the key as x-api-key or as a bearer token; the real API takes both.
        var key = request.Headers["x-api-key"] ?? (request.Headers["Authorization"] ?? "").Replace("Bearer ", "", StringComparison.Ordinal);
        Requests.Enqueue((path, key));
        return key switch
        {
            ValidAnthropicKey => (200, """{"data":[{"id":"claude-sonnet-4-5","type":"model","display_name":"Claude Sonnet 4.5","created_at":"2025-09-29T00:00:00Z"}],"has_more":false,"first_id":"claude-sonnet-4-5","last_id":"claude-sonnet-4-5"}"""),
            _ when key.EndsWith("outage", StringComparison.Ordinal) => (503, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""),
            _ => (401, """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"""),
        };
    }
}

/// <summary>Model calls that must be in flight together; see <see cref="ProviderStandIn.Meet"/>.</summary>
public sealed class Meeting(Func<string, bool> matches, int size)
{
    /// <summary>Longer than a call ever waits for its partners when they are made side by side; shorter than the model's timeout.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TaskCompletionSource together = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int arrived;
    private bool alone;

    /// <summary>Whether all the calls were in flight at once, and none gave up waiting for the others.</summary>
    public bool Happened => together.Task.IsCompleted && !Volatile.Read(ref alone);

    public bool Matches(string request) => matches(request);

    public async Task ArriveAsync()
    {
        if (Interlocked.Increment(ref arrived) >= size)
        {
            together.TrySetResult();
        }

        if (await Task.WhenAny(together.Task, Task.Delay(Patience)) != together.Task)
        {
            Volatile.Write(ref alone, true);
        }
    }
}

/// <summary>A model call the stand-in answered: its request, when it came and when the answer went.</summary>
public sealed record AnsweredCall(string Request, DateTimeOffset Arrived, DateTimeOffset Answered);
