using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Keys;
using CrewBuilder.Tests.Api;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Generation;

public sealed class OnceKeyTests(LlmWorld world) : IClassFixture<LlmWorld>
{
    private const string OnceKey = "sk-proj-" + "valid-ONCECANARY-0123456789abc";

    [Fact]
    public async Task A_key_for_one_anonymous_generation_is_used_for_it_then_forgotten_and_never_stored_in_the_clear()
    {
        using var response = await world.Http.PostAsJsonAsync("/api/generations",
            new { requirement = GenerationClient.Requirement, keySource = "once", provider = "openai", encryptedKey = await EncryptAsync(OnceKey) });
        var accepted = (await response.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
        var client = new GenerationClient(world.Http, accepted.AccessToken);

        var done = await client.WaitForCompletionAsync(accepted.Id);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(GenerationStatus.Completed, done.Status);
        Assert.Equal(KeySource.Once, done.KeySource);
        Assert.Contains(world.Providers.Requests, request => request.Credential == OnceKey);
        var slots = new TableClient(AzuriteServer.Instance.ConnectionString, world.App.StoragePrefix + KeySlots.TableName);
        Assert.False((await slots.GetEntityIfExistsAsync<TableEntity>(accepted.Id, "key")).HasValue);
        var everything = await StorageDump.AllTextAsync(world.App);
        Assert.DoesNotContain("ONCECANARY", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToHexString(Encoding.UTF8.GetBytes("ONCECANARY")), everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(OnceKey))[..24], everything, StringComparison.Ordinal);
        using var status = await client.SendAsync(HttpMethod.Get, accepted.StatusUrl);
        Assert.DoesNotContain("ONCECANARY", await status.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(world.App.Logs, line => line.Contains("ONCECANARY", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_replayed_encrypted_key_for_a_generation_is_refused_and_starts_nothing()
    {
        var encrypted = await EncryptAsync(OnceKey);
        using (await world.Http.PostAsJsonAsync("/api/generations", new { requirement = GenerationClient.Requirement, provider = "openai", encryptedKey = encrypted }))
        {
        }

        using var replay = await world.Http.PostAsJsonAsync("/api/generations", new { requirement = GenerationClient.Requirement, provider = "openai", encryptedKey = encrypted });

        await GenerationApiTests.AssertProblem(replay, HttpStatusCode.Conflict, "key-envelope-refused");
    }

    [Theory]
    [InlineData(null, true, "provider")]
    [InlineData("openai", false, "encryptedKey")]
    public async Task A_key_for_one_generation_needs_its_provider_and_the_key_encrypted(string? provider, bool withKey, string field)
    {
        var encrypted = withKey ? await EncryptAsync(OnceKey) : null;

        using var response = await world.Http.PostAsJsonAsync("/api/generations", new { requirement = GenerationClient.Requirement, keySource = "once", provider, encryptedKey = encrypted });

        var problem = await GenerationApiTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    private Task<string> EncryptAsync(string key) => Jwe.EncryptForAsync(world.Http, key);
}
