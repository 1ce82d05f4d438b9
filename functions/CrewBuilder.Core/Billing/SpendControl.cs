using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Storage;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Billing;

/// <summary>
/// What CrewBuilder's own keys cost this month, in all and per tenant, against the platform-wide cap and the
/// per-tenant ceiling. Each month is one partition: the platform total, each tenant's total, and a marker per
/// generation change in one transaction, so a generation's cost is added exactly once however often it is recorded.
/// </summary>
public sealed class SpendControl(StorageClients storage, IUsageNotifier notifier, IOptions<BillingOptions> options, TimeProvider time)
{
    public const string TableName = "spend";
    private const string PlatformRow = "platform";
    private const string PlatformTenant = "platform";

    /// <summary>Why CrewBuilder Pro AI cannot start another generation for this tenant this month, if it cannot.</summary>
    public async Task<ChargeProblem?> CheckAsync(string tenantId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.PlatformMonthlySpendCapUsd is null && settings.TenantMonthlySpendCeilingUsd is null)
        {
            return null;
        }

        var table = await storage.TableAsync(TableName, cancellationToken);
        var month = Month();
        var nextMonth = MonthStart().AddMonths(1);
        if (settings.PlatformMonthlySpendCapUsd is { } cap && await TotalAsync(table, month, PlatformRow, cancellationToken) >= cap)
        {
            return new ChargeProblem(ChargeRefusal.SpendCapReached,
                "CrewBuilder Pro AI has reached its budget for this month. Use your own OpenAI or Anthropic key, or try again next month.", nextMonth);
        }

        return settings.TenantMonthlySpendCeilingUsd is { } ceiling && await TotalAsync(table, month, TenantRow(tenantId), cancellationToken) >= ceiling
            ? new ChargeProblem(ChargeRefusal.SpendCapReached,
                $"Your account has used its ${ceiling:0.##} of CrewBuilder Pro AI for this month. Use your own key, or try again next month.", nextMonth)
            : null;
    }

    /// <summary>Adds what a finished platform-key generation cost; warns at 80% and 100% of the cap and the ceiling.</summary>
    public async Task RecordAsync(string tenantId, string generationId, decimal costUsd, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(TableName, cancellationToken);
        var month = Month();
        var micro = (long)Math.Round(costUsd * 1_000_000m);
        while (true)
        {
            var platform = await FindAsync(table, month, PlatformRow, cancellationToken);
            var tenant = await FindAsync(table, month, TenantRow(tenantId), cancellationToken);
            var actions = new List<TableTransactionAction>
            {
                Added(platform, month, PlatformRow, micro),
                Added(tenant, month, TenantRow(tenantId), micro),
                new(TableTransactionActionType.Add, new TableEntity(month, "g-" + generationId) { ["MicroUsd"] = micro }),
            };
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 2)
            {
                return; // counted already
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
            {
                continue; // a concurrent writer got there first
            }

            await AlertAsync(PlatformTenant, "platform-spend", Micro(platform), micro, options.Value.PlatformMonthlySpendCapUsd, "CrewBuilder Pro AI's monthly budget", cancellationToken);
            await AlertAsync(tenantId, "spend", Micro(tenant), micro, options.Value.TenantMonthlySpendCeilingUsd, "your monthly CrewBuilder Pro AI allowance", cancellationToken);
            return;
        }
    }

    private async Task AlertAsync(string tenantId, string kind, long before, long added, decimal? limit, string what, CancellationToken cancellationToken)
    {
        if (limit is not { } cap || cap <= 0)
        {
            return;
        }

        var capMicro = cap * 1_000_000m;
        foreach (var percent in new[] { 100, 80 })
        {
            var threshold = capMicro * percent / 100;
            if (before < threshold && before + added >= threshold)
            {
                await notifier.NotifyAsync(new UsageAlert(tenantId, kind, $"{kind}-{percent}-{Month()}",
                    $"{percent}% of {what} (${cap:0.##}) is used.", time.GetUtcNow()), cancellationToken);
                return;
            }
        }
    }

    private static TableTransactionAction Added(TableEntity? counter, string month, string row, long micro) =>
        counter is null
            ? new(TableTransactionActionType.Add, new TableEntity(month, row) { ["MicroUsd"] = micro })
            : new(TableTransactionActionType.UpdateReplace, new TableEntity(month, row) { ["MicroUsd"] = Micro(counter) + micro }, counter.ETag);

    private static long Micro(TableEntity? counter) => counter?.GetInt64("MicroUsd") ?? 0;

    private static async Task<decimal> TotalAsync(TableClient table, string month, string row, CancellationToken cancellationToken) =>
        Micro(await FindAsync(table, month, row, cancellationToken)) / 1_000_000m;

    private static async Task<TableEntity?> FindAsync(TableClient table, string month, string row, CancellationToken cancellationToken)
    {
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(month, row, cancellationToken: cancellationToken);
        return entity.HasValue ? entity.Value : null;
    }

    private static string TenantRow(string tenantId) => "t-" + tenantId;

    private DateTimeOffset MonthStart()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    private string Month() => MonthStart().ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
