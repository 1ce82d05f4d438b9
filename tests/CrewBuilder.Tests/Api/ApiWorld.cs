using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;

namespace CrewBuilder.Tests.Api;

/// <summary>
/// The self-host over Kestrel with every outside service a loopback stand-in (Stripe, the model providers, an OIDC
/// issuer, and one Key Vault that answers for every vault address) and development sign-in on, so no request leaves this machine; and one of each thing a caller can name:
/// a signed-in person (Enterprise) with an organisation, a template, a chat, an API token and a completed generation.
/// </summary>
public sealed class ApiWorld : IAsyncLifetime
{
    public const string Email = "fuzz@example.com";

    public OidcIssuer Issuer { get; } = new();

    public StripeStandIn Stripe { get; } = new();

    public ProviderStandIn Providers { get; } = new();

    public KeyVaultStandIn Vault { get; } = new();

    public KestrelSelfHostFactory App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string DevToken { get; private set; } = "";

    public string OidcToken { get; private set; } = "";

    public string ApiToken { get; private set; } = "";

    public string GenerationAccessToken { get; private set; } = "";

    /// <summary>A real value for each path parameter, by the segment before it.</summary>
    public Dictionary<string, string> PathValues { get; } = [];

    public async Task InitializeAsync()
    {
        var settings = Stripe.HostSettings();
        settings["CREWBUILDER_DEV_AUTH"] = "true";
        settings["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl;
        settings["ANTHROPIC_BASE_URL"] = Providers.AnthropicBaseUrl;
        settings["Auth:FailedAttemptsPerMinute"] = "10000"; // every odd token reaches the code that reads it; the limiter is tested elsewhere
        settings["Generation:AnonymousPerHour"] = "4"; // requests are checked in full before the limit; past it, no more generations run meanwhile
        settings["Generation:TenantPerHour"] = "4";
        App = new KestrelSelfHostFactory { Issuer = Issuer, Settings = settings, TestServices = LoopbackOnly };
        Http = App.CreateClient();
        Stripe.DeliverTo(Http);

        DevToken = (await JsonAsync(HttpMethod.Post, "/api/dev/sign-in", null, new { email = Email, plan = "enterprise" })).GetProperty("token").GetString()!;
        OidcToken = Issuer.Issue("fuzz-subject", "fuzz-oidc@example.com");
        var me = await JsonAsync(HttpMethod.Get, "/api/me", DevToken);
        var token = await JsonAsync(HttpMethod.Post, "/api/tokens", DevToken, new { name = "fuzz", scopes = Scopes.All.ToArray(), expiresInDays = 1 });
        ApiToken = token.GetProperty("token").GetString()!;
        var generations = new GenerationClient(Http);
        var generation = await generations.StartAsync();
        await generations.WaitForCompletionAsync(generation.Id);
        GenerationAccessToken = generations.AccessTokenOf(generation.Id)!;

        PathValues["generations"] = generation.Id;
        PathValues["files"] = "README.md";
        PathValues["tokens"] = token.GetProperty("id").GetString()!;
        PathValues["orgs"] = (await JsonAsync(HttpMethod.Post, "/api/orgs", DevToken, new { name = "Fuzz Co" })).GetProperty("id").GetString()!;
        PathValues["members"] = me.GetProperty("id").GetString()!;
        PathValues["api-keys"] = "openai";
        PathValues["templates"] = (await JsonAsync(HttpMethod.Post, "/api/templates", DevToken, new { name = "Fuzz", requirement = GenerationClient.Requirement }))
            .GetProperty("id").GetString()!;
        PathValues["clarifications"] = (await JsonAsync(HttpMethod.Post, "/api/clarifications", DevToken, new { requirement = GenerationClient.Requirement }))
            .GetProperty("id").GetString()!;
    }

    /// <summary>
    /// An organisation's vault address is looked up and called: here every one is the stand-in's. And thousands of
    /// requests would write tens of thousands of console lines; the captured log still keeps every one.
    /// </summary>
    private void LoopbackOnly(IServiceCollection services)
    {
        services.AddSingleton<IOrgVaultClients>(new EveryVaultIsTheStandIn(Vault));
        foreach (var console in services.Where(service => service.ImplementationType == typeof(ConsoleLoggerProvider)).ToList())
        {
            services.Remove(console);
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        App.Dispose();
        await Vault.DisposeAsync();
        Stripe.Dispose();
        Providers.Dispose();
        Issuer.Dispose();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: ApiJson.Options) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    public async Task<JsonElement> JsonAsync(HttpMethod method, string url, string? token, object? body = null)
    {
        using var response = await SendAsync(method, url, token, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private sealed class EveryVaultIsTheStandIn(KeyVaultStandIn vault) : IOrgVaultClients
    {
        public Azure.Security.KeyVault.Secrets.SecretClient ClientOf(Uri vaultUri) => vault.CreateClient();
    }
}
