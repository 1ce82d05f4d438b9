using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CrewBuilder.Core.Api;

/// <summary>Builds the OpenAPI 3.1 document from <see cref="ApiCatalog"/>, with schemas read from the very records the API sends.</summary>
public static partial class OpenApiDocument
{
    private static readonly Lazy<string> Json = new(() => Build().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    private static readonly ApiHeader WwwAuthenticate = new("WWW-Authenticate", "`Bearer`, or `Bearer error=\"invalid_token\"` when the token sent was refused.");
    private static readonly ApiHeader RetryAfter = new("Retry-After", "Seconds to wait before trying again.");

    public static IResult Result() => Results.Text(Json.Value, "application/json");

    public static JsonObject Build()
    {
        var schemas = new OpenApiSchemas(ApiCatalog.Operations.Select(o => o.RequestBody).OfType<Type>().ToHashSet());
        var paths = new JsonObject();
        foreach (var operation in ApiCatalog.Operations)
        {
            var path = $"/{ApiRoutes.Prefix}/{PathTemplate(operation.Route)}";
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
                    + "one anonymous generation (`cbg_…`). Errors are RFC 9457 problem details. Request bodies are JSON "
                    + "(`application/json`); fields a request does not name are refused.",
                ["contact"] = new JsonObject { ["name"] = "CrewBuilder", ["url"] = "https://crewbuilder.dev" },
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
            ["tags"] = new JsonArray([.. ApiCatalog.Tags.Select(tag => new JsonObject { ["name"] = tag.Key, ["description"] = tag.Value })]),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas.Components,
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

    private static JsonObject Operation(ApiOperation operation, OpenApiSchemas schemas)
    {
        var result = new JsonObject
        {
            ["operationId"] = operation.OperationId,
            ["tags"] = new JsonArray(operation.Tag),
            ["summary"] = operation.Summary,
            ["description"] = operation.Description,
            ["security"] = Security(operation.Auth),
        };
        if (Parameters(operation) is { Count: > 0 } parameters)
        {
            result["parameters"] = parameters;
        }

        if (operation.RequestBody is { } body)
        {
            result["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schemas.Reference(body) } },
            };
        }

        result["responses"] = Responses(operation, schemas);
        return result;
    }

    /// <summary>An operation that never reads credentials has none; one that admits anonymous callers also allows no token.</summary>
    private static JsonArray Security(ApiAuth auth) => auth switch
    {
        ApiAuth.Required => new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
        ApiAuth.Optional => new JsonArray(new JsonObject(), new JsonObject { ["bearer"] = new JsonArray() }),
        _ => [],
    };

    private static JsonArray Parameters(ApiOperation operation)
    {
        var parameters = new JsonArray();
        foreach (var name in RouteParameters(operation.Route))
        {
            parameters.Add(new JsonObject
            {
                ["name"] = name, ["in"] = "path", ["required"] = true, ["description"] = PathParameterDescription(operation.Route, name),
                ["schema"] = new JsonObject { ["type"] = "string" },
            });
        }

        foreach (var query in operation.Query ?? [])
        {
            var schema = OpenApiSchemas.Inline(query.Type).AsObject();
            Set(schema, "minimum", query.Minimum);
            Set(schema, "maximum", query.Maximum);
            Set(schema, "default", query.Default);
            if (query.Format is not null)
            {
                schema["format"] = query.Format;
            }

            parameters.Add(new JsonObject { ["name"] = query.Name, ["in"] = "query", ["required"] = false, ["description"] = query.Description, ["schema"] = schema });
        }

        foreach (var header in operation.RequestHeaders ?? [])
        {
            parameters.Add(new JsonObject
            {
                ["name"] = header.Name, ["in"] = "header", ["required"] = true, ["description"] = header.Description, ["schema"] = new JsonObject { ["type"] = "string" },
            });
        }

        return parameters;
    }

    /// <summary>
    /// The operation's own responses and those it shares with every operation of its kind; where both name a status, both
    /// descriptions hold. Every 401 challenges and every 429 says when to retry.
    /// </summary>
    private static JsonObject Responses(ApiOperation operation, OpenApiSchemas schemas)
    {
        var responses = new JsonObject();
        foreach (var status in operation.Responses.Concat(SharedResponses(operation)).GroupBy(r => r.Status).OrderBy(g => g.Key))
        {
            var first = status.First();
            var entry = new JsonObject { ["description"] = string.Join(" ", status.Select(r => r.Description)) };
            var headers = status.SelectMany(r => r.Headers ?? []).Concat(HeadersOf(status.Key)).DistinctBy(h => h.Name).ToList();
            if (headers.Count > 0)
            {
                entry["headers"] = new JsonObject(headers.Select(h => KeyValuePair.Create<string, JsonNode?>(h.Name, new JsonObject
                {
                    ["description"] = h.Description, ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" },
                })));
            }

            if (first.Body is not null || first.ContentType != "application/json")
            {
                entry["content"] = new JsonObject
                {
                    [first.ContentType] = new JsonObject
                    {
                        ["schema"] = first.Body is null ? new JsonObject { ["type"] = "string", ["format"] = "binary" } : schemas.Reference(first.Body),
                    },
                };
            }

            responses[status.Key.ToString(CultureInfo.InvariantCulture)] = entry;
        }

        return responses;
    }

    /// <summary>What every operation that reads credentials, or a body, can answer, whatever else it does.</summary>
    private static IEnumerable<ApiResponse> SharedResponses(ApiOperation operation)
    {
        if (operation.Auth != ApiAuth.None)
        {
            yield return Problem(401, operation.Auth == ApiAuth.Required ? "No bearer token, or one that was not accepted." : "A bearer token was sent and not accepted.");
            yield return Problem(429, "Too many failed authentications from this address.");
        }

        if (operation.RequestBody is not null)
        {
            yield return Problem(400, "The body is not a JSON object this endpoint accepts (fields it does not name are refused).");
            yield return Problem(413, $"The body is too large: at most {RequestBody.MaxBytes / 1024} KiB (the Stripe webhook takes more).");
            yield return Problem(415, "The body is not sent as `application/json` (or another `+json` type).");
        }
    }

    private static IEnumerable<ApiHeader> HeadersOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => [WwwAuthenticate],
        StatusCodes.Status429TooManyRequests => [RetryAfter],
        _ => [],
    };

    private static ApiResponse Problem(int status, string description) => new(status, description, typeof(ProblemDetails), "application/problem+json");

    private static string PathParameterDescription(string route, string name) => name switch
    {
        _ when route.Contains($"{{*{name}}}", StringComparison.Ordinal) =>
            "The file's path in the project, as the generation lists it (e.g. `src/pkg/crew.py`). Percent-encode its slashes "
            + "(`src%2Fpkg%2Fcrew.py`); the server also accepts them unencoded.",
        "orgId" => "The organisation's id.",
        "userId" => "The member's user id.",
        "provider" => $"Whose key: {string.Join(" or ", Keys.Providers.All.Select(p => $"`{p}`"))}.",
        _ => "The id, as the API answered it.",
    };

    /// <summary>The route as an OpenAPI path: a catch-all <c>{*path}</c> is the parameter <c>{path}</c>.</summary>
    private static string PathTemplate(string route) => CatchAll().Replace(route, "{$1}");

    private static IEnumerable<string> RouteParameters(string route) =>
        PathTemplate(route).Split('/').Where(segment => segment.StartsWith('{')).Select(segment => segment.Trim('{', '}'));

    private static void Set(JsonObject schema, string keyword, int? value)
    {
        if (value is not null)
        {
            schema[keyword] = value;
        }
    }

    [GeneratedRegex(@"\{\*(\w+)\}")]
    private static partial Regex CatchAll();
}
