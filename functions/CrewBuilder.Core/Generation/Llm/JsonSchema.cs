using System.Text.Json.Nodes;

namespace CrewBuilder.Core.Generation.Llm;

/// <summary>
/// Builds the JSON schemas of structured answers in the strict subset both providers accept: every property
/// required, no other properties allowed (optional values are nullable instead).
/// </summary>
internal static class JsonSchema
{
    public static JsonObject Object(params (string Name, JsonObject Schema)[] properties) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject(properties.Select(property => KeyValuePair.Create(property.Name, (JsonNode?)property.Schema))),
        ["required"] = new JsonArray([.. properties.Select(property => (JsonNode)property.Name)]),
        ["additionalProperties"] = false,
    };

    public static JsonObject String(string description) => new() { ["type"] = "string", ["description"] = description };

    public static JsonObject NullableString(string description) => new() { ["type"] = new JsonArray("string", "null"), ["description"] = description };

    public static JsonObject Integer(string description) => new() { ["type"] = "integer", ["description"] = description };

    public static JsonObject Number(string description) => new() { ["type"] = "number", ["description"] = description };

    public static JsonObject Boolean(string description) => new() { ["type"] = "boolean", ["description"] = description };

    public static JsonObject Enum(string description, params string[] values) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(value => (JsonNode)value)]), ["description"] = description };

    public static JsonObject Array(JsonNode items, string description) => new() { ["type"] = "array", ["items"] = items, ["description"] = description };

    public static JsonObject Strings(string description) => Array(new JsonObject { ["type"] = "string" }, description);

    public const string EnvNamePattern = "^[A-Z][A-Z0-9_]{0,63}$";

    public const string IdentifierPattern = "^[a-z][a-z0-9_]{0,39}$";

    /// <summary>Environment variable names, their rule in the schema so the model is told it up front.</summary>
    public static JsonObject EnvNameList(string description) =>
        Array(new JsonObject { ["type"] = "string", ["pattern"] = EnvNamePattern }, description);

    /// <summary>A snake_case name, its rule in the schema; answers are still normalised, as models do not always keep it.</summary>
    public static JsonObject SnakeName(string description) =>
        new() { ["type"] = "string", ["pattern"] = IdentifierPattern, ["description"] = description };

    public static JsonObject Integers(string description) => Array(new JsonObject { ["type"] = "integer" }, description);
}

/// <summary>
/// One structured question to a model: the step it serves (also the answer's schema name), what to do, the input,
/// the JSON schema the answer must satisfy, and the most tokens it may write.
/// </summary>
public sealed record StructuredRequest(string Step, string Instructions, string Input, JsonObject Schema, int MaxTokens = 4096);
