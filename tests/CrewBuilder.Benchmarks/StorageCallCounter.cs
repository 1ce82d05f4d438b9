using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Benchmarks;

/// <summary>
/// A counting relay in front of Azurite's blob, queue and table endpoints: every storage request passes through it and
/// is counted by the trace it belongs to (the W3C traceparent the Azure SDK forwards from the ASP.NET Core request it
/// serves) and by the table, queue or container it touches, so the calls one API request made are measured, apart from
/// the durable engine's background polling. Table batches are counted once, under the table their operations name.
/// </summary>
internal sealed partial class StorageCallCounter : IDisposable
{
    private static readonly string[] HopHeaders = ["Host", "Connection", "Content-Length", "Transfer-Encoding", "Keep-Alive", "Expect"];

    private readonly List<HttpListener> listeners = [];
    private readonly HttpClient forward = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
    private readonly ConcurrentDictionary<string, ConcurrentBag<StorageCall>> callsByTrace = new();

    public StorageCallCounter(AzuriteServer azurite)
    {
        var relayed = azurite.ConnectionString;
        foreach (Match endpoint in EndpointSetting().Matches(azurite.ConnectionString))
        {
            var target = new Uri(endpoint.Groups["url"].Value);
            var listener = new HttpListener();
            var port = FreePort.Next();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            listeners.Add(listener);
            _ = Task.Run(() => RelayAsync(listener, endpoint.Groups["service"].Value, new Uri($"{target.Scheme}://{target.Authority}")));
            relayed = relayed.Replace(endpoint.Groups["url"].Value, $"http://127.0.0.1:{port}{target.AbsolutePath}");
        }

        ConnectionString = relayed;
    }

    /// <summary>Azurite's connection string with every endpoint through this relay.</summary>
    public string ConnectionString { get; }

    /// <summary>A traceparent header for one request of the caller's, whose storage calls <see cref="CallsOf"/> then lists.</summary>
    public static (string TraceId, string Header) NewTrace()
    {
        var traceId = Guid.NewGuid().ToString("N");
        return (traceId, $"00-{traceId}-{Guid.NewGuid().ToString("N")[..16]}-01");
    }

    /// <summary>The storage calls made for one trace so far.</summary>
    public IReadOnlyList<StorageCall> CallsOf(string traceId) => callsByTrace.TryGetValue(traceId, out var calls) ? [.. calls] : [];

    public void Dispose()
    {
        foreach (var listener in listeners)
        {
            listener.Close();
        }

        forward.Dispose();
    }

    private async Task RelayAsync(HttpListener listener, string service, Uri target)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => RelayOneAsync(context, service, target));
        }
    }

    private async Task RelayOneAsync(HttpListenerContext context, string service, Uri target)
    {
        var incoming = context.Request;
        using var body = new MemoryStream();
        await incoming.InputStream.CopyToAsync(body);
        var path = incoming.Url!.AbsolutePath;
        StorageCall? call = null;
        if (incoming.Headers["traceparent"] is { } traceparent && traceparent.Split('-') is [_, var traceId, ..])
        {
            call = new StorageCall(service, Resource(path, body), Stopwatch.GetTimestamp());
            callsByTrace.GetOrAdd(traceId, _ => []).Add(call);
        }

        using var outgoing = new HttpRequestMessage(new HttpMethod(incoming.HttpMethod), new Uri(target, incoming.Url.PathAndQuery));
        if (body.Length > 0 || incoming.HttpMethod is "PUT" or "POST" or "PATCH" or "MERGE")
        {
            outgoing.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var name in incoming.Headers.AllKeys.OfType<string>().Where(name => !HopHeaders.Contains(name, StringComparer.OrdinalIgnoreCase)))
        {
            var value = incoming.Headers[name]!;
            if (!outgoing.Headers.TryAddWithoutValidation(name, value))
            {
                outgoing.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var answer = await forward.SendAsync(outgoing, HttpCompletionOption.ResponseHeadersRead);
        var response = context.Response;
        response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!HopHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                response.Headers[name] = string.Join(",", values);
            }
        }

        var content = await answer.Content.ReadAsByteArrayAsync();
        response.ContentLength64 = content.Length;
        await response.OutputStream.WriteAsync(content);
        response.Close();
        call?.Answered = Stopwatch.GetTimestamp();
    }

    /// <summary>The table, queue or container a request touches (a batch's, from its first operation).</summary>
    private static string Resource(string path, MemoryStream body)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : "(account)";
        if (resource.StartsWith("$batch", StringComparison.Ordinal) && BatchTable().Match(Encoding.UTF8.GetString(body.ToArray())) is { Success: true } batched)
        {
            return $"{batched.Groups["table"].Value} (batch)";
        }

        var parenthesis = resource.IndexOf('(');
        return parenthesis > 0 ? resource[..parenthesis] : resource;
    }

    [GeneratedRegex(@"(?<service>Blob|Queue|Table)Endpoint=(?<url>[^;]+)")]
    private static partial Regex EndpointSetting();

    [GeneratedRegex(@"(?:PUT|POST|PATCH|MERGE|DELETE|GET) https?://[^/\s]+/[^/\s]+/(?<table>[A-Za-z0-9]+)")]
    private static partial Regex BatchTable();
}

/// <summary>
/// One storage request: the service, the table, queue or container it touched, when it reached the relay and when the
/// relay had answered it (Stopwatch timestamps).
/// </summary>
internal sealed record StorageCall(string Service, string Resource, long At)
{
    public long Answered { get; set; } = long.MaxValue;
}
