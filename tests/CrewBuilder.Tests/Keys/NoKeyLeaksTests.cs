using System.Net.Http.Json;
using System.Text;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Keys;
using CrewBuilder.Tests.Identity;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Keys;

/// <summary>
/// A canary key goes through every saved-key path (save, list, test, replace, export, remove); then every table,
/// blob and queue of the run, every log line at Trace level and every response is searched for it: plain, base64, hex.
/// </summary>
public sealed class NoKeyLeaksTests(IdentityWorld world) : IClassFixture<IdentityWorld>
{
    private const string Canary = "sk-proj-" + "LEAKCANARY-7f3a9c2e5b1d4f60a8";

    [Fact]
    public async Task A_saved_canary_key_appears_nowhere_in_storage_logs_or_responses()
    {
        var jwt = world.Issuer.Issue("canary-subject", "canary@example.com");
        var jwk = (await world.Http.GetFromJsonAsync<PublicJwk>("/api/settings/api-keys/encryption-key", ApiJson.Options))!;
        var responses = new StringBuilder();

        async Task Call(HttpMethod method, string url, object? body = null)
        {
            using var response = await world.SendAsync(method, url, jwt, body);
            responses.AppendLine(await response.Content.ReadAsStringAsync()).AppendLine(response.Headers.ToString());
        }

        await Call(HttpMethod.Put, "/api/settings/api-keys/openai", new { encryptedKey = Jwe.Encrypt(jwk, Jwe.Payload(Canary)) });
        await Call(HttpMethod.Get, "/api/settings/api-keys");
        await Call(HttpMethod.Post, "/api/settings/api-keys/openai/test");
        await Call(HttpMethod.Put, "/api/settings/api-keys/openai", new { encryptedKey = Jwe.Encrypt(jwk, Jwe.Payload(Canary + "x")) });
        await Call(HttpMethod.Put, "/api/settings/api-keys/openai", new { key = Canary });
        await Call(HttpMethod.Put, "/api/settings/api-keys/anthropic", new { encryptedKey = Jwe.Encrypt(jwk, Jwe.Payload(Canary)) });
        await Call(HttpMethod.Get, "/api/me/export");
        await Call(HttpMethod.Delete, "/api/settings/api-keys/openai");

        var haystacks = new Dictionary<string, string>
        {
            ["responses"] = responses.ToString(),
            ["logs"] = string.Join('\n', world.App.Logs),
            ["storage"] = await StorageDump.AllTextAsync(world.App),
        };
        Assert.Contains(world.Providers.Requests, request => request.Credential == Canary); // the canary did reach its provider
        Assert.Contains(world.App.Logs, line => line.StartsWith("Trace", StringComparison.Ordinal)); // and the logs were captured at Trace
        LeakProof.AssertNowhere(Canary, "LEAKCANARY", haystacks);
    }
}
