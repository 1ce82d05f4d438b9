using System.Diagnostics;
using CrewBuilder.Core.Generation;

namespace CrewBuilder.Tests.Support;

/// <summary>Writes a generated project to a temporary folder and compiles every Python file with python3 -m py_compile.</summary>
public static class GeneratedPython
{
    /// <summary>
    /// Runs the project's own tool tests (tests/test_tools.py) with python3, as its README says, without crewai: every tool
    /// with its settings unset, every API tool against a local server, the knowledge search. Returns how many ran.
    /// </summary>
    public static int AssertToolTestsPass(GeneratedProject project)
    {
        var folder = WriteOut(project);
        try
        {
            var start = new ProcessStartInfo("python3") { WorkingDirectory = folder.FullName, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "-m", "unittest", "discover", "-s", "tests", "-t", ".", "-p", "test_tools.py", "-v" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var report = process.StandardError.ReadToEnd(); // unittest reports on standard error
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, output.Result + report);
            var ran = System.Text.RegularExpressions.Regex.Match(report, @"Ran (\d+) tests?");
            Assert.True(ran.Success, report);
            return int.Parse(ran.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public static void AssertCompiles(GeneratedProject project)
    {
        var folder = WriteOut(project);
        try
        {
            var start = new ProcessStartInfo("python3") { WorkingDirectory = folder.FullName, RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add("-m");
            start.ArgumentList.Add("py_compile");
            foreach (var path in project.Files.Where(f => f.Path.EndsWith(".py", StringComparison.Ordinal)).Select(f => f.Path))
            {
                start.ArgumentList.Add(path);
            }

            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, output + errors.Result);
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
