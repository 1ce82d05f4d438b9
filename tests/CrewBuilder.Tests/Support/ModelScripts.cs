using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// What the stand-in model answers: one script per requirement kept under test (Generation/Scripts/*.json), each a
/// marker found in its requirement and the JSON answer of every step (an array answers successive calls in turn).
/// </summary>
/// <summary>
/// <paramref name="Imperfect"/>: answers as a competent but careless model gives them (names spelled differently where
/// they are referenced, repeated entries, quoted variable names), which the generation must read as meant.
/// </summary>
public sealed record ModelScript(string Name, string Marker, string Requirement, JsonObject Answers, bool Imperfect = false)
{
    public string Answer(string? step, int call)
    {
        var answer = step is null ? null : Answers[step];
        return answer switch
        {
            JsonArray sequence => sequence[Math.Min(call, sequence.Count) - 1]!.ToJsonString(),
            JsonNode single => single.ToJsonString(),
            null => "{}",
        };
    }
}

/// <summary>
/// What a request's input asks about: the systems to assess or the tools to write (a step asked in parts names one),
/// and how many review findings it asks to fix.
/// </summary>
public sealed record AskedDetails(IReadOnlyList<string> Systems, IReadOnlyList<string> Tools, int Findings)
{
    /// <summary>The part of its step the request asks for, when it does not fix findings.</summary>
    public string Part => Findings > 0 ? "" : string.Join(',', Systems.Concat(Tools));
}

public static class ModelScripts
{
    private static readonly Lazy<IReadOnlyList<ModelScript>> Loaded = new(() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Generation", "Scripts"), "*.json").Order().Select(path =>
        {
            var script = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            return new ModelScript(
                Path.GetFileNameWithoutExtension(path), (string)script["marker"]!, (string)script["requirement"]!, script["answers"]!.AsObject(),
                (bool?)script["imperfect"] ?? false);
        })]);

    public static IReadOnlyList<ModelScript> All => Loaded.Value;

    /// <summary>The five scripted requirements (all but the default one and the imperfect one).</summary>
    public static IEnumerable<ModelScript> Requirements => All.Where(script => script.Marker.Length > 0 && !script.Imperfect);

    /// <summary>Answers of a careless model, for the generation to read as meant.</summary>
    public static ModelScript Imperfect => All.Single(script => script.Imperfect);

    public static ModelScript Default => All.Single(script => script.Marker.Length == 0);

    public static ModelScript For(string request) =>
        All.FirstOrDefault(script => script.Marker.Length > 0 && request.Contains(script.Marker, StringComparison.Ordinal)) ?? Default;

    /// <summary>The details of the workflow's input in a chat or message request, null for a step whose input has none.</summary>
    public static AskedDetails? AskedOf(string request)
    {
        var input = Strings(JsonNode.Parse(request)).FirstOrDefault(text => text.StartsWith("{\"requirement\"", StringComparison.Ordinal));
        // A re-ask appends what was wrong after the input's line.
        if (input is null || JsonNode.Parse(input.Split('\n')[0])?["details"] is not JsonObject details)
        {
            return null;
        }

        return new AskedDetails(
            [.. (details["systems"] as JsonArray ?? []).Select(system => (string)system!)],
            [.. (details["tools"] as JsonArray ?? []).Select(tool => (string)tool!["Name"]!)],
            (details["findings"] as JsonArray)?.Count ?? 0);
    }

    /// <summary>A scripted answer cut down to the systems or tools the request asked about, as a model answers what it is asked.</summary>
    public static string Narrowed(string answer, AskedDetails? asked)
    {
        if (asked is null || JsonNode.Parse(answer) is not JsonObject narrowed)
        {
            return answer;
        }

        Keep(narrowed, "integrations", asked.Systems);
        Keep(narrowed, "tools", asked.Tools);
        return narrowed.ToJsonString();
    }

    private static void Keep(JsonObject answer, string property, IReadOnlyList<string> names)
    {
        if (names.Count > 0 && answer[property] is JsonArray entries)
        {
            answer[property] = new JsonArray([.. entries.Where(entry => names.Any(name => Same((string)entry!["name"]!, name))).Select(entry => entry!.DeepClone())]);
        }
    }

    /// <summary>Names as a careless model spells them ("Stripe-Payouts" for stripe_payouts) are the same name.</summary>
    private static bool Same(string one, string other) => Plain(one) == Plain(other);

    private static string Plain(string name) => new([.. name.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(property => Strings(property.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        _ => [],
    };

    public static string? StepOf(string request)
    {
        var at = request.IndexOf("[step:", StringComparison.Ordinal);
        return at < 0 ? null : request[(at + 6)..request.IndexOf(']', at)];
    }
}
