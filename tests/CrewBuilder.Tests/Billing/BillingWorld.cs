using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Billing;

/// <summary>
/// A self-host selling plans and one-off generations through the Stripe stand-in, with CrewBuilder's own OpenAI key
/// (and an Anthropic one the provider refuses) pointed at the provider stand-in, and an OIDC issuer for subscribers.
/// </summary>
public class BillingWorld : IDisposable
{
    public const string RejectedAnthropicKey = "sk-ant-" + "rejected-platform-key-000000000000";

    public BillingWorld()
        : this(_ => [])
    {
    }

    /// <summary>A world with more settings, which may depend on its OIDC issuer.</summary>
    protected BillingWorld(Func<OidcIssuer, Dictionary<string, string>> extraSettings)
    {
        var settings = Stripe.HostSettings();
        foreach (var (name, value) in extraSettings(Issuer))
        {
            settings[name] = value;
        }

        settings["Platform:OpenAiApiKey"] = ProviderStandIn.ValidOpenAiKey;
        settings["Platform:AnthropicApiKey"] = RejectedAnthropicKey;
        settings["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl;
        settings["ANTHROPIC_BASE_URL"] = Providers.AnthropicBaseUrl;
        App = new SelfHostFactory { Issuer = Issuer, Settings = settings };
        Http = App.CreateClient();
        Stripe.DeliverTo(Http);
    }

    public OidcIssuer Issuer { get; } = new();

    public ProviderStandIn Providers { get; } = new();

    public StripeStandIn Stripe { get; } = new();

    public SelfHostFactory App { get; }

    public HttpClient Http { get; }

    /// <summary>A bearer token for a new person, who exists once they have made one call.</summary>
    public async Task<string> NewSubscriberAsync()
    {
        var subject = Guid.NewGuid().ToString("N");
        var token = Issuer.Issue(subject, $"{subject[..8]}@example.com");
        using var me = await SendAsync(HttpMethod.Get, "/api/me", token);
        me.EnsureSuccessStatusCode();
        return token;
    }

    /// <summary>Subscribes the person to <paramref name="plan"/> through Checkout and the webhook; returns the Stripe subscription id.</summary>
    public async Task<string> SubscribeAsync(string token, string plan)
    {
        using var checkout = await SendAsync(HttpMethod.Post, "/api/billing/checkout", token, new { plan });
        checkout.EnsureSuccessStatusCode();
        var sessionId = new Uri((await checkout.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!).Segments[^1];
        Assert.Equal(200, await Stripe.CompleteCheckoutAsync(sessionId));
        return (string)Stripe.Find(sessionId)["subscription"]!;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: ApiJson.Options) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string url, string? token = null, object? body = null)
    {
        using var response = await SendAsync(body is null ? HttpMethod.Get : HttpMethod.Post, url, token, body);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        Http.Dispose();
        App.Dispose();
        Stripe.Dispose();
        Providers.Dispose();
        Issuer.Dispose();
    }
}
