using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>
/// An owner moves the organisation's keys into its own HashiCorp Vault on the organisations page (the loopback stand-in
/// of Vault's API, trusted by the host through SSL_CERT_FILE): a secret id Vault refuses is refused with what to fix,
/// the right one moves the key there, and the secret id is never shown again.
/// </summary>
public sealed class HashiCorpVaultPageTests(HashiCorpVaultPageTests.World world) : BrowserTest<HashiCorpVaultPageTests.World>(world)
{
    private const string Namespace = "admin/acme";

    private HashiCorpVaultStandIn Vault => Shared.Vault;

    /// <summary>Vault's stand-in, whose certificate the host trusts, with an AppRole that may keep the organisations' keys.</summary>
    public sealed class World : BrowserWorld
    {
        private readonly string trusted = Path.Combine(Path.GetTempPath(), $"crewbuilder-vault-standin-{Guid.NewGuid():N}.pem");

        public World()
        {
            File.WriteAllText(trusted, Vault.CertificatePem);
            SecretId = Vault.AddRole(Namespace, "crewbuilder-role", TimeSpan.FromHours(1), TimeSpan.FromHours(4), true, "secret/data/org/*", "secret/metadata/org/*");
        }

        public HashiCorpVaultStandIn Vault { get; } = new();

        public string SecretId { get; }

        protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
        {
            ["CREWBUILDER_DEV_AUTH"] = "true",
            ["OrgVaults__HashiCorpAllowedHosts__0"] = "127.0.0.1",
            ["OrgVaults__AllowPrivateAddresses"] = "true", // the stand-in is on loopback
            ["SSL_CERT_FILE"] = trusted,
        };

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Vault.DisposeAsync();
            File.Delete(trusted);
        }
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task An_owner_moves_the_organisations_keys_into_its_hashicorp_vault_after_a_refused_secret_id(string viewport)
    {
        await using var context = await Browser.NewContextAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Viewport(viewport), BypassCSP = true });
        var page = await context.NewPageAsync();
        var earlierPaths = Vault.Paths(Namespace);
        await DevSignInAsync(page, $"hana-{viewport}@example.com", "/orgs");
        await page.GetByLabel("New organisation").FillAsync("Acme Vault");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await page.GetByLabel("OpenAI organisation key", new() { Exact = true }).FillAsync(ProviderStandIn.ValidOpenAiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save OpenAI organisation key" }).ClickAsync();
        await Assertions.Expect(page.Locator("#org-providers")).ToContainTextAsync("sk-…0000");
        await Assertions.Expect(page.Locator("#vault-state")).ToContainTextAsync("Keys are kept by CrewBuilder");

        await page.GetByLabel("Keep the keys in").SelectOptionAsync("hashicorp");
        await Assertions.Expect(page.GetByLabel("Key Vault address")).ToBeHiddenAsync();
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync(Vault.Address.ToString());
        await page.GetByLabel("Namespace (Vault Enterprise, optional)").FillAsync(Namespace);
        await page.GetByLabel("Role id").FillAsync("crewbuilder-role");
        await page.GetByLabel("Secret id").FillAsync("not-the-secret-id");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save key location" }).ClickAsync();
        await Assertions.Expect(page.Locator("#orgs-error")).ToContainTextAsync("Vault refused CrewBuilder's login");

        await page.GetByLabel("Secret id").FillAsync(Shared.SecretId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save key location" }).ClickAsync();
        await Assertions.Expect(page.Locator("#orgs-note")).ToContainTextAsync("now live in its own HashiCorp Vault");
        await Assertions.Expect(page.Locator("#vault-state")).ToContainTextAsync($"HashiCorp Vault {Vault.Address.Authority} at secret/org/");
        await Assertions.Expect(page.Locator("#vault-state")).ToContainTextAsync("in namespace admin/acme, signed in with AppRole crewbuilder-role");
        await Assertions.Expect(page.GetByLabel("Secret id")).ToHaveValueAsync("");
        var path = Assert.Single(Vault.Paths(Namespace).Except(earlierPaths)); // the other screen's organisation keeps its own
        Assert.Matches("^secret/data/org/o[0-9a-f]+/api_keys/openai$", path);
        Assert.Equal(ProviderStandIn.ValidOpenAiKey, (string?)Vault.Latest(Namespace, path)?["api_key"]);
        Assert.DoesNotContain(Shared.SecretId, await page.ContentAsync(), StringComparison.Ordinal);

        await page.Locator("#vault-form").ScrollIntoViewIfNeededAsync();
        Assert.Empty(await PageChecks.ProblemsAsync(page, $"orgs-hashicorp-vault-{viewport}"));
    }
}
