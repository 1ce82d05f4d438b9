using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Organisations;

/// <summary>
/// An organisation's vault that stops working after its keys moved there — Key Vault denying access or gone, HashiCorp
/// Vault sealed: saving, testing and removing a key answer 422 naming the vault and the cause and change nothing, and a
/// generation on the organisation's keys fails with that plain message.
/// </summary>
public sealed class OrgVaultOutageTests() : VaultWorldTests(new()
{
    ["OrgVaults:AllowedHostSuffixes:0"] = "127.0.0.1",
    ["OrgVaults:HashiCorpAllowedHosts:0"] = "127.0.0.1",
    ["OrgVaults:AllowPrivateAddresses"] = "true",
})
{
    private const string Namespace = "admin/acme";

    [Fact]
    public async Task A_key_vault_that_denies_access_and_then_is_gone_answers_422_naming_it_and_a_generation_fails_plainly()
    {
        var orgId = await World.OrganisationWithKeyAsync("Denied Co");
        await World.People.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/key-vault", "vera", new { keyVaultUri = World.KeyVault.VaultUri });

        World.KeyVault.RefusesAccess = true;
        await RefusedEverywhereAsync(orgId, World.KeyVault.VaultUri.Host, "denied CrewBuilder access");

        World.KeyVault.RefusesAccess = false;
        await World.KeyVault.GoDownAsync();
        await RefusedEverywhereAsync(orgId, World.KeyVault.VaultUri.Host, "did not answer");
    }

    [Fact]
    public async Task A_hashicorp_vault_that_is_sealed_answers_422_naming_it_and_a_generation_fails_plainly()
    {
        var orgId = await World.OrganisationWithKeyAsync("Sealed Co");
        var prefix = $"org/{orgId}/api_keys";
        var secretId = World.HashiCorp.AddRole(Namespace, "crewbuilder", TimeSpan.FromHours(1), TimeSpan.FromHours(24), true, $"secret/data/{prefix}/*", $"secret/metadata/{prefix}/*");
        await World.People.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/key-vault", "vera", new
        {
            hashiCorpVault = new { address = World.HashiCorp.Address, @namespace = Namespace, auth = "approle", roleId = "crewbuilder", encryptedSecret = await Jwe.EncryptForAsync(World.Http, secretId) },
        });

        World.HashiCorp.Seal();
        await RefusedEverywhereAsync(orgId, $"HashiCorp Vault {World.HashiCorp.Address.Authority}", "is sealed");
    }

    /// <summary>Saving, testing and removing the key are refused with 422 naming the vault and the cause; the key stays as it was; a generation fails with the same words.</summary>
    private async Task RefusedEverywhereAsync(string orgId, string vault, string cause)
    {
        var keysBefore = (await World.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/api-keys", "vera")).ToString();
        var auditBefore = (await World.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?pageSize=100", "vera")).GetProperty("items").GetArrayLength();
        var attempts = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Put, $"/api/orgs/{orgId}/api-keys/openai", new { encryptedKey = await Jwe.EncryptForAsync(World.Http, "sk-" + "replacement-key-0000000000000000") }),
            (HttpMethod.Post, $"/api/orgs/{orgId}/api-keys/openai/test", null),
            (HttpMethod.Delete, $"/api/orgs/{orgId}/api-keys/openai", null),
        };
        foreach (var (method, path, body) in attempts)
        {
            using var response = await World.People.SendAsync(method, path, "vera", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{method} {path}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var detail = JsonSerializer.Deserialize<JsonElement>(text).GetProperty("detail").GetString()!;
            Assert.Contains(vault, detail, StringComparison.Ordinal);
            Assert.Contains(cause, detail, StringComparison.Ordinal);
            Assert.DoesNotContain(ProviderStandIn.ValidOpenAiKey, text, StringComparison.Ordinal);
        }

        Assert.Equal(keysBefore, (await World.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/api-keys", "vera")).ToString());
        Assert.Equal(auditBefore, (await World.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?pageSize=100", "vera")).GetProperty("items").GetArrayLength());

        using var start = await World.People.SendAsync(HttpMethod.Post, "/api/generations", "max", new { requirement = GenerationClient.Requirement, keySource = "organisation" });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id;
        var done = await new GenerationClient(World.Http, World.People.Tokens["max"]).WaitForCompletionAsync(id);
        Assert.Equal(GenerationStatus.Failed, done.Status);
        Assert.Contains(vault, done.Error, StringComparison.Ordinal);
        Assert.Contains(cause, done.Error, StringComparison.Ordinal);
    }
}
