using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// Stoplight Prism's validating proxy (<c>prism proxy --errors</c>) in front of an upstream: it checks every request and
/// response against the OpenAPI document, answers a request that breaks it itself (422, or 401 for missing credentials)
/// without forwarding it, and turns a response that breaks it into its own error, with an <c>sl-violations</c> header either way.
/// </summary>
public sealed class PrismProxy : IDisposable
{
    /// <summary>The problem type Prism's own errors carry, so a test can tell them from the API's.</summary>
    public const string ErrorTypePrefix = "https://stoplight.io/prism/errors#";

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private PrismProxy(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything Prism logged: each request, what it forwarded and every violation it found.</summary>
    public string Output => string.Join('\n', output);

    public static async Task<PrismProxy> StartAsync(string document, Uri upstream)
    {
        var port = FreePort.Next();
        var start = ApiTools.StartInfo("prism", "proxy", "--errors", "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            document, upstream.ToString().TrimEnd('/'));
        var proxy = new PrismProxy(Process.Start(start) ?? throw new InvalidOperationException("Prism did not start."), new Uri($"http://127.0.0.1:{port}"));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (proxy.process.HasExited)
            {
                throw new InvalidOperationException($"Prism exited with {proxy.process.ExitCode}:\n{proxy.Output}");
            }

            if (proxy.Output.Contains("Prism is listening", StringComparison.Ordinal))
            {
                using var probe = new TcpClient();
                try
                {
                    await probe.ConnectAsync("127.0.0.1", port);
                    return proxy;
                }
                catch (SocketException)
                {
                    // Announced, not accepting yet.
                }
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                proxy.Dispose();
                throw new TimeoutException($"Prism did not start listening:\n{proxy.Output}");
            }

            await Task.Delay(100);
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}
