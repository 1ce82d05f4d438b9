using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Generation.Gate;

/// <summary>
/// The gate in an Azure Container Apps session pool of custom containers with crewai installed (infra/sandbox): each
/// request goes to the pool's management endpoint, which forwards the path to the session named by <c>identifier</c>,
/// with a bearer token of the app's managed identity for https://dynamicsessions.io (the identity holds the pool's
/// Azure ContainerApps Session Executor role). A pool that cannot be reached leaves the project "not verified", since
/// the project is not at fault.
/// </summary>
public sealed class SessionPoolCrewSandbox(HttpClient http, TokenCredential credential, IOptions<SandboxOptions> options, ILogger<SessionPoolCrewSandbox> logger) : ICrewSandbox
{
    public const string Scope = "https://dynamicsessions.io/.default";

    /// <summary>The path the session's container serves the gate on (infra/sandbox/gate_server.py).</summary>
    public const string GatePath = "gate";

    public string Name => "Azure Container Apps session pool";

    public async Task<GateResult> RunAsync(GateRequest request, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(options.Value.PoolEndpoint!.TrimEnd('/') + "/");
        var token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, $"{GatePath}?identifier={Uri.EscapeDataString(request.SessionId)}"))
        {
            Content = JsonContent.Create(new SessionGateRequest(request.Package, request.CrewClass, request.Files.ToDictionary(file => file.Path, file => file.Content))),
        };
        message.Headers.Authorization = new("Bearer", token.Token);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(options.Value.TimeLimit + TimeSpan.FromSeconds(30));
        try
        {
            using var response = await http.SendAsync(message, limit.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("The session pool answered {Status} to a gate", (int)response.StatusCode);
                return GateResult.NotVerified($"the session pool answered {(int)response.StatusCode}");
            }

            return GateAnswer.Find(await response.Content.ReadAsStringAsync(limit.Token))?.Result()
                ?? GateResult.NotVerified("the session pool's answer was not the gate's");
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("The session pool could not run a gate ({Reason})", e.GetType().Name);
            return GateResult.NotVerified("the session pool did not answer");
        }
    }

    private sealed record SessionGateRequest(
        [property: JsonPropertyName("package")] string Package,
        [property: JsonPropertyName("crew_class")] string CrewClass,
        [property: JsonPropertyName("files")] Dictionary<string, string> Files);
}
