using CrewBuilder.Core.Status;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>The service's measured status for machines; <see cref="HealthEndpoint"/> stays the liveness check.</summary>
public sealed class StatusEndpoint(ServiceStatus status)
{
    public async Task<IResult> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            return new JsonResponse(await status.ReportAsync(cancellationToken));
        }
        catch (Azure.RequestFailedException)
        {
            return Problems.StatusUnavailable();
        }
    }
}
