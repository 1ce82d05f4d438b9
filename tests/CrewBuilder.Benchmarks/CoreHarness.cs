using CrewBuilder.Core;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Benchmarks;

/// <summary>Core's services without a host, on the benchmark's Azurite with tables of their own.</summary>
internal static class CoreHarness
{
    public static ServiceProvider Services(AzuriteServer azurite, string prefix, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Storage:Prefix"] = prefix,
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddCrewBuilder(configuration);
        return services.BuildServiceProvider();
    }
}
