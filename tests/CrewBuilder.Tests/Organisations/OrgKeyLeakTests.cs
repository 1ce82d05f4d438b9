using System.Net.Http.Json;
using System.Text;
using CrewBuilder.Core.Api;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Organisations;

/// <summary>An organisation's canary keys through set, stage, rotate, use, listing, rotation status and the audit log: found nowhere after.</summary>
public sealed class OrgKeyLeakTests(OrgWorld world) : IClassFixture<OrgWorld>
{
    private const string Canary = "sk-proj-" + "valid-ORGCANARY-5e8d2c7a1f94b036";
    private const string RotatedCanary = "sk-proj-" + "valid-ORGCANARY-rotated-2b7f0c1a";

    [Fact]
    public async Task Organisation_canary_keys_appear_nowhere_in_storage_logs_responses_or_the_audit_log()
    {
        var responses = new StringBuilder();
        async Task Call(HttpMethod method, string url, string who, object? body = null)
        {
            using var response = await world.SendAsync(method, url, who, body);
            responses.AppendLine(await response.Content.ReadAsStringAsync()).AppendLine(response.Headers.ToString());
        }

        await Call(HttpMethod.Put, $"/api/orgs/{world.OrgId}/api-keys/openai", "olive", new { encryptedKey = await world.EncryptAsync(Canary) });
        await Call(HttpMethod.Put, $"/api/orgs/{world.OrgId}/api-keys/openai/pending", "adam", new { encryptedKey = await world.EncryptAsync(RotatedCanary) });
        await Call(HttpMethod.Post, $"/api/orgs/{world.OrgId}/api-keys/openai/rotate", "adam");
        await Call(HttpMethod.Post, $"/api/orgs/{world.OrgId}/api-keys/openai/test", "adam");
        using (var start = await world.SendAsync(HttpMethod.Post, "/api/generations", "mia", new { requirement = GenerationClient.Requirement, keySource = "organisation" }))
        {
            var id = (await start.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id;
            await new GenerationClient(world.Http, world.Tokens["mia"]).WaitForCompletionAsync(id);
            await Call(HttpMethod.Get, $"/api/generations/{id}", "mia");
        }

        foreach (var url in new[] { "api-keys", "rotation", "audit?pageSize=100", "audit/export", "audit/verify" })
        {
            await Call(HttpMethod.Get, $"/api/orgs/{world.OrgId}/{url}", "olive");
        }

        Assert.Contains(world.Providers.Requests, request => request.Credential == RotatedCanary);
        LeakProof.AssertNowhere(RotatedCanary, "ORGCANARY", new Dictionary<string, string>
        {
            ["responses"] = responses.ToString(),
            ["logs"] = string.Join('\n', world.App.Logs),
            ["storage"] = await StorageDump.AllTextAsync(world.App),
        });
    }
}
