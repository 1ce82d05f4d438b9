using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Identity;
using CrewBuilder.Tests.Api;
using CrewBuilder.Tests.Support;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CrewBuilder.Tests.Mcp;

/// <summary>The MCP server at /api/mcp, driven by the official MCP C# client over HTTP against the self-host on a loopback port.</summary>
public sealed class McpServerTests(ApiTokenWorld world) : IClassFixture<ApiTokenWorld>
{
    private static readonly string[] Tools = ["forecast_generation", "generate_crew", "get_generation", "list_generations", "read_project_file"];

    [Fact]
    public async Task Without_a_token_the_route_answers_401_with_a_problem_and_a_bearer_challenge()
    {
        using var request = Ping(bearer: null);

        using var response = await world.Http.SendAsync(request);

        await GenerationApiTests.AssertProblem(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task A_token_that_is_not_accepted_answers_401_invalid_token()
    {
        using var request = Ping(bearer: "cb_" + new string('x', 40));

        using var response = await world.Http.SendAsync(request);

        await GenerationApiTests.AssertProblem(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("invalid_token", Assert.Single(response.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_official_client_cannot_connect_without_a_token()
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = Endpoint, TransportMode = HttpTransportMode.StreamableHttp });

        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await McpClient.CreateAsync(transport));

        Assert.Contains("401", refused.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"tools/call\", \"params\": {\"name\": \"generate_crew\", \"arguments\": {\"requirement\": 42}}}")]
    [InlineData("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"no/such/method\"}")]
    [InlineData("[]")]
    public async Task Malformed_requests_from_an_admitted_caller_never_answer_5xx(string body)
    {
        using var request = Ping(world.FullToken);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await world.Http.SendAsync(request);

        Assert.True((int)response.StatusCode < 500, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task The_server_offers_the_five_tools_and_the_projects_as_resource_templates()
    {
        await using var client = await ConnectAsync(world.FullToken);

        var tools = await client.ListToolsAsync();
        var templates = await client.ListResourceTemplatesAsync();

        Assert.Equal(Tools, tools.Select(tool => tool.Name).Order(StringComparer.Ordinal));
        Assert.Equal("crewbuilder", client.ServerInfo?.Name);
        var generate = tools.Single(tool => tool.Name == "generate_crew").JsonSchema;
        Assert.Equal(["requirement"], generate.GetProperty("required").EnumerateArray().Select(name => name.GetString()));
        Assert.Equal(
            ["crewbuilder://generations/{id}/files/{+path}", "crewbuilder://generations/{id}/project.zip"],
            templates.Select(template => template.UriTemplate).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Generate_crew_reports_progress_while_it_runs_and_answers_the_completed_generation_with_its_project()
    {
        await using var client = await ConnectAsync(world.FullToken);
        var progress = new RecordedProgress();

        var result = await client.CallToolAsync("generate_crew", new Dictionary<string, object?> { ["requirement"] = GenerationClient.Requirement }, progress);

        Assert.NotEqual(true, result.IsError);
        var view = ViewOf(result);
        Assert.Equal(GenerationStatus.Completed, view.Status);
        Assert.NotEmpty(view.Files);
        var reported = progress.Values.ToList();
        Assert.True(reported.Count >= 2, $"Expected progress while the generation ran, got {reported.Count} notifications.");
        Assert.All(reported, value => Assert.Equal(100, value.Total));
        Assert.Equal(reported.Select(value => value.Progress).Order(), reported.Select(value => value.Progress));
        Assert.Equal(reported.Count, reported.Select(value => value.Progress).Distinct().Count());
        Assert.Contains(reported, value => value.Message!.Contains($"of {GenerationSteps.All.Count} steps done", StringComparison.Ordinal));
        var links = result.Content.OfType<ResourceLinkBlock>().ToList();
        Assert.Contains(links, link => link.Uri == $"crewbuilder://generations/{view.Id}/project.zip");
        Assert.Equal(view.Files.Select(file => $"crewbuilder://generations/{view.Id}/files/{file.Path}"), links.Where(link => link.Uri.Contains("/files/", StringComparison.Ordinal)).Select(link => link.Uri));
    }

    [Fact]
    public async Task Generate_crew_writes_the_json_first_layout_when_asked()
    {
        await using var client = await ConnectAsync(world.FullToken);

        var view = ViewOf(await client.CallToolAsync("generate_crew", new Dictionary<string, object?> { ["requirement"] = GenerationClient.Requirement, ["layout"] = "json" }));

        Assert.Equal(ProjectLayout.Json, view.Layout);
        Assert.Contains(view.Files, file => file.Path == "crew.jsonc");
        Assert.DoesNotContain(view.Files, file => file.Path.StartsWith("src/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_project_and_its_files_read_over_mcp_are_what_the_http_api_serves()
    {
        await using var client = await ConnectAsync(world.FullToken);
        var view = ViewOf(await client.CallToolAsync("generate_crew", new Dictionary<string, object?> { ["requirement"] = GenerationClient.Requirement }));
        var http = new GenerationClient(world.Http, world.FullToken);
        var readme = view.Files.First(file => file.Path.EndsWith("README.md", StringComparison.Ordinal)).Path;

        var fileResource = await client.ReadResourceAsync($"crewbuilder://generations/{view.Id}/files/{readme}");
        var fileTool = await client.CallToolAsync("read_project_file", new Dictionary<string, object?> { ["id"] = view.Id, ["path"] = readme });
        var zipResource = await client.ReadResourceAsync($"crewbuilder://generations/{view.Id}/project.zip");

        var expectedText = await http.ReadFileAsync(view.Id, readme);
        Assert.Equal(expectedText, Assert.IsType<TextResourceContents>(Assert.Single(fileResource.Contents)).Text);
        Assert.Equal(expectedText, Assert.IsType<TextContentBlock>(Assert.Single(fileTool.Content)).Text);
        var zip = Assert.IsType<BlobResourceContents>(Assert.Single(zipResource.Contents));
        Assert.Equal("application/zip", zip.MimeType);
        using var expectedZip = new MemoryStream();
        await (await http.DownloadAsync(view.Id)).CopyToAsync(expectedZip);
        Assert.Equal(expectedZip.ToArray(), zip.DecodedData.ToArray());
        using var archive = new ZipArchive(new MemoryStream(zip.DecodedData.ToArray()));
        Assert.Equal(view.Files.Count, archive.Entries.Count(entry => entry.Length > 0 || !entry.FullName.EndsWith('/')));
    }

    [Fact]
    public async Task Get_and_list_answer_what_the_http_api_answers()
    {
        await using var client = await ConnectAsync(world.FullToken);
        var started = ViewOf(await client.CallToolAsync("generate_crew", new Dictionary<string, object?> { ["requirement"] = GenerationClient.Requirement, ["wait"] = false }));

        var got = ViewOf(await client.CallToolAsync("get_generation", new Dictionary<string, object?> { ["id"] = started.Id }));
        var listed = await client.CallToolAsync("list_generations", new Dictionary<string, object?> { ["pageSize"] = 100 });

        Assert.Equal(started.Id, got.Id);
        Assert.NotEqual(GenerationStatus.Failed, got.Status);
        var page = JsonSerializer.Deserialize<GenerationPage>(TextOf(listed), ApiJson.Options)!;
        using var httpList = await world.Http.SendAsync(world.Request(HttpMethod.Get, "/api/generations?pageSize=100", world.FullToken));
        var httpPage = (await httpList.Content.ReadFromJsonAsync<GenerationPage>(ApiJson.Options))!;
        Assert.Contains(page.Items, item => item.Id == started.Id);
        Assert.Equal(httpPage.Items.Select(item => item.Id), page.Items.Select(item => item.Id));
    }

    [Fact]
    public async Task Forecast_generation_answers_what_the_http_forecast_answers()
    {
        await using var client = await ConnectAsync(world.ReadOnlyToken);

        var forecast = await client.CallToolAsync("forecast_generation", new Dictionary<string, object?> { ["requirement"] = GenerationClient.Requirement });

        using var http = await world.Http.PostAsJsonAsync("/api/generations/forecast", new { requirement = GenerationClient.Requirement });
        Assert.NotEqual(true, forecast.IsError);
        Assert.Equal(
            JsonSerializer.Serialize(await http.Content.ReadFromJsonAsync<Forecast>(ApiJson.Options), ApiJson.Options),
            TextOf(forecast));
    }

    [Fact]
    public async Task A_read_only_token_may_read_but_not_generate_and_its_refusal_starts_nothing()
    {
        await using var client = await ConnectAsync(world.ReadOnlyToken);
        var before = TextOf(await client.CallToolAsync("list_generations", new Dictionary<string, object?> { ["pageSize"] = 100 }));

        var refused = await client.CallToolAsync("generate_crew", new Dictionary<string, object?> { ["requirement"] = GenerationClient.Requirement });

        Assert.True(refused.IsError);
        Assert.Contains($"'{Scopes.GenerationsWrite}' scope", TextOf(refused), StringComparison.Ordinal);
        Assert.Equal(before, TextOf(await client.CallToolAsync("list_generations", new Dictionary<string, object?> { ["pageSize"] = 100 })));
    }

    public static TheoryData<string, string, string> BadArguments() => new()
    {
        { "generate_crew", """{"requirement": "too short"}""", "requirement: Describe what the crew should do in 20" },
        { "generate_crew", """{"requirement": "A crew that triages our support inbox and drafts replies.", "keySource": "nonsense"}""", "keySource" },
        { "generate_crew", """{"requirement": "A crew that triages our support inbox and drafts replies.", "layout": "yaml"}""", "layout: The layout is one of classic, json." },
        { "get_generation", """{"id": "0123456789abcdef0123456789abcdef"}""", "No such generation." },
        { "get_generation", """{"id": "../../etc/passwd"}""", "No such generation." },
        { "read_project_file", """{"id": "0123456789abcdef0123456789abcdef", "path": "../secrets"}""", "No such file." },
        { "list_generations", """{"pageSize": 0}""", "pageSize: Ask for 1 to 100" },
        { "forecast_generation", """{"requirement": ""}""", "requirement: Describe what the crew should do" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Bad_arguments_answer_a_tool_error_that_says_what_to_change(string tool, string arguments, string expected)
    {
        await using var client = await ConnectAsync(world.FullToken);

        var result = await client.CallToolAsync(tool, JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments));

        Assert.True(result.IsError);
        Assert.Contains(expected, TextOf(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("crewbuilder://generations/0123456789abcdef0123456789abcdef/project.zip")]
    [InlineData("crewbuilder://generations/0123456789abcdef0123456789abcdef/files/README.md")]
    [InlineData("crewbuilder://generations/x/files/..%2F..%2Fsecrets")]
    public async Task A_resource_the_caller_cannot_see_is_not_found(string uri)
    {
        await using var client = await ConnectAsync(world.FullToken);

        var refused = await Assert.ThrowsAsync<McpProtocolException>(async () => await client.ReadResourceAsync(uri));

        Assert.Equal(McpErrorCode.ResourceNotFound, refused.ErrorCode);
    }

    private Uri Endpoint => new(world.BaseAddress, $"/{ApiRoutes.Prefix}/{ApiRoutes.Mcp}");

    private async Task<McpClient> ConnectAsync(string token) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        }));

    private HttpRequestMessage Ping(string? bearer)
    {
        var request = world.Request(HttpMethod.Post, Endpoint.AbsolutePath, bearer);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Content = JsonContent.Create(new { jsonrpc = "2.0", id = 1, method = "ping" });
        return request;
    }

    private static string TextOf(CallToolResult result) => Assert.IsType<TextContentBlock>(result.Content[0]).Text;

    private static GenerationView ViewOf(CallToolResult result) => JsonSerializer.Deserialize<GenerationView>(TextOf(result), ApiJson.Options)!;

    /// <summary>Keeps each notification as it arrives (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class RecordedProgress : IProgress<ProgressNotificationValue>
    {
        private readonly ConcurrentQueue<ProgressNotificationValue> values = new();

        public IEnumerable<ProgressNotificationValue> Values => values;

        public void Report(ProgressNotificationValue value) => values.Enqueue(value);
    }
}
