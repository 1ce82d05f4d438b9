using System.Net;
using CrewBuilder.Core.Identity;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Api;

public sealed class SecretResponseTests(ApiWorld world) : IClassFixture<ApiWorld>
{
    [Fact]
    public async Task Every_response_that_shows_a_secret_once_tells_caches_not_to_keep_it()
    {
        var orgId = world.PathValues["orgs"];
        var secretBearing = new (string What, HttpMethod Method, string Url, string? Token, object Body)[]
        {
            ("development sign-in token", HttpMethod.Post, "/api/dev/sign-in", null, new { email = "secret@example.com" }),
            ("new API token", HttpMethod.Post, "/api/tokens", world.DevToken, new { name = "cache test", scopes = new[] { Scopes.GenerationsRead } }),
            ("generation access token", HttpMethod.Post, "/api/generations", null, new { requirement = GenerationClient.Requirement }),
            ("chat access token", HttpMethod.Post, "/api/clarifications", null, new { requirement = GenerationClient.Requirement }),
            ("credit claim", HttpMethod.Post, "/api/billing/checkout", null, new { mode = "generation", quantity = 1 }),
            ("invitation token", HttpMethod.Post, $"/api/orgs/{orgId}/invitations", world.DevToken, new { email = "invitee@example.com", role = "member" }),
        };

        foreach (var (what, method, url, token, body) in secretBearing)
        {
            using var response = await world.SendAsync(method, url, token, body);
            Assert.True(response.IsSuccessStatusCode, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what} was sent with Cache-Control: {response.Headers.CacheControl}");
        }

        using var me = await world.SendAsync(HttpMethod.Get, "/api/me", world.DevToken);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.NotEqual(true, me.Headers.CacheControl?.NoStore);
    }
}
