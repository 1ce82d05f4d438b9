using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>Builds the OpenAPI 3.1 document from <see cref="ApiCatalog"/>, with schemas read from the very records the API sends.</summary>
public static class OpenApiDocument
{
    private static readonly Lazy<string> Json = new(() => Build().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    public static IResult Result() => Results.Text(Json.Value, "application/json");

    public static JsonObject Build()
    {
        var schemas = new JsonObject();
        var paths = new JsonObject();
        foreach (var operation in ApiCatalog.Operations)
        {
            var path = $"/{ApiRoutes.Prefix}/{operation.Route}";
            var item = paths[path] as JsonObject ?? [];
            paths[path] = item;
            item[operation.Method.ToLowerInvariant()] = Operation(operation, schemas);
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "CrewBuilder API",
                ["version"] = HealthEndpoint.Version,
                ["description"] = "Turn a plain-language requirement into a runnable CrewAI project. Authenticate with "
                    + "`Authorization: Bearer …`: an OIDC access token, a personal API token (`cb_…`), or the access token of "
                    + "one anonymous generation (`cbg_…`). Errors are RFC 9457 problem details.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["description"] = "An OIDC JWT, a personal API token (cb_…) or a generation access token (cbg_…).",
                    },
                },
            },
        };
    }

    private static JsonObject Operation(ApiOperation operation, JsonObject schemas)
    {
        var parameters = new JsonArray();
        foreach (var name in RouteParameters(operation.Route))
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        foreach (var query in operation.Query ?? [])
        {
            parameters.Add(new JsonObject
            {
                ["name"] = query.Name, ["in"] = "query", ["required"] = false, ["description"] = query.Description, ["schema"] = SchemaOf(query.Type),
            });
        }

        var responses = new JsonObject();
        foreach (var response in operation.Responses)
        {
            var entry = new JsonObject { ["description"] = response.Description };
            if (response.Body is not null || response.ContentType != "application/json")
            {
                entry["content"] = new JsonObject
                {
                    [response.ContentType] = new JsonObject
                    {
                        ["schema"] = response.Body is null ? new JsonObject { ["type"] = "string", ["format"] = "binary" } : Reference(response.Body, schemas),
                    },
                };
            }

            responses[response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = entry;
        }

        var result = new JsonObject
        {
            ["operationId"] = operation.OperationId,
            ["tags"] = new JsonArray(operation.Tag),
            ["summary"] = operation.Summary,
            ["description"] = operation.Description,
            ["security"] = operation.RequiresAuthentication
                ? new JsonArray(new JsonObject { ["bearer"] = new JsonArray() })
                : new JsonArray(new JsonObject(), new JsonObject { ["bearer"] = new JsonArray() }),
            ["responses"] = responses,
        };
        if (parameters.Count > 0)
        {
            result["parameters"] = parameters;
        }

        if (operation.RequestBody is not null)
        {
            result["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Reference(operation.RequestBody, schemas) } },
            };
        }

        return result;
    }

    private static JsonObject Reference(Type type, JsonObject schemas)
    {
        if (!schemas.ContainsKey(type.Name))
        {
            schemas[type.Name] = SchemaOf(type);
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" };
    }

    private static JsonNode SchemaOf(Type type) =>
        ApiJson.Options.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });

    private static IEnumerable<string> RouteParameters(string route) =>
        route.Split('/').Where(segment => segment.StartsWith('{')).Select(segment => segment.Trim('{', '}'));
}
