using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Api;
using CrewBuilder.Tests.Billing;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Templates;

/// <summary>The gallery for everyone, custom templates on Professional, and generations started from either.</summary>
public sealed class TemplateTests(BillingWorld world) : IClassFixture<BillingWorld>
{
    [Fact]
    public async Task Everyone_sees_eight_built_in_templates_and_one_click_starts_a_generation_with_its_hints()
    {
        var gallery = await world.GetJsonAsync("/api/templates");
        var builtIn = gallery.GetProperty("builtIn").EnumerateArray().ToList();
        Assert.Equal(8, builtIn.Count);
        Assert.False(gallery.GetProperty("customAllowed").GetBoolean());
        Assert.All(builtIn, template => Assert.True(template.GetProperty("requirement").GetString()!.Length >= RequirementRule.MinLength));

        var client = new GenerationClient(world.Http);
        using var started = await world.SendAsync(HttpMethod.Post, "/api/generations", body: new { templateId = "invoice-processing" });
        var accepted = (await started.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
        client.Remember(accepted);

        Assert.Equal(GenerationStatus.Completed, (await client.WaitForCompletionAsync(accepted.Id)).Status);
        var knowledge = await client.ReadFileAsync(accepted.Id, "knowledge/requirement.md");
        Assert.Contains("supplier invoices", knowledge, StringComparison.Ordinal);
        Assert.Contains("Architecture hints: Extractor (file tools)", knowledge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_professional_saves_lists_changes_uses_and_deletes_a_template_of_their_own()
    {
        var token = await world.NewSubscriberAsync();
        await world.SubscribeAsync(token, "professional");

        var created = await world.GetJsonAsync("/api/templates", token, new { name = "Refund desk", requirement = "A crew that reviews refund requests and drafts decisions for our finance team.", hints = "One reviewer, one writer." });
        var id = created.GetProperty("id").GetString()!;
        using var changed = await world.SendAsync(HttpMethod.Put, $"/api/templates/{id}", token, new { name = "Refund desk v2", requirement = "A crew that reviews refund requests against our policy and drafts decisions." });
        var gallery = await world.GetJsonAsync("/api/templates", token);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True(gallery.GetProperty("customAllowed").GetBoolean());
        var mine = Assert.Single(gallery.GetProperty("custom").EnumerateArray());
        Assert.Equal(("Refund desk v2", "A crew that reviews refund requests against our policy and drafts decisions."), (mine.GetProperty("name").GetString(), mine.GetProperty("requirement").GetString()));

        var client = new GenerationClient(world.Http, token);
        using var started = await world.SendAsync(HttpMethod.Post, "/api/generations", token, new { templateId = id });
        var accepted = (await started.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
        var done = await client.WaitForCompletionAsync(accepted.Id);
        Assert.Equal(GenerationStatus.Completed, done.Status);

        var fromGeneration = await world.GetJsonAsync("/api/templates", token, new { name = "Again", generationId = done.Id });
        Assert.Equal("A crew that reviews refund requests against our policy and drafts decisions.", fromGeneration.GetProperty("requirement").GetString());

        using var deleted = await world.SendAsync(HttpMethod.Delete, $"/api/templates/{id}", token);
        using var gone = await world.SendAsync(HttpMethod.Post, "/api/generations", token, new { templateId = id });
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await GenerationApiTests.AssertProblem(gone, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Without_professional_custom_templates_are_refused_and_a_key_never_rides_in_one()
    {
        var free = await world.NewSubscriberAsync();
        var pro = await world.NewSubscriberAsync();
        await world.SubscribeAsync(pro, "professional");
        var key = "sk-proj-" + "templatecanary00000000000000";

        using var refused = await world.SendAsync(HttpMethod.Post, "/api/templates", free, new { name = "Mine", requirement = GenerationClient.Requirement });
        using var keyed = await world.SendAsync(HttpMethod.Post, "/api/templates", pro, new { name = "Mine", requirement = $"{GenerationClient.Requirement} Use {key}." });
        using var smuggled = await world.SendAsync(HttpMethod.Post, "/api/templates", pro, new { name = "Mine", requirement = GenerationClient.Requirement, encryptedKey = "x" });

        await GenerationApiTests.AssertProblem(refused, HttpStatusCode.Forbidden, "plan-required");
        var problem = await GenerationApiTests.AssertProblem(keyed, HttpStatusCode.UnprocessableEntity, "validation");
        Assert.DoesNotContain("templatecanary", problem.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, smuggled.StatusCode);
        Assert.Empty((await world.GetJsonAsync("/api/templates", pro)).GetProperty("custom").EnumerateArray());
    }
}

/// <summary>Iterating on a result: refine it into a new generation that names its parent, rate it, and forecast before paying.</summary>
public sealed class IterationTests(BillingWorld world) : IClassFixture<BillingWorld>
{
    [Fact]
    public async Task Refining_a_generation_starts_a_new_one_linked_to_it_with_the_instruction()
    {
        var token = await world.NewSubscriberAsync();
        var client = new GenerationClient(world.Http, token);
        var parent = await client.WaitForCompletionAsync((await client.StartAsync()).Id);

        using var refined = await world.SendAsync(HttpMethod.Post, "/api/generations", token, new { parentId = parent.Id, instruction = "Add an agent that translates replies into Spanish." });
        var accepted = (await refined.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
        var child = await client.WaitForCompletionAsync(accepted.Id);

        Assert.Equal(parent.Id, child.ParentId);
        Assert.Contains("Refinement of the previous crew", await client.ReadFileAsync(child.Id, "knowledge/requirement.md"), StringComparison.Ordinal);
        var stranger = await world.NewSubscriberAsync();
        using var borrowed = await world.SendAsync(HttpMethod.Post, "/api/generations", stranger, new { parentId = parent.Id, instruction = "Make it better." });
        await GenerationApiTests.AssertProblem(borrowed, HttpStatusCode.NotFound, "not-found");
        using var noInstruction = await world.SendAsync(HttpMethod.Post, "/api/generations", token, new { parentId = parent.Id });
        await GenerationApiTests.AssertProblem(noInstruction, HttpStatusCode.UnprocessableEntity, "validation");

        // Without an account, a generation is only ever seen with its own access token: its id alone refines nothing.
        var anonymous = new GenerationClient(world.Http);
        var anonymousParent = await anonymous.WaitForCompletionAsync((await anonymous.StartAsync()).Id);
        using var byIdAlone = await world.SendAsync(HttpMethod.Post, "/api/generations", body: new { parentId = anonymousParent.Id, instruction = "Make it better." });
        await GenerationApiTests.AssertProblem(byIdAlone, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_refinement_keeps_its_originals_layout_unless_it_asks_for_another()
    {
        var token = await world.NewSubscriberAsync();
        var client = new GenerationClient(world.Http, token);
        var parent = await client.WaitForCompletionAsync((await client.StartAsync(layout: "json")).Id);

        var kept = await RefineAsync(new { parentId = parent.Id, instruction = "Add an agent that translates replies into Spanish." });
        var changed = await RefineAsync(new { parentId = parent.Id, instruction = "Add a reviewer.", layout = "classic" });

        Assert.Equal(ProjectLayout.Json, parent.Layout);
        Assert.Equal(ProjectLayout.Json, kept.Layout);
        Assert.Contains(kept.Files, file => file.Path == "crew.jsonc");
        Assert.Equal(ProjectLayout.Classic, changed.Layout);
        Assert.DoesNotContain(changed.Files, file => file.Path == "crew.jsonc");
        Assert.Equal(ProjectLayout.Json, (await world.GetJsonAsync("/api/generations", token)).GetProperty("items").EnumerateArray()
            .Single(item => item.GetProperty("id").GetString() == kept.Id).GetProperty("layout").Deserialize<ProjectLayout>(ApiJson.Options));

        async Task<GenerationView> RefineAsync(object body)
        {
            using var refined = await world.SendAsync(HttpMethod.Post, "/api/generations", token, body);
            return await client.WaitForCompletionAsync((await refined.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!.Id);
        }
    }

    [Fact]
    public async Task A_visitor_without_an_account_refines_their_generation_with_the_token_it_was_created_with()
    {
        var anonymous = new GenerationClient(world.Http);
        var started = await anonymous.StartAsync();
        var parent = await anonymous.WaitForCompletionAsync(started.Id);

        using var refined = await world.SendAsync(HttpMethod.Post, "/api/generations", body: new { parentId = parent.Id, instruction = "Make it better.", parentToken = started.AccessToken });
        using var forged = await world.SendAsync(HttpMethod.Post, "/api/generations", body: new { parentId = parent.Id, instruction = "Make it better.", parentToken = "cbg_not-the-token" });

        Assert.Equal(HttpStatusCode.Accepted, refined.StatusCode);
        var accepted = (await refined.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
        Assert.NotNull(accepted.AccessToken);
        anonymous.Remember(accepted);
        Assert.Equal(parent.Id, (await anonymous.WaitForCompletionAsync(accepted.Id)).ParentId);
        await GenerationApiTests.AssertProblem(forged, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_finished_generation_is_rated_with_stars_and_words_and_a_new_rating_replaces_the_old()
    {
        var token = await world.NewSubscriberAsync();
        var client = new GenerationClient(world.Http, token);
        var done = await client.WaitForCompletionAsync((await client.StartAsync()).Id);

        using var first = await world.SendAsync(HttpMethod.Put, $"/api/generations/{done.Id}/rating", token, new { stars = 3, comment = "Agents fine, tasks vague." });
        using var second = await world.SendAsync(HttpMethod.Put, $"/api/generations/{done.Id}/rating", token, new { stars = 5 });
        using var tooMany = await world.SendAsync(HttpMethod.Put, $"/api/generations/{done.Id}/rating", token, new { stars = 6 });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var rating = (await client.GetAsync(done.Id)).Rating!;
        Assert.Equal((5, null), (rating.Stars, rating.Comment));
        await GenerationApiTests.AssertProblem(tooMany, HttpStatusCode.UnprocessableEntity, "validation");
        Assert.Equal(5, (await client.GetAsync(done.Id)).Rating!.Stars);
    }

    [Fact]
    public async Task A_forecast_prices_the_generation_from_the_requirement_before_it_starts()
    {
        var shortOne = await world.GetJsonAsync("/api/generations/forecast", body: new { requirement = GenerationClient.Requirement });
        var longOne = await world.GetJsonAsync("/api/generations/forecast", body: new { requirement = string.Concat(Enumerable.Repeat(GenerationClient.Requirement + " ", 40)) });
        var anthropic = await world.GetJsonAsync("/api/generations/forecast", body: new { requirement = GenerationClient.Requirement, provider = "anthropic" });

        Assert.True(shortOne.GetProperty("costUsd").GetDecimal() > 0);
        Assert.Equal(("gpt-4o-mini", "gpt-4.1"), (shortOne.GetProperty("standardModel").GetString(), shortOne.GetProperty("advancedModel").GetString()));
        Assert.True(longOne.GetProperty("inputTokens").GetInt64() > shortOne.GetProperty("inputTokens").GetInt64());
        Assert.True(longOne.GetProperty("costUsd").GetDecimal() > shortOne.GetProperty("costUsd").GetDecimal());
        Assert.Equal("claude-sonnet-4-5", anthropic.GetProperty("advancedModel").GetString());
        using var tooShort = await world.SendAsync(HttpMethod.Post, "/api/generations/forecast", body: new { requirement = "short" });
        await GenerationApiTests.AssertProblem(tooShort, HttpStatusCode.UnprocessableEntity, "validation");
    }
}
