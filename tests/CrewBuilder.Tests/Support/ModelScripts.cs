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

    public static string? StepOf(string request)
    {
        var at = request.IndexOf("[step:", StringComparison.Ordinal);
        return at < 0 ? null : request[(at + 6)..request.IndexOf(']', at)];
    }
}
