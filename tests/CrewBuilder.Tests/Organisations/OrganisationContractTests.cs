using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Organisations;

public sealed class OrganisationContractTests(OrgWorld world) : IClassFixture<OrgWorld>
{
    [Fact]
    public async Task Generations_with_an_organisations_keys_count_against_its_contract_and_its_admins_see_them_all()
    {
        var orgId = (await world.JsonAsync(HttpMethod.Post, "/api/orgs", "olive", new { name = "Contract Co" })).GetProperty("id").GetString()!;
        await world.JoinAsync("tom", await world.InviteAsync("olive", "member", orgId));
        await world.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/api-keys/openai", "olive", new { encryptedKey = await world.EncryptAsync(ProviderStandIn.ValidOpenAiKey) });
        using (var refused = await world.SendAsync(HttpMethod.Put, $"/api/platform/orgs/{orgId}/contract", "olive", new { generationsPerMonth = 1000 }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode); // an owner does not set their own contract
        }

        using (var contract = await world.SendAsync(HttpMethod.Put, $"/api/platform/orgs/{orgId}/contract", "staff", new { generationsPerMonth = 2 }))
        {
            Assert.Equal(HttpStatusCode.NoContent, contract.StatusCode);
        }

        var client = new GenerationClient(world.Http, world.Tokens["tom"]);
        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var started = await world.SendAsync(HttpMethod.Post, "/api/generations", "tom", new { requirement = GenerationClient.Requirement, keySource = "organisation" });
            ids.Add((await started.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id);
            await client.WaitForCompletionAsync(ids[^1]);
        }

        using var third = await world.SendAsync(HttpMethod.Post, "/api/generations", "tom", new { requirement = GenerationClient.Requirement, keySource = "organisation" });
        var problem = await third.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("organisation's contract allows 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var usage = await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/usage", "olive");
        Assert.Equal((2, 2, 0), (usage.GetProperty("used").GetInt32(), usage.GetProperty("limit").GetInt32(), usage.GetProperty("remaining").GetInt32()));
        var contractChange = (await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/audit?action=billing.contract", "olive")).GetProperty("items")[0];
        Assert.Equal((world.UserIds["staff"], "2 generations a month"), (contractChange.GetProperty("actor").GetString(), contractChange.GetProperty("target").GetString()));
        var listed = await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/generations", "olive");
        Assert.Equal(ids.AsEnumerable().Reverse(), listed.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()));
        var tomsUsage = await world.JsonAsync(HttpMethod.Get, "/api/usage/history", "tom");
        Assert.All(tomsUsage.GetProperty("items").EnumerateArray().Where(row => ids.Contains(row.GetProperty("generationId").GetString()!)),
            row => Assert.Equal("organisation", row.GetProperty("chargedTo").GetString()));
    }
}
