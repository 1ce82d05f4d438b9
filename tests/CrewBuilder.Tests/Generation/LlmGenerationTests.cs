using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Azure.Data.Tables;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Gate;
using CrewBuilder.Core.Keys;
using CrewBuilder.Tests.Api;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Tests.Generation;

/// <summary>A self-host with its own OpenAI key (self-hosted edition) and an OIDC issuer, talking to loopback provider stand-ins.</summary>
public sealed class LlmWorld : IDisposable
{
    public LlmWorld()
    {
        App = new SelfHostFactory
        {
            Issuer = Issuer,
            Settings =
            {
                ["OPENAI_API_KEY"] = ProviderStandIn.ValidOpenAiKey,
                ["OPENAI_BASE_URL"] = Providers.OpenAiBaseUrl,
                ["ANTHROPIC_BASE_URL"] = Providers.AnthropicBaseUrl,
                ["Llm:Timeout"] = "00:00:05",
                ["Logging:LogLevel:Default"] = "Trace",
            },
            TestServices = services => services.AddSingleton<ICrewSandbox>(new ScriptedSandbox()),
        };
        Http = App.CreateClient();
    }

    public OidcIssuer Issuer { get; } = new();

    public ProviderStandIn Providers { get; } = new();

    public SelfHostFactory App { get; }

    public HttpClient Http { get; }

    /// <summary>The default requirement with a fault tag the stand-in model acts on, generated to its end.</summary>
    public async Task<GenerationView> GenerateWithFaultAsync(string tag)
    {
        var client = new GenerationClient(Http);
        return await client.WaitForCompletionAsync((await client.StartAsync($"{GenerationClient.Requirement} {tag}")).Id);
    }

    /// <summary>How many model calls carried every one of <paramref name="markers"/>.</summary>
    public int CallsWith(params string[] markers) =>
        Providers.CompletionBodies.Count(body => markers.All(marker => body.Contains(marker, StringComparison.Ordinal)));

    public void Dispose()
    {
        Http.Dispose();
        App.Dispose();
        Issuer.Dispose();
        Providers.Dispose();
    }
}

