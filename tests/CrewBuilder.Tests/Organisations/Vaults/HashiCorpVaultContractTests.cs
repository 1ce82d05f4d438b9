using System.Net.Http;
using CrewBuilder.Core;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrewBuilder.Tests.Organisations.Vaults;

/// <summary>
/// The vault contract, for HashiCorp Vault: CrewBuilder's HTTP client against the Vault stand-in, with AppRole in a Vault
/// Enterprise namespace; and what only Vault has: sealing, namespaces, token auth, and token leases renewed or replaced
/// on the stand-in's clock.
/// </summary>
public sealed class HashiCorpVaultContractTests : OrgSecretVaultContract, IAsyncLifetime, IDisposable
{
    private const string OrgId = "o-vault-contract";
    private const string Namespace = "admin/acme";
    private const string Prefix = "org/o-vault-contract/api_keys";
    private static readonly string[] KeysPolicy = [$"secret/data/{Prefix}/*", $"secret/metadata/{Prefix}/*"];
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly HashiCorpVaultStandIn standIn;
    private CoreServices core = null!;

    public HashiCorpVaultContractTests() => standIn = new HashiCorpVaultStandIn(clock);

    public Task InitializeAsync()
    {
        core = new CoreServices(clock.GetUtcNow(), new Dictionary<string, string?>
        {
            ["OrgVaults:HashiCorpAllowedHosts:0"] = "127.0.0.1",
            ["OrgVaults:AllowPrivateAddresses"] = "true",
        }, services => services.AddSingleton<TimeProvider>(clock).AddHttpClient(OrgVaults.HashiCorpClientName)
            .ConfigurePrimaryHttpMessageHandler((handler, _) => ((SocketsHttpHandler)handler).SslOptions.RemoteCertificateValidationCallback = standIn.TrustsThisStandIn));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        core.Dispose();
        standIn.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    protected override Task<IOrgSecretVault> GrantedAsync() => AppRoleAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(4), KeysPolicy);

    protected override Task<IOrgSecretVault> RefusingAsync() => AppRoleAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(4), "secret/data/somewhere-else/*");

    protected override Task<IOrgSecretVault> UnreachableAsync() =>
        OpenAsync(new Uri($"https://127.0.0.1:{FreePort.Next()}/"), Namespace, HashiCorpAuth.AppRole, "role-unreachable", "any-secret-id");

    protected override string? HeldByVault(string slot) =>
        (string?)standIn.Latest(Namespace, $"secret/data/{Prefix}/{slot.Replace('~', '-')}")?["api_key"];

    [Fact]
    public async Task A_sealed_vault_is_told_apart_from_a_refusing_or_unreachable_one()
    {
        var vault = await GrantedAsync();
        await vault.SetAsync("openai", "sk-before-sealing", None);
        standIn.Seal();
        Assert.Equal(VaultAccess.Sealed, await vault.CheckAccessAsync(None));
        Assert.Contains("sealed", vault.Advice(VaultAccess.Sealed), StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => vault.GetAsync("openai", None));
    }

    [Fact]
    public async Task Keys_are_kept_in_the_organisations_namespace_and_a_wrong_namespace_is_refused()
    {
        await (await GrantedAsync()).SetAsync("openai", "sk-in-namespace", None);
        Assert.Equal([$"secret/data/{Prefix}/openai"], standIn.Paths(Namespace));
        Assert.Empty(standIn.Paths(""));

        var secretId = standIn.AddRole(Namespace, "role-elsewhere", TimeSpan.FromHours(1), TimeSpan.FromHours(4), true, KeysPolicy);
        var inRoot = await OpenAsync(standIn.Address, null, HashiCorpAuth.AppRole, "role-elsewhere", secretId);
        Assert.Equal(VaultAccess.Refused, await inRoot.CheckAccessAsync(None));
    }

    [Fact]
    public async Task A_token_is_renewed_before_its_lease_ends_and_replaced_by_a_new_login_at_its_maximum_ttl()
    {
        var vault = await AppRoleAsync(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(70), KeysPolicy);
        await vault.SetAsync("openai", "sk-renewed", None);
        Assert.Equal((1, 0), (standIn.Logins, standIn.Renewals));

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("sk-renewed", await vault.GetAsync("openai", None));
        Assert.Equal((1, 0), (standIn.Logins, standIn.Renewals)); // a third of the lease: the token is used as it is

        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal("sk-renewed", await vault.GetAsync("openai", None));
        Assert.Equal((1, 1), (standIn.Logins, standIn.Renewals)); // past two thirds: renewed, no new login

        clock.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal("sk-renewed", await vault.GetAsync("openai", None));
        Assert.Equal((1, 2), (standIn.Logins, standIn.Renewals)); // renewed again, though only up to the maximum TTL (70 minutes after login)

        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal("sk-renewed", await vault.GetAsync("openai", None));
        Assert.Equal(2, standIn.Logins); // renewal no longer extends it: logged in again with the secret id
    }

    [Fact]
    public async Task A_token_vault_refuses_before_its_lease_ends_is_replaced_by_a_new_login()
    {
        var vault = await AppRoleAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(1), KeysPolicy);
        await vault.SetAsync("openai", "sk-relogin", None);
        standIn.RevokeAll();
        Assert.Equal("sk-relogin", await vault.GetAsync("openai", None));
        Assert.Equal(2, standIn.Logins);
    }

    [Fact]
    public async Task Token_auth_uses_the_organisations_token_and_a_token_past_its_ttl_is_refused()
    {
        var token = standIn.IssueToken(Namespace, TimeSpan.FromHours(1), TimeSpan.FromHours(1), renewable: false, KeysPolicy);
        var vault = await OpenAsync(standIn.Address, Namespace, HashiCorpAuth.Token, null, token);
        Assert.Equal(VaultAccess.Granted, await vault.CheckAccessAsync(None));
        await vault.SetAsync("openai", "sk-token-auth", None);
        Assert.Equal("sk-token-auth", HeldByVault("openai"));
        Assert.Equal(0, standIn.Logins);

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(VaultAccess.Refused, await vault.CheckAccessAsync(None));
    }

    private async Task<IOrgSecretVault> AppRoleAsync(TimeSpan ttl, TimeSpan maxTtl, params string[] policy)
    {
        var roleId = "role-" + Guid.NewGuid().ToString("N")[..8];
        var secretId = standIn.AddRole(Namespace, roleId, ttl, maxTtl, renewable: true, policy);
        return await OpenAsync(standIn.Address, Namespace, HashiCorpAuth.AppRole, roleId, secretId);
    }

    private async Task<IOrgSecretVault> OpenAsync(Uri address, string? ns, HashiCorpAuth auth, string? roleId, string secret)
    {
        var vaults = core.Get<OrgVaults>();
        var encrypted = await vaults.EncryptCredentialAsync(OrgId, secret, None);
        return vaults.Open(OrgId, new HashiCorpVaultLocation(address, ns, "secret", Prefix, auth, roleId, encrypted));
    }
}
