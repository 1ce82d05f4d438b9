using CrewBuilder.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrewBuilder.Tests.Support;

/// <summary>Core's services without a host, on the shared Azurite with their own tables, and on a fake clock.</summary>
public sealed class CoreServices : IDisposable
{
    private readonly ServiceProvider provider;

    public CoreServices(DateTimeOffset now, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? testServices = null)
    {
        Time = new FakeTimeProvider(now);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = AzuriteServer.Instance.ConnectionString,
            ["Storage:Prefix"] = StoragePrefix,
            ["KeyVault:LocalPath"] = VaultFolder,
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(Time);
        services.AddCrewBuilder(configuration);
        testServices?.Invoke(services);
        provider = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; }

    public string StoragePrefix { get; } = AzuriteServer.UniqueName("c");

    public string VaultFolder { get; } = Path.Combine(Path.GetTempPath(), "crewbuilder-vault-" + Guid.NewGuid().ToString("N"));

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public void Dispose()
    {
        provider.Dispose();
        if (Directory.Exists(VaultFolder))
        {
            Directory.Delete(VaultFolder, recursive: true);
        }
    }
}
