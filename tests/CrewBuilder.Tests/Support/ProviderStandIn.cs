using System.Collections.Concurrent;
using System.Net;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// Loopback stand-ins of the OpenAI (/v1, bearer) and Anthropic (x-api-key or bearer) APIs, enough for the official SDKs'
/// model listing: one key each is accepted, a key ending in "outage" gets a 503, any other a 401.
/// </summary>
public sealed class ProviderStandIn : LoopbackHttpServer
{
    public const string ValidOpenAiKey = "sk-proj-valid-openai-key-000000000000";
    public const string ValidAnthropicKey = "sk-ant-valid-anthropic-key-00000000000000";

    public string OpenAiBaseUrl => BaseUrl + "/openai/v1";

    public string AnthropicBaseUrl => BaseUrl + "/anthropic";

    /// <summary>Every credential presented, as (path, credential), for tests that check where keys went.</summary>
    public ConcurrentQueue<(string Path, string Credential)> Requests { get; } = new();

    protected override Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var (status, body) = path switch
        {
            "/openai/v1/models" => OpenAi(context.Request, path),
            "/anthropic/v1/models" => Anthropic(context.Request, path),
            _ => (404, "{}"),
        };
        return RespondAsync(context, status, body);
    }

    private (int, string) OpenAi(HttpListenerRequest request, string path)
    {
        var key = (request.Headers["Authorization"] ?? "").Replace("Bearer ", "", StringComparison.Ordinal);
        Requests.Enqueue((path, key));
        return key switch
        {
            ValidOpenAiKey => (200, """{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1700000000,"owned_by":"openai"}]}"""),
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
