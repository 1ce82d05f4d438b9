using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Api;
using CrewBuilder.Tests.Organisations;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Projects;

/// <summary>A person's generations as projects, and an organisation's generations opened by those whose role may read them.</summary>
public sealed class ProjectApiTests(OrgWorld world) : IClassFixture<OrgWorld>
{
    private const string InvoiceRequirement = "A crew that reads supplier invoices from our mailbox and books them in the ledger.";

    [Fact]
    public async Task Refinements_are_grouped_under_their_original_and_search_and_filters_find_whole_projects()
    {
        await world.SignInAsync("petra");
        var client = new GenerationClient(world.Http, world.Tokens["petra"]);
        var invoices = await client.WaitForCompletionAsync((await client.StartAsync(InvoiceRequirement)).Id);
        var refinement = await RefineAsync(client, "petra", invoices.Id);
        var support = await client.WaitForCompletionAsync((await client.StartAsync()).Id);
        await world.JsonAsync(HttpMethod.Patch, $"/api/projects/{invoices.Id}", "petra", new { name = "  Books  " });

        var all = await ProjectsAsync("petra", "");

        Assert.Equal([support.Id, invoices.Id], all.Select(project => project.GetProperty("id").GetString()));
        var grouped = all[1];
        Assert.Equal("Books", grouped.GetProperty("name").GetString());
        Assert.Equal(invoices.Id, grouped.GetProperty("original").GetProperty("id").GetString());
        Assert.Equal([refinement], grouped.GetProperty("refinements").EnumerateArray().Select(item => item.GetProperty("id").GetString()));
        Assert.Equal(invoices.Id, grouped.GetProperty("refinements")[0].GetProperty("parentId").GetString());
        Assert.Equal([invoices.Id], (await ProjectsAsync("petra", "?q=BOOKS")).Select(Id));
        Assert.Equal([invoices.Id], (await ProjectsAsync("petra", "?q=supplier%20invoices")).Select(Id));
        Assert.Equal([support.Id], (await ProjectsAsync("petra", "?q=inbox")).Select(Id));
        Assert.Equal(2, (await ProjectsAsync("petra", "?status=completed&layout=classic")).Count);
        Assert.Empty(await ProjectsAsync("petra", "?status=failed"));
        Assert.Empty(await ProjectsAsync("petra", "?layout=json"));
        Assert.Empty(await ProjectsAsync("petra", $"?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"))}"));
        Assert.Equal(2, (await ProjectsAsync("petra", $"?to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"))}")).Count);
        Assert.Empty(await ProjectsAsync("eve", ""));
    }

    [Fact]
    public async Task Projects_page_like_every_list_and_bad_queries_get_a_problem_that_names_the_parameter()
    {
        await world.SignInAsync("paula");
        var client = new GenerationClient(world.Http, world.Tokens["paula"]);
        var older = await client.WaitForCompletionAsync((await client.StartAsync(InvoiceRequirement)).Id);
        var newer = await client.WaitForCompletionAsync((await client.StartAsync()).Id);

        var first = await world.JsonAsync(HttpMethod.Get, "/api/projects?pageSize=1", "paula");
        var token = first.GetProperty("continuationToken").GetString()!;
        var second = await world.JsonAsync(HttpMethod.Get, $"/api/projects?pageSize=1&continuationToken={token}", "paula");

        Assert.Equal(newer.Id, Id(first.GetProperty("items")[0]));
        Assert.Equal(older.Id, Id(second.GetProperty("items")[0]));
        Assert.False(second.TryGetProperty("continuationToken", out _));
        foreach (var (query, field) in new[]
        {
            ("status=finished", "status"), ("layout=yaml", "layout"), ("from=yesterday", "from"), ("to=soon", "to"),
            ("continuationToken=abc", "continuationToken"), ("pageSize=0", "pageSize"), ($"q={new string('x', ProjectEndpoints.MaxSearchLength + 1)}", "q"),
        })
        {
            using var response = await world.SendAsync(HttpMethod.Get, $"/api/projects?{query}", "paula");
            await GenerationApiTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "validation");
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var anonymous = await world.SendAsync(HttpMethod.Get, "/api/projects", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_deleted_generation_leaves_the_lists_and_can_no_longer_be_opened_or_downloaded_and_only_its_maker_renames_or_deletes_it()
    {
        await world.SignInAsync("dora");
        var client = new GenerationClient(world.Http, world.Tokens["dora"]);
        var doomed = await client.WaitForCompletionAsync((await client.StartAsync()).Id);
        var kept = await client.WaitForCompletionAsync((await client.StartAsync(InvoiceRequirement)).Id);

        await AssertStatusAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Patch, $"/api/projects/{doomed.Id}", "dora", new { name = " " });
        await AssertStatusAsync(HttpStatusCode.UnprocessableEntity, HttpMethod.Patch, $"/api/projects/{doomed.Id}", "dora", new { name = new string('n', 101) });
        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Patch, $"/api/projects/{doomed.Id}", "eve", new { name = "Mine now" });
        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"/api/projects/{doomed.Id}", "eve");
        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Delete, "/api/projects/not-an-id", "dora");
        var renamed = await world.JsonAsync(HttpMethod.Patch, $"/api/projects/{doomed.Id}", "dora", new { name = "Old inbox crew" });
        Assert.Equal("Old inbox crew", renamed.GetProperty("name").GetString());

        await AssertStatusAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/projects/{doomed.Id}", "dora");

        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/generations/{doomed.Id}", "dora");
        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/generations/{doomed.Id}/artifact", "dora");
        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/api/generations/{doomed.Id}/files/README.md", "dora");
        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"/api/projects/{doomed.Id}", "dora");
        Assert.Equal([kept.Id], (await ProjectsAsync("dora", "")).Select(Id));
        var listed = (await world.JsonAsync(HttpMethod.Get, "/api/generations", "dora")).GetProperty("items").EnumerateArray().Select(Id);
        Assert.Equal([kept.Id], listed);
    }

    [Fact]
    public async Task An_organisations_generation_opens_for_its_owners_and_admins_and_its_maker_but_not_for_other_members_auditors_or_outsiders()
    {
        await world.JsonAsync(HttpMethod.Put, $"/api/orgs/{world.OrgId}/api-keys/openai", "adam", new { encryptedKey = await world.EncryptAsync(ProviderStandIn.ValidOpenAiKey) });
        var maker = new GenerationClient(world.Http, world.Tokens["mia"]);
        using var start = await world.SendAsync(HttpMethod.Post, "/api/generations", "mia", new { requirement = GenerationClient.Requirement, keySource = "organisation" });
        var id = (await start.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id;
        var done = await maker.WaitForCompletionAsync(id);
        var file = done.Files[0].Path;

        foreach (var (who, status) in new[] { ("olive", 200), ("adam", 200), ("mia", 200), ("tom", 404), ("audrey", 404), ("eve", 404) })
        {
            foreach (var url in new[] { $"/api/generations/{id}", $"/api/generations/{id}/artifact", $"/api/generations/{id}/files/{file}" })
            {
                using var response = await world.SendAsync(HttpMethod.Get, url, who);
                Assert.True(status == (int)response.StatusCode, $"{who} GET {url}: {(int)response.StatusCode}");
            }
        }

        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Patch, $"/api/projects/{id}", "adam", new { name = "Taken over" });
        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Delete, $"/api/projects/{id}", "olive");
        await AssertStatusAsync(HttpStatusCode.NotFound, HttpMethod.Put, $"/api/generations/{id}/rating", "adam", new { stars = 1 });
        var listedForAdmins = (await world.JsonAsync(HttpMethod.Get, $"/api/orgs/{world.OrgId}/generations", "adam")).GetProperty("items").EnumerateArray().Select(Id);
        Assert.Contains(id, listedForAdmins);
    }

    private async Task<string> RefineAsync(GenerationClient client, string who, string parentId)
    {
        using var refined = await world.SendAsync(HttpMethod.Post, "/api/generations", who, new { parentId, instruction = "Add an agent that checks the VAT numbers." });
        var accepted = (await refined.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
        return (await client.WaitForCompletionAsync(accepted.Id)).Id;
    }

    private async Task<List<JsonElement>> ProjectsAsync(string who, string query) =>
        [.. (await world.JsonAsync(HttpMethod.Get, $"/api/projects{query}", who)).GetProperty("items").EnumerateArray()];

    private static string? Id(JsonElement item) => item.GetProperty("id").GetString();

    private async Task AssertStatusAsync(HttpStatusCode expected, HttpMethod method, string url, string who, object? body = null)
    {
        using var response = await world.SendAsync(method, url, who, body);
        Assert.True(expected == response.StatusCode, $"{method} {url} as {who}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if ((int)expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
