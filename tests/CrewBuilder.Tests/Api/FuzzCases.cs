using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrewBuilder.Tests.Api;

/// <summary>One request the fuzzer sends: the path exactly as written (escapes and dot segments kept), and what it is, for the report.</summary>
public sealed record FuzzCase(string Method, string Path, byte[]? Body, string? ContentType, string? Authorization, string Label)
{
    /// <summary>Headers that vouch for the body (a webhook's signature), so checks behind them are reached too.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>What the fuzzer knows of the world it talks to: a real value for each path parameter, and who may call.</summary>
/// <param name="PathValues">A real value for a path parameter, by the segment before it (<c>generations</c> → a generation id).</param>
/// <param name="Callers">Authorization headers of real callers, by a label that is safe to print (never the token).</param>
/// <param name="BodySignatures">Headers that sign a body as a sender the server trusts would (Stripe-Signature), by name.</param>
public sealed record FuzzWorldValues(
    IReadOnlyDictionary<string, string> PathValues, IReadOnlyDictionary<string, string?> Callers, IReadOnlyDictionary<string, Func<byte[], string>> BodySignatures);

/// <summary>
/// Requests generated from the OpenAPI document the server serves: every operation's path, query and body parameters
/// filled with right values, then one thing at a time made wrong (types, missing and extra fields, nulls, odd and huge
/// strings, deep nesting, invalid JSON, other content types, odd path segments, odd bearer tokens), then random mixes
/// of those from a fixed seed. The document is read generically, so the cases follow it as it grows.
/// </summary>
public sealed class FuzzCases(JsonElement document, FuzzWorldValues world, int seed)
{
    private const string Sentence = "A crew that triages our support inbox and drafts replies for the support team.";

    private static readonly string[] OddSegments =
    [
        "..", ".", "%2e", "%2e%2e", "%2E%2E%2F%2E%2E", "%00", "a%00b", "%2F", "%252e", "%20", "%FF", "%C3%BC%E5%90%8D%F0%9F%99%82",
        "null", "-1", "0", new string('0', 32), new string('f', 32), new string('a', 3000), "%7Bid%7D", "a;b", "%3F%23", "~", "con", "*",
    ];

    private static readonly string[] OddQueryValues =
        ["", "abc", "-1", "0", "1.5", "99999999999999999999", "%00", "%C3%BC", new string('9', 2000), "true", "%5B%5D", "a%26b%3Dc"];

    private static readonly string[] OddStrings =
    [
        "", " ", "ü名🙂 مرحبا", "\u0000\u0001\u001f\u007f", "\u202eevil", "<script>alert(1)</script>", "'; DROP TABLE t; --",
        "../../etc/passwd", "%00", "\r\nX-Injected: 1", "https://evil.example/", "a", new string('x', 10_001), new string('é', 36_000),
    ];

    private static readonly string[] InvalidJson =
    [
        "", "{", "}", "not json", "{\"a\":}", "{\"a\":1,}", "[", "null", "[]", "1", "\"text\"", "true", "{\"a\":1}{\"b\":2}",
        "\uFEFF{}", "{\"x\":\"\\ud800\"}", "{\"a\":NaN}", "{\"a\":1e999}", "{'a':1}", "{\"a\":1,\"a\":2}",
        new string('[', 10_000) + new string(']', 10_000), string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200),
    ];

    private static readonly string?[] OtherContentTypes =
    [
        "text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
        null, "application/json; charset=latin1", "text/json", "application/json; charset=utf-8; x=\"", "*/*",
    ];

    private static readonly string[] OddAuthorizations =
    [
        "Bearer a.b.c", "Bearer cb_x", "Bearer cbg_x", "Bearer cb_", "Bearer cbg_" + new string('0', 64), "Bearer cb_aaaa.bbbb", "Bearer ",
        "Bearer", "Basic dXNlcjpwYXNz", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Bearer a.b.c.d.e", "Bearer " + new string('a', 8000),
        "Bearer ü.ß.名", "bearer cb_x", "Bearer \t x", "Negotiate", "Bearer ..", "Bearer e30.e30.e30",
    ];

    private readonly Random random = new(seed);

