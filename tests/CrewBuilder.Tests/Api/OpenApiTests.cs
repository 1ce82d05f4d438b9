using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Api;

public sealed partial class OpenApiTests(SelfHostFactory app) : IClassFixture<SelfHostFactory>
{
    private static readonly string[] BodyStatuses = ["400", "413", "415"];

    [Fact]
    public async Task The_document_describes_exactly_the_routes_the_functions_app_serves()
    {
        var document = await DocumentAsync();

        var described = new SortedSet<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                described.Add($"{method.Name.ToUpperInvariant()} {path.Name.TrimStart('/')}");
            }
        }

        // A route's catch-all {*path} is the OpenAPI path parameter {path}; another protocol's routes (MCP) are not the document's.
        var rest = RouteParityTests.FunctionsRoutes()
            .Where(route => !ApiRoutes.OutsideTheOpenApiDocument.Any(other => route.EndsWith($" {ApiRoutes.Prefix}/{other}", StringComparison.Ordinal)));
        Assert.Equal(new SortedSet<string>(rest.Select(route => CatchAll().Replace(route, "{$1}"))), described);
    }

    [Fact]
    public async Task The_document_is_openapi_3_1_with_schemas_for_every_referenced_type()
    {
        var document = await DocumentAsync();
        var text = document.GetRawText();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        Assert.Equal("3.1.0", document.GetProperty("openapi").GetString());
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        foreach (var reference in Regex.Matches(text, "\"\\$ref\": \"(#[^\"]*)\"").Select(m => m.Groups[1].Value).Distinct())
        {
            Assert.True(Resolve(document, reference) is not null, $"{reference} is referenced but does not resolve in the document.");
        }

        var createGeneration = schemas.GetProperty(nameof(CreateGenerationRequest)).GetProperty("properties");
        Assert.True(createGeneration.TryGetProperty("requirement", out _));
        var view = schemas.GetProperty("GenerationView").GetProperty("properties");
        Assert.Contains("completed", view.GetProperty("status").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_schemas_refuse_unknown_fields_and_state_the_validators_limits()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        var create = schemas.GetProperty(nameof(CreateGenerationRequest));
        Assert.False(create.GetProperty("additionalProperties").GetBoolean());
        Assert.False(create.TryGetProperty("required", out _)); // a template, chat or parent stands in for the requirement
        var requirement = create.GetProperty("properties").GetProperty("requirement");
        Assert.Equal(RequirementRule.MinLength, requirement.GetProperty("minLength").GetInt32());
        Assert.Equal(RequirementRule.MaxLength, requirement.GetProperty("maxLength").GetInt32());
        Assert.Equal(4, create.GetProperty("oneOf").GetArrayLength());

        var stars = schemas.GetProperty(nameof(CrewBuilder.Core.Generation.RateGenerationRequest)).GetProperty("properties").GetProperty("stars");
        Assert.Equal((1, 5), (stars.GetProperty("minimum").GetInt32(), stars.GetProperty("maximum").GetInt32()));
        var saveKey = schemas.GetProperty(nameof(SaveKeyRequest));
        Assert.Equal(["encryptedKey", "key"], saveKey.GetProperty("oneOf").EnumerateArray().Select(o => o.GetProperty("required")[0].GetString()));
    }

    [Fact]
    public async Task Every_body_route_answers_400_413_and_415_and_every_route_that_reads_credentials_401_and_429()
    {
        foreach (var (name, operation) in Operations(await DocumentAsync()))
        {
            var responses = operation.GetProperty("responses");
            if (operation.TryGetProperty("requestBody", out _))
            {
                Assert.All(BodyStatuses, status => Assert.True(responses.TryGetProperty(status, out _), $"{name} lacks {status}"));
            }

            if (operation.GetProperty("security").GetArrayLength() > 0)
            {
                Assert.True(responses.GetProperty("401").GetProperty("headers").TryGetProperty("WWW-Authenticate", out _), $"{name}: 401 without its challenge");
                Assert.True(responses.GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _), $"{name}: 429 without Retry-After");
            }
        }
    }

    /// <summary>The serializer drops nulls, so what the document calls required must be in every real answer.</summary>
    [Theory]
    [InlineData("/api/health", "getHealth")]
    [InlineData("/api/status", "getStatus")]
    [InlineData("/api/auth/config", "getAuthConfig")]
    [InlineData("/api/billing/plans", "listPlans")]
    [InlineData("/api/templates", "listTemplates")]
    [InlineData("/api/settings/api-keys/encryption-key", "getKeyEncryptionPublicKey")]
    public async Task Every_required_property_is_in_the_answer(string url, string operationId)
    {
        var document = await DocumentAsync();
        using var response = await app.CreateClient().GetAsync(url);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        var schema = Operations(document).Single(o => o.Operation.GetProperty("operationId").GetString() == operationId).Operation
            .GetProperty("responses").GetProperty(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");

        Assert.Empty(MissingRequired(document, schema, answer, "$"));
    }

    [Fact]
    public async Task Every_required_property_is_in_a_followed_generation()
    {
        var document = await DocumentAsync();
        var client = new GenerationClient(app.CreateClient());
        var accepted = await client.StartAsync();
        await client.WaitForCompletionAsync(accepted.Id);
        using var response = await client.SendAsync(HttpMethod.Get, ApiRoutes.GenerationUrl(accepted.Id), accepted.AccessToken);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Empty(MissingRequired(document, Resolve(document, "#/components/schemas/GenerationView")!.Value, answer, "$"));
    }

    private async Task<JsonElement> DocumentAsync() => await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/openapi.json");

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject().Select(method => ($"{method.Name} {path.Name}", method.Value)));

    /// <summary>Every required property the answer lacks, at any depth, as a path.</summary>
    private static IEnumerable<string> MissingRequired(JsonElement document, JsonElement schema, JsonElement value, string at)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            schema = Resolve(document, reference.GetString()!)!.Value;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray().Select(n => n.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                {
                    yield return $"{at}.{name}";
                }
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject().Where(p => value.TryGetProperty(p.Name, out _)))
                {
                    foreach (var missing in MissingRequired(document, property.Value, value.GetProperty(property.Name), $"{at}.{property.Name}"))
                    {
                        yield return missing;
                    }
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                foreach (var missing in MissingRequired(document, items, item, $"{at}[{index++}]"))
                {
                    yield return missing;
                }
            }
        }
    }

    private static JsonElement? Resolve(JsonElement document, string reference)
    {
        var node = document;
        foreach (var token in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node))
            {
                return null;
            }
        }

        return node;
    }

    [GeneratedRegex(@"\{\*(\w+)\}")]
    private static partial Regex CatchAll();
}
