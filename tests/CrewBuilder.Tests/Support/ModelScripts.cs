using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// What the stand-in model answers: one script per requirement kept under test (Generation/Scripts/*.json), each a
/// marker found in its requirement and the JSON answer of every step (an array answers successive calls in turn).
/// </summary>
public sealed record ModelScript(string Name, string Marker, string Requirement, JsonObject Answers)
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
            return new ModelScript(Path.GetFileNameWithoutExtension(path), (string)script["marker"]!, (string)script["requirement"]!, script["answers"]!.AsObject());
        })]);

    public static IReadOnlyList<ModelScript> All => Loaded.Value;

    /// <summary>The five scripted requirements (all but the default one).</summary>
    public static IEnumerable<ModelScript> Requirements => All.Where(script => script.Marker.Length > 0);

    public static ModelScript Default => All.Single(script => script.Marker.Length == 0);

    public static ModelScript For(string request) =>
        Requirements.FirstOrDefault(script => request.Contains(script.Marker, StringComparison.Ordinal)) ?? Default;

    public static string? StepOf(string request)
    {
        var at = request.IndexOf("[step:", StringComparison.Ordinal);
        return at < 0 ? null : request[(at + 6)..request.IndexOf(']', at)];
    }
}
