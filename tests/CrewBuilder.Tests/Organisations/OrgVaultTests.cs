using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Keys;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Organisations;

/// <summary>An organisation that brings its own Key Vault (a loopback stand-in reached through the real SecretClient).</summary>
public sealed class OrgVaultTests() : VaultWorldTests(new()
{
    ["OrgVaults:AllowedHostSuffixes:0"] = ".vault.azure.net",
    ["OrgVaults:AllowedHostSuffixes:1"] = "127.0.0.1",
})
{

    [Fact]
    public async Task Keys_move_into_the_organisations_own_vault_never_stay_in_crewbuilders_storage_and_move_back_on_request()
    {
        var orgId = await World.OrganisationWithKeyAsync("Vault Co");

        foreach (var refused in new[] { "https://evil.example/", "http://acme.vault.azure.net/", "https://acme.vault.azure.net/secrets/x", "https://127.0.0.1:9/" })
        {
            using var response = await World.People.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/key-vault", "vera", new { keyVaultUri = refused });
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{refused}: {(int)response.StatusCode}");
        }

        await World.People.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/key-vault", "vera", new { keyVaultUri = World.KeyVault.VaultUri });

        var row = await KeyRowAsync(orgId);
        Assert.False(row.ContainsKey("Ciphertext"));
        Assert.Equal(ProviderStandIn.ValidOpenAiKey, World.KeyVault.Latest("crewbuilder-openai"));
        Assert.Equal("sk-…0000", (await World.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/api-keys", "vera")).GetProperty("items")[0].GetProperty("masked").GetString());

        using var start = await World.People.SendAsync(HttpMethod.Post, "/api/generations", "max", new { requirement = GenerationClient.Requirement, keySource = "organisation" });
        var id = (await start.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id;
        var done = await new GenerationClient(World.Http, World.People.Tokens["max"]).WaitForCompletionAsync(id);
        Assert.Equal((GenerationStatus.Completed, KeySource.Organisation), (done.Status, done.KeySource));
        Assert.DoesNotContain("valid-openai-key", await StorageDump.AllTextAsync(World.App), StringComparison.Ordinal);

        await World.People.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/key-vault", "vera", new { keyVaultUri = (string?)null });
        Assert.True((await KeyRowAsync(orgId)).ContainsKey("Ciphertext"));
        Assert.Contains("crewbuilder-openai", World.KeyVault.Deleted);
        var audit = await World.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?action=policy.key-vault", "vera");
        Assert.Equal(2, audit.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_malformed_or_unreachable_vault_address_is_refused_with_what_to_do_and_changes_nothing()
    {
        var orgId = (await World.People.JsonAsync(HttpMethod.Post, "/api/orgs", "vera", new { name = "Unreachable Co" })).GetProperty("id").GetString()!;
        var closedPort = $"https://127.0.0.1:{FreePort.Next()}/";
        var expected = new Dictionary<string, string>
        {
            ["a"] = "root address of an Azure Key Vault",
            [""] = "root address of an Azure Key Vault",
            [closedPort] = "CrewBuilder could not reach this Key Vault",
        };

        foreach (var (address, advice) in expected)
        {
            using var response = await World.People.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/key-vault", "vera", new { keyVaultUri = address });
            var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"'{address}': {(int)response.StatusCode} {problem}");
            Assert.Contains(advice, problem.GetProperty("errors").GetProperty("keyVaultUri")[0].GetString(), StringComparison.Ordinal);
        }

        var setting = await World.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/key-vault", "vera");
        Assert.False(setting.TryGetProperty("keyVaultUri", out var kept) && kept.ValueKind != System.Text.Json.JsonValueKind.Null, $"The vault changed: {setting}");
        var audit = await World.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?action=policy.key-vault", "vera");
        Assert.Equal(0, audit.GetProperty("items").GetArrayLength());
    }

    private async Task<TableEntity> KeyRowAsync(string orgId)
    {
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, World.App.StoragePrefix + SavedKeys.TableName);
        return (await table.GetEntityAsync<TableEntity>(orgId, Providers.OpenAi)).Value;
    }
}
