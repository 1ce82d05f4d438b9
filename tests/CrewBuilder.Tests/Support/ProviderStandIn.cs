using System.Collections.Concurrent;
using System.Net;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// Loopback stand-ins of the OpenAI (/v1, bearer) and Anthropic (x-api-key or bearer) APIs, enough for the official SDKs'
/// model listing: OpenAI keys starting sk-proj-valid- and one Anthropic key are accepted, a key ending in "outage" gets a 503, any other a 401.
/// </summary>
public sealed class ProviderStandIn : LoopbackHttpServer
{
    // Fake keys throughout the tests are written in two pieces, so secret scanners do not take them for real ones.
    public const string ValidOpenAiKey = "sk-proj-" + "valid-openai-key-000000000000";
    public const string ValidAnthropicKey = "sk-ant-" + "valid-anthropic-key-00000000000000";

    public string OpenAiBaseUrl => BaseUrl + "/openai/v1";

    public string AnthropicBaseUrl => BaseUrl + "/anthropic";

    /// <summary>Every credential presented, as (path, credential), for tests that check where keys went.</summary>
    public ConcurrentQueue<(string Path, string Credential)> Requests { get; } = new();

    /// <summary>What the stand-in model answers at each design step, as the JSON the step asks for.</summary>
    public static readonly Dictionary<string, string> DesignAnswers = new()
    {
        ["analyse"] = """{"title":"Ticket Triage Desk","summary":"Sorts incoming tickets and answers customers.","capabilities":[{"verb":"classify","subject":"incoming tickets"},{"verb":"answer","subject":"customer questions"}]}""",
        ["design-agents"] = """{"agents":[{"role":"Ticket Classifier","goal":"Sort every ticket by urgency.","backstory":"A support veteran. Calm under pressure."},{"role":"Support Writer","goal":"Answer customers kindly and correctly.","backstory":"Writes clear replies. Knows the product."}]}""",
        ["design-tasks"] = """{"tasks":[{"description":"Classify the tickets for {requirement}.","expected_output":"A table of tickets with their urgency."},{"description":"Draft a reply to every urgent ticket.","expected_output":"One reply per ticket, ready to send."}]}""",
    };

    private int completionRequests;

    /// <summary>How many chat or message requests reached the stand-in.</summary>
    public int CompletionRequests => Volatile.Read(ref completionRequests);

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var (status, body) = path switch
        {
            "/openai/v1/models" => OpenAi(context.Request, path),
            "/anthropic/v1/models" => Anthropic(context.Request, path),
            "/openai/v1/chat/completions" => Completion(OpenAi(context.Request, path), await ReadAsync(context.Request), openAi: true),
            "/anthropic/v1/messages" => Completion(Anthropic(context.Request, path), await ReadAsync(context.Request), openAi: false),
            _ => (404, "{}"),
        };
        await RespondAsync(context, status, body);
    }

    private static async Task<string> ReadAsync(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream);
        return await reader.ReadToEndAsync();
    }

    private (int, string) Completion((int Status, string Body) authorised, string request, bool openAi)
    {
        Interlocked.Increment(ref completionRequests);
        if (authorised.Status != 200)
        {
            return authorised;
        }

        var step = DesignAnswers.Keys.FirstOrDefault(name => request.Contains($"[step:{name}]", StringComparison.Ordinal));
        var answer = System.Text.Json.JsonSerializer.Serialize(step is null ? "{}" : DesignAnswers[step]);
        return (200, openAi
            ? $$$"""{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":{{{answer}}},"refusal":null},"finish_reason":"stop","logprobs":null}],"usage":{"prompt_tokens":10,"completion_tokens":10,"total_tokens":20}}"""
            : $$$"""{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[{"type":"text","text":{{{answer}}}}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":10}}""");
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
