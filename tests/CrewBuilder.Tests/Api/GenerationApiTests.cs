using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Api;

public sealed class GenerationApiTests : IClassFixture<SelfHostFactory>
{
    private readonly SelfHostFactory app;
    private readonly GenerationClient client;

    public GenerationApiTests(SelfHostFactory app)
    {
        this.app = app;
        client = new GenerationClient(app.CreateClient());
    }

    [Fact]
    public async Task A_generation_is_accepted_with_a_status_url_and_runs_every_step_to_a_downloadable_project()
    {
        using var response = await client.Http.PostAsJsonAsync("/api/generations", new { requirement = GenerationClient.Requirement });
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = accepted.GetProperty("id").GetString()!;
        var accessToken = accepted.GetProperty("accessToken").GetString()!;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/generations/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"/api/generations/{id}", accepted.GetProperty("statusUrl").GetString());
        Assert.StartsWith("cbg_", accessToken, StringComparison.Ordinal);

        var done = await new GenerationClient(client.Http, accessToken).WaitForCompletionAsync(id);
        Assert.Equal(GenerationStatus.Completed, done.Status);
        Assert.Equal(GenerationMode.Template, done.Mode);
        Assert.Equal(100, done.Progress);
        Assert.Equal(GenerationClient.Requirement, done.Requirement); // a page opened again shows what was asked
        Assert.Equal(GenerationSteps.All, done.Steps.Select(s => s.Name));
        Assert.All(done.Steps, step =>
        {
            Assert.Equal(StepStatus.Completed, step.Status);
            Assert.True(step.StartedAt <= step.CompletedAt);
        });
        Assert.Contains(done.Files, f => f.Path == "src/support_triage_crew/crew.py");

        using var download = await client.SendAsync(HttpMethod.Get, $"/api/generations/{id}/artifact", accessToken);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("support_triage_crew.zip", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        Assert.Contains(zip.Entries, e => e.FullName == "support_triage_crew/src/support_triage_crew/crew.py");
    }

    [Fact]
    public async Task Status_json_uses_lowercase_names_for_status_mode_and_steps()
    {
        var accepted = await client.StartAsync();
        await client.WaitForCompletionAsync(accepted.Id);

        using var response = await client.SendAsync(HttpMethod.Get, accepted.StatusUrl, client.AccessTokenOf(accepted.Id));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("completed", json.GetProperty("status").GetString());
        Assert.Equal("template", json.GetProperty("mode").GetString());
        Assert.Equal("analyse", json.GetProperty("steps")[0].GetProperty("name").GetString());
        Assert.Equal("completed", json.GetProperty("steps")[0].GetProperty("status").GetString());
        Assert.False(json.TryGetProperty("error", out _));
    }

