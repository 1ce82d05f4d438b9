using System.Net;
using System.Net.Http.Json;
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
/// An organisation's own model endpoint: an Azure OpenAI resource (a loopback HTTPS stand-in of its REST API, reached through
/// the official OpenAI SDK) or an OpenAI-compatible gateway, registered by an admin, tested on save, used by every step.
/// </summary>
public sealed class DedicatedAiTests : IAsyncLifetime, IDisposable
{
    private const string Standard = "crew-standard";
    private const string Advanced = "crew-advanced";
    private readonly ProviderStandIn models = new();
    private readonly AzureOpenAiStandIn azure;
    private SelfHostFactory app = null!;
    private HttpClient http = null!;
    private SignedInPeople people = null!;

    public DedicatedAiTests()
    {
        azure = new AzureOpenAiStandIn(models, Standard, Advanced);
    }

    public async Task InitializeAsync()
    {
        app = new SelfHostFactory
        {
            Settings =
            {
                ["CREWBUILDER_DEV_AUTH"] = "true",
                ["DedicatedAi:AllowedHosts:0"] = ".openai.azure.com",
                ["DedicatedAi:AllowedHosts:1"] = "127.0.0.1",
                ["DedicatedAi:AllowPrivateAddresses"] = "true", // the stand-in is on loopback
            },
            TestServices = services => services.AddSingleton(provider => new DedicatedAiClients(
                provider.GetRequiredService<IOptions<DedicatedAiOptions>>(), NullLogger<DedicatedAiClients>.Instance, azure.TrustIt())),
        };
        http = app.CreateClient();
        people = new SignedInPeople(http);
        foreach (var name in new[] { "ada", "max", "pat" })
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
        models.Dispose();
    }

