using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// A loopback stand-in of an Azure OpenAI resource's REST API over HTTPS, as Microsoft documents it: chat completions at
/// <c>/openai/deployments/{deployment}/chat/completions</c>, the key in the <c>api-key</c> header (a bearer header is not a
/// key), <c>api-version</c> required in the query. Unknown deployments answer 404 DeploymentNotFound, a missing or unknown
/// API version 404 Resource not found, a wrong key 401. Instead of a key, a bearer token is accepted when
/// <see cref="AcceptsBearer"/> says it is a Microsoft Entra ID token for Azure OpenAI's scope. Beside it, an OpenAI-compatible gateway at <c>/gateway/v1</c>
/// (bearer key). A step's request is answered by the scripted model behind <paramref name="models"/>; any other (a
/// one-token test) with one word.
/// </summary>
public sealed class AzureOpenAiStandIn : IAsyncDisposable
{
    public const string Key = "0123456789abcdef" + "0123456789abcdef";
    public const string GatewayKey = "gw-" + "valid-gateway-key-0000";
    public static readonly IReadOnlyList<string> ApiVersions = ["2024-10-21", "2025-01-01-preview"];

    private readonly X509Certificate2 certificate = LoopbackCertificate.Create("crewbuilder-azure-openai-standin");
    private readonly WebApplication app;
    private readonly HttpClient forward = new();

    public AzureOpenAiStandIn(ProviderStandIn models, params string[] deployments)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        app = builder.Build();
        app.MapPost("/openai/deployments/{deployment}/chat/completions", async (string deployment, HttpRequest request) =>
        {
            var version = request.Query["api-version"].ToString();
            var key = request.Headers["api-key"].ToString();
            Calls.Enqueue(new AzureCall(deployment, version, key, request.Headers.Authorization.ToString()));
            if (!ApiVersions.Contains(version))
            {
                return Error(404, "404", "Resource not found");
            }

            var bearer = request.Headers.Authorization.ToString();
            if (key.Length == 0 && bearer.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                if (!AcceptsBearer(bearer["Bearer ".Length..]))
                {
                    return Error(401, "401", "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.");
                }
            }
            else if (key != Key)
            {
                return Error(401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.");
            }

            return deployments.Contains(deployment)
                ? await AnswerAsync(models, request, deployment)
                : Error(404, "DeploymentNotFound", "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.");
        });
        app.MapPost("/gateway/v1/chat/completions", async (HttpRequest request) =>
        {
            var bearer = request.Headers.Authorization.ToString();
            Calls.Enqueue(new AzureCall("gateway", "", "", bearer));
            return bearer == $"Bearer {GatewayKey}"
                ? await AnswerAsync(models, request, "gateway")
                : Results.Json(new { error = new { message = "Invalid API key.", type = "auth_error", code = "invalid_api_key" } }, statusCode: 401);
        });
        app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/");
    }

    /// <summary>The resource's endpoint, e.g. https://127.0.0.1:50123/.</summary>
    public Uri BaseUrl { get; }

    public Uri GatewayUrl => new(BaseUrl, "gateway/v1");

    /// <summary>Whether a bearer token is one this resource takes (issued by Entra ID for https://cognitiveservices.azure.com/.default); none by default.</summary>
    public Func<string, bool> AcceptsBearer { get; set; } = _ => false;

    /// <summary>Every chat completion request that arrived: which deployment, API version and credentials it carried.</summary>
    public ConcurrentQueue<AzureCall> Calls { get; } = new();

    /// <summary>The stand-in's certificate as PEM, for a process that trusts it through SSL_CERT_FILE.</summary>
    public string CertificatePem => certificate.ExportCertificatePem();

    /// <summary>A certificate check that trusts exactly this stand-in.</summary>
    public RemoteCertificateValidationCallback TrustIt()
    {
        var thumbprint = certificate.Thumbprint;
        return (_, presented, _, _) => presented is X509Certificate2 cert && cert.Thumbprint == thumbprint;
    }

    public async ValueTask DisposeAsync()
    {
        forward.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        certificate.Dispose();
    }

    private async Task<IResult> AnswerAsync(ProviderStandIn models, HttpRequest request, string model)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        if (!body.Contains("[step:", StringComparison.Ordinal))
        {
            return Results.Text($$$"""{"id":"chatcmpl-t","object":"chat.completion","created":1700000000,"model":"{{{model}}}","choices":[{"index":0,"message":{"role":"assistant","content":"OK"},"finish_reason":"length"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""", "application/json");
        }

        using var asked = new HttpRequestMessage(HttpMethod.Post, models.OpenAiBaseUrl + "/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        asked.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ProviderStandIn.ValidOpenAiKey);
        using var answer = await forward.SendAsync(asked);
        return Results.Text(await answer.Content.ReadAsStringAsync(), "application/json", statusCode: (int)answer.StatusCode);
    }

    private static IResult Error(int status, string code, string message) => Results.Json(new { error = new { code, message } }, statusCode: status);
}

/// <summary>One chat completion request the Azure OpenAI stand-in received.</summary>
public sealed record AzureCall(string Deployment, string ApiVersion, string ApiKey, string Authorization);
