using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Tests.Support;
using Xunit.Abstractions;

namespace CrewBuilder.Tests.Mcp;

/// <summary>
/// The MCP server as the official TypeScript MCP SDK's client meets it (tests/api-tools/mcp-journey.mjs, against the
/// self-host on a loopback port). That SDK is what Claude Code, VS Code and the MCP Inspector are built on, and it checks
/// every answer against the protocol's own schemas, which the C# client of <see cref="McpServerTests"/> does not.
/// </summary>
public sealed class McpTypeScriptClientTests(ApiTokenWorld world, ITestOutputHelper output) : IClassFixture<ApiTokenWorld>
{
    [Fact]
    public async Task The_typescript_sdk_walks_a_generation_from_its_forecast_to_its_project_files()
    {
        var start = ApiTools.ScriptStartInfo("mcp-journey.mjs", new Uri(world.BaseAddress, $"/{ApiRoutes.Prefix}/{ApiRoutes.Mcp}").ToString());
        start.Environment["CREWBUILDER_TOKEN"] = world.FullToken;

        var (exitCode, text, errors) = await ApiTools.RunAsync("mcp-journey.mjs", start);

        Assert.DoesNotContain(world.FullToken, text + errors, StringComparison.Ordinal);
        output.WriteLine(text);
        output.WriteLine(errors);
        Assert.True(exitCode == 0, $"The TypeScript MCP client exited with {exitCode}:\n{errors}");
        var journey = JsonDocument.Parse(text).RootElement;
        Assert.Equal("crewbuilder", journey.GetProperty("server").GetProperty("name").GetString());
        Assert.Equal(journey.GetProperty("latestProtocolVersion").GetString(), journey.GetProperty("protocolVersion").GetString());
        Assert.Equal(["forecast_generation", "generate_crew", "get_generation", "list_generations", "read_project_file"], Strings(journey.GetProperty("tools")));
        Assert.Equal(
            ["crewbuilder://generations/{id}/files/{+path}", "crewbuilder://generations/{id}/project.zip"], Strings(journey.GetProperty("resourceTemplates")));

        var forecast = journey.GetProperty("forecast");
        Assert.False(forecast.GetProperty("isError").GetBoolean());
        Assert.True(forecast.GetProperty("estimate").GetProperty("inputTokens").GetInt64() > 0);

        var generated = journey.GetProperty("generated");
        var id = generated.GetProperty("id").GetString()!;
        Assert.False(generated.GetProperty("isError").GetBoolean());
        Assert.Equal("completed", generated.GetProperty("status").GetString());
        Assert.Contains($"crewbuilder://generations/{id}/project.zip", Strings(generated.GetProperty("links")));
        var progress = journey.GetProperty("progress").EnumerateArray().ToList();
        Assert.True(progress.Count >= 2, $"Expected progress while the generation ran, got {progress.Count} notifications.");
        Assert.All(progress, value => Assert.Equal(100, value.GetProperty("total").GetInt32()));
        var done = progress.Select(value => value.GetProperty("progress").GetDouble()).ToList();
        Assert.Equal(done.Order(), done);

        Assert.Equal(id, journey.GetProperty("fetched").GetProperty("id").GetString());
        Assert.Equal("completed", journey.GetProperty("fetched").GetProperty("status").GetString());
        Assert.Contains(id, Strings(journey.GetProperty("listedIds")));
        var readme = journey.GetProperty("readmeByTool").GetString()!;
        Assert.StartsWith("#", readme, StringComparison.Ordinal);
        Assert.Equal(readme, journey.GetProperty("readmeByResource").GetProperty("text").GetString());
        Assert.Equal("text/plain", journey.GetProperty("readmeByResource").GetProperty("mimeType").GetString());
        Assert.True(journey.GetProperty("zip").GetProperty("startsLikeAZip").GetBoolean());
        Assert.Equal("application/zip", journey.GetProperty("zip").GetProperty("mimeType").GetString());
        Assert.True(journey.GetProperty("missing").GetProperty("isError").GetBoolean());
        Assert.NotEmpty(journey.GetProperty("missing").GetProperty("text").GetString()!);
    }

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString()!)];
}