    [Fact]
    public async Task An_admin_registers_an_azure_openai_resource_and_every_step_of_a_members_generation_runs_on_its_deployments()
    {
        var orgId = await OrganisationWithMemberAsync("Azure Co");
        var earlier = azure.Calls.Count;
        var registered = await people.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/dedicated-ai", "ada", await AzureAsync());
        Assert.Equal(("azureOpenAi", Standard, Advanced), (registered.GetProperty("kind").GetString(), registered.GetProperty("standardModel").GetString(), registered.GetProperty("advancedModel").GetString()));
        Assert.DoesNotContain(AzureOpenAiStandIn.Key, registered.GetRawText(), StringComparison.Ordinal);
        var registration = azure.Calls.Skip(earlier).ToList();
        Assert.All(registration, call => Assert.Equal(("2024-10-21", AzureOpenAiStandIn.Key, ""), (call.ApiVersion, call.ApiKey, call.Authorization)));
        Assert.Equal([Advanced, Standard], registration.Select(call => call.Deployment).Distinct().Order());
        var tested = azure.Calls.Count;
        var modelCalls = models.CompletionRequests;

        using var start = await people.SendAsync(HttpMethod.Post, "/api/generations", "max", new { requirement = GenerationClient.Requirement, keySource = "organisation" });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id;
        var done = await new GenerationClient(http, people.Tokens["max"]).WaitForCompletionAsync(id);

        Assert.True(done.Status == GenerationStatus.Completed, done.Error);
        Assert.Equal((KeySource.Organisation, Advanced, "Azure Co"), (done.KeySource, done.Model, done.Organisation?.Name));
        var generationCalls = azure.Calls.Skip(tested).ToList();
        Assert.Equal(models.CompletionRequests - modelCalls, generationCalls.Count); // every model call went through the resource, none straight to a provider
        Assert.All(generationCalls, call => Assert.Equal(("2024-10-21", AzureOpenAiStandIn.Key, ""), (call.ApiVersion, call.ApiKey, call.Authorization)));
        Assert.Contains(generationCalls, call => call.Deployment == Standard);
        Assert.Contains(generationCalls, call => call.Deployment == Advanced);
        Assert.DoesNotContain(models.Requests, request => request.Credential == AzureOpenAiStandIn.Key);
        Assert.DoesNotContain(AzureOpenAiStandIn.Key, await StorageDump.AllTextAsync(app), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs, line => line.Contains(AzureOpenAiStandIn.Key, StringComparison.Ordinal));

        var view = await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/dedicated-ai", "ada");
        Assert.Equal("012…cdef", view.GetProperty("maskedKey").GetString());
        await people.JsonAsync(HttpMethod.Post, $"/api/orgs/{orgId}/dedicated-ai/test", "ada");
        using (var memberLooks = await people.SendAsync(HttpMethod.Get, $"/api/orgs/{orgId}/dedicated-ai", "max"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, memberLooks.StatusCode);
        }

        using (var removed = await people.SendAsync(HttpMethod.Delete, $"/api/orgs/{orgId}/dedicated-ai", "ada"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using (var gone = await people.SendAsync(HttpMethod.Get, $"/api/orgs/{orgId}/dedicated-ai", "ada"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        var actions = (await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?pageSize=100", "ada")).GetProperty("items").EnumerateArray()
            .Select(entry => (entry.GetProperty("action").GetString(), entry.GetProperty("target").GetString())).ToList();
        Assert.Contains(("ai.register", "Azure OpenAI 127.0.0.1"), actions);
        Assert.Contains(("ai.test", "Azure OpenAI 127.0.0.1"), actions);
        Assert.Contains(("ai.remove", "Azure OpenAI 127.0.0.1"), actions);
        Assert.Contains(actions, action => action.Item1 == "key.use" && action.Item2!.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_gateway_is_reached_with_its_bearer_key_at_its_base_url()
    {
        var orgId = await OrganisationWithMemberAsync("Gateway Co");
        await people.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/dedicated-ai", "ada", new
        {
            kind = "gateway", baseUrl = azure.GatewayUrl, standardModel = "gpt-4o-mini", encryptedKey = await Jwe.EncryptForAsync(http, AzureOpenAiStandIn.GatewayKey),
        });

        using var start = await people.SendAsync(HttpMethod.Post, "/api/generations", "max", new { requirement = GenerationClient.Requirement, orgId });
        var id = (await start.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id;
        var done = await new GenerationClient(http, people.Tokens["max"]).WaitForCompletionAsync(id);

        Assert.True(done.Status == GenerationStatus.Completed, done.Error);
        Assert.Equal(("gpt-4o-mini", orgId), (done.Model, done.Organisation?.Id));
        Assert.All(azure.Calls.Where(call => call.Deployment == "gateway"), call => Assert.Equal($"Bearer {AzureOpenAiStandIn.GatewayKey}", call.Authorization));
    }

    [Fact]
    public async Task A_failing_or_forbidden_endpoint_is_refused_with_what_to_fix_and_nothing_is_kept()
    {
        var orgId = await OrganisationWithMemberAsync("Careful Co");
        var closed = new Uri($"https://127.0.0.1:{FreePort.Next()}/");
        var cases = new (object Body, string Field, string Advice)[]
        {
            (await AzureAsync(key: "ffffffffffffffffffffffffffffffff"), "encryptedKey", "refused the key"),
            (await AzureAsync(advanced: "gpt-5-nowhere"), "advancedModel", "no deployment named 'gpt-5-nowhere'"),
            (await AzureAsync(apiVersion: "2019-01-01"), "standardModel", "API version"),
            (await AzureAsync(baseUrl: closed), "baseUrl", "could not reach"),
            (await AzureAsync(baseUrl: new Uri(azure.BaseUrl.ToString().Replace("https:", "http:", StringComparison.Ordinal))), "baseUrl", "https"),
            (await AzureAsync(baseUrl: new Uri("https://llm.example.com/")), "baseUrl", "not among the hosts"),
            (await AzureAsync(baseUrl: new Uri(azure.BaseUrl, "openai/")), "baseUrl", "Keys and Endpoint page"),
            (await AzureAsync(apiVersion: "latest"), "apiVersion", "API version"),
        };

        foreach (var (body, field, advice) in cases)
        {
            using var response = await people.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/dedicated-ai", "ada", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{field}: {(int)response.StatusCode} {text}");
            var message = JsonSerializer.Deserialize<JsonElement>(text).GetProperty("errors").GetProperty(field)[0].GetString()!;
            Assert.Contains(advice, message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ffffffff", text, StringComparison.Ordinal);
            Assert.DoesNotContain(AzureOpenAiStandIn.Key, text, StringComparison.Ordinal);
        }

        using var none = await people.SendAsync(HttpMethod.Get, $"/api/orgs/{orgId}/dedicated-ai", "ada");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        var audit = await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?action=ai.register", "ada");
        Assert.Equal(0, audit.GetProperty("items").GetArrayLength());
        using var member = await people.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/dedicated-ai", "max", await AzureAsync());
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        using var outsider = await people.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/dedicated-ai", "pat", await AzureAsync());
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
    }

    [Fact]
    public async Task Without_the_platform_setting_loopback_private_and_link_local_addresses_are_never_called()
    {
        using var guarded = new DedicatedAiClients(Options.Create(new DedicatedAiOptions { AllowedHosts = ["127.0.0.1"] }), NullLogger<DedicatedAiClients>.Instance, azure.TrustIt());
        foreach (var address in new[] { "127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1", "[::1]", "[fe80::1]", "[fd00::1]", "[::ffff:127.0.0.1]" })
        {
            Assert.False(await guarded.ResolvesToAllowedAddressesAsync(new Uri($"https://{address}/"), CancellationToken.None), address);
        }

        Assert.True(await guarded.ResolvesToAllowedAddressesAsync(new Uri("https://20.50.60.70/"), CancellationToken.None));
        var before = azure.Calls.Count;
        var check = await guarded.TestAsync(new ModelEndpoint(ModelEndpointKind.AzureOpenAi, azure.BaseUrl, "2024-10-21", Standard, Advanced), AzureOpenAiStandIn.Key, CancellationToken.None);
        Assert.IsType<EndpointCheck.Unreachable>(check);
        Assert.Equal(before, azure.Calls.Count);
    }

    private async Task<object> AzureAsync(Uri? baseUrl = null, string apiVersion = "2024-10-21", string advanced = Advanced, string key = AzureOpenAiStandIn.Key) => new
    {
        kind = "azureOpenAi", baseUrl = baseUrl ?? azure.BaseUrl, apiVersion, standardModel = Standard, advancedModel = advanced,
        encryptedKey = await Jwe.EncryptForAsync(http, key),
    };

    private Task<string> OrganisationWithMemberAsync(string name) => people.OrganisationWithMemberAsync("ada", name, "max");
}
