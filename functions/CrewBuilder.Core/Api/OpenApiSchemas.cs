using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace CrewBuilder.Core.Api;

/// <summary>
/// The document's component schemas, read from the records the API sends and receives with the API's own JSON options, then
/// made true to the wire: the serializer drops nulls, so a property is required exactly when it can never be null; a request
/// refuses unknown fields and carries the limits its validator checks (<see cref="OpenApiRequestRules"/>); references the
/// exporter makes between parts of one schema are made absolute, so they resolve inside the document.
/// </summary>
internal sealed class OpenApiSchemas(IReadOnlySet<Type> requestTypes)
{
    public const string ProblemSchema = "Problem";

    public JsonObject Components { get; } = [];

    /// <summary>A reference to the component schema of <paramref name="type"/>, adding it on first use.</summary>
    public JsonObject Reference(Type type)
    {
        if (type == typeof(JsonObject))
        {
            return new JsonObject { ["type"] = "object" };
        }

        var name = type == typeof(ProblemDetails) ? ProblemSchema : type.Name;
        if (!Components.ContainsKey(name))
        {
            Components[name] = type == typeof(ProblemDetails) ? Problem() : Component(type, name);
        }

        return new JsonObject { ["$ref"] = Pointer(name) };
    }

    /// <summary>The inline schema of a parameter's type.</summary>
    public static JsonNode Inline(Type type) => ApiJson.Options.GetJsonSchemaAsNode(type, Exporting(isRequest: false));

    private JsonNode Component(Type type, string name)
    {
        var schema = ApiJson.Options.GetJsonSchemaAsNode(type, Exporting(requestTypes.Contains(type)));
        MakeReferencesAbsolute(schema, Pointer(name));
        if (OpenApiRequestRules.Combinations.TryGetValue(type, out var combination))
        {
            foreach (var (keyword, value) in combination)
            {
                schema[keyword] = value!.DeepClone();
            }
        }

        return schema;
    }

    private static JsonSchemaExporterOptions Exporting(bool isRequest) => new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = (context, node) => node is JsonObject schema ? Describe(context, schema, isRequest) : node,
    };

    private static JsonObject Describe(JsonSchemaExporterContext context, JsonObject schema, bool isRequest)
    {
        if (context.PropertyInfo is { } property && OpenApiRequestRules.Limits(property) is { } limits)
        {
            foreach (var (keyword, value) in limits)
            {
                schema[keyword] = value!.DeepClone();
            }

            if (schema["enum"] is JsonArray values && AdmitsNull(schema))
            {
                values.Add(null);
            }
        }

        if (context.TypeInfo.Kind == JsonTypeInfoKind.Enumerable && !schema.ContainsKey("items") && !schema.ContainsKey("$ref"))
        {
            schema["items"] = new JsonObject { ["description"] = "Any JSON value." };
        }

        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && context.TypeInfo.Properties.Count > 0 && !schema.ContainsKey("$ref"))
        {
            schema.Remove("required");
            var required = isRequest
                ? OpenApiRequestRules.Required(context.TypeInfo.Type)
                : context.TypeInfo.Properties.Where(p => !CanBeNull(p)).Select(p => p.Name);
            if (required.ToArray() is { Length: > 0 } names)
            {
                schema["required"] = new JsonArray([.. names.Select(n => JsonValue.Create(n))]);
            }

            if (isRequest && OpenApiRequestRules.RefusesUnknownFields(context.TypeInfo.Type))
            {
                schema["additionalProperties"] = false;
            }
        }

        return schema;
    }

    /// <summary>Whether the serializer can meet null here, and so leave the property out.</summary>
    private static bool CanBeNull(JsonPropertyInfo property) =>
        Nullable.GetUnderlyingType(property.PropertyType) is not null || !property.PropertyType.IsValueType && property.IsGetNullable;

    private static bool AdmitsNull(JsonObject schema) =>
        schema["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null");

    /// <summary>The exporter points a repeated type at its first occurrence relative to the schema's root; make that the component.</summary>
    private static void MakeReferencesAbsolute(JsonNode? node, string root)
    {
        switch (node)
        {
            case JsonObject schema:
                if (schema["$ref"] is JsonValue reference && reference.GetValue<string>() is var target && target.StartsWith('#')
                    && !target.StartsWith("#/components/", StringComparison.Ordinal))
                {
                    schema["$ref"] = root + target[1..];
                }

                foreach (var (_, child) in schema.ToList())
                {
                    MakeReferencesAbsolute(child, root);
                }

                break;
            case JsonArray items:
                foreach (var child in items)
                {
                    MakeReferencesAbsolute(child, root);
                }

                break;
        }
    }

    private static string Pointer(string name) => $"#/components/schemas/{name}";

    /// <summary>RFC 9457 problem details as <see cref="Problems"/> writes them: all four members always, <c>errors</c> on a 422.</summary>
    private static JsonObject Problem() => new()
    {
        ["type"] = "object",
        ["description"] = "RFC 9457 problem details. `type` is stable for each kind of problem; `detail` says what to do.",
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string", ["format"] = "uri" },
            ["title"] = new JsonObject { ["type"] = "string" },
            ["status"] = new JsonObject { ["type"] = "integer", ["minimum"] = 400, ["maximum"] = 599 },
            ["detail"] = new JsonObject { ["type"] = "string" },
            ["instance"] = new JsonObject { ["type"] = "string" },
            ["errors"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "On a 422: what to change, per field.",
                ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            },
        },
        ["required"] = new JsonArray("type", "title", "status", "detail"),
    };
}
