using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Azure.Core;
using CrewBuilder.Core.Generation.Gate;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// A loopback stand-in of an Azure Container Apps session pool's management endpoint, as its documentation describes
/// it: every request needs a bearer token and an <c>identifier</c> query parameter naming the session; the path after
/// the endpoint is forwarded to the session's container. The container is the pool image's own gate server
/// (infra/sandbox/gate_server.py beside crew_gate.py), run with python3 on the stand-in crewai.
/// </summary>
public sealed class SessionPoolStandIn : LoopbackHttpServer
{
    public const string Token = "pool-token-from-the-managed-identity";

    private static readonly HttpClient Forward = new() { Timeout = TimeSpan.FromMinutes(3) };
    private readonly Process container;
    private readonly string containerUrl;
    private readonly DirectoryInfo image = Directory.CreateTempSubdirectory("session-image-");

    public SessionPoolStandIn()
    {
        File.Copy(RepositoryPaths.Of("infra", "sandbox", "gate_server.py"), Path.Combine(image.FullName, "gate_server.py"));
        File.WriteAllText(Path.Combine(image.FullName, GateScript.FileName), GateScript.Text);
        var port = FreePort.Next();
        containerUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo(StandInCrewAi.Python!, [Path.Combine(image.FullName, "gate_server.py")]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PYTHONPATH"] = StandInCrewAi.Folder;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        container = Process.Start(start)!;
    }

    /// <summary>Each request's session identifier and Authorization header, as the pool saw them.</summary>
    public ConcurrentQueue<(string? Identifier, string? Authorization, string Path)> Requests { get; } = new();

    /// <summary>Waits (a bounded number of tries) until the session's container answers its health check.</summary>
    public async Task ReadyAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var health = await Forward.GetAsync($"{containerUrl}/health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (attempt < 100 && !container.HasExited)
            {
            }

            await Task.Delay(100);
        }
    }

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        Requests.Enqueue((request.QueryString["identifier"], request.Headers["Authorization"], request.Url!.AbsolutePath));
        if (request.Headers["Authorization"] != $"Bearer {Token}")
        {
            await RespondAsync(context, 401, """{"error":"unauthorized"}""");
            return;
        }

        if (string.IsNullOrEmpty(request.QueryString["identifier"]))
        {
            await RespondAsync(context, 400, """{"error":"identifier is required"}""");
            return;
        }

        using var received = new MemoryStream();
        await request.InputStream.CopyToAsync(received);
        using var body = new ByteArrayContent(received.ToArray()); // with its length: the container's server reads no chunks
        body.Headers.ContentType = new("application/json");
        using var answer = await Forward.PostAsync($"{containerUrl}{request.Url.AbsolutePath}", body);
        await RespondAsync(context, (int)answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    public override void Dispose()
    {
        base.Dispose();
        if (!container.HasExited)
        {
            container.Kill(entireProcessTree: true);
        }

        container.Dispose();
        image.Delete(recursive: true);
    }
}

/// <summary>The managed identity's token, as a stand-in credential: a fixed token, and the scopes it was asked for.</summary>
public sealed class FixedTokenCredential(string token) : TokenCredential
{
    public ConcurrentQueue<string> Scopes { get; } = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        foreach (var scope in requestContext.Scopes)
        {
            Scopes.Enqueue(scope);
        }

        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
