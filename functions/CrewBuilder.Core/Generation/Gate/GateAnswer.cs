using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrewBuilder.Core.Generation.Gate;

/// <summary>
/// The last line crew_gate.py prints, wherever it ran, and the result it means. A pass needs all three: the crew built,
/// its offline tests ran and passed, the dry run completed; a gate that could not run the tests is not a pass.
/// </summary>
public sealed record GateAnswer(
    [property: JsonPropertyName("crewai")] string? CrewAi,
    [property: JsonPropertyName("stand_in")] bool StandIn,
    [property: JsonPropertyName("built")] bool Built,
    [property: JsonPropertyName("tests")] GateTests? Tests,
    [property: JsonPropertyName("dry_run_seconds")] double? DryRunSeconds,
    [property: JsonPropertyName("errors")] IReadOnlyList<string> Errors)
{
    /// <summary>The answer in a run's output (its last JSON line; the project's own prints may come before it), or null.</summary>
    public static GateAnswer? Find(string output) =>
        output.Split('\n').Select(line => line.Trim()).Reverse().Where(line => line.StartsWith('{') && line.EndsWith('}'))
            .Select(Parse).FirstOrDefault(answer => answer is not null);

    public GateResult Result()
    {
        if (CrewAi is null)
        {
            return GateResult.NotVerified("crewai is not installed where the gate runs");
        }

        var parts = new List<string> { Built ? "crew built" : "crew did not build" };
        if (Tests is { Ran: true } tests)
        {
            parts.Add(tests.Failed > 0 ? $"{tests.Failed} of {tests.Passed + tests.Failed} tests failed" : $"{tests.Passed} tests passed");
        }
        else if (Tests is { } notRun)
        {
            parts.Add($"tests not run ({notRun.Why})");
        }

        if (Built)
        {
            parts.Add(DryRunSeconds is { } seconds ? $"dry run completed in {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s" : "dry run failed");
        }

        var line = string.Join(" · ", parts) + (StandIn ? $" (stand-in crewai {CrewAi})" : $" (crewai {CrewAi})");
        return Errors.Count > 0 ? new GateResult(GateVerdict.Failed, line, Errors)
            : Tests is not { Ran: true } ? new GateResult(GateVerdict.NotVerified, $"not verified here: {line}", [])
            : new GateResult(GateVerdict.Passed, line, []);
    }

    private static GateAnswer? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<GateAnswer>(line) is { Errors: not null } answer ? answer : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record GateTests(
    [property: JsonPropertyName("ran")] bool Ran,
    [property: JsonPropertyName("passed")] int Passed,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("why")] string? Why);
