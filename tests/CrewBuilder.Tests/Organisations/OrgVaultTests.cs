using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Security.KeyVault.Secrets;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Tests.Organisations;

/// <summary>An organisation that brings its own Key Vault (a loopback stand-in reached through the real SecretClient).</summary>
public sealed class OrgVaultTests : IAsyncLifetime, IDisposable
{
    private readonly KeyVaultStandIn vault = new();
    private readonly ProviderStandIn providers = new();
    private SelfHostFactory app = null!;
    private HttpClient http = null!;
    private SignedInPeople people = null!;

    public async Task InitializeAsync()
    {
        app = new SelfHostFactory
        {
            Settings =
            {
                ["CREWBUILDER_DEV_AUTH"] = "true",
                ["OPENAI_BASE_URL"] = providers.OpenAiBaseUrl,
                ["OrgVaults:AllowedHostSuffixes:0"] = ".vault.azure.net",
                ["OrgVaults:AllowedHostSuffixes:1"] = "127.0.0.1",
            },
            TestServices = services => services.AddSingleton<IOrgVaultClients>(new StandInClients(vault)),
        };
        http = app.CreateClient();
        people = new SignedInPeople(http);
        foreach (var name in new[] { "vera", "max" })
        {
            await people.SignInAsync(name);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        http.Dispose();
        app.Dispose();
        vault.DisposeAsync().AsTask().GetAwaiter().GetResult();
        providers.Dispose();
    }

    [Fact]
    public async Task Keys_move_into_the_organisations_own_vault_never_stay_in_crewbuilders_storage_and_move_back_on_request()
    {
        var orgId = (await people.JsonAsync(HttpMethod.Post, "/api/orgs", "vera", new { name = "Vault Co" })).GetProperty("id").GetString()!;
        var invitation = (await people.JsonAsync(HttpMethod.Post, $"/api/orgs/{orgId}/invitations", "vera", new { email = "max@example.com", role = "member" })).GetProperty("token").GetString()!;
        await people.JsonAsync(HttpMethod.Post, "/api/invitations/accept", "max", new { token = invitation });
        await people.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/api-keys/openai", "vera", new { encryptedKey = await Jwe.EncryptForAsync(http, ProviderStandIn.ValidOpenAiKey) });

        foreach (var refused in new[] { "https://evil.example/", "http://acme.vault.azure.net/", "https://acme.vault.azure.net/secrets/x", "https://127.0.0.1:9/" })
        {
            using var response = await people.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/key-vault", "vera", new { keyVaultUri = refused });
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{refused}: {(int)response.StatusCode}");
        }

        await people.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/key-vault", "vera", new { keyVaultUri = vault.VaultUri });

        var row = await KeyRowAsync(orgId);
        Assert.False(row.ContainsKey("Ciphertext"));
        Assert.Equal(ProviderStandIn.ValidOpenAiKey, vault.Latest("crewbuilder-openai"));
        Assert.Equal("sk-…0000", (await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/api-keys", "vera")).GetProperty("items")[0].GetProperty("masked").GetString());

        using var start = await people.SendAsync(HttpMethod.Post, "/api/generations", "max", new { requirement = GenerationClient.Requirement, keySource = "organisation" });
        var id = (await start.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id;
        var done = await new GenerationClient(http, people.Tokens["max"]).WaitForCompletionAsync(id);
        Assert.Equal((GenerationStatus.Completed, KeySource.Organisation), (done.Status, done.KeySource));
        Assert.DoesNotContain("valid-openai-key", await StorageDump.AllTextAsync(app), StringComparison.Ordinal);

        await people.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/key-vault", "vera", new { keyVaultUri = (string?)null });
        Assert.True((await KeyRowAsync(orgId)).ContainsKey("Ciphertext"));
        Assert.Contains("crewbuilder-openai", vault.Deleted);
        var audit = await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?action=policy.key-vault", "vera");
        Assert.Equal(2, audit.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_malformed_or_unreachable_vault_address_is_refused_with_what_to_do_and_changes_nothing()
    {
        var orgId = (await people.JsonAsync(HttpMethod.Post, "/api/orgs", "vera", new { name = "Unreachable Co" })).GetProperty("id").GetString()!;
        var closedPort = $"https://127.0.0.1:{FreePort.Next()}/";
        var expected = new Dictionary<string, string>
        {
            ["a"] = "root address of an Azure Key Vault",
            [""] = "root address of an Azure Key Vault",
            [closedPort] = "CrewBuilder could not reach this Key Vault",
        };

        foreach (var (address, advice) in expected)
        {
            using var response = await people.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/key-vault", "vera", new { keyVaultUri = address });
            var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"'{address}': {(int)response.StatusCode} {problem}");
            Assert.Contains(advice, problem.GetProperty("errors").GetProperty("keyVaultUri")[0].GetString(), StringComparison.Ordinal);
        }

        var setting = await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/key-vault", "vera");
        Assert.False(setting.TryGetProperty("keyVaultUri", out var kept) && kept.ValueKind != System.Text.Json.JsonValueKind.Null, $"The vault changed: {setting}");
        var audit = await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?action=policy.key-vault", "vera");
        Assert.Equal(0, audit.GetProperty("items").GetArrayLength());
    }

    private async Task<TableEntity> KeyRowAsync(string orgId)
    {
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, app.StoragePrefix + SavedKeys.TableName);
        return (await table.GetEntityAsync<TableEntity>(orgId, Providers.OpenAi)).Value;
    }

    /// <summary>The stand-in's client for the stand-in's address; CrewBuilder's own clients (and their retries) for any other.</summary>
    internal sealed class StandInClients(KeyVaultStandIn standIn) : IOrgVaultClients
    {
        private readonly ManagedIdentityOrgVaultClients production = new();

        public SecretClient ClientOf(Uri vaultUri) => vaultUri == standIn.VaultUri ? standIn.CreateClient() : production.ClientOf(vaultUri);
    }
}
