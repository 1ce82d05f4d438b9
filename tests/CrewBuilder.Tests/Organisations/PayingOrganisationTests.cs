using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Keys;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Organisations;

/// <summary>A member of several organisations with keys names the one that pays (orgId); the generation says which did.</summary>
public sealed class PayingOrganisationTests(OrgWorld world) : IClassFixture<OrgWorld>
{
    [Fact]
    public async Task A_member_of_two_organisations_with_keys_must_name_the_one_that_pays_and_the_generation_names_it()
    {
        var betaId = (await world.JsonAsync(HttpMethod.Post, "/api/orgs", "olive", new { name = "Beta Labs" })).GetProperty("id").GetString()!;
        await world.JoinAsync("mia", await world.InviteAsync("olive", "member", betaId));
        foreach (var orgId in new[] { world.OrgId, betaId })
        {
            await world.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/api-keys/openai", "olive", new { encryptedKey = await world.EncryptAsync(ProviderStandIn.ValidOpenAiKey) });
        }

        var before = await world.SnapshotAsync();
        var ambiguous = await ProblemAsync(HttpStatusCode.UnprocessableEntity, "mia", new { requirement = GenerationClient.Requirement, keySource = "organisation" });
        var why = ambiguous.GetProperty("errors").GetProperty("orgId")[0].GetString()!;
        Assert.Contains("Acme Support", why, StringComparison.Ordinal);
        Assert.Contains("Beta Labs", why, StringComparison.Ordinal);
        Assert.Equal(before, await world.SnapshotAsync());
        Assert.Equal(0, (await world.JsonAsync(HttpMethod.Get, "/api/generations", "mia")).GetProperty("items").GetArrayLength());

        using var start = await world.SendAsync(HttpMethod.Post, "/api/generations", "mia", new { requirement = GenerationClient.Requirement, orgId = betaId });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var id = (await start.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id;
        var done = await new GenerationClient(world.Http, world.Tokens["mia"]).WaitForCompletionAsync(id);

        Assert.Equal((GenerationStatus.Completed, KeySource.Organisation), (done.Status, done.KeySource));
        Assert.Equal(new PayingOrganisation(betaId, "Beta Labs"), done.Organisation);
        var betaGenerations = (await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{betaId}/generations", "olive")).GetProperty("items").EnumerateArray();
        Assert.Contains(betaGenerations, generation => generation.GetProperty("id").GetString() == id);
        var acmeGenerations = (await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{world.OrgId}/generations", "olive")).GetProperty("items").EnumerateArray();
        Assert.DoesNotContain(acmeGenerations, generation => generation.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task An_organisation_the_caller_does_not_belong_to_or_whose_keys_their_role_cannot_use_is_refused_and_nothing_starts()
    {
        var before = await world.SnapshotAsync();

        await ProblemAsync(HttpStatusCode.NotFound, "tom", new { requirement = GenerationClient.Requirement, keySource = "organisation", orgId = world.OtherOrgId });
        await ProblemAsync(HttpStatusCode.NotFound, "tom", new { requirement = GenerationClient.Requirement, orgId = "o000000000000000000000000" });
        await ProblemAsync(HttpStatusCode.Forbidden, "audrey", new { requirement = GenerationClient.Requirement, orgId = world.OrgId });
        var mixed = await ProblemAsync(HttpStatusCode.UnprocessableEntity, "tom", new { requirement = GenerationClient.Requirement, keySource = "saved", orgId = world.OrgId });
        Assert.True(mixed.GetProperty("errors").TryGetProperty("orgId", out _), mixed.ToString());

        Assert.Equal(before, await world.SnapshotAsync());
        foreach (var who in new[] { "tom", "audrey" })
        {
            Assert.Equal(0, (await world.JsonAsync(HttpMethod.Get, "/api/generations", who)).GetProperty("items").GetArrayLength());
        }
    }

    private async Task<JsonElement> ProblemAsync(HttpStatusCode expected, string who, object body)
    {
        using var response = await world.SendAsync(HttpMethod.Post, "/api/generations", who, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{JsonSerializer.Serialize(body)}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}
