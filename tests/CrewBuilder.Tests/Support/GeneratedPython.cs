using System.Diagnostics;
using CrewBuilder.Core.Generation;

namespace CrewBuilder.Tests.Support;

/// <summary>Writes a generated project to a temporary folder and runs python3 in it: its tool tests, a compile, a script.</summary>
public static class GeneratedPython
{
    /// <summary>
    /// Runs the project's own tool tests (tests/test_tools.py) with python3, as its README says, without crewai: every tool
    /// with its settings unset, every API tool against a local server, the knowledge search. Returns how many ran.
    /// </summary>
    public static int AssertToolTestsPass(GeneratedProject project)
    {
        var (output, report) = AssertRuns(project, ["-m", "unittest", "discover", "-s", "tests", "-t", ".", "-p", "test_tools.py", "-v"]);
        var ran = System.Text.RegularExpressions.Regex.Match(report, @"Ran (\d+) tests?"); // unittest reports on standard error
        Assert.True(ran.Success, output + report);
        return int.Parse(ran.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void AssertCompiles(GeneratedProject project) =>
        AssertRuns(project, ["-m", "py_compile", .. project.Files.Where(f => f.Path.EndsWith(".py", StringComparison.Ordinal)).Select(f => f.Path)]);

    /// <summary>Runs python3 with <paramref name="arguments"/> in the written-out project and returns what it printed.</summary>
    public static (string Output, string Errors) AssertRuns(
        GeneratedProject project, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var folder = WriteOut(project);
        try
        {
            var start = new ProcessStartInfo("python3") { WorkingDirectory = folder.FullName, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, output + errors.Result);
            return (output, errors.Result);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static DirectoryInfo WriteOut(GeneratedProject project)
    {
        var folder = Directory.CreateTempSubdirectory("crew-");
        foreach (var file in project.Files)
        {
            var path = Path.Combine(folder.FullName, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }

        return folder;
    }
}
