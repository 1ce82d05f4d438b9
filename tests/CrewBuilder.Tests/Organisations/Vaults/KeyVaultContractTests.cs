using CrewBuilder.Core.Organisations;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Tests.Organisations.Vaults;

/// <summary>The vault contract, for Azure Key Vault: the real SecretClient against the Key Vault stand-in.</summary>
public sealed class KeyVaultContractTests : OrgSecretVaultContract, IAsyncLifetime, IDisposable
{
    private readonly KeyVaultStandIn standIn = new();
    private CoreServices core = null!;

    public Task InitializeAsync()
    {
        core = new CoreServices(DateTimeOffset.UtcNow, testServices: services => services.AddSingleton<IOrgVaultClients>(new StandInClients(standIn)));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        core.Dispose();
        standIn.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    protected override Task<IOrgSecretVault> GrantedAsync() => Task.FromResult(Open(standIn.VaultUri));

    protected override Task<IOrgSecretVault> RefusingAsync()
    {
        standIn.RefusesAccess = true;
        return GrantedAsync();
    }

    protected override Task<IOrgSecretVault> UnreachableAsync() => Task.FromResult(Open(new Uri($"https://127.0.0.1:{FreePort.Next()}/")));

    protected override string? HeldByVault(string slot) => standIn.Latest("crewbuilder-" + slot.Replace('~', '-'));

    private IOrgSecretVault Open(Uri vaultUri) => core.Get<OrgVaults>().Open("o-contract", new AzureKeyVaultLocation(vaultUri));

    /// <summary>The stand-in's own client, at whatever address it is asked for.</summary>
    private sealed class StandInClients(KeyVaultStandIn standIn) : IOrgVaultClients
    {
        public Azure.Security.KeyVault.Secrets.SecretClient ClientOf(Uri vaultUri) => standIn.CreateClient(vaultUri);
    }
}
