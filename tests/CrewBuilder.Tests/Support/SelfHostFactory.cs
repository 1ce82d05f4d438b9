using System.Collections.Concurrent;
using System.Security.Cryptography;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Tests.Support;

/// <summary>The self-host in-process against the shared Azurite, with its own tables, container and task hub.</summary>
public class SelfHostFactory : WebApplicationFactory<Program>
{
    public string StoragePrefix { get; } = AzuriteServer.UniqueName("p");

    /// <summary>This host's durable task hub: its history tables, queues and lease containers start with it.</summary>
    public string TaskHub { get; } = AzuriteServer.UniqueName("hub");

    /// <summary>Holds each template step open this long, for tests that look at a generation mid-way.</summary>
    public TimeSpan TemplateStepDelay { get; init; } = TimeSpan.Zero;

    /// <summary>When set, bearer JWTs are validated against this loopback issuer.</summary>
    public OidcIssuer? Issuer { get; init; }

    /// <summary>Every log line the host wrote, at every level, with its exception: for tests that prove nothing leaks.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>More settings, by configuration key.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>The host's clock, for tests whose rules count in time windows.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>
    /// A clock that stands still one second into the current minute: requests counted in one-minute windows (the
    /// failed-authentication limits) all fall in the same window, however long the test takes.
    /// </summary>
    public static Microsoft.Extensions.Time.Testing.FakeTimeProvider StillWithinOneMinute()
    {
        var now = DateTimeOffset.UtcNow;
        return new(new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddSeconds(1));
    }

    /// <summary>Services a test puts in place of the real ones (e.g. a stand-in's SDK clients).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>One transport key for every host of this test run, made once.</summary>
    private static readonly Lazy<string> TransportKey = new(() =>
    {
        using var rsa = RSA.Create(3072);
        return Convert.ToBase64String(rsa.ExportPkcs8PrivateKey());
    });

    /// <summary>
    /// A new vault folder holding the run's transport key. Each host would otherwise make its own 3072-bit RSA key on its
    /// first key request: seconds of CPU, which on a loaded 2-core machine outlasted a browser test's 15 s wait.
    /// </summary>
    private static string SeededVault(string folder)
    {
        using var vault = new FileSecretVault(folder, TimeProvider.System);
        vault.SetAsync(TransportKeys.SecretName, TransportKey.Value, CancellationToken.None).GetAwaiter().GetResult();
        return folder;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("AzureWebJobsStorage", AzuriteServer.Instance.ConnectionString);
        builder.UseSetting("Storage:Prefix", StoragePrefix);
        builder.UseSetting("Durable:TaskHub", TaskHub);
        builder.UseSetting("Generation:TemplateStepDelay", TemplateStepDelay.ToString());
        builder.UseSetting("Generation:AnonymousPerHour", "10000"); // tests that look at the limits set their own
        builder.UseSetting("Generation:TenantPerHour", "10000");
        builder.UseSetting("OPENAI_BASE_URL", "http://127.0.0.1:9/v1"); // no provider call may leave this machine;
        builder.UseSetting("ANTHROPIC_BASE_URL", "http://127.0.0.1:9"); // tests that talk to a model set a stand-in
        builder.UseSetting("KeyVault:LocalPath", SeededVault(Path.Combine(Path.GetTempPath(), "crewbuilder-vault-" + StoragePrefix)));
        if (Issuer is not null)
        {
            builder.UseSetting("Auth:Authority", Issuer.Authority);
            builder.UseSetting("Auth:Audience", OidcIssuer.Audience);
            builder.UseSetting("Auth:RequireHttpsMetadata", "false");
            builder.UseSetting("Auth:KeyRefreshInterval", "00:00:01");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }

        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(Logs)));
    }
}

/// <summary>
/// The self-host over Kestrel on a loopback port instead of the in-memory test server: HTTP as clients meet it (dot
/// segments removed, an encoded slash kept, no body on HEAD). <see cref="WebApplicationFactory{T}.CreateClient()"/> talks to it.
/// </summary>
public sealed class KestrelSelfHostFactory : SelfHostFactory
{
    public KestrelSelfHostFactory()
    {
        UseKestrel(0);
    }
}

/// <summary>Keeps every formatted log line and exception, so a test can search them.</summary>
internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
