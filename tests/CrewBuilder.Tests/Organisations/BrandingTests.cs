using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Organisations;

public sealed class BrandingTests(OrgWorld world) : IClassFixture<OrgWorld>
{
    private const string Logo = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    [Fact]
    public async Task An_organisations_branding_reaches_its_members_and_the_readme_of_projects_made_with_its_keys()
    {
        var orgId = (await world.JsonAsync(HttpMethod.Post, "/api/orgs", "olive", new { name = "Branded Co" })).GetProperty("id").GetString()!;
        await world.JoinAsync("tom", await world.InviteAsync("olive", "member", orgId));
        await world.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/api-keys/openai", "olive", new { encryptedKey = await world.EncryptAsync(ProviderStandIn.ValidOpenAiKey) });

        foreach (var invalid in new object[]
        {
            new { displayName = "Acme", primaryColor = "teal" },
            new { displayName = "Acme", supportContact = "http://insecure.example" },
            new { displayName = "Acme", logoDataUrl = "data:image/svg+xml;base64,PHN2Zz4=" },
            new { displayName = "" },
        })
        {
            using var refused = await world.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/branding", "olive", invalid);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        }

        await world.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/branding", "olive",
            new { displayName = "Acme Support Desk", primaryColor = "#0f766e", supportContact = "help@acme.example", logoDataUrl = Logo });

        var seen = (await world.JsonAsync(HttpMethod.Get, "/api/orgs", "tom")).GetProperty("items").EnumerateArray().Single(org => org.GetProperty("id").GetString() == orgId);
        Assert.Equal(("Acme Support Desk", "#0f766e"), (seen.GetProperty("branding").GetProperty("displayName").GetString(), seen.GetProperty("branding").GetProperty("primaryColor").GetString()));

        using var start = await world.SendAsync(HttpMethod.Post, "/api/generations", "tom", new { requirement = GenerationClient.Requirement, keySource = "organisation" });
        var id = (await start.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id;
        var client = new GenerationClient(world.Http, world.Tokens["tom"]);
        await client.WaitForCompletionAsync(id);
        using var zip = new ZipArchive(await client.DownloadAsync(id));
        foreach (var document in new[] { "/README.md", "/AGENTS.md" })
        {
            using var reader = new StreamReader(zip.Entries.Single(entry => entry.FullName.EndsWith(document, StringComparison.Ordinal)).Open());
            Assert.Contains("Prepared for **Acme Support Desk** · Support: help@acme.example", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }
    }
}
