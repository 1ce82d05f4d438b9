using System.Reflection;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Api;

public sealed record HealthReport(string Status, string Version, IReadOnlyDictionary<string, string> Storage);

/// <summary>Says whether storage answers, and which version is running.</summary>
public sealed class HealthEndpoint(TableServiceClient tables, BlobServiceClient blobs, ILogger<HealthEndpoint> logger)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static string Version { get; } =
        typeof(HealthEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public async Task<IResult> GetAsync(CancellationToken cancellationToken)
    {
        var tableProbe = ProbeAsync("tables", token => tables.GetPropertiesAsync(token), cancellationToken);
        var blobProbe = ProbeAsync("blobs", token => blobs.GetPropertiesAsync(token), cancellationToken);
        var results = await Task.WhenAll(tableProbe, blobProbe);
        var storage = results.ToDictionary(result => result.Name, result => result.Reachable ? "reachable" : "unreachable");
        var healthy = results.All(result => result.Reachable);
        return new JsonResponse(
            new HealthReport(healthy ? "healthy" : "unhealthy", Version, storage),
            healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private async Task<(string Name, bool Reachable)> ProbeAsync(string name, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await probe(timeout.Token);
            return (name, true);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            logger.LogWarning(e, "Storage probe {Probe} failed", name);
            return (name, false);
        }
    }
}
