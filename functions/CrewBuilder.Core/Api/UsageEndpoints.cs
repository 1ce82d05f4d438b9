using CrewBuilder.Core.Billing;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>The caller's usage: this period, the ledger page by page, and the ledger as CSV.</summary>
public sealed class UsageEndpoints(ApiGate gate, UsageService usage)
{
    public Task<IResult> GetAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.Account, async caller => new JsonResponse(await usage.SummaryAsync(caller, cancellationToken)), cancellationToken);

    public Task<IResult> HistoryAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.Account, async caller =>
        {
            var (pageSize, problem) = Paging.PageSize(request);
            return problem ?? new JsonResponse(await usage.HistoryAsync(caller, pageSize, Paging.ContinuationToken(request), cancellationToken));
        }, cancellationToken);

    public Task<IResult> ExportAsync(HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Access.Account, async caller =>
            TypedResults.File(System.Text.Encoding.UTF8.GetBytes(await usage.HistoryCsvAsync(caller, cancellationToken)), "text/csv; charset=utf-8", "crewbuilder-usage.csv"),
            cancellationToken);
}
