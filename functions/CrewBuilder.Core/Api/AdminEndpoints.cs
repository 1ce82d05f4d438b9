using CrewBuilder.Core.Billing;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>Platform administration: usage analytics and anomalies across every tenant. Administrators only.</summary>
public sealed class AdminEndpoints(ApiGate gate, UsageAnalytics analytics)
{
    public const int MaxDays = 366;

    public Task<IResult> UsageAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
        {
            if (!analytics.IsAdministrator(caller.UserId))
            {
                return Problems.Forbidden(null);
            }

            var text = request.Query["days"].ToString();
            var days = 30;
            if (text.Length > 0 && (!int.TryParse(text, out days) || days is < 1 or > MaxDays))
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["days"] = [$"Ask for 1 to {MaxDays} days."] });
            }

            return new JsonResponse(await analytics.ReportAsync(days, cancellationToken));
        }, cancellationToken);
}