    [Theory]
    [InlineData("too short")]
    [InlineData("                                     ")]
    public async Task A_requirement_outside_20_to_10000_characters_is_refused_with_422_and_nothing_is_stored(string requirement)
    {
        var before = await StoredGenerationCount();

        using var response = await client.Http.PostAsJsonAsync("/api/generations", new { requirement });

        await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "validation");
        Assert.Equal(before, await StoredGenerationCount());
    }

    [Fact]
    public async Task A_requirement_over_10000_characters_is_refused_with_422()
    {
        using var response = await client.Http.PostAsJsonAsync("/api/generations", new { requirement = new string('x', 10_001) });

        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity, "validation");
        Assert.Contains("10,001", problem.GetProperty("errors").GetProperty("requirement")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("")]
    [InlineData("{\"requirement\": \"A crew that triages our support inbox\", \"colour\": \"blue\"}")]
    public async Task A_body_that_is_not_the_expected_json_object_is_refused_with_400(string body)
    {
        using var response = await client.Http.PostAsync("/api/generations", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblem(response, HttpStatusCode.BadRequest, "invalid-body");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=crew")]
    [InlineData("application/xml")]
    [InlineData("text/json")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData(null)]
    public async Task A_body_not_sent_as_json_is_refused_with_415_and_starts_nothing(string? contentType)
    {
        var before = await StoredGenerationCount();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { requirement = GenerationClient.Requirement })));
        content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await client.Http.PostAsync("/api/generations", content);

        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Equal(before, await StoredGenerationCount());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=\"UTF-8\"")]
    [InlineData("application/vnd.crewbuilder+json")]
    public async Task A_json_media_type_with_or_without_a_utf8_charset_is_read(string contentType)
    {
        using var content = new StringContent(JsonSerializer.Serialize(new { requirement = GenerationClient.Requirement }));
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await client.Http.PostAsync("/api/generations", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task No_body_and_no_content_type_is_a_400_that_asks_for_the_json_object()
    {
        using var response = await client.Http.PostAsync("/api/generations", content: null);

        var problem = await AssertProblem(response, HttpStatusCode.BadRequest, "invalid-body");
        Assert.Contains("JSON object", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var body = JsonSerializer.Serialize(new { requirement = new string('x', 70_000) });

        using var response = await client.Http.PostAsync("/api/generations", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
    }

    [Theory]
    [InlineData("/api/generations/0123456789abcdef0123456789abcdef")]
    [InlineData("/api/generations/not-an-id")]
    [InlineData("/api/generations/0123456789abcdef0123456789abcdef/artifact")]
    public async Task An_unknown_generation_answers_404_problem_details(string url)
    {
        var someone = await client.StartAsync();

        using var response = await client.SendAsync(HttpMethod.Get, url, client.AccessTokenOf(someone.Id));

        await AssertProblem(response, HttpStatusCode.NotFound, "generation-not-found");
    }

    [Fact]
    public async Task Health_reports_reachable_storage_and_the_version()
    {
        var health = await client.Http.GetFromJsonAsync<JsonElement>("/api/health");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("reachable", health.GetProperty("storage").GetProperty("tables").GetString());
        Assert.Equal("reachable", health.GetProperty("storage").GetProperty("blobs").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+", health.GetProperty("version").GetString());
    }

    internal static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"https://crewbuilder.dev/problems/{type}", problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    private async Task<int> StoredGenerationCount()
    {
        var table = new TableClient(AzuriteServer.Instance.ConnectionString, app.StoragePrefix + GenerationStore.TableName);
        await table.CreateIfNotExistsAsync();
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }
}

public sealed class GeneratedFileTests(Support.SelfHostFactory app) : IClassFixture<Support.SelfHostFactory>
{
    [Fact]
    public async Task The_files_of_a_completed_project_can_be_read_one_by_one_and_nothing_outside_it()
    {
        var client = new Support.GenerationClient(app.CreateClient());
        var done = await client.WaitForCompletionAsync((await client.StartAsync()).Id);
        var token = client.AccessTokenOf(done.Id);
        var crew = done.Files.Single(file => file.Path.EndsWith("/crew.py", StringComparison.Ordinal)).Path;

        using var response = await client.SendAsync(HttpMethod.Get, $"/api/generations/{done.Id}/files/{crew}", token);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("@CrewBase", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var outside in new[] { "../../etc/passwd", "src/nothing.py", "%2e%2e/README.md" })
        {
            using var refused = await client.SendAsync(HttpMethod.Get, $"/api/generations/{done.Id}/files/{outside}", token);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.StatusCode);
        }

        using var withoutToken = await client.SendAsync(HttpMethod.Get, $"/api/generations/{done.Id}/files/{crew}");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, withoutToken.StatusCode);
    }
}

public sealed class GeneratedFilePathTests(Support.KestrelSelfHostFactory app) : IClassFixture<Support.KestrelSelfHostFactory>
{
    [Fact]
    public async Task A_path_that_names_no_file_is_404_and_encoded_slashes_name_the_same_file()
    {
        var client = new Support.GenerationClient(app.CreateClient());
        var done = await client.WaitForCompletionAsync((await client.StartAsync()).Id);
        var token = client.AccessTokenOf(done.Id);
        var crew = done.Files.Single(file => file.Path.EndsWith("/crew.py", StringComparison.Ordinal)).Path;

        foreach (var nothing in new[] { "", ".", "%2e", "src/..", "src%2F..", "src//crew.py" })
        {
            using var refused = await SendRawAsync(client, $"/api/generations/{done.Id}/files/{nothing}", token);
            Assert.True(refused.StatusCode == System.Net.HttpStatusCode.NotFound, $"files/{nothing}: {(int)refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        using var encoded = await SendRawAsync(client, $"/api/generations/{done.Id}/files/{crew.Replace("/", "%2F", StringComparison.Ordinal)}", token);
        Assert.Equal(System.Net.HttpStatusCode.OK, encoded.StatusCode);
        Assert.Equal(await client.ReadFileAsync(done.Id, crew), await encoded.Content.ReadAsStringAsync());
    }

    /// <summary>Sends the path exactly as written: no dot segment removed, no escape undone on this side.</summary>
    private static async Task<HttpResponseMessage> SendRawAsync(Support.GenerationClient client, string path, string? token)
    {
        var uri = new Uri(client.Http.BaseAddress!.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new("Bearer", token);
        return await client.Http.SendAsync(request);
    }
}
