using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Organisations.Management;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>Platform administration: usage analytics and anomalies across every tenant. Administrators only.</summary>
/// <summary>
/// An Enterprise contract: generations a month with the organisation's keys (null for unlimited) and the availability it
/// promises in percent (null for none).
/// </summary>
public sealed record ContractRequest(int? GenerationsPerMonth, double? AvailabilityTargetPercent = null)
{
    public const double MinAvailabilityTarget = 50;
    public const double MaxAvailabilityTarget = 100;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (GenerationsPerMonth is < 1 or > 10_000_000)
        {
            errors["generationsPerMonth"] = ["A contract allows 1 to 10,000,000 generations a month, or null for unlimited."];
        }

        if (AvailabilityTargetPercent is < MinAvailabilityTarget or > MaxAvailabilityTarget)
        {
            errors["availabilityTargetPercent"] = ["An availability target is a percentage from 50 to 100 (such as 99.9), or null for none."];
        }

        return errors;
    }
}

public sealed class AdminEndpoints(ApiGate gate, UsageAnalytics analytics, OrganisationPolicies policies)
{
    public const int MaxDays = 366;

    public Task<IResult> UsageAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
        {
            if (!analytics.IsAdministrator(caller.UserId))
            {
                return Problems.PlatformAdministratorsOnly();
            }

            var text = request.Query["days"].ToString();
            var days = 30;
            if (text.Length > 0 && (!int.TryParse(text, out days) || days is < 1 or > MaxDays))
            {
                return Problems.Validation(new Dictionary<string, string[]> { ["days"] = [$"Ask for 1 to {MaxDays} days."] });
            }

            return new JsonResponse(await analytics.ReportAsync(days, cancellationToken));
        }, cancellationToken);

    public Task<IResult> SetContractAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.SignedInPerson, async caller =>
        {
            if (!analytics.IsAdministrator(caller.UserId))
            {
                return Problems.PlatformAdministratorsOnly();
            }

            var (body, problem) = await RequestBody.ReadValidAsync<ContractRequest>(request, body => body.Validate(), cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            return await policies.SetContractAsync(caller, orgId, body.GenerationsPerMonth, body.AvailabilityTargetPercent, cancellationToken)
                ? TypedResults.NoContent()
                : Problems.NotFound("organisation");
        }, cancellationToken);
}
