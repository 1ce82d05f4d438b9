using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Keys;
using CrewBuilder.Tests.Api;
using CrewBuilder.Tests.Identity;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Tests.Keys;

public sealed class SavedKeyApiTests(IdentityWorld world) : IClassFixture<IdentityWorld>
{
    private const string Canary = "sk-proj-" + "CANARYcanary0123456789abcdefXYZ9";

    [Fact]
    public async Task A_key_encrypted_in_the_browser_is_saved_encrypted_and_shown_only_masked()
    {
        var (jwt, userId) = await PersonAsync("ivan");

        using var save = await world.SendAsync(HttpMethod.Put, "/api/settings/api-keys/openai", jwt, new { encryptedKey = await EncryptAsync(Canary) });
        var saved = await save.Content.ReadAsStringAsync();
        using var list = await world.SendAsync(HttpMethod.Get, "/api/settings/api-keys", jwt);
        var listed = await list.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        var info = JsonSerializer.Deserialize<JsonElement>(saved);
        Assert.Equal("sk-…XYZ9", info.GetProperty("masked").GetString());
        Assert.Equal("untested", info.GetProperty("status").GetString());
        Assert.Contains("\"provider\":\"openai\"", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", saved + listed, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", await StoredTextAsync(), StringComparison.Ordinal);
        Assert.Equal(Canary, await world.App.Services.GetRequiredService<SavedKeys>().RevealAsync(userId, "openai", CancellationToken.None));
    }

    [Fact]
    public async Task Saving_again_replaces_the_key_and_notes_the_rotation()
    {
        var (jwt, userId) = await PersonAsync("judy");
        using (await world.SendAsync(HttpMethod.Put, "/api/settings/api-keys/anthropic", jwt, new { encryptedKey = await EncryptAsync("sk-ant-" + "first-key-0000000000000000000000") }))
        {
        }

        using var second = await world.SendAsync(HttpMethod.Put, "/api/settings/api-keys/anthropic", jwt, new { encryptedKey = await EncryptAsync("sk-ant-" + "second-key-000000000000000000099") });

        var info = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("sk-…0099", info.GetProperty("masked").GetString());
        Assert.Equal(JsonValueKind.String, info.GetProperty("rotatedAt").ValueKind);
        Assert.Equal("sk-ant-" + "second-key-000000000000000000099", await world.App.Services.GetRequiredService<SavedKeys>().RevealAsync(userId, "anthropic", CancellationToken.None));
    }

    [Fact]
    public async Task A_replayed_encrypted_key_is_refused()
    {
        var (jwt, _) = await PersonAsync("kim");
        var encrypted = await EncryptAsync(Canary);
        using (await world.SendAsync(HttpMethod.Put, "/api/settings/api-keys/openai", jwt, new { encryptedKey = encrypted }))
        {
        }

        using var replay = await world.SendAsync(HttpMethod.Put, "/api/settings/api-keys/openai", jwt, new { encryptedKey = encrypted });

        await GenerationApiTests.AssertProblem(replay, HttpStatusCode.Conflict, "key-envelope-refused");
    }

    [Fact]
    public async Task A_stale_encrypted_key_is_refused()
    {
        var (jwt, _) = await PersonAsync("lee");
        var jwk = await PublicKeyAsync();

        using var response = await world.SendAsync(HttpMethod.Put, "/api/settings/api-keys/openai", jwt,
            new { encryptedKey = Jwe.Encrypt(jwk, Jwe.Payload(Canary, DateTimeOffset.UtcNow.AddMinutes(-10))) });

        await GenerationApiTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "key-envelope-refused");
    }

    [Fact]
    public async Task A_key_encrypted_for_another_server_key_or_not_encrypted_at_all_is_refused()
    {
        var (jwt, _) = await PersonAsync("max");
        var jwk = await PublicKeyAsync();

        using var otherKid = await world.SendAsync(HttpMethod.Put, "/api/settings/api-keys/openai", jwt, new { encryptedKey = Jwe.Encrypt(jwk, Jwe.Payload(Canary), kid: "old-key") });
        using var garbage = await world.SendAsync(HttpMethod.Put, "/api/settings/api-keys/openai", jwt, new { encryptedKey = "a.b.c.d.e" });
        using var plain = await world.SendAsync(HttpMethod.Put, "/api/settings/api-keys/openai", jwt, new { key = Canary });

        await GenerationApiTests.AssertProblem(otherKid, HttpStatusCode.Conflict, "key-envelope-refused");
        await GenerationApiTests.AssertProblem(garbage, HttpStatusCode.BadRequest, "key-envelope-refused");
        var problem = await GenerationApiTests.AssertProblem(plain, HttpStatusCode.UnprocessableEntity, "validation");
        Assert.DoesNotContain("CANARY", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("openai", "hello-this-is-not-a-key-CANARY")]
    [InlineData("openai", "sk-ant-" + "an-anthropic-key-CANARY-000000000")]
    [InlineData("anthropic", "sk-proj-" + "an-openai-key-CANARY-0000000000")]
    [InlineData("anthropic", "sk-ant-has spaces CANARY 00000000000000")]
    public async Task A_key_of_the_wrong_shape_is_refused_with_422_that_never_repeats_it(string provider, string key)
    {
        var (jwt, _) = await PersonAsync("nia");

        using var response = await world.SendAsync(HttpMethod.Put, $"/api/settings/api-keys/{provider}", jwt, new { encryptedKey = await EncryptAsync(key) });

        var problem = await GenerationApiTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("key", out _));
        Assert.DoesNotContain("CANARY", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_key_deletes_it_at_once()
    {
        var (jwt, userId) = await PersonAsync("omar");
        using (await world.SendAsync(HttpMethod.Put, "/api/settings/api-keys/openai", jwt, new { encryptedKey = await EncryptAsync(Canary) }))
        {
        }

        using var delete = await world.SendAsync(HttpMethod.Delete, "/api/settings/api-keys/openai", jwt);
        using var again = await world.SendAsync(HttpMethod.Delete, "/api/settings/api-keys/openai", jwt);
        using var unknown = await world.SendAsync(HttpMethod.Put, "/api/settings/api-keys/mistral", jwt, new { encryptedKey = await EncryptAsync(Canary) });

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await GenerationApiTests.AssertProblem(again, HttpStatusCode.NotFound, "not-found");
        await GenerationApiTests.AssertProblem(unknown, HttpStatusCode.NotFound, "not-found");
        Assert.Null(await world.App.Services.GetRequiredService<SavedKeys>().RevealAsync(userId, "openai", CancellationToken.None));
    }

    private async Task<(string Jwt, string UserId)> PersonAsync(string name)
    {
        var jwt = world.Issuer.Issue($"{name}-subject", $"{name}@example.com");
        using (await world.SendAsync(HttpMethod.Get, "/api/me", jwt))
        {
        }

        return (jwt, Core.Identity.UserStore.UserId(world.Issuer.Authority, $"{name}-subject"));
    }

    private async Task<PublicJwk> PublicKeyAsync() =>
        (await world.Http.GetFromJsonAsync<PublicJwk>("/api/settings/api-keys/encryption-key", ApiJson.Options))!;

    private Task<string> EncryptAsync(string key) => Jwe.EncryptForAsync(world.Http, key);

    private async Task<string> StoredTextAsync()
    {
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, world.App.StoragePrefix + SavedKeys.TableName);
        var text = new System.Text.StringBuilder();
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            text.AppendJoin('\n', entity.Select(property => property.Value));
        }

        return text.ToString();
    }
}
