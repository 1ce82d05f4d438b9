using System.Diagnostics;
using CrewBuilder.Core.Generation;

namespace CrewBuilder.Tests.Support;

/// <summary>Writes a generated project to a temporary folder and compiles every Python file with python3 -m py_compile.</summary>
public static class GeneratedPython
{
    public static void AssertCompiles(GeneratedProject project)
    {
        var folder = Directory.CreateTempSubdirectory("crew-");
        try
        {
            foreach (var file in project.Files)
            {
                var path = Path.Combine(folder.FullName, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Content);
            }

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
}
