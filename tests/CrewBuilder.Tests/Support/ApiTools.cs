using System.Diagnostics;

namespace CrewBuilder.Tests.Support;

/// <summary>The third-party tools of tests/api-tools (Redocly, Spectral, Prism, the TypeScript MCP SDK), installed by scripts/test.sh.</summary>
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

    public static ProcessStartInfo StartInfo(string name, params string[] arguments) => StartInfoOf(Executable(name), arguments);

    /// <summary>One of this folder's own Node scripts, run with the packages installed beside it.</summary>
    public static ProcessStartInfo ScriptStartInfo(string script, params string[] arguments) =>
        StartInfoOf("node", [Path.Combine(Folder, script), .. arguments]);

    private static ProcessStartInfo StartInfoOf(string executable, string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
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
    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(string name, params string[] arguments) =>
        RunAsync(name, StartInfo(name, arguments));

    /// <summary>Runs a prepared tool or script to its end: exit code, and what it wrote to stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string name, ProcessStartInfo start)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
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
