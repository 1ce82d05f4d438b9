using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Tests.Organisations;

/// <summary>
/// An organisation's Azure OpenAI resource reached as an Entra ID app: Azure.Identity's client secret and client
/// certificate credentials ask a loopback stand-in of Entra's token endpoint for a token for Azure OpenAI's scope, and
/// the official OpenAI SDK sends it as a bearer token to the Azure OpenAI stand-in, which takes only tokens Entra issued.
/// </summary>
public sealed class DedicatedAiEntraTests : IAsyncLifetime, IDisposable
{
    private const string Tenant = "8d5c2e0a-1f3b-4c6d-9e7f-0a1b2c3d4e5f";
    private const string SecretApp = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    private const string CertificateApp = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
    private const string Secret = "Qx8" + "Q~entra-client-secret-value-0001";
    private const string Standard = "crew-standard";
    private const string Advanced = "crew-advanced";
    private readonly ProviderStandIn models = new();
    private readonly AzureOpenAiStandIn azure;
    private readonly EntraStandIn entra = new();
    private readonly X509Certificate2 appCertificate = AppCertificate("crewbuilder-org-app");
    private SelfHostFactory app = null!;
    private HttpClient http = null!;
    private SignedInPeople people = null!;

    public DedicatedAiEntraTests()
    {
        azure = new AzureOpenAiStandIn(models, Standard, Advanced) { AcceptsBearer = token => entra.Issued(token, EntraCredentials.Scope) };
        entra.RegisterSecret(Tenant, SecretApp, Secret);
        entra.RegisterCertificate(Tenant, CertificateApp, appCertificate);
    }

