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

    [Theory]
    [InlineData("openai", ProviderStandIn.ValidOpenAiKey, "connected")]
    [InlineData("anthropic", ProviderStandIn.ValidAnthropicKey, "connected")]
    [InlineData("openai", "sk-proj-" + "revoked-key-0000000000000000", "invalid")]
    [InlineData("anthropic", "sk-ant-" + "during-a-long-provider-outage", "unreachable")]
    public async Task A_key_is_tested_before_saving_with_one_call_to_its_provider_and_nothing_is_stored(string provider, string key, string result)
    {
        var jwt = world.Issuer.Issue($"unsaved-{Guid.NewGuid():N}", "unsaved@example.com");
        var calls = world.Providers.Requests.Count(request => request.Credential == key);

        using var response = await TestUnsavedAsync(provider, key, jwt);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal(result, answer.GetProperty("result").GetString());
        Assert.Equal(result == "connected", answer.TryGetProperty("testReceipt", out var receipt) && receipt.ValueKind == JsonValueKind.String);
        Assert.Equal(calls + 1, world.Providers.Requests.Count(request => request.Credential == key));
        Assert.DoesNotContain(key, body, StringComparison.Ordinal);
        using var list = await world.SendAsync(HttpMethod.Get, "/api/settings/api-keys", jwt);
        Assert.Empty((await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_key_saved_with_the_receipt_of_its_test_is_connected_without_asking_the_provider_again()
    {
        var jwt = world.Issuer.Issue($"receipt-{Guid.NewGuid():N}", "receipt@example.com");
        var receipt = await ReceiptAsync("anthropic", ProviderStandIn.ValidAnthropicKey, jwt);
        var calls = world.Providers.Requests.Count;

        using var save = await world.SendAsync(HttpMethod.Put, "/api/settings/api-keys/anthropic", jwt,
            new { encryptedKey = await Jwe.EncryptForAsync(world.Http, ProviderStandIn.ValidAnthropicKey), testReceipt = receipt });

        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        var saved = await save.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("connected", saved.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, saved.GetProperty("lastTestedAt").ValueKind);
        Assert.Equal(calls, world.Providers.Requests.Count);
        using var list = await world.SendAsync(HttpMethod.Get, "/api/settings/api-keys", jwt);
        Assert.Equal("connected", Assert.Single((await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_receipt_of_another_key_another_person_or_no_test_at_all_is_refused_and_nothing_is_saved()
    {
        var jwt = world.Issuer.Issue($"forger-{Guid.NewGuid():N}", "forger@example.com");
        var otherPerson = world.Issuer.Issue($"other-{Guid.NewGuid():N}", "other@example.com");
        var receiptOfAnother = await ReceiptAsync("openai", ProviderStandIn.ValidOpenAiKey, otherPerson);
        var receiptOfThisOne = await ReceiptAsync("openai", ProviderStandIn.ValidOpenAiKey, jwt);
        const string untestedKey = "sk-proj-" + "never-tested-key-000000000000";

        foreach (var (key, receipt) in new[] { (ProviderStandIn.ValidOpenAiKey, receiptOfAnother), (untestedKey, receiptOfThisOne), (ProviderStandIn.ValidOpenAiKey, "v1:bm90IGEgcmVjZWlwdA==") })
        {
            using var save = await world.SendAsync(HttpMethod.Put, "/api/settings/api-keys/openai", jwt,
                new { encryptedKey = await Jwe.EncryptForAsync(world.Http, key), testReceipt = receipt });
            var problem = await GenerationApiTests.AssertProblem(save, HttpStatusCode.UnprocessableEntity, "validation");
            Assert.True(problem.GetProperty("errors").TryGetProperty("testReceipt", out _));
            Assert.DoesNotContain(key, problem.GetRawText(), StringComparison.Ordinal);
        }

        using var list = await world.SendAsync(HttpMethod.Get, "/api/settings/api-keys", jwt);
        Assert.Empty((await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
    }

    private async Task<HttpResponseMessage> TestUnsavedAsync(string provider, string key, string jwt) =>
        await world.SendAsync(HttpMethod.Post, $"/api/settings/api-keys/{provider}/test-unsaved", jwt, new { encryptedKey = await Jwe.EncryptForAsync(world.Http, key) });

    private async Task<string> ReceiptAsync(string provider, string key, string jwt)
    {
        using var response = await TestUnsavedAsync(provider, key, jwt);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("testReceipt").GetString()!;
    }
}
