using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Generation.Gate;

/// <summary>
/// The gate on this machine: a python3 whose crewai is importable, found once at start. The project runs in a folder of
/// its own, in a process that inherits none of this server's settings (so none of its keys), and is stopped at the
/// time limit. Without such a python3 every gate says "not verified here", never "passed".
/// </summary>
public sealed class LocalCrewSandbox(IOptions<SandboxOptions> options, ILogger<LocalCrewSandbox> logger) : ICrewSandbox
{
    private readonly Lazy<Task<string?>> crewAi = new(() => ProbeAsync(options.Value));

    public string Name => "local python3";

    public async Task<GateResult> RunAsync(GateRequest request, CancellationToken cancellationToken)
    {
        if (await crewAi.Value is null)
        {
            return GateResult.NotVerified("no python3 with crewai on this machine");
        }

        var folder = Directory.CreateTempSubdirectory("crew-gate-");
        try
        {
            var project = Directory.CreateDirectory(Path.Combine(folder.FullName, "project"));
            foreach (var file in request.Files)
            {
                var path = Path.GetFullPath(Path.Combine(project.FullName, file.Path));
                if (!path.StartsWith(project.FullName + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    return GateResult.Failure($"{file.Path} lies outside the project.");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, file.Content, cancellationToken);
            }

            var script = Path.Combine(folder.FullName, GateScript.FileName);
            await File.WriteAllTextAsync(script, GateScript.Text, cancellationToken);
            var (exited, output, errors) = await RunPythonAsync(options.Value, [script, project.FullName, request.Package, request.CrewClass], folder.FullName, cancellationToken);
            if (!exited)
            {
                return GateResult.Failure($"the gate ran past its {options.Value.TimeLimit.TotalSeconds:0} s limit (a tool or the crew may wait on something that never answers).");
            }

            return GateAnswer.Find(output)?.Result() ?? GateResult.Failure($"the gate's python3 ended without an answer: {Tail(errors)}");
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException e)
            {
                logger.LogWarning("The gate's folder could not be removed ({Reason})", e.GetType().Name);
            }
        }
    }

    private static async Task<string?> ProbeAsync(SandboxOptions settings)
    {
        if (Python(settings) is null)
        {
            return null;
        }

        var (exited, output, _) = await RunPythonAsync(settings, ["-c", "import crewai; print(getattr(crewai, '__version__', 'unknown'))"], Path.GetTempPath(), CancellationToken.None);
        return exited && output.Trim() is { Length: > 0 } version && !version.Contains("Error", StringComparison.Ordinal) ? version : null;
    }

    private static string? Python(SandboxOptions settings) =>
        settings.Python ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "python3")).FirstOrDefault(File.Exists);

    /// <summary>Runs python3 with a clean environment; false when it had to be stopped at the time limit.</summary>
    private static async Task<(bool Exited, string Output, string Errors)> RunPythonAsync(
        SandboxOptions settings, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Python(settings)!) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = Path.GetDirectoryName(start.FileName) + Path.PathSeparator + "/usr/bin:/bin";
        start.Environment["HOME"] = workingDirectory;
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        if (settings.PythonPath is { } extra)
        {
            start.Environment["PYTHONPATH"] = extra;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(settings.TimeLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return (false, "", "");
        }

        return (true, await output, await errors);
    }

    private static string Tail(string text) => text.Length <= 600 ? text.Trim() : text[^600..].Trim();
}
