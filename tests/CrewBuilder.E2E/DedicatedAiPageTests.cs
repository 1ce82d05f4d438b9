using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>
/// An owner registers the organisation's own Azure OpenAI resource on the organisations page, on a phone: a failing
/// endpoint is refused with what to fix, a working one (a loopback stand-in the host trusts through SSL_CERT_FILE) is kept;
/// on a desktop, one signed in to as an Entra ID app with a client secret (a stand-in of Entra's token endpoint).
/// </summary>
public sealed class DedicatedAiPageTests(DedicatedAiPageTests.World world) : BrowserTest<DedicatedAiPageTests.World>(world)
{
    private const string Tenant = "8d5c2e0a-1f3b-4c6d-9e7f-0a1b2c3d4e5f";
    private const string ClientId = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    private const string Secret = "Qx8" + "Q~page-client-secret-value-0001";

    private AzureOpenAiStandIn Azure => Shared.Azure;

    private EntraStandIn Entra => Shared.Entra;

    /// <summary>Azure OpenAI's and Entra ID's stand-ins on loopback HTTPS, whose certificates the host trusts.</summary>
    public sealed class World : BrowserWorld
    {
        private ProviderStandIn Models { get; } = new();
        private readonly string trusted = Path.Combine(Path.GetTempPath(), $"crewbuilder-azure-standin-{Guid.NewGuid():N}.pem");

        public World()
        {
            Azure = new AzureOpenAiStandIn(Models, "crew-standard") { AcceptsBearer = token => Entra.Issued(token, "https://cognitiveservices.azure.com/.default") };
            Entra.RegisterSecret(Tenant, ClientId, Secret);
            File.WriteAllText(trusted, Azure.CertificatePem + "\n" + Entra.CertificatePem + "\n");
        }

        public AzureOpenAiStandIn Azure { get; }

        public EntraStandIn Entra { get; } = new();

        protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
        {
            ["CREWBUILDER_DEV_AUTH"] = "true",
            ["DedicatedAi__AllowedHosts__0"] = "127.0.0.1",
            ["DedicatedAi__AllowPrivateAddresses"] = "true", // the stand-ins are on loopback
            ["DedicatedAi__EntraAuthorityHost"] = Entra.AuthorityHost.ToString(),
            ["SSL_CERT_FILE"] = trusted,
        };

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Azure.DisposeAsync();
            await Entra.DisposeAsync();
            Models.Dispose();
            File.Delete(trusted);
        }
    }

    [Fact]
    public async Task An_owner_on_a_phone_registers_the_organisations_azure_openai_resource_after_a_failing_one_is_refused()
    {
        await using var context = await Browser.NewContextAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Phone, BypassCSP = true });
        var page = await context.NewPageAsync();
        await DevSignInAsync(page, "owen@example.com", "/orgs");
        await page.GetByLabel("New organisation").FillAsync("Contoso AI");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your own AI endpoint" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#ai-state")).ToContainTextAsync("None registered");

        await page.GetByLabel("Kind").SelectOptionAsync("azureOpenAi");
        await page.GetByLabel("Endpoint", new() { Exact = true }).FillAsync($"https://127.0.0.1:{FreePort.Next()}/");
        await page.GetByLabel("Standard deployment").FillAsync("crew-standard");
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync(AzureOpenAiStandIn.Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test and save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#orgs-error")).ToContainTextAsync("could not reach 127.0.0.1");
        Assert.DoesNotContain(AzureOpenAiStandIn.Key, await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByLabel("Endpoint", new() { Exact = true }).FillAsync(Azure.BaseUrl.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Test and save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#orgs-note")).ToContainTextAsync("generations on the organisation's keys now run on it");
        await Assertions.Expect(page.Locator("#ai-state")).ToContainTextAsync($"Azure OpenAI resource {Azure.BaseUrl.Authority} (crew-standard), key 012…cdef");
        await Assertions.Expect(page.Locator("#ai-remove")).ToBeVisibleAsync();
        Assert.Contains(Azure.Calls, call => call is { Deployment: "crew-standard", ApiVersion: "2024-10-21", ApiKey: AzureOpenAiStandIn.Key });

        await page.Locator("#org-dedicated-ai").ScrollIntoViewIfNeededAsync();
        Assert.Empty(await PageChecks.ProblemsAsync(page, "orgs-dedicated-ai-phone"));
    }

    [Fact]
    public async Task An_owner_on_a_desktop_registers_the_resource_as_an_entra_id_app_after_a_wrong_secret_is_refused()
    {
        await using var context = await Browser.NewContextAsync(new() { BaseURL = Host.BaseAddress.ToString(), ViewportSize = PageChecks.Desktop, BypassCSP = true });
        var page = await context.NewPageAsync();
        await DevSignInAsync(page, "erin@example.com", "/orgs");
        await page.GetByLabel("New organisation").FillAsync("Fabrikam AI");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your own AI endpoint" })).ToBeVisibleAsync();

        await page.GetByLabel("Endpoint", new() { Exact = true }).FillAsync(Azure.BaseUrl.ToString());
        await page.GetByLabel("Standard deployment").FillAsync("crew-standard");
        await page.GetByLabel("Authenticate with").SelectOptionAsync("entraSecret");
        await Assertions.Expect(page.GetByLabel("Certificate and private key (PEM)")).ToBeHiddenAsync();
        await page.GetByLabel("Directory (tenant) ID").FillAsync(Tenant);
        await page.GetByLabel("Application (client) ID").FillAsync(ClientId);
        await page.GetByLabel("Client secret").FillAsync("wrong-" + Secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test and save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#orgs-error")).ToContainTextAsync("refused the client secret");
        Assert.DoesNotContain("page-client-secret", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByLabel("Client secret").FillAsync(Secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test and save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#orgs-note")).ToContainTextAsync("generations on the organisation's keys now run on it");
        await Assertions.Expect(page.Locator("#ai-state")).ToContainTextAsync($"Entra ID app {ClientId} with client secret");
        Assert.Contains(Azure.Calls, call => call.ApiKey == "" && Entra.Issued(call.Authorization["Bearer ".Length..], "https://cognitiveservices.azure.com/.default"));

        await page.GetByLabel("Authenticate with").SelectOptionAsync("entraCertificate");
        await Assertions.Expect(page.GetByLabel("Certificate and private key (PEM)")).ToBeVisibleAsync();
        await page.Locator("#org-dedicated-ai").ScrollIntoViewIfNeededAsync();
        Assert.Empty(await PageChecks.ProblemsAsync(page, "orgs-dedicated-ai-entra-desktop"));
    }
}