    public IEnumerable<FuzzCase> All()
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "put" or "post" or "patch" or "delete"))
            {
                foreach (var fuzzCase in CasesOf(path.Name, operation.Name.ToUpperInvariant(), path.Value, operation.Value))
                {
                    yield return fuzzCase;
                }
            }
        }
    }

    private IEnumerable<FuzzCase> CasesOf(string template, string method, JsonElement pathItem, JsonElement operation)
    {
        var parameters = Parameters(pathItem).Concat(Parameters(operation)).ToList();
        var pathParameters = parameters.Where(p => p.In == "path").Select(p => p.Name).ToList();
        var query = parameters.Where(p => p.In == "query").ToList();
        var schema = BodySchema(operation);
        var sample = schema is null ? null : Sample(schema.Value, 0);
        var signedIn = world.Callers.First(c => c.Value is not null);
        var anonymous = world.Callers.First(c => c.Value is null);
        string Url(Dictionary<string, string>? paths = null, string queryString = "") => Fill(template, paths ?? []) + queryString;
        FuzzCase Make(string label, string url, KeyValuePair<string, string?> caller, byte[]? body, string? contentType) =>
            new(method, url, body, contentType, caller.Value, $"{label} as {caller.Key}");
        var sampleBody = sample is null ? null : Encoding.UTF8.GetBytes(sample.ToJsonString());
        var sampleType = sample is null ? null : "application/json";

        foreach (var caller in world.Callers)
        {
            yield return Make("right values", Url(), caller, sampleBody, sampleType);
        }

        foreach (var name in pathParameters)
        {
            foreach (var odd in OddSegments)
            {
                yield return Make($"path {name}={Shorten(odd)}", Url(new() { [name] = odd }), signedIn, sampleBody, sampleType);
            }
        }

        foreach (var parameter in query)
        {
            foreach (var odd in OddQueryValues)
            {
                yield return Make($"query {parameter.Name}={Shorten(odd)}", Url(queryString: $"?{parameter.Name}={odd}"), signedIn, sampleBody, sampleType);
            }
        }

        foreach (var authorization in OddAuthorizations)
        {
            yield return new(method, Url(), sampleBody, sampleType, authorization, $"authorization {Shorten(authorization)}");
        }

        // Where the document says a caller must authenticate, an anonymous body is refused before it is read: once is enough (above).
        var bodyCallers = AdmitsAnonymous(operation) ? new[] { anonymous, signedIn } : [signedIn];
        foreach (var (label, body, contentType) in BodyVariants(schema, sample))
        {
            foreach (var caller in bodyCallers)
            {
                yield return Make(label, Url(), caller, body, contentType);
            }

            foreach (var (header, sign) in world.BodySignatures.Where(_ => AdmitsAnonymous(operation)))
            {
                yield return Make($"{label}, {header} valid", Url(), anonymous, body, contentType) with { Headers = new Dictionary<string, string> { [header] = sign(body) } };
            }
        }

        for (var i = 0; i < 8; i++)
        {
            yield return RandomMix(method, template, pathParameters, query, sample);
        }
    }

    /// <summary>Bodies that are wrong one way at a time; for an operation that takes none, a few it should ignore or refuse.</summary>
    private IEnumerable<(string Label, byte[] Body, string? ContentType)> BodyVariants(JsonElement? schema, JsonNode? sample)
    {
        if (schema is null || sample is not JsonObject right)
        {
            yield return ("unexpected JSON body", Encoding.UTF8.GetBytes("{\"a\":1}"), "application/json");
            yield return ("unexpected text body", Encoding.UTF8.GetBytes("a=1&b=2"), "text/plain");
            yield return ("unexpected invalid JSON body", Encoding.UTF8.GetBytes("{"), "application/json");
            yield break;
        }

        foreach (var (name, propertySchema) in Properties(schema.Value))
        {
            var value = right.ContainsKey(name) ? right[name] : Sample(propertySchema, 1);
            yield return right.ContainsKey(name)
                ? ($"body without {name}", Json(Without(right, name)), "application/json")
                : ($"body with {name}", Json(With(right, name, value)), "application/json");
            foreach (var (label, wrong) in WrongValues(value))
            {
                yield return ($"body {name}={label}", Json(With(right, name, wrong)), "application/json");
            }
        }

        yield return ("body with an unknown field", Json(With(right, "unexpectedField", "x")), "application/json");
        yield return ("body of 70 KB", Json(With(right, "padding", new string('x', 70_000))), "application/json");
        yield return ("empty object", Encoding.UTF8.GetBytes("{}"), "application/json");
        foreach (var raw in InvalidJson)
        {
            yield return ($"invalid JSON {Shorten(raw)}", Encoding.UTF8.GetBytes(raw), "application/json");
        }

        yield return ("bytes that are not UTF-8", [0xFF, 0xFE, 0x7B, 0x00, 0xC3], "application/json");
        foreach (var contentType in OtherContentTypes)
        {
            yield return ($"content type {contentType ?? "(none)"}", Json(right), contentType);
        }
    }

    /// <summary>Values of every other JSON type, null, and odd strings in place of a value.</summary>
    private static IEnumerable<(string Label, JsonNode? Value)> WrongValues(JsonNode? value)
    {
        yield return ("null", null);
        var kind = value?.GetValueKind();
        if (kind != JsonValueKind.Number)
        {
            yield return ("a number", -1.5e300);
        }

        if (kind != JsonValueKind.String)
        {
            yield return ("a string", "x");
        }

        if (kind is not (JsonValueKind.True or JsonValueKind.False))
        {
            yield return ("true", true);
        }

        yield return ("an array", new JsonArray(1, "two", null));
        yield return ("an object", new JsonObject { ["nested"] = new JsonObject { ["deeper"] = new JsonArray() } });
        if (kind == JsonValueKind.String)
        {
            foreach (var odd in OddStrings)
            {
                yield return ($"\"{Shorten(odd)}\"", odd);
            }
        }

        if (kind == JsonValueKind.Number)
        {
            foreach (var number in new double[] { 0, -1, 2_147_483_648, 1e15, 0.5 })
            {
                yield return (number.ToString(System.Globalization.CultureInfo.InvariantCulture), number);
            }
        }

        if (kind == JsonValueKind.Array)
        {
            yield return ("an array of 10,000", new JsonArray([.. Enumerable.Range(0, 10_000).Select(i => (JsonNode)JsonValue.Create("v" + i))]));
        }
    }

    /// <summary>A property-based mix: a random caller, random odd or right path values, query, body and content type.</summary>
    private FuzzCase RandomMix(string method, string template, List<string> pathParameters, List<(string Name, string In)> query, JsonNode? sample)
    {
        var paths = pathParameters.Where(_ => random.Next(3) == 0).ToDictionary(name => name, _ => Pick(OddSegments));
        var queryString = query.Count > 0 && random.Next(2) == 0 ? $"?{Pick(query).Name}={Pick(OddQueryValues)}" : "";
        var callers = world.Callers.Select(c => c.Value).Concat(OddAuthorizations).ToList();
        byte[]? body = null;
        if (sample is JsonObject right && random.Next(4) > 0)
        {
            var mixed = (JsonObject)right.DeepClone();
            foreach (var name in right.Select(p => p.Key).Where(_ => random.Next(3) == 0))
            {
                var wrong = WrongValues(right[name]).ToList();
                mixed[name] = Pick(wrong).Value?.DeepClone();
            }

            body = Json(mixed);
        }
        else if (random.Next(2) == 0)
        {
            body = Encoding.UTF8.GetBytes(Pick(InvalidJson));
        }

        var contentType = random.Next(5) == 0 ? Pick(OtherContentTypes) : body is null ? null : "application/json";
        return new(method, Fill(template, paths) + queryString, body, contentType, Pick(callers), "random mix");
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>The template with each <c>{name}</c> (or catch-all <c>{*name}</c>) filled: given, or the real value the world has.</summary>
    private string Fill(string template, Dictionary<string, string> given)
    {
        var segments = template.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i] is ['{', .., '}'])
            {
                var name = segments[i].Trim('{', '}', '*');
                segments[i] = given.TryGetValue(name, out var value) || given.TryGetValue("*" + name, out value)
                    ? value
                    : world.PathValues.GetValueOrDefault(i > 0 ? segments[i - 1] : "", "x");
            }
        }

        return string.Join('/', segments);
    }

    /// <summary>An operation with no security requirements (none given, <c>[]</c>, or an empty one among them) may be called anonymously.</summary>
    private static bool AdmitsAnonymous(JsonElement operation) =>
        !operation.TryGetProperty("security", out var security) || security.GetArrayLength() == 0
        || security.EnumerateArray().Any(requirement => !requirement.EnumerateObject().Any());

    private static IEnumerable<(string Name, string In)> Parameters(JsonElement owner) =>
        owner.TryGetProperty("parameters", out var list)
            ? list.EnumerateArray().Select(p => (p.GetProperty("name").GetString()!.TrimStart('*'), p.GetProperty("in").GetString()!))
            : [];

    private JsonElement? BodySchema(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content)
            && content.EnumerateObject().FirstOrDefault(c => c.Name.Contains("json", StringComparison.Ordinal)) is { Value.ValueKind: JsonValueKind.Object } json
            && json.Value.TryGetProperty("schema", out var schema)
                ? Resolve(schema)
                : null;

    /// <summary>Follows a local <c>$ref</c> (any JSON pointer into the document).</summary>
    private JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 16 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); hops++)
        {
            var target = document;
            foreach (var part in reference.GetString()!.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!target.TryGetProperty(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out target))
                {
                    return default;
                }
            }

            schema = target;
        }

        return schema;
    }

    /// <summary>A right-looking value for a schema: its first enum value or alternative, else one of its type.</summary>
    private JsonNode? Sample(JsonElement schema, int depth)
    {
        schema = Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object || depth > 6)
        {
            return null;
        }

        if (schema.TryGetProperty("enum", out var values) && values.EnumerateArray().FirstOrDefault(v => v.ValueKind != JsonValueKind.Null) is { ValueKind: not JsonValueKind.Undefined } first)
        {
            return JsonNode.Parse(first.GetRawText());
        }

        foreach (var alternatives in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(alternatives, out var options))
            {
                return options.EnumerateArray().Select(option => Sample(option, depth + 1)).FirstOrDefault(value => value is not null);
            }
        }

        return TypeOf(schema) switch
        {
            "string" => StringSample(schema),
            "integer" => schema.TryGetProperty("minimum", out var minimum) ? minimum.GetDouble() : 1,
            "number" => 1.5,
            "boolean" => true,
            "array" => new JsonArray(schema.TryGetProperty("items", out var items) && Sample(items, depth + 1) is { } item ? [item] : []),
            "object" or null when schema.TryGetProperty("properties", out _) =>
                new JsonObject(Properties(schema).Where(p => IsRequired(schema, p.Name)).Select(p => KeyValuePair.Create(p.Name, Sample(p.Schema, depth + 1)))
                    .Where(p => p.Value is not null)),
            "object" => new JsonObject(),
            _ => null,
        };
    }

    private IEnumerable<(string Name, JsonElement Schema)> Properties(JsonElement schema) =>
        Resolve(schema) is { ValueKind: JsonValueKind.Object } resolved && resolved.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => (p.Name, p.Value))
            : [];

    /// <summary>A right value has the required properties only (all of them where none are listed); each optional one is added on its own.</summary>
    private static bool IsRequired(JsonElement schema, string name) =>
        !schema.TryGetProperty("required", out var required) || required.EnumerateArray().Any(r => r.GetString() == name);

    private static string? TypeOf(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? null
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null")
            : type.GetString();

    private static string StringSample(JsonElement schema)
    {
        var text = schema.TryGetProperty("format", out var format) && format.GetString() is "uri" ? "https://fuzz.vault.azure.net/" : Sentence;
        if (schema.TryGetProperty("maxLength", out var max) && max.GetInt32() < text.Length)
        {
            text = text[..max.GetInt32()];
        }

        return schema.TryGetProperty("minLength", out var min) && min.GetInt32() > text.Length ? text.PadRight(min.GetInt32(), 'x') : text;
    }

    private static JsonObject Without(JsonObject right, string name)
    {
        var copy = (JsonObject)right.DeepClone();
        copy.Remove(name);
        return copy;
    }

    private static JsonObject With(JsonObject right, string name, JsonNode? value)
    {
        var copy = (JsonObject)right.DeepClone();
        copy[name] = value?.DeepClone();
        return copy;
    }

    private static byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private static string Shorten(string text) =>
        (text.Length > 24 ? $"{text[..16]}…({text.Length})" : text).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
