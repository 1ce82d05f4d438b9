using System.Text.Json;
using CrewBuilder.Tests.Support;
using Xunit.Abstractions;

namespace CrewBuilder.Tests.Api;

/// <summary>The document the server serves, as two standard linters see it; warnings a rule is turned down for are justified in its configuration.</summary>
public sealed class OpenApiLintTests(SelfHostFactory app, ITestOutputHelper output) : IClassFixture<SelfHostFactory>, IDisposable
{
    private readonly string document = Path.Combine(Path.GetTempPath(), $"crewbuilder-openapi-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task Redocly_recommended_finds_no_problem()
    {
        await SaveDocumentAsync();

        var (exitCode, text, errors) = await ApiTools.RunAsync("redocly", "lint", document, "--config", Path.Combine(ApiTools.Folder, "redocly.yaml"), "--format=json");
        output.WriteLine(text);

        Assert.True(exitCode == 0, $"redocly lint exited with {exitCode}:\n{text}\n{errors}");
        var totals = JsonDocument.Parse(text).RootElement.GetProperty("totals");
        Assert.Equal(0, totals.GetProperty("errors").GetInt32());
        Assert.Equal(0, totals.GetProperty("warnings").GetInt32());
    }

    [Fact]
    public async Task Spectral_oas_finds_no_problem()
    {
        await SaveDocumentAsync();

        var (exitCode, text, errors) = await ApiTools.RunAsync(
            "spectral", "lint", document, "--ruleset", Path.Combine(ApiTools.Folder, ".spectral.yaml"), "--format=json", "--fail-severity=hint", "--quiet");
        output.WriteLine(text);

        Assert.True(exitCode == 0, $"spectral lint exited with {exitCode}:\n{text}\n{errors}");
        Assert.Empty(JsonDocument.Parse(text).RootElement.EnumerateArray());
    }

    public void Dispose() => File.Delete(document);

    private async Task SaveDocumentAsync()
    {
        using var response = await app.CreateClient().GetAsync("/api/openapi.json");
        response.EnsureSuccessStatusCode();
        await File.WriteAllTextAsync(document, await response.Content.ReadAsStringAsync());
    }
}
