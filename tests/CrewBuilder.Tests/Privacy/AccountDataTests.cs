using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Identity;
using CrewBuilder.Tests.Api;
using CrewBuilder.Tests.Identity;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Tests.Privacy;

public sealed class AccountDataTests(IdentityWorld world) : IClassFixture<IdentityWorld>
{
    [Fact]
    public async Task A_person_downloads_everything_held_about_them()
    {
        using var response = await world.SendAsync(HttpMethod.Get, "/api/me/export", world.AliceJwt);
        var export = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("alice@example.com", export.GetProperty("profile").GetProperty("email").GetString());
        var generation = export.GetProperty("generations").EnumerateArray().Single(g => g.GetProperty("generation").GetProperty("id").GetString() == world.AliceGenerationId);
        Assert.Equal(GenerationClient.Requirement, generation.GetProperty("requirement").GetString());
        Assert.NotEmpty(generation.GetProperty("generation").GetProperty("files").EnumerateArray());
        Assert.Contains(export.GetProperty("apiTokens").EnumerateArray(), token => token.GetProperty("id").GetString() == world.AliceTokenId);
        Assert.DoesNotContain("cb_", export.GetProperty("apiTokens").GetRawText().Replace("\"prefix\":\"cb_", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(export.GetProperty("usageLedger").EnumerateArray(), row => row.GetProperty("generationId").GetString() == world.AliceGenerationId);
        Assert.Equal(JsonValueKind.Array, export.GetProperty("auditEntries").ValueKind);
    }

    [Fact]
    public async Task Deleting_an_account_needs_its_email_typed_again_and_a_wrong_one_changes_nothing()
    {
        var (jwt, userId, _) = await NewPersonWithDataAsync("grace");

        using var response = await world.SendAsync(HttpMethod.Delete, "/api/me", jwt, new { confirmEmail = "someone-else@example.com" });

        await GenerationApiTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "validation");
        Assert.NotNull(await world.App.Services.GetRequiredService<UserStore>().FindAsync(userId, CancellationToken.None));
        Assert.Single(await RowsAsync(GenerationStore.TableName, userId));
    }

    [Fact]
    public async Task Deleting_an_account_revokes_its_tokens_and_erases_its_generations_projects_and_profile()
    {
        var (jwt, userId, apiToken) = await NewPersonWithDataAsync("heidi");
        Assert.NotEmpty(await RowsAsync(UsageLedger.TableName, userId));
        Assert.NotEmpty(await RowsAsync(QuotaLedger.TableName, userId));
        var cipher = world.App.Services.GetRequiredService<Core.Keys.ProviderKeyCipher>();
        var savedKey = await cipher.EncryptAsync(userId, "openai", "k", "sk-" + "heidis-key-000000000000000000000", CancellationToken.None);

        using var response = await world.SendAsync(HttpMethod.Delete, "/api/me", jwt, new { confirmEmail = "HEIDI@example.com" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using (var withToken = await world.SendAsync(HttpMethod.Get, "/api/generations", apiToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, withToken.StatusCode);
        }

        Assert.Empty(await RowsAsync(GenerationStore.TableName, userId));
        Assert.Empty(await RowsAsync(ApiTokenStore.TableName, userId));
        Assert.Empty(await RowsAsync(UserStore.TableName, userId));
        Assert.Empty(await RowsAsync(Core.Keys.DataKeys.TableName, userId));
        Assert.Empty(await RowsAsync(UsageLedger.TableName, userId));
        Assert.Empty(await RowsAsync(QuotaLedger.TableName, userId));
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() =>
            cipher.DecryptAsync(userId, "openai", "k", savedKey, CancellationToken.None));
        var container = new BlobContainerClient(AzuriteServer.Instance.ConnectionString, world.App.StoragePrefix + ArtifactStore.ContainerName);
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, userId + "/", CancellationToken.None))
        {
            Assert.Fail($"Artifact {blob.Name} survived the deletion.");
        }

        using var comesBack = await world.SendAsync(HttpMethod.Get, "/api/generations", jwt);
        Assert.Empty((await comesBack.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_api_token_cannot_delete_or_export_its_owner()
    {
        var token = world.Credentials["full token"];

        using var delete = await world.SendAsync(HttpMethod.Delete, "/api/me", token, new { confirmEmail = "alice@example.com" });
        using var export = await world.SendAsync(HttpMethod.Get, "/api/me/export", token);

        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
    }

    private async Task<(string Jwt, string UserId, string ApiToken)> NewPersonWithDataAsync(string name)
    {
        var jwt = world.Issuer.Issue($"{name}-subject", $"{name}@example.com");
        var userId = UserStore.UserId(world.Issuer.Authority, $"{name}-subject");
        using (await world.SendAsync(HttpMethod.Get, "/api/me", jwt))
        {
            await world.App.Services.GetRequiredService<UserStore>().SetPlanAsync(userId, PlanIds.Professional, CancellationToken.None);
        }

        var client = new GenerationClient(world.Http, jwt);
        var generation = await client.StartAsync();
        await client.WaitForCompletionAsync(generation.Id);
        var token = await world.CreateTokenAsync(jwt, "doomed", Scopes.All);
        return (jwt, userId, token.GetProperty("token").GetString()!);
    }

    private async Task<List<string>> RowsAsync(string table, string partition)
    {
        var client = new TableClient(AzuriteServer.Instance.ConnectionString, world.App.StoragePrefix + table);
        var rows = new List<string>();
        await foreach (var entity in client.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"]))
        {
            rows.Add(entity.RowKey);
        }

        return rows;
    }
}
