using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Identity;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Tests.Identity;

/// <summary>
/// A self-host validating tokens from a loopback issuer, with two people: Alice (Professional, with a
/// completed generation and API tokens) and Bob (another tenant, free plan), and credentials of every kind.
/// </summary>
public sealed class IdentityWorld : IAsyncLifetime
{
    public OidcIssuer Issuer { get; } = new();

    public ProviderStandIn Providers { get; } = new();

    public SelfHostFactory App { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string AliceJwt { get; private set; } = "";

    public string AliceId => UserStore.UserId(Issuer.Authority, "alice-subject");

    public string AliceGenerationId { get; private set; } = "";

    public string AliceTokenId { get; private set; } = "";

    public Dictionary<string, string?> Credentials { get; } = [];

    public async Task InitializeAsync()
    {
        App = new SelfHostFactory
        {
            Issuer = Issuer,
            Settings =
            {
                ["Auth:FailedAttemptsPerMinute"] = "10000",
                ["Logging:LogLevel:Default"] = "Trace", // everything is captured, for the tests that prove no key leaks
                ["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl,
                ["ANTHROPIC_BASE_URL"] = Providers.AnthropicBaseUrl,
            },
        };
        Http = App.CreateClient();
        AliceJwt = Issuer.Issue("alice-subject", "alice@example.com");
        using (await SendAsync(HttpMethod.Get, "/api/me", AliceJwt))
        {
            await App.Services.GetRequiredService<UserStore>().SetPlanAsync(AliceId, PlanIds.Professional, CancellationToken.None);
        }

        var alice = new GenerationClient(Http, AliceJwt);
        AliceGenerationId = (await alice.StartAsync()).Id;
        await alice.WaitForCompletionAsync(AliceGenerationId);

        var full = await CreateTokenAsync(AliceJwt, "full", Scopes.All);
        var readOnly = await CreateTokenAsync(AliceJwt, "read only", [Scopes.GenerationsRead]);
        var revoked = await CreateTokenAsync(AliceJwt, "revoked", Scopes.All);
        AliceTokenId = full.GetProperty("id").GetString()!;
        using (await SendAsync(HttpMethod.Delete, $"/api/tokens/{revoked.GetProperty("id").GetString()}", AliceJwt))
        {
        }

        Credentials["none"] = null;
        Credentials["alice"] = AliceJwt;
        Credentials["bob"] = Issuer.Issue("bob-subject", "bob@example.com");
        Credentials["expired"] = Issuer.Issue("alice-subject", "alice@example.com", expires: DateTime.UtcNow.AddMinutes(-10));
        Credentials["wrong audience"] = Issuer.Issue("alice-subject", "alice@example.com", audience: "api://someone-else");
        Credentials["wrong issuer"] = Issuer.Issue("alice-subject", "alice@example.com", issuer: "https://evil.example/tenant");
        Credentials["forged signature"] = Issuer.Issue("alice-subject", "alice@example.com", signWith: Issuer.ForgedKey());
        Credentials["revoked token"] = revoked.GetProperty("token").GetString();
        Credentials["read-only token"] = readOnly.GetProperty("token").GetString();
        Credentials["full token"] = full.GetProperty("token").GetString();
        Credentials["garbage"] = "not-a-token-at-all";
    }

    public async Task<JsonElement> CreateTokenAsync(string bearer, string name, IEnumerable<string> scopes)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/tokens", bearer, new { name, scopes, expiresInDays = 30 });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? bearer, object? body = null, IEnumerable<string>? accept = null)
    {
        var request = new HttpRequestMessage(method, url);
        foreach (var type in accept ?? [])
        {
            request.Headers.Accept.ParseAdd(type);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return Http.SendAsync(request);
    }

    public Task DisposeAsync()
    {
        Http.Dispose();
        App.Dispose();
        Issuer.Dispose();
        Providers.Dispose();
        return Task.CompletedTask;
    }
}
