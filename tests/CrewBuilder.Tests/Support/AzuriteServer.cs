using System.Diagnostics;
using System.Net.Sockets;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// One real Azurite per test run, started from the project's node_modules on free ports with in-memory data.
/// Tests isolate themselves with unique table, container and task hub names.
/// </summary>
public sealed class AzuriteServer : IDisposable
{
    // Azurite's published development account; not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<AzuriteServer> Shared = new(() => Start());

    private readonly Process process;
    private int disposed;

    private AzuriteServer(Process process, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        ConnectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            $"AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    public static AzuriteServer Instance => Shared.Value;

    public string ConnectionString { get; }

    /// <summary>A name no other test uses, valid for tables, containers and task hubs.</summary>
    public static string UniqueName(string stem = "t") => $"{stem}{Guid.NewGuid():N}"[..18];

    /// <summary>
    /// Node's default young generation makes Azurite pause to collect every few thousand requests, and those pauses
    /// were most of a storage read's p99 here (2 ms against 0.7 ms with this); Azure Storage has no such pauses.
    /// </summary>
    private const string LargerYoungGeneration = "--max-semi-space-size=64";

    /// <summary>
    /// Azurite writes a line to its console for every request, which nobody reads here; not writing them made a point
    /// read 1.3 ms against 1.8 ms and 1,000 reads at once 1,000–1,200 a second against 700–800.
    /// </summary>
    private const string SilentAccessLog = "--silent";

    public static AzuriteServer Start()
    {
        var executable = RepositoryPaths.Of("static-web", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}: run 'npm ci' in static-web.");
        }

        int[] ports = [FreePort.Next(), FreePort.Next(), FreePort.Next()];
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", SilentAccessLog,
                "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["NODE_OPTIONS"] = LargerYoungGeneration },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AzuriteServer(process, ports[0], ports[1], ports[2]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        WaitForPorts(process, ports);
        return server;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private static void WaitForPorts(Process process, int[] ports)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in ports)
        {
            while (!Listening(port))
            {
                if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new InvalidOperationException($"Azurite did not open port {port}.");
                }

                Thread.Sleep(50);
            }
        }
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