    public async Task InitializeAsync()
    {
        var trustAzure = azure.TrustIt();
        app = new SelfHostFactory
        {
            Settings =
            {
                ["CREWBUILDER_DEV_AUTH"] = "true",
                ["DedicatedAi:AllowedHosts:0"] = "127.0.0.1",
                ["DedicatedAi:AllowPrivateAddresses"] = "true", // the stand-ins are on loopback
                ["DedicatedAi:EntraAuthorityHost"] = entra.AuthorityHost.ToString(),
            },
            TestServices = services => services.AddSingleton(provider => new DedicatedAiClients(
                provider.GetRequiredService<IOptions<DedicatedAiOptions>>(), NullLogger<DedicatedAiClients>.Instance,
                (sender, presented, chain, errors) => trustAzure(sender, presented, chain, errors) || entra.Trusts(presented))),
        };
        http = app.CreateClient();
        people = new SignedInPeople(http);
        foreach (var name in new[] { "ada", "max" })
        {
            await people.SignInAsync(name);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        http.Dispose();
        app.Dispose();
        azure.DisposeAsync().AsTask().GetAwaiter().GetResult();
        entra.DisposeAsync().AsTask().GetAwaiter().GetResult();
        appCertificate.Dispose();
        models.Dispose();
    }

    [Fact]
    public async Task An_app_with_a_client_secret_gets_one_token_and_every_step_of_a_generation_sends_it_as_a_bearer()
    {
        var orgId = await OrganisationWithMemberAsync("Entra Co");
        var registered = await people.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/dedicated-ai", "ada", await EntraAsync("entraSecret", SecretApp, Secret));
        Assert.Equal(("entraSecret", Tenant, SecretApp), (registered.GetProperty("authentication").GetString(), registered.GetProperty("tenantId").GetString(), registered.GetProperty("clientId").GetString()));
        Assert.DoesNotContain(Secret, registered.GetRawText(), StringComparison.Ordinal);
        await people.JsonAsync(HttpMethod.Post, $"/api/orgs/{orgId}/dedicated-ai/test", "ada");

        using var start = await people.SendAsync(HttpMethod.Post, "/api/generations", "max", new { requirement = GenerationClient.Requirement, orgId });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id;
        var done = await new GenerationClient(http, people.Tokens["max"]).WaitForCompletionAsync(id);

        Assert.True(done.Status == GenerationStatus.Completed, done.Error);
        Assert.Equal(Advanced, done.Model);
        var calls = azure.Calls.ToList();
        Assert.True(calls.Count > 4, $"{calls.Count} calls");
        Assert.All(calls, call => Assert.Equal("", call.ApiKey));
        Assert.All(calls, call => Assert.True(entra.Issued(call.Authorization["Bearer ".Length..], EntraCredentials.Scope), call.Authorization));
        Assert.Single(calls.Select(call => call.Authorization).Distinct()); // one token, cached, for registration, test and every step
        Assert.Equal([(Tenant, SecretApp, "secret")], entra.TokenRequests);
        Assert.DoesNotContain(Secret, await StorageDump.AllTextAsync(app), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs, line => line.Contains(Secret, StringComparison.Ordinal));
        var actions = (await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?pageSize=100", "ada")).GetProperty("items").EnumerateArray()
            .Select(entry => (entry.GetProperty("action").GetString(), entry.GetProperty("target").GetString())).ToList();
        Assert.Contains(("ai.register", $"Azure OpenAI 127.0.0.1 as Entra ID app {SecretApp}"), actions);
        Assert.Contains(("ai.test", $"Azure OpenAI 127.0.0.1 as Entra ID app {SecretApp}"), actions);
    }

    [Fact]
    public async Task An_app_with_a_certificate_signs_its_client_assertion_and_a_certificate_entra_does_not_know_is_refused()
    {
        var orgId = await OrganisationWithMemberAsync("Certificate Co");
        var pem = PemOf(appCertificate);
        var registered = await people.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/dedicated-ai", "ada", await EntraAsync("entraCertificate", CertificateApp, pem));
        Assert.Equal(("entraCertificate", $"certificate {appCertificate.Thumbprint}"), (registered.GetProperty("authentication").GetString(), registered.GetProperty("maskedKey").GetString()));
        Assert.Contains((Tenant, CertificateApp, "assertion"), entra.TokenRequests);
        Assert.All(azure.Calls, call => Assert.True(entra.Issued(call.Authorization["Bearer ".Length..], EntraCredentials.Scope), call.Authorization));
        Assert.DoesNotContain("PRIVATE KEY", await StorageDump.AllTextAsync(app), StringComparison.Ordinal);

        using var stranger = AppCertificate("not-uploaded");
        var pfx = Convert.ToBase64String(stranger.Export(X509ContentType.Pfx));
        var text = await RefusedAsync(orgId, await EntraAsync("entraCertificate", CertificateApp, pfx), "encryptedKey", "did not accept this certificate");
        Assert.DoesNotContain(pfx[..40], text, StringComparison.Ordinal);
        var kept = await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/dedicated-ai", "ada");
        Assert.Equal($"certificate {appCertificate.Thumbprint}", kept.GetProperty("maskedKey").GetString()); // the refused one changed nothing
    }

    [Fact]
    public async Task A_wrong_secret_an_unknown_tenant_or_app_and_a_certificate_without_its_key_are_refused_with_what_to_fix()
    {
        var orgId = await OrganisationWithMemberAsync("Careful Entra Co");
        var publicOnly = appCertificate.ExportCertificatePem();
        var cases = new (object Body, string Field, string Advice)[]
        {
            (await EntraAsync("entraSecret", SecretApp, "wrong-" + Secret), "encryptedKey", "copy the secret's Value"),
            (await EntraAsync("entraSecret", SecretApp, Secret, tenant: "0b0b0b0b-0000-4000-8000-000000000000"), "tenantId", "knows no tenant"),
            (await EntraAsync("entraSecret", "11111111-2222-4333-8444-555555555555", Secret), "clientId", "Application (client) ID"),
            (await EntraAsync("entraCertificate", CertificateApp, publicOnly), "encryptedKey", "private key"),
            (await EntraAsync("entraSecret", "not-a-guid", Secret), "clientId", "a GUID"),
            (await EntraAsync("entraSecret", SecretApp, Secret, tenant: "../common"), "tenantId", "Directory (tenant) ID"),
        };
        foreach (var (body, field, advice) in cases)
        {
            var text = await RefusedAsync(orgId, body, field, advice);
            Assert.DoesNotContain("entra-client-secret", text, StringComparison.Ordinal);
        }

        using var none = await people.SendAsync(HttpMethod.Get, $"/api/orgs/{orgId}/dedicated-ai", "ada");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.DoesNotContain(app.Logs, line => line.Contains("entra-client-secret", StringComparison.Ordinal));
        using var gateway = await people.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/dedicated-ai", "ada", new
        {
            kind = "gateway", baseUrl = azure.GatewayUrl, standardModel = "m", authentication = "entraSecret", tenantId = Tenant, clientId = SecretApp,
            encryptedKey = await Jwe.EncryptForAsync(http, Secret),
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, gateway.StatusCode);
    }

    [Fact]
    public async Task A_token_that_expires_within_minutes_is_not_reused()
    {
        entra.ExpiresIn = 120;
        var orgId = await OrganisationWithMemberAsync("Short Lease Co");
        await people.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/dedicated-ai", "ada", await EntraAsync("entraSecret", SecretApp, Secret));
        await people.JsonAsync(HttpMethod.Post, $"/api/orgs/{orgId}/dedicated-ai/test", "ada");

        Assert.Equal(azure.Calls.Count, entra.TokenRequests.Count); // each call asked again: a two-minute token is too close to its expiry to use
        Assert.Equal(azure.Calls.Count, azure.Calls.Select(call => call.Authorization).Distinct().Count());
    }

    private async Task<string> RefusedAsync(string orgId, object body, string field, string advice)
    {
        using var response = await people.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/dedicated-ai", "ada", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{field}: {(int)response.StatusCode} {text}");
        var message = JsonSerializer.Deserialize<JsonElement>(text).GetProperty("errors").GetProperty(field)[0].GetString()!;
        Assert.Contains(advice, message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        return text;
    }

    private async Task<object> EntraAsync(string authentication, string clientId, string material, string tenant = Tenant) => new
    {
        kind = "azureOpenAi", baseUrl = azure.BaseUrl, apiVersion = "2024-10-21", standardModel = Standard, advancedModel = Advanced,
        authentication, tenantId = tenant, clientId, encryptedKey = await Jwe.EncryptForAsync(http, material),
    };

    private Task<string> OrganisationWithMemberAsync(string name) => people.OrganisationWithMemberAsync("ada", name, "max");

    private static X509Certificate2 AppCertificate(string name)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }

    private static string PemOf(X509Certificate2 certificate) =>
        certificate.ExportCertificatePem() + "\n" + certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem();
}
