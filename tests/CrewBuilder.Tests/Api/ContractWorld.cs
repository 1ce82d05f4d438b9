using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrewBuilder.Core.Api;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Api;

/// <summary>
/// The built self-host as a process, with the Stripe and model stand-ins and development sign-in, behind one Prism validating
/// proxy loaded with the document the self-host serves. Every call of a contract test goes through Prism unless it says otherwise.
/// </summary>
public sealed class ContractWorld : IAsyncLifetime
{
    private readonly string document = Path.Combine(Path.GetTempPath(), $"crewbuilder-contract-{Guid.NewGuid():N}.json");
    private SelfHostProcess? host;
    private PrismProxy? prism;
    private HttpClient? viaPrism;
    private HttpClient? direct;

    public StripeStandIn Stripe { get; } = new();

    public ProviderStandIn Providers { get; } = new();

    /// <summary>Straight to the self-host, for set-up the document does not describe (development sign-in) and to compare.</summary>
    public HttpClient Direct => direct ?? throw new InvalidOperationException("The world has not started.");

    public PrismProxy Prism => prism ?? throw new InvalidOperationException("The world has not started.");

    public async Task InitializeAsync()
    {
        var settings = Stripe.HostSettings("__");
        settings["AzureWebJobsStorage"] = AzuriteServer.Instance.ConnectionString;
        settings["Storage__Prefix"] = AzuriteServer.UniqueName("c");
        settings["Durable__TaskHub"] = AzuriteServer.UniqueName("contract");
        settings["CREWBUILDER_DEV_AUTH"] = "true";
        settings["Auth__TrustForwardedFor"] = "true"; // the failed-authentication case comes from an address of its own
        settings["Generation__AnonymousPerHour"] = "10000";
        settings["Generation__TenantPerHour"] = "10000";
        settings["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl;
        settings["ANTHROPIC_BASE_URL"] = Providers.AnthropicBaseUrl;
        settings["KeyVault__LocalPath"] = Path.Combine(Path.GetTempPath(), "crewbuilder-vault-" + settings["Storage__Prefix"]);
        host = await SelfHostProcess.StartAsync(settings);
        direct = host.CreateClient();
        await File.WriteAllTextAsync(document, await direct.GetStringAsync("/api/openapi.json"));
        prism = await PrismProxy.StartAsync(document, host.BaseAddress);
        viaPrism = prism.CreateClient();
        Stripe.DeliverWebhook = async (payload, _) =>
        {
            // Prism forwards the JSON it parsed, written the way JavaScript writes it; Stripe's signature is over those bytes.
            var forwarded = JsonNode.Parse(payload)!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            var response = await SendAsync(HttpMethod.Post, ApiRoutes.BillingWebhook, body: forwarded,
                headers: new() { ["Stripe-Signature"] = StripeStandIn.Sign(forwarded, Stripe.Now(), StripeStandIn.WebhookSecret) });
            return (int)response.Status;
        };
    }

    /// <summary>A person signed in with development sign-in on <paramref name="plan"/>: their bearer token.</summary>
    public async Task<string> SignInAsync(string plan = "free")
    {
        var email = $"{Guid.NewGuid():N}"[..10] + "@example.com";
        using var response = await Direct.PostAsJsonAsync($"/{ApiRoutes.Prefix}/{ApiRoutes.DevSignIn}", new { email, plan });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>
    /// Sends a request through Prism and fails the test if Prism found any request or response that breaks the document.
    /// <paramref name="body"/> is JSON: a string as it is, anything else serialized in the API's wire format.
    /// </summary>
    public async Task<ContractResponse> SendAsync(
        HttpMethod method, string route, string? token = null, object? body = null, Dictionary<string, string>? headers = null, string contentType = "application/json")
    {
        var response = await SendUncheckedAsync(method, route, token, body, headers, contentType);
        Assert.False(response.Headers.TryGetValues("sl-violations", out var violations),
            $"{method} {route} → {(int)response.Status}: Prism found the exchange breaks the document: {string.Join(' ', violations ?? [])}\n{response.Body}");
        Assert.False(response.IsPrismError, $"{method} {route}: Prism answered {(int)response.Status} itself:\n{response.Body}");
        return response;
    }

    /// <summary>Sends a request through Prism, whatever it finds: for requests the document forbids.</summary>
    public async Task<ContractResponse> SendUncheckedAsync(
        HttpMethod method, string route, string? token = null, object? body = null, Dictionary<string, string>? headers = null, string contentType = "application/json")
    {
        using var request = Request(method, route, token, body, headers, contentType);
        using var response = await (viaPrism ?? throw new InvalidOperationException("The world has not started.")).SendAsync(request);
        return await ContractResponse.ReadAsync(response);
    }

    /// <summary>The same request straight to the self-host.</summary>
    public async Task<ContractResponse> SendDirectAsync(
        HttpMethod method, string route, string? token = null, object? body = null, Dictionary<string, string>? headers = null, string contentType = "application/json")
    {
        using var request = Request(method, route, token, body, headers, contentType);
        using var response = await Direct.SendAsync(request);
        return await ContractResponse.ReadAsync(response);
    }

    public async Task DisposeAsync()
    {
        viaPrism?.Dispose();
        direct?.Dispose();
        prism?.Dispose();
        host?.Dispose();
        Stripe.Dispose();
        Providers.Dispose();
        File.Delete(document);
        await Task.CompletedTask;
    }

    private static HttpRequestMessage Request(
        HttpMethod method, string route, string? token, object? body, Dictionary<string, string>? headers, string contentType)
    {
        var request = new HttpRequestMessage(method, route.StartsWith('/') ? route : $"/{ApiRoutes.Prefix}/{route}");
        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body, ApiJson.Options);
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}

/// <summary>What came back: status, headers, and the body as text (and as JSON when it is JSON).</summary>
public sealed record ContractResponse(System.Net.HttpStatusCode Status, HttpResponseHeaders Headers, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>An error Prism made itself (the request broke the document, or the response did), not the API's.</summary>
    public bool IsPrismError => ContentType == "application/problem+json" && Body.Contains(PrismProxy.ErrorTypePrefix, StringComparison.Ordinal);

    public static async Task<ContractResponse> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
}
