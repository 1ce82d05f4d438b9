using System.Diagnostics;

namespace CrewBuilder.Tests.Support;

/// <summary>The third-party OpenAPI tools of tests/api-tools (Redocly, Spectral, Prism), installed by scripts/test.sh.</summary>
public static class ApiTools
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static string Folder { get; } = RepositoryPaths.Of("tests", "api-tools");

    public static string Executable(string name)
    {
        var path = Path.Combine(Folder, "node_modules", ".bin", name);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{name} is not installed at {path}: run 'npm ci' in tests/api-tools (scripts/test.sh does).");
    }

    public static ProcessStartInfo StartInfo(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable(name))
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        return start;
    }

    /// <summary>Runs a tool to its end: exit code, and what it wrote to stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string name, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(name, arguments)) ?? throw new InvalidOperationException($"{name} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{name} did not finish in {Patience}.");
        }

        return (process.ExitCode, await output, await errors);
    }
}
