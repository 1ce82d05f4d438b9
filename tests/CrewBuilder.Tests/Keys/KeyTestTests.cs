using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Keys;
using CrewBuilder.Tests.Api;
using CrewBuilder.Tests.Identity;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Keys;

/// <summary>Testing saved keys through the official OpenAI and Anthropic SDKs, against loopback stand-ins of their APIs.</summary>
public sealed class KeyTestTests(IdentityWorld world) : IClassFixture<IdentityWorld>
{
    [Theory]
    [InlineData("openai", ProviderStandIn.ValidOpenAiKey, "connected", "connected")]
    [InlineData("anthropic", ProviderStandIn.ValidAnthropicKey, "connected", "connected")]
    [InlineData("openai", "sk-proj-" + "revoked-key-0000000000000000", "invalid", "invalid")]
    [InlineData("anthropic", "sk-ant-" + "revoked-key-00000000000000000000000", "invalid", "invalid")]
    [InlineData("openai", "sk-proj-during-an-outage", "unreachable", "untested")]
    [InlineData("anthropic", "sk-ant-" + "during-a-long-provider-outage", "unreachable", "untested")]
    public async Task A_saved_key_is_tested_with_one_call_to_its_provider(string provider, string key, string result, string status)
    {
        var jwt = world.Issuer.Issue($"tester-{Guid.NewGuid():N}", "tester@example.com");
        using (var save = await world.SendAsync(HttpMethod.Put, $"/api/settings/api-keys/{provider}", jwt, new { encryptedKey = await Jwe.EncryptForAsync(world.Http, key) }))
        {
            Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        }

        var calls = world.Providers.Requests.Count(request => request.Credential == key);
        using var response = await world.SendAsync(HttpMethod.Post, $"/api/settings/api-keys/{provider}/test", jwt);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal(result, answer.GetProperty("result").GetString());
        Assert.Equal(status, answer.GetProperty("key").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, answer.GetProperty("key").GetProperty("lastTestedAt").ValueKind);
        Assert.Equal(calls + 1, world.Providers.Requests.Count(request => request.Credential == key));
        Assert.DoesNotContain(key, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Testing_without_a_saved_key_answers_404()
    {
        var jwt = world.Issuer.Issue("nobody-saved-anything", "empty@example.com");

        using var response = await world.SendAsync(HttpMethod.Post, "/api/settings/api-keys/openai/test", jwt);

        await GenerationApiTests.AssertProblem(response, HttpStatusCode.NotFound, "not-found");
    }
}
