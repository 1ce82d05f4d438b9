using System.Diagnostics;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Gate;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// The gate's local adapter on the stand-in crewai of tests/CrewBuilder.Tests/Gate/standin-crewai (CI cannot install
/// crewai), with a python3 that has what the generated tests need (pytest, pydantic, PyYAML): the one on PATH, else
/// Debian's.
/// </summary>
public static class StandInCrewAi
{
    public static string Folder { get; } = RepositoryPaths.Of("tests", "CrewBuilder.Tests", "Gate", "standin-crewai");

    private static readonly Lazy<string?> Interpreter = new(() =>
        new[] { "python3", "/usr/bin/python3" }.FirstOrDefault(python => Imports(python, "import pytest, pydantic, yaml")));

    public static string? Python => Interpreter.Value;

    public const string SkipReason = "no python3 with pytest, pydantic and PyYAML (Debian: python3-pytest python3-pydantic python3-yaml), so the gate did not run";

    public static LocalCrewSandbox Sandbox(TimeSpan? timeLimit = null, bool withCrewAi = true) => new(
        Options.Create(new SandboxOptions { Python = Python, PythonPath = withCrewAi ? Folder : null, TimeLimit = timeLimit ?? TimeSpan.FromMinutes(2) }),
        NullLogger<LocalCrewSandbox>.Instance);

    public static Task<GateResult> GateAsync(GeneratedProject project, LocalCrewSandbox? sandbox = null) =>
        (sandbox ?? Sandbox()).RunAsync(new GateRequest("test", project.PackageName, Core.Generation.Naming.Pascal(project.PackageName), project.Files), CancellationToken.None);

    /// <summary>Runs the gate and asserts it passed, returning its line.</summary>
    public static async Task<string> AssertPassesAsync(GeneratedProject project)
    {
        var result = await GateAsync(project);
        Assert.True(result.Verdict == GateVerdict.Passed, $"{result.Line}\n{string.Join("\n", result.Errors)}");
        return result.Line;
    }

    private static bool Imports(string python, string statement)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(python, ["-c", statement]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

/// <summary>A fact that runs the gate on the stand-in crewai: skipped, with the reason printed, where no python3 can.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GateFactAttribute : FactAttribute
{
    public GateFactAttribute()
    {
        if (StandInCrewAi.Python is null)
        {
            Skip = StandInCrewAi.SkipReason;
        }
    }
}

/// <summary>A theory that runs the gate on the stand-in crewai: skipped, with the reason printed, where no python3 can.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GateTheoryAttribute : TheoryAttribute
{
    public GateTheoryAttribute()
    {
        if (StandInCrewAi.Python is null)
        {
            Skip = StandInCrewAi.SkipReason;
        }
    }
}
