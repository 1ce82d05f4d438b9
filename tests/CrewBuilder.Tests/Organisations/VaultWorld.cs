using Azure.Security.KeyVault.Secrets;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Tests.Organisations;

/// <summary>
/// A self-host on which organisations may keep their keys in vaults of their own: an Azure Key Vault stand-in reached
/// through the real SecretClient and a HashiCorp Vault stand-in over its HTTP API (both on loopback), with a stand-in
/// OpenAI and two signed-in people, vera (who makes the organisations) and max. <paramref name="vaultSettings"/> say
/// which vault addresses CrewBuilder may reach.
/// </summary>
internal sealed class VaultWorld : IAsyncDisposable
{
    private VaultWorld(Dictionary<string, string> vaultSettings)
    {
        App = new SelfHostFactory
        {
            Settings = new Dictionary<string, string>(vaultSettings)
            {
                ["CREWBUILDER_DEV_AUTH"] = "true",
                ["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl,
            },
            TestServices = services =>
            {
                services.AddSingleton<IOrgVaultClients>(new StandInClients(KeyVault));
                services.AddHttpClient(OrgVaults.HashiCorpClientName)
                    .ConfigurePrimaryHttpMessageHandler((handler, _) => ((SocketsHttpHandler)handler).SslOptions.RemoteCertificateValidationCallback = HashiCorp.TrustsThisStandIn);
            },
        };
        Http = App.CreateClient();
        People = new SignedInPeople(Http);
    }

    public KeyVaultStandIn KeyVault { get; } = new();

    public HashiCorpVaultStandIn HashiCorp { get; } = new();

    public ProviderStandIn Providers { get; } = new();

    public SelfHostFactory App { get; }

    public HttpClient Http { get; }

    public SignedInPeople People { get; }

    public static async Task<VaultWorld> StartAsync(Dictionary<string, string> vaultSettings)
    {
        var world = new VaultWorld(vaultSettings);
        foreach (var name in new[] { "vera", "max" })
        {
            await world.People.SignInAsync(name);
        }

        return world;
    }

    /// <summary>An organisation of vera's with max as a member and an OpenAI key saved, still in CrewBuilder's own storage.</summary>
    public async Task<string> OrganisationWithKeyAsync(string name)
    {
        var orgId = await People.OrganisationWithMemberAsync("vera", name, "max");
        await People.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/api-keys/openai", "vera", new { encryptedKey = await Jwe.EncryptForAsync(Http, ProviderStandIn.ValidOpenAiKey) });
        return orgId;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await KeyVault.DisposeAsync();
        await HashiCorp.DisposeAsync();
        Providers.Dispose();
    }

    /// <summary>The stand-in's client for the stand-in's address; CrewBuilder's own clients (and their retries) for any other.</summary>
    private sealed class StandInClients(KeyVaultStandIn standIn) : IOrgVaultClients
    {
        private readonly ManagedIdentityOrgVaultClients production = new();

        public SecretClient ClientOf(Uri vaultUri) => vaultUri == standIn.VaultUri ? standIn.CreateClient() : production.ClientOf(vaultUri);
    }
}
