using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Organisations;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task A_brand_colour_text_cannot_be_read_on_is_refused_with_a_shade_that_reads_and_one_saved_before_the_rule_is_not_shown()
    {
        await world.SignInAsync("olga");
        var orgId = (await world.JsonAsync(HttpMethod.Post, "/api/orgs", "olga", new { name = "Yellow Co" })).GetProperty("id").GetString()!;
        await world.JsonAsync(HttpMethod.Put, $"/api/orgs/{orgId}/branding", "olga", new { displayName = "Yellow Co", primaryColor = "#1d4ed8" });

        using var refused = await world.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/branding", "olga", new { displayName = "Yellow Co", primaryColor = "#ffd400" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var said = Assert.Single(problem.GetProperty("errors").GetProperty("primaryColor").EnumerateArray()).GetString()!;
        var shade = System.Text.RegularExpressions.Regex.Match(said, "shade of it, (#[0-9a-f]{6}), reads").Groups[1].Value;
        Assert.StartsWith("#ffd400 is too light for the site's links and buttons: its contrast with the page is 1.3:1, and text needs 4.5:1.", said);
        Assert.True(BrandColour.IsReadable(shade), said);
        Assert.Equal("#1d4ed8", (await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{orgId}/branding", "olga")).GetProperty("primaryColor").GetString()); // nothing changed
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(HttpMethod.Put, $"/api/orgs/{orgId}/branding", "olga", new { displayName = "Yellow Co", primaryColor = shade })).StatusCode);

        // A colour stored before the rule existed is kept in storage but not laid on the pages.
        await world.App.Services.GetRequiredService<OrganisationStore>().SetBrandingAsync(orgId, new OrgBranding("Yellow Co", "#ffd400", null, null), CancellationToken.None);
        var shown = (await world.JsonAsync(HttpMethod.Get, "/api/orgs", "olga")).GetProperty("items").EnumerateArray().Single(org => org.GetProperty("id").GetString() == orgId);
        var branding = shown.GetProperty("branding");
        Assert.Equal("Yellow Co", branding.GetProperty("displayName").GetString());
        Assert.True(!branding.TryGetProperty("primaryColor", out var colour) || colour.ValueKind == System.Text.Json.JsonValueKind.Null, $"An unreadable colour was shown: {colour}");
    }
}
