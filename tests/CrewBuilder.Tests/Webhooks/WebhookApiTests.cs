using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Webhooks;

/// <summary>
/// Webhooks through the self-host's API, end to end to a loopback HTTPS receiver that checks each signature with its
/// own HMAC code: registration (secret once), a test event, rotation with two valid secrets, a finished generation,
/// the delivery log, and who may do what.
/// </summary>
public sealed class WebhookApiTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] Completed = ["generation.completed"];
    private static readonly string[] Finished = ["generation.completed", "generation.failed"];
    private static readonly string[] Usage = ["usage.threshold"];
    private static readonly string[] RotationDue = ["key.rotation_due"];
    private static readonly string[] Unknown = ["everything"];
    private static readonly string[] RefusedTargets = ["http://hooks.example.com/in", "https://10.0.0.7/in", "https://169.254.169.254/", "https://localhost/in"];
    private readonly WebhookReceiver receiver = new();
    private SelfHostFactory app = null!;
    private HttpClient http = null!;
    private SignedInPeople people = null!;

    public async Task InitializeAsync()
    {
        app = new SelfHostFactory
        {
            Settings = { ["CREWBUILDER_DEV_AUTH"] = "true", ["Webhooks:AllowedPrivateHosts:0"] = "127.0.0.1" },
            TestServices = services => receiver.TrustIn(services, Core.Webhooks.WebhookSender.ClientName),
        };
        http = app.CreateClient();
        people = new SignedInPeople(http);
        foreach (var (name, plan) in new[] { ("pat", "professional"), ("bea", "basic"), ("olga", "enterprise"), ("mo", "enterprise") })
        {
            await people.SignInAsync(name, plan);
        }
    }

    [Fact]
    public async Task A_registered_endpoint_gets_a_signed_test_event_and_its_log_shows_the_status()
    {
        using var created = await people.SendAsync(HttpMethod.Post, "/api/webhooks", "pat", new { url = receiver.Url, events = Completed });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(created.Headers.CacheControl?.NoStore);
        var issued = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = issued.GetProperty("secret").GetString()!;
        var id = issued.GetProperty("endpoint").GetProperty("id").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, (await people.JsonAsync(HttpMethod.Get, "/api/webhooks", "pat")).GetRawText(), StringComparison.Ordinal);

        var test = await people.JsonAsync(HttpMethod.Post, $"/api/webhooks/{id}/test", "pat");

        Assert.Equal(("delivered", 200), (test.GetProperty("state").GetString(), test.GetProperty("lastStatus").GetInt32()));
        var received = Assert.Single(await receiver.WaitForAsync(1));
        Assert.True(WebhookReceiver.Verifies(received, secret), received.Signature);
        Assert.False(WebhookReceiver.Verifies(received, secret + "x"));
        var body = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal(("webhook.test", test.GetProperty("eventId").GetString()), (body.GetProperty("type").GetString(), body.GetProperty("id").GetString()));
        Assert.Equal(body.GetProperty("id").GetString(), received.EventId);
        var log = (await people.JsonAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries", "pat")).GetProperty("items");
        Assert.Equal(200, Assert.Single(log.EnumerateArray()).GetProperty("lastStatus").GetInt32());
        Assert.DoesNotContain(secret, await StorageDump.AllTextAsync(app), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs, line => line.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task During_a_rotation_deliveries_carry_signatures_for_the_new_and_the_previous_secret()
    {
        var issued = await people.JsonAsync(HttpMethod.Post, "/api/webhooks", "pat", new { url = receiver.Url, events = Usage });
        var (id, old) = (issued.GetProperty("endpoint").GetProperty("id").GetString()!, issued.GetProperty("secret").GetString()!);

        var rotated = await people.JsonAsync(HttpMethod.Post, $"/api/webhooks/{id}/secret", "pat");
        var fresh = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(old, fresh);
        Assert.True(rotated.GetProperty("endpoint").TryGetProperty("previousSecretValidUntil", out _));
        await people.JsonAsync(HttpMethod.Post, $"/api/webhooks/{id}/test", "pat");

        var received = (await receiver.WaitForAsync(1))[^1];
        Assert.Equal(2, WebhookReceiver.SignatureCount(received));
        Assert.True(WebhookReceiver.Verifies(received, fresh));
        Assert.True(WebhookReceiver.Verifies(received, old));
    }

    [Fact]
    public async Task A_finished_generation_reaches_its_owners_endpoint_with_the_generation_id()
    {
        await people.JsonAsync(HttpMethod.Post, "/api/webhooks", "pat", new { url = receiver.Url, events = Finished });
        var client = new GenerationClient(http, people.Tokens["pat"]);
        using var start = await people.SendAsync(HttpMethod.Post, "/api/generations", "pat", new { requirement = GenerationClient.Requirement });
        var id = (await start.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id;
        var ended = await client.WaitForCompletionAsync(id);

        var received = Assert.Single(await receiver.WaitForAsync(1));
        var body = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal(($"generation.{ended.Status.ToString().ToLowerInvariant()}", id),
            (body.GetProperty("type").GetString(), body.GetProperty("data").GetProperty("generationId").GetString()));
        Assert.StartsWith("evt_", body.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Targets_plans_and_organisation_roles_are_checked_and_a_refusal_changes_nothing()
    {
        foreach (var url in RefusedTargets)
        {
            await AssertStatusAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Post, "/api/webhooks", "pat", new { url, events = Completed });
        }

        await AssertStatusAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Post, "/api/webhooks", "pat", new { url = receiver.Url, events = Unknown });
        await AssertStatusAsync(HttpStatusCode.Forbidden, HttpMethod.Post, "/api/webhooks", "bea", new { url = receiver.Url, events = Completed });
        Assert.Empty((await people.JsonAsync(HttpMethod.Get, "/api/webhooks", "pat")).GetProperty("items").EnumerateArray());
        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Post, "/api/webhooks/whnothere/test", "pat");

        var orgId = (await people.JsonAsync(HttpMethod.Post, "/api/orgs", "olga", new { name = "Hooked" })).GetProperty("id").GetString()!;
        var invitation = (await people.JsonAsync(HttpMethod.Post, $"/api/orgs/{orgId}/invitations", "olga", new { email = "mo@example.com", role = "member" })).GetProperty("token").GetString()!;
        await people.JsonAsync(HttpMethod.Post, "/api/invitations/accept", "mo", new { token = invitation });
        await AssertStatusAsync(HttpStatusCode.Forbidden, HttpMethod.Get, $"/api/orgs/{orgId}/webhooks", "mo");
        var orgHook = await people.JsonAsync(HttpMethod.Post, $"/api/orgs/{orgId}/webhooks", "olga", new { url = receiver.Url, events = RotationDue });
        var hookId = orgHook.GetProperty("endpoint").GetProperty("id").GetString()!;
        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"/api/webhooks/{hookId}", "olga"); // another tenant's endpoint
        await AssertStatusAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/orgs/{orgId}/webhooks/{hookId}", "olga");
        Assert.Empty((await people.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/webhooks", "olga")).GetProperty("items").EnumerateArray());
    }

    private async Task AssertStatusAsync(HttpStatusCode expected, HttpMethod method, string url, string who, object? body = null)
    {
        using var response = await people.SendAsync(method, url, who, body);
        Assert.True(expected == response.StatusCode, $"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if ((int)expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        http.Dispose();
        app.Dispose();
        receiver.Dispose();
    }
}
