using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Api;

public sealed class OpenApiTests(SelfHostFactory app) : IClassFixture<SelfHostFactory>
{
    [Fact]
    public async Task The_document_describes_exactly_the_routes_the_functions_app_serves()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/openapi.json");

        var described = new SortedSet<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                described.Add($"{method.Name.ToUpperInvariant()} {path.Name.TrimStart('/')}");
            }
        }

        Assert.Equal(RouteParityTests.FunctionsRoutes(), described);
    }

    [Fact]
    public async Task The_document_is_openapi_3_1_with_schemas_for_every_referenced_type()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/openapi.json");
        var text = document.GetRawText();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        Assert.Equal("3.1.0", document.GetProperty("openapi").GetString());
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        foreach (var reference in System.Text.RegularExpressions.Regex.Matches(text, "#/components/schemas/(\\w+)").Select(m => m.Groups[1].Value).Distinct())
        {
            Assert.True(schemas.TryGetProperty(reference, out _), $"Schema {reference} is referenced but missing.");
        }

        var createGeneration = schemas.GetProperty(nameof(CreateGenerationRequest)).GetProperty("properties");
        Assert.True(createGeneration.TryGetProperty("requirement", out _));
        var view = schemas.GetProperty("GenerationView").GetProperty("properties");
        Assert.Contains("completed", view.GetProperty("status").GetRawText(), StringComparison.Ordinal);
    }
}
