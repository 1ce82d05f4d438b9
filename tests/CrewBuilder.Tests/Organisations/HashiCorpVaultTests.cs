using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Keys;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Organisations;

/// <summary>An organisation that keeps its keys in its own HashiCorp Vault (the loopback stand-in of Vault's HTTP API), through the API.</summary>
public sealed class HashiCorpVaultTests() : VaultWorldTests(new()
{
    ["OrgVaults:HashiCorpAllowedHosts:0"] = "127.0.0.1",
    ["OrgVaults:AllowPrivateAddresses"] = "true",
})
{
    private const string Namespace = "admin/acme";
    private readonly List<string> answers = [];

    [Fact]
    public async Task Keys_move_into_the_organisations_HashiCorp_Vault_never_stay_in_crewbuilders_storage_and_move_back_on_request()
    {
        var orgId = await World.OrganisationWithKeyAsync("Vault Corp");
        var prefix = $"org/{orgId}/api_keys";
        var secretId = World.HashiCorp.AddRole(Namespace, "crewbuilder", TimeSpan.FromHours(1), TimeSpan.FromHours(24), true, $"secret/data/{prefix}/*", $"secret/metadata/{prefix}/*");

        var moved = await SetAsync(orgId, await AppRoleAsync("crewbuilder", secretId), HttpStatusCode.OK);
        Assert.False(moved.TryGetProperty("keyVaultUri", out _), moved.ToString());
        Assert.Equal((World.HashiCorp.Address.ToString(), Namespace, "secret", prefix, "approle", "crewbuilder"), ViewOf(moved.GetProperty("hashiCorpVault")));
        Assert.Equal(moved.ToString(), (await World.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/key-vault", "vera")).ToString());

        Assert.False((await KeyRowAsync(orgId)).ContainsKey("Ciphertext"));
        Assert.Equal(ProviderStandIn.ValidOpenAiKey, (string?)World.HashiCorp.Latest(Namespace, $"secret/data/{prefix}/openai")?["api_key"]);
        Assert.Equal([$"secret/data/{prefix}/openai"], World.HashiCorp.Paths(Namespace)); // the access check's probe is gone again
        Assert.Equal("sk-…0000", (await World.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/api-keys", "vera")).GetProperty("items")[0].GetProperty("masked").GetString());

        using var start = await World.People.SendAsync(HttpMethod.Post, "/api/generations", "max", new { requirement = GenerationClient.Requirement, keySource = "organisation" });
        var id = (await start.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id;
        var done = await new GenerationClient(World.Http, World.People.Tokens["max"]).WaitForCompletionAsync(id);
        Assert.Equal((GenerationStatus.Completed, KeySource.Organisation), (done.Status, done.KeySource));
        var stored = await StorageDump.AllTextAsync(World.App);
        Assert.DoesNotContain("valid-openai-key", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secretId, stored, StringComparison.Ordinal);

        await SetAsync(orgId, new { keyVaultUri = (string?)null }, HttpStatusCode.OK);
        Assert.True((await KeyRowAsync(orgId)).ContainsKey("Ciphertext"));
        Assert.Empty(World.HashiCorp.Paths(Namespace));
        var audit = (await World.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?action=policy.key-vault", "vera")).GetProperty("items");
        Assert.Equal(["CrewBuilder storage", $"HashiCorp Vault {World.HashiCorp.Address.Authority}"], audit.EnumerateArray().Select(entry => entry.GetProperty("target").GetString()).Order());
        AssertNoCredentialLeaked(secretId);
    }

    [Fact]
    public async Task A_vault_that_is_not_allowed_refuses_is_unreachable_or_sealed_is_refused_with_what_to_do_and_changes_nothing()
    {
        var orgId = (await World.People.JsonAsync(HttpMethod.Post, "/api/orgs", "vera", new { name = "Refused Corp" })).GetProperty("id").GetString()!;
        var prefix = $"org/{orgId}/api_keys";
        var secretId = World.HashiCorp.AddRole(Namespace, "good", TimeSpan.FromHours(1), TimeSpan.FromHours(24), true, $"secret/data/{prefix}/*", $"secret/metadata/{prefix}/*");
        var elsewhereSecretId = World.HashiCorp.AddRole(Namespace, "elsewhere", TimeSpan.FromHours(1), TimeSpan.FromHours(24), true, "secret/data/other/*");
        var closed = new Uri($"https://127.0.0.1:{FreePort.Next()}/");

        await RefusedAsync(orgId, "hashiCorpVault.address", "not among the hosts", await AppRoleAsync("good", secretId, new Uri("https://vault.acme.example:8200/")));
        await RefusedAsync(orgId, "hashiCorpVault.address", "https address", await AppRoleAsync("good", secretId, new Uri($"http://127.0.0.1:{World.HashiCorp.Address.Port}/")));
        await RefusedAsync(orgId, "hashiCorpVault.roleId", "role id", await AppRoleAsync("", secretId));
        await RefusedAsync(orgId, "hashiCorpVault.mount", "segments", new { hashiCorpVault = new { address = World.HashiCorp.Address, mount = "../sys", auth = "approle", roleId = "good", encryptedSecret = "x" } });
        await RefusedAsync(orgId, "hashiCorpVault", "Vault refused CrewBuilder's login", await AppRoleAsync("good", "not-the-secret-id"));
        await RefusedAsync(orgId, "hashiCorpVault", $"secret/data/{prefix}/*", await AppRoleAsync("elsewhere", elsewhereSecretId));
        await RefusedAsync(orgId, "hashiCorpVault", "could not reach this Vault", await AppRoleAsync("good", secretId, closed));
        await RefusedAsync(orgId, "hashiCorpVault", "Choose one vault", new { keyVaultUri = "https://acme.vault.azure.net/", hashiCorpVault = new { address = World.HashiCorp.Address, roleId = "good", encryptedSecret = "x" } });
        World.HashiCorp.Seal();
        await RefusedAsync(orgId, "hashiCorpVault", "This Vault is sealed", await AppRoleAsync("good", secretId));

        var setting = await World.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/key-vault", "vera");
        Assert.False(setting.TryGetProperty("hashiCorpVault", out _), $"The vault changed: {setting}");
        Assert.Equal(0, (await World.People.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?action=policy.key-vault", "vera")).GetProperty("items").GetArrayLength());
        AssertNoCredentialLeaked(secretId);
        AssertNoCredentialLeaked(elsewhereSecretId);
    }

    [Fact]
    public async Task A_token_given_for_token_auth_is_used_and_never_shown_again()
    {
        var orgId = (await World.People.JsonAsync(HttpMethod.Post, "/api/orgs", "vera", new { name = "Token Corp" })).GetProperty("id").GetString()!;
        var token = World.HashiCorp.IssueToken("", TimeSpan.FromHours(8), TimeSpan.FromHours(8), renewable: true, "kv/data/crewbuilder/*", "kv/metadata/crewbuilder/*");
        var moved = await SetAsync(orgId, new
        {
            hashiCorpVault = new { address = World.HashiCorp.Address, mount = "kv", pathPrefix = "/crewbuilder/", auth = "token", encryptedSecret = await Jwe.EncryptForAsync(World.Http, token) },
        }, HttpStatusCode.OK);
        Assert.Equal((World.HashiCorp.Address.ToString(), null, "kv", "crewbuilder", "token", null), ViewOf(moved.GetProperty("hashiCorpVault")));

        await World.People.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/api-keys/anthropic", "vera", new { encryptedKey = await Jwe.EncryptForAsync(World.Http, ProviderStandIn.ValidAnthropicKey) });
        Assert.Equal(ProviderStandIn.ValidAnthropicKey, (string?)World.HashiCorp.Latest("", "kv/data/crewbuilder/anthropic")?["api_key"]);
        Assert.DoesNotContain(token, await StorageDump.AllTextAsync(World.App), StringComparison.Ordinal);
        AssertNoCredentialLeaked(token);
    }

    private async Task<object> AppRoleAsync(string roleId, string secretId, Uri? address = null) => new
    {
        hashiCorpVault = new { address = address ?? World.HashiCorp.Address, @namespace = Namespace, auth = "approle", roleId, encryptedSecret = await Jwe.EncryptForAsync(World.Http, secretId) },
    };

    private async Task<JsonElement> SetAsync(string orgId, object body, HttpStatusCode expected)
    {
        using var response = await World.People.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/key-vault", "vera", body);
        var text = await response.Content.ReadAsStringAsync();
        answers.Add(text);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private async Task RefusedAsync(string orgId, string field, string advice, object body)
    {
        var problem = await SetAsync(orgId, body, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"No error for {field}: {problem}");
        Assert.Contains(advice, messages[0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>The secret id, and every token the Vault issued, appear in no log line, answer or stored row.</summary>
    private void AssertNoCredentialLeaked(string credential)
    {
        var logs = string.Join('\n', World.App.Logs);
        foreach (var secret in World.HashiCorp.Issued.Append(credential))
        {
            Assert.False(logs.Contains(secret, StringComparison.Ordinal), "A Vault credential is in the host's log.");
            Assert.False(answers.Any(answer => answer.Contains(secret, StringComparison.Ordinal)), "A Vault credential is in an API answer.");
        }
    }

    private static (string?, string?, string?, string?, string?, string?) ViewOf(JsonElement view) => (
        view.GetProperty("address").GetString(), view.TryGetProperty("namespace", out var ns) ? ns.GetString() : null, view.GetProperty("mount").GetString(),
        view.GetProperty("pathPrefix").GetString(), view.GetProperty("auth").GetString(), view.TryGetProperty("roleId", out var role) ? role.GetString() : null);

    private async Task<TableEntity> KeyRowAsync(string orgId)
    {
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, World.App.StoragePrefix + SavedKeys.TableName);
        return (await table.GetEntityAsync<TableEntity>(orgId, Providers.OpenAi)).Value;
    }
}
