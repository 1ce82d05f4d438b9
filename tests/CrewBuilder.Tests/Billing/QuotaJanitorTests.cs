using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Identity;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Billing;

public sealed class QuotaJanitorTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly CoreServices core = new(Start.AddDays(2));
    private readonly CancellationToken none = CancellationToken.None;

    public void Dispose() => core.Dispose();

    [Fact]
    public async Task The_janitor_renews_missed_periods_closes_expired_credits_and_settles_reservations_their_generation_never_settled()
    {
        var ledger = core.Get<QuotaLedger>();
        var generations = core.Get<GenerationStore>();
        await ledger.OpenAsync("tenant", PlanIds.Basic, 10, Start, Start.AddMonths(1), renews: true, none);
        await ledger.OpenAsync("credit", Plans.Generation, 2, Start, Start.AddDays(30), renews: false, none);
        var failed = new GenerationRef("gen-failed", "tenant", GenerationMode.Template, QuotaAccount: "tenant");
        var running = new GenerationRef("gen-running", "tenant", GenerationMode.Template, QuotaAccount: "tenant");
        foreach (var generation in new[] { failed, running })
        {
            await generations.AddAsync(generation, "requirement", null, null, none);
            await ledger.ReserveAsync("tenant", "tenant", generation.GenerationId, none);
        }

        await ledger.ReserveAsync("tenant", "tenant", "gen-never-started", none);
        await generations.FailedAsync(failed, "failed", null, none);
        core.Time.Advance(TimeSpan.FromDays(70));

        await core.Get<QuotaJanitor>().RunAsync(none);

        var tenant = await ledger.ReadAsync("tenant", none);
        Assert.Equal((Start.AddMonths(2), 0, 1), (tenant!.PeriodStart, tenant.Used, tenant.Reserved));
        Assert.Equal(0, (await ledger.ReadAsync("credit", none))!.Limit);
        var stillHeld = new List<string>();
        await foreach (var held in ledger.HeldSinceAsync(core.Time.GetUtcNow(), none))
        {
            stillHeld.Add(held.GenerationId);
        }

        Assert.Equal(["gen-running"], stillHeld);
    }
}
