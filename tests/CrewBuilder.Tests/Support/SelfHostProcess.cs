using System.Collections.Concurrent;
using System.Diagnostics;

namespace CrewBuilder.Tests.Support;

/// <summary>The built self-host as a separate process, for tests that stop it hard or drive it from a browser.</summary>
public sealed class SelfHostProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output;

    private SelfHostProcess(Process process, ConcurrentQueue<string> output, Uri baseAddress, TimeSpan startupTime)
    {
        this.process = process;
        this.output = output;
        BaseAddress = baseAddress;
        StartupTime = startupTime;
    }

    public Uri BaseAddress { get; }

    /// <summary>From process start until the health endpoint first answered 200.</summary>
    public TimeSpan StartupTime { get; }

    public long WorkingSetBytes
    {
        get
        {
            process.Refresh();
            return process.WorkingSet64;
        }
    }

    /// <summary>Everything the host wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', output);

    public static async Task<SelfHostProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var hostDll = Path.Combine(RepositoryPaths.BuildOutput("functions/CrewBuilder.Host"), "CrewBuilder.Host.dll");
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { hostDll, "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["KeyVault__LocalPath"] = Path.Combine(RepositoryPaths.Root, ".data", "test-vault"); // the same across a restart
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The self-host did not start.");
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The self-host exited with {process.ExitCode}:\n{string.Join('\n', output)}");
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The self-host did not become healthy:\n{string.Join('\n', output)}");
            }

            try
            {
                using var health = await http.GetAsync("/api/health");
                if (health.IsSuccessStatusCode)
                {
                    return new SelfHostProcess(process, output, baseAddress, clock.Elapsed);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the client's timeout: ask again until the deadline.
            }

            await Task.Delay(100);
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Stops the process at once, as a crash or a pulled plug would.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
