using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Clarification;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Api;
using CrewBuilder.Tests.Generation;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Clarification;

/// <summary>The chat without a model: four fixed questions, anonymous access by token, and the answers reaching the generation.</summary>
public sealed class ScriptedClarificationTests : IClassFixture<SelfHostFactory>
{
    private readonly HttpClient http;

    public ScriptedClarificationTests(SelfHostFactory app) => http = app.CreateClient();

    [Fact]
    public async Task Four_questions_one_per_turn_then_a_refined_requirement_that_the_generation_is_given()
    {
        var started = await StartAsync(http);
        Assert.NotNull(started.AccessToken);
        Assert.False(started.UsesModel);
        Assert.Equal(["assistant"], started.Messages.Select(m => m.Role));

        string[] answers = ["Zendesk and a shared Google Sheet", "We have a Zendesk API token", "About 200 tickets a day, every hour", "A reply draft per ticket that agents approve"];
        var chat = started;
        foreach (var answer in answers)
        {
            Assert.Equal(ClarificationEntity.Asking, chat.Status);
            chat = await AnswerAsync(http, chat.Id, started.AccessToken!, answer);
        }

        Assert.Equal(ClarificationEntity.Ready, chat.Status);
        Assert.Contains("Volume and timing: About 200 tickets a day, every hour", chat.Refined!.Constraints);
        Assert.Equal(["A reply draft per ticket that agents approve"], chat.Refined.SuccessCriteria);
        using var late = await SendAsync(http, HttpMethod.Post, $"/api/clarifications/{chat.Id}/messages", started.AccessToken, new { message = "One more thing" });
        await GenerationApiTests.AssertProblem(late, HttpStatusCode.Conflict, "clarification-finished");

        using var generate = await SendAsync(http, HttpMethod.Post, "/api/generations", null, new { clarificationId = chat.Id, clarificationToken = started.AccessToken });
        Assert.Equal(HttpStatusCode.Accepted, generate.StatusCode);
        var accepted = (await generate.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
        var client = new GenerationClient(http);
        client.Remember(accepted);
        var done = await client.WaitForCompletionAsync(accepted.Id);
        Assert.Equal(GenerationStatus.Completed, done.Status);
        using var zip = new ZipArchive(await client.DownloadAsync(accepted.Id));
        var knowledge = await new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith("knowledge/requirement.md", StringComparison.Ordinal)).Open()).ReadToEndAsync();
        Assert.Contains("A: About 200 tickets a day, every hour", knowledge, StringComparison.Ordinal);
        Assert.Contains("Success criteria:\n- A reply draft per ticket that agents approve", knowledge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chat_is_read_only_with_its_own_token_and_a_generation_cannot_borrow_another_chat()
    {
        var chat = await StartAsync(http);
        var other = await StartAsync(http);

        using var anonymous = await SendAsync(http, HttpMethod.Get, $"/api/clarifications/{chat.Id}", null);
        using var wrongToken = await SendAsync(http, HttpMethod.Get, $"/api/clarifications/{chat.Id}", other.AccessToken);
        using var rightToken = await SendAsync(http, HttpMethod.Get, $"/api/clarifications/{chat.Id}", chat.AccessToken);
        using var borrowed = await SendAsync(http, HttpMethod.Post, "/api/generations", null, new { clarificationId = chat.Id, clarificationToken = other.AccessToken });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await GenerationApiTests.AssertProblem(wrongToken, HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.OK, rightToken.StatusCode);
        Assert.Null((await rightToken.Content.ReadFromJsonAsync<ClarificationView>(ApiJson.Options))!.AccessToken);
        await GenerationApiTests.AssertProblem(borrowed, HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_answer_is_refused_and_changes_nothing(string message)
    {
        var chat = await StartAsync(http);

        using var refused = await SendAsync(http, HttpMethod.Post, $"/api/clarifications/{chat.Id}/messages", chat.AccessToken, new { message });

        await GenerationApiTests.AssertProblem(refused, HttpStatusCode.UnprocessableEntity, "validation");
        using var after = await SendAsync(http, HttpMethod.Get, $"/api/clarifications/{chat.Id}", chat.AccessToken);
        Assert.Single((await after.Content.ReadFromJsonAsync<ClarificationView>(ApiJson.Options))!.Messages);
    }

    internal static async Task<ClarificationView> StartAsync(HttpClient http, string requirement = GenerationClient.Requirement, string? bearer = null)
    {
        using var response = await SendAsync(http, HttpMethod.Post, "/api/clarifications", bearer, new { requirement });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var chat = (await response.Content.ReadFromJsonAsync<ClarificationView>(ApiJson.Options))!;
        Assert.EndsWith($"/api/clarifications/{chat.Id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        return chat;
    }

    internal static async Task<ClarificationView> AnswerAsync(HttpClient http, string id, string bearer, string message)
    {
        using var response = await SendAsync(http, HttpMethod.Post, $"/api/clarifications/{id}/messages", bearer, new { message });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ClarificationView>(ApiJson.Options))!;
    }

    internal static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, string? bearer, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        return http.SendAsync(request);
    }
}

/// <summary>The chat with the self-hosted server's key: the model asks, says when it has enough, and the generation reads the answers.</summary>
public sealed class ModelClarificationTests(LlmWorld world) : IClassFixture<LlmWorld>
{
    [Fact]
    public async Task The_model_asks_until_it_has_enough_and_its_refined_requirement_reaches_the_analysis()
    {
        var requirement = $"{GenerationClient.Requirement} #chat-1";
        var chat = await ScriptedClarificationTests.StartAsync(world.Http, requirement);
        var token = chat.AccessToken!;
        Assert.True(chat.UsesModel);
        Assert.Equal("Which help desk holds the support inbox today?", chat.Messages.Single().Text);

        chat = await ScriptedClarificationTests.AnswerAsync(world.Http, chat.Id, token, "Zendesk");
        chat = await ScriptedClarificationTests.AnswerAsync(world.Http, chat.Id, token, "About 200 a day; urgent within an hour");
        Assert.Equal(ClarificationEntity.Asking, chat.Status);
        Assert.Equal("Should the drafts be sent automatically or reviewed by an agent first?", chat.Messages[^1].Text);
        chat = await ScriptedClarificationTests.AnswerAsync(world.Http, chat.Id, token, "Reviewed by an agent");

        Assert.Equal(ClarificationEntity.Ready, chat.Status);
        Assert.Equal(["Sending replies automatically"], chat.Refined!.OutOfScope);
        Assert.Contains(world.Providers.CompletionBodies, body => body.Contains("[step:clarify]", StringComparison.Ordinal) && body.Contains("About 200 a day", StringComparison.Ordinal));

        using var generate = await ScriptedClarificationTests.SendAsync(world.Http, HttpMethod.Post, "/api/generations", null, new { clarificationId = chat.Id, clarificationToken = token });
        var accepted = (await generate.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
        var client = new GenerationClient(world.Http);
        client.Remember(accepted);
        Assert.Equal(GenerationStatus.Completed, (await client.WaitForCompletionAsync(accepted.Id)).Status);
        Assert.Contains(world.Providers.CompletionBodies, body => body.Contains("[step:analyse]", StringComparison.Ordinal)
            && body.Contains("A: Reviewed by an agent", StringComparison.Ordinal) && body.Contains("Refined requirement: Triage about 200 Zendesk tickets", StringComparison.Ordinal));
        var stored = await StorageDump.AllTextAsync(world.App);
        Assert.Contains("Reviewed by an agent", stored, StringComparison.Ordinal); // the chat was searched
        Assert.DoesNotContain("valid-openai-key", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(world.App.Logs, line => line.Contains("valid-openai-key", StringComparison.Ordinal));
    }
}
