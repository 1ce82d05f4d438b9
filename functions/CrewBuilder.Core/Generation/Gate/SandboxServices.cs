using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Generation.Gate;

public static class SandboxServices
{
    /// <summary>The gate's sandbox: the session pool when <c>Sandbox:PoolEndpoint</c> is set, else this machine's python3 (tests may put theirs first).</summary>
    public static IServiceCollection AddCrewSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.Section));
        services.AddHttpClient(nameof(SessionPoolCrewSandbox), client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.TryAddSingleton<ICrewSandbox>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SandboxOptions>>();
            return !options.Value.UsesSessionPool
                ? new LocalCrewSandbox(options, provider.GetRequiredService<ILogger<LocalCrewSandbox>>())
                : new SessionPoolCrewSandbox(
                    provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SessionPoolCrewSandbox)), provider.GetRequiredService<TokenCredential>(),
                    options, provider.GetRequiredService<ILogger<SessionPoolCrewSandbox>>());
        });
        return services;
    }
}
