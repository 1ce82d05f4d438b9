using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Tests.Api;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Identity;

/// <summary>
/// Credentials that are not accepted: each is 401 and counted, and the limits never refuse one that validates. Failures
/// are counted in one-minute windows, so each host here runs on a clock that stands still inside one window: a test's
/// requests never straddle two.
/// </summary>
public sealed class FailedAuthenticationTests
{
    private static SelfHostFactory App(Dictionary<string, string> settings) => new() { Settings = settings, Clock = SelfHostFactory.StillWithinOneMinute() };

    [Theory]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln")]
    [InlineData("....")]
    public async Task A_bearer_token_that_is_not_a_readable_jwt_is_401_invalid_token_and_counts_as_a_failure(string token)
    {
        using var app = App(new() { ["Auth:FailedAttemptsPerMinute"] = "2" });
        using var http = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await SendAsync(http, HttpMethod.Get, "/api/me", token);
            statuses.Add(response.StatusCode);
            if (i == 0)
            {
                await GenerationApiTests.AssertProblem(response, HttpStatusCode.Unauthorized, "unauthorized");
                Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData("POST", "/api/generations")]
    [InlineData("GET", "/api/generations/0000000000000000000")]
    [InlineData("GET", "/api/me")]
    public async Task A_forged_generation_access_token_is_401_and_counts_as_a_failure(string method, string route)
    {
        using var app = App(new() { ["Auth:FailedAttemptsPerMinute"] = "1" });
        using var http = app.CreateClient();

        using var first = await SendAsync(http, new HttpMethod(method), route, "cbg_forged-" + Guid.NewGuid().ToString("N"));
        using var second = await SendAsync(http, new HttpMethod(method), route, "cbg_forged-" + Guid.NewGuid().ToString("N"));

        await GenerationApiTests.AssertProblem(first, HttpStatusCode.Unauthorized, "unauthorized");
        await GenerationApiTests.AssertProblem(second, HttpStatusCode.TooManyRequests, "too-many-failed-authentications");
    }

    [Fact]
    public async Task A_genuine_access_token_still_reads_its_generation_after_forged_ones_from_the_same_address()
    {
        using var app = App(new() { ["Auth:FailedAttemptsPerMinute"] = "2" });
        using var http = app.CreateClient();
        using var created = await http.PostAsJsonAsync("/api/generations", new { requirement = "Summarise our weekly sales figures and email them to the team." });
        var accepted = await created.Content.ReadFromJsonAsync<JsonElement>();
        var statusUrl = accepted.GetProperty("statusUrl").GetString()!;

        for (var i = 0; i < 4; i++)
        {
            using var forged = await SendAsync(http, HttpMethod.Get, statusUrl, "cbg_forged" + i);
        }

        using var locked = await SendAsync(http, HttpMethod.Get, statusUrl, "cbg_forged-again");
        using var genuine = await SendAsync(http, HttpMethod.Get, statusUrl, accepted.GetProperty("accessToken").GetString()!);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
    }

    [Fact]
    public async Task A_valid_sign_in_is_admitted_while_other_clients_at_its_address_are_refused_for_failing()
    {
        using var app = App(new() { ["CREWBUILDER_DEV_AUTH"] = "true", ["Auth:FailedAttemptsPerMinute"] = "3" });
        using var http = app.CreateClient();
        var token = await DevSignInAsync(http, "shared-nat@example.com");

        var refused = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var bad = await SendAsync(http, HttpMethod.Get, "/api/me", "cb_broken-client-" + i);
            refused.Add(bad.StatusCode);
        }

        using var valid = await SendAsync(http, HttpMethod.Get, "/api/me", token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused[^1]);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task One_bad_credential_repeated_from_many_addresses_is_limited_while_other_addresses_are_not()
    {
        using var app = App(new() { ["Auth:FailedAttemptsPerMinute"] = "3", ["Auth:TrustForwardedFor"] = "true" });
        using var http = app.CreateClient();

        var repeated = new List<HttpStatusCode>();
        var distinct = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var same = await SendAsync(http, HttpMethod.Get, "/api/me", "cb_leaked-and-revoked", forwardedFor: $"203.0.113.{i}");
            repeated.Add(same.StatusCode);
            using var other = await SendAsync(http, HttpMethod.Get, "/api/me", "cb_other-" + i, forwardedFor: $"198.51.100.{i}");
            distinct.Add(other.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], repeated);
        Assert.All(distinct, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
    }

    [Fact]
    public async Task A_development_sign_in_token_keeps_working_after_the_self_host_restarts()
    {
        var vault = Path.Combine(Path.GetTempPath(), "crewbuilder-vault-" + AzuriteServer.UniqueName("restart"));
        string token;
        using (var before = App(new() { ["CREWBUILDER_DEV_AUTH"] = "true", ["KeyVault:LocalPath"] = vault }))
        {
            token = await DevSignInAsync(before.CreateClient(), "restart@example.com");
        }

        using var after = App(new() { ["CREWBUILDER_DEV_AUTH"] = "true", ["KeyVault:LocalPath"] = vault });
        using var me = await SendAsync(after.CreateClient(), HttpMethod.Get, "/api/me", token);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("restart@example.com", (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
    }

    private static async Task<string> DevSignInAsync(HttpClient http, string email)
    {
        using var signIn = await http.PostAsJsonAsync("/api/dev/sign-in", new { email });
        signIn.EnsureSuccessStatusCode();
        return (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string route, string token, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(method, route);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        if (method == HttpMethod.Post)
        {
            request.Content = JsonContent.Create(new { requirement = "Summarise our weekly sales figures and email them to the team." });
        }

        return http.SendAsync(request);
    }
}