public sealed class LlmGenerationTests(LlmWorld world) : IClassFixture<LlmWorld>
{
    [Fact]
    public async Task Without_an_account_the_self_hosted_servers_key_designs_the_crew_with_the_model()
    {
        var client = new GenerationClient(world.Http);
        var accepted = await client.StartAsync();

        var done = await client.WaitForCompletionAsync(accepted.Id);

        Assert.Equal(GenerationStatus.Completed, done.Status);
        Assert.Equal(GenerationMode.Llm, done.Mode);
        Assert.Equal(KeySource.Server, done.KeySource);
        Assert.Equal("openai", done.Provider);
        using var zip = new ZipArchive(await client.DownloadAsync(accepted.Id));
        var agents = await new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith("config/agents.yaml", StringComparison.Ordinal)).Open()).ReadToEndAsync();
        Assert.Contains("ticket_classifier:", agents, StringComparison.Ordinal);
        Assert.Contains("Support Writer", agents, StringComparison.Ordinal);
        Assert.Contains(zip.Entries, e => e.FullName == "ticket_triage_desk_crew/src/ticket_triage_desk_crew/crew.py");
        var readme = await new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith("/README.md", StringComparison.Ordinal)).Open()).ReadToEndAsync();
        Assert.DoesNotContain("template mode", readme, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_signed_in_persons_saved_anthropic_key_is_used_when_asked_for()
    {
        var jwt = await SaveKeyAsync("anthropic-user", "anthropic", ProviderStandIn.ValidAnthropicKey);

        var accepted = await StartAsync(jwt, new { requirement = GenerationClient.Requirement, keySource = "saved", provider = "anthropic" });
        var done = await new GenerationClient(world.Http, jwt).WaitForCompletionAsync(accepted.Id);

        Assert.Equal(GenerationStatus.Completed, done.Status);
        Assert.Equal(KeySource.Saved, done.KeySource);
        Assert.Equal("anthropic", done.Provider);
        using var keys = await Send(HttpMethod.Get, "/api/settings/api-keys", jwt);
        var saved = (await keys.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("items")[0];
        Assert.Equal(System.Text.Json.JsonValueKind.String, saved.GetProperty("lastUsedAt").ValueKind);
    }

    [Theory]
    [InlineData("#dropped-once", "completed")]
    [InlineData("#server-errors", "completed")]
    [InlineData("#no-such-model", "Anthropic has no model 'claude-sonnet-4-5' for this key (HTTP 404): choose another model, or check the key's project.")]
    public async Task Anthropic_calls_meet_the_same_faults_as_openai_ones_with_the_same_outcome(string fault, string outcome)
    {
        var jwt = await SaveKeyAsync("anthropic-faults" + fault, "anthropic", ProviderStandIn.ValidAnthropicKey);

        var accepted = await StartAsync(jwt, new { requirement = $"{GenerationClient.Requirement} {fault}", keySource = "saved", provider = "anthropic" });
        var done = await new GenerationClient(world.Http, jwt).WaitForCompletionAsync(accepted.Id);

        Assert.Equal(outcome, done.Status == GenerationStatus.Completed ? "completed" : done.Error);
    }

    [Fact]
    public async Task A_key_the_provider_rejects_fails_the_generation_at_once_and_marks_the_saved_key_invalid()
    {
        var jwt = await SaveKeyAsync("rejected-user", "openai", "sk-proj-" + "revoked-by-openai-0000000000");
        var before = world.Providers.CompletionRequests;

        var accepted = await StartAsync(jwt, new { requirement = GenerationClient.Requirement, keySource = "saved" });
        var done = await new GenerationClient(world.Http, jwt).WaitForCompletionAsync(accepted.Id);

        Assert.Equal(GenerationStatus.Failed, done.Status);
        Assert.Equal("The OpenAI key was rejected.", done.Error);
        Assert.Equal(StepStatus.Failed, done.Steps[0].Status);
        Assert.Equal(before + 1, world.Providers.CompletionRequests); // no retries for a refused key
        using var keys = await Send(HttpMethod.Get, "/api/settings/api-keys", jwt);
        Assert.Contains("\"status\":\"invalid\"", await keys.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("server", "anthropic", "keySource")]
    [InlineData("saved", "openai", "keySource")]
    [InlineData("platform", null, "keySource")]
    [InlineData(null, "mistral", "provider")]
    public async Task A_key_that_cannot_be_used_as_asked_is_refused_with_422(string? keySource, string? provider, string field)
    {
        using var response = await world.Http.PostAsJsonAsync("/api/generations", new { requirement = GenerationClient.Requirement, keySource, provider });

        var problem = await GenerationApiTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task The_servers_key_appears_in_no_table_queue_or_log_line_not_even_the_durable_history()
    {
        var client = new GenerationClient(world.Http);
        var accepted = await client.StartAsync();
        await client.WaitForCompletionAsync(accepted.Id);

        var stored = await StorageDump.AllTextAsync(world.App);

        Assert.Contains(stored.Split('\n'), line => line.Contains("Ticket Classifier", StringComparison.Ordinal)); // history was searched
        Assert.DoesNotContain("valid-openai-key", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(world.App.Logs, line => line.Contains("valid-openai-key", StringComparison.Ordinal));
    }

    private async Task<string> SaveKeyAsync(string subject, string provider, string key)
    {
        var jwt = world.Issuer.Issue(subject, $"{subject}@example.com");
        using var saved = await Send(HttpMethod.Put, $"/api/settings/api-keys/{provider}", jwt, new { encryptedKey = await Jwe.EncryptForAsync(world.Http, key) });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return jwt;
    }

    private async Task<GenerationAccepted> StartAsync(string jwt, object body)
    {
        using var response = await Send(HttpMethod.Post, "/api/generations", jwt, body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string url, string jwt, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", jwt);
        return world.Http.SendAsync(request);
    }
}
