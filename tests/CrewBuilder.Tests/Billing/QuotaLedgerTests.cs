using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Identity;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Billing;

public sealed class QuotaLedgerTests : IDisposable
{
    private static readonly DateTimeOffset PeriodStart = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly CoreServices core = new(PeriodStart.AddDays(3));
    private readonly CancellationToken none = CancellationToken.None;

    private QuotaLedger Ledger => core.Get<QuotaLedger>();

    public void Dispose() => core.Dispose();

    [Fact]
    public async Task Thirty_simultaneous_reservations_against_ten_remaining_accept_exactly_ten()
    {
        await OpenBasicAsync("tenant-hot");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            Task.Run(() => Ledger.ReserveAsync("tenant-hot", "tenant-hot", $"gen-{i:D2}", none))));

        Assert.Equal(10, outcomes.Count(outcome => outcome.Result == ReserveResult.Reserved));
        Assert.Equal(20, outcomes.Count(outcome => outcome.Result == ReserveResult.Exhausted));
        var balance = await Ledger.ReadAsync("tenant-hot", none);
        Assert.Equal((0, 10, 0), (balance!.Used, balance.Reserved, balance.Remaining!.Value));
    }

    [Fact]
    public async Task Commit_counts_once_and_release_gives_the_generation_back_however_often_they_repeat()
    {
        await OpenBasicAsync("tenant-a");
        await Ledger.ReserveAsync("tenant-a", "tenant-a", "gen-ok", none);
        await Ledger.ReserveAsync("tenant-a", "tenant-a", "gen-ok", none);
        await Ledger.ReserveAsync("tenant-a", "tenant-a", "gen-failed", none);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Ledger.CommitAsync("tenant-a", "gen-ok", none)));
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Ledger.ReleaseAsync("tenant-a", "gen-failed", none)));
        await Ledger.ReleaseAsync("tenant-a", "gen-ok", none);

        var balance = await Ledger.ReadAsync("tenant-a", none);
        Assert.Equal((1, 0, 9), (balance!.Used, balance.Reserved, balance.Remaining!.Value));
    }

    [Fact]
    public async Task A_renewing_period_starts_again_with_nothing_used_even_after_months_of_downtime()
    {
        await OpenBasicAsync("tenant-r");
        for (var i = 0; i < 10; i++)
        {
            await Ledger.ReserveAsync("tenant-r", "tenant-r", $"gen-{i}", none);
            await Ledger.CommitAsync("tenant-r", $"gen-{i}", none);
        }

        Assert.Equal(ReserveResult.Exhausted, (await Ledger.ReserveAsync("tenant-r", "tenant-r", "gen-late", none)).Result);

        core.Time.Advance(TimeSpan.FromDays(95));
        Assert.Equal(1, await Ledger.RenewEndedPeriodsAsync(none));
        Assert.Equal(0, await Ledger.RenewEndedPeriodsAsync(none));

        var balance = await Ledger.ReadAsync("tenant-r", none);
        Assert.Equal(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), balance!.PeriodStart);
        Assert.Equal(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), balance.PeriodEnd);
        Assert.Equal((0, 10), (balance.Used, balance.Remaining!.Value));
    }

    [Fact]
    public async Task A_generation_reserved_before_renewal_and_finished_after_it_does_not_count_against_the_new_period()
    {
        await OpenBasicAsync("tenant-edge");
        await Ledger.ReserveAsync("tenant-edge", "tenant-edge", "gen-slow", none);

        core.Time.Advance(TimeSpan.FromDays(30));
        await Ledger.CommitAsync("tenant-edge", "gen-slow", none);

        var balance = await Ledger.ReadAsync("tenant-edge", none);
        Assert.Equal((PeriodStart.AddMonths(1), 0, 0), (balance!.PeriodStart, balance.Used, balance.Reserved));
    }

    [Fact]
    public async Task Paid_generations_expire_and_a_refund_withdraws_only_what_is_unused()
    {
        var now = core.Time.GetUtcNow();
        await Ledger.OpenAsync("credit-1", Plans.Generation, 3, now, now.AddDays(30), renews: false, none);
        await Ledger.ReserveAsync("credit-1", "anonymous", "gen-1", none);
        await Ledger.CommitAsync("credit-1", "gen-1", none);

        Assert.Equal(2, await Ledger.CapAsync("credit-1", 0, none));
        Assert.Equal(0, await Ledger.CapAsync("credit-1", 0, none));
        Assert.Equal(ReserveResult.Exhausted, (await Ledger.ReserveAsync("credit-1", "anonymous", "gen-2", none)).Result);

        await Ledger.OpenAsync("credit-2", Plans.Generation, 1, now, now.AddDays(30), renews: false, none);
        core.Time.Advance(TimeSpan.FromDays(31));
        Assert.Equal(ReserveResult.Expired, (await Ledger.ReserveAsync("credit-2", "anonymous", "gen-3", none)).Result);
        Assert.Equal(ReserveResult.NoAccount, (await Ledger.ReserveAsync("credit-none", "anonymous", "gen-4", none)).Result);
    }

    [Fact]
    public async Task Reservations_left_held_are_found_for_the_janitor()
    {
        await OpenBasicAsync("tenant-j");
        await Ledger.ReserveAsync("tenant-j", "tenant-j", "gen-stuck", none);
        await Ledger.ReserveAsync("tenant-j", "tenant-j", "gen-done", none);
        await Ledger.CommitAsync("tenant-j", "gen-done", none);
        core.Time.Advance(TimeSpan.FromHours(3));
        await Ledger.ReserveAsync("tenant-j", "tenant-j", "gen-fresh", none);

        var held = new List<string>();
        await foreach (var reservation in Ledger.HeldSinceAsync(core.Time.GetUtcNow().AddHours(-2), none))
        {
            held.Add(reservation.GenerationId);
        }

        Assert.Equal(["gen-stuck"], held);
    }

    [Fact]
    public async Task A_second_instance_s_reservations_are_never_overcounted_by_the_first_instance_s_copy_of_the_balance()
    {
        using var secondInstance = new CoreServices(PeriodStart.AddDays(3), new Dictionary<string, string?> { ["Storage:Prefix"] = core.StoragePrefix });
        var there = secondInstance.Get<QuotaLedger>();
        await OpenBasicAsync("tenant-two");
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(ReserveResult.Reserved, (await Ledger.ReserveAsync("tenant-two", "tenant-two", $"here-{i}", none)).Result);
        }

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(ReserveResult.Reserved, (await there.ReserveAsync("tenant-two", "tenant-two", $"there-{i}", none)).Result);
        }

        // This instance last wrote 6 of 10 reserved; the balance now says 10.
        Assert.Equal(ReserveResult.Exhausted, (await Ledger.ReserveAsync("tenant-two", "tenant-two", "here-over", none)).Result);
        var balance = await there.ReadAsync("tenant-two", none);
        Assert.Equal((0, 10), (balance!.Used, balance.Reserved));
    }

    [Fact]
    public async Task A_generation_another_instance_gave_back_is_not_refused_by_this_instance_s_copy_of_a_full_balance()
    {
        using var secondInstance = new CoreServices(PeriodStart.AddDays(3), new Dictionary<string, string?> { ["Storage:Prefix"] = core.StoragePrefix });
        await OpenBasicAsync("tenant-freed");
        for (var i = 0; i < 10; i++)
        {
            await Ledger.ReserveAsync("tenant-freed", "tenant-freed", $"gen-{i}", none);
        }

        await secondInstance.Get<QuotaLedger>().ReleaseAsync("tenant-freed", "gen-3", none);

        // This instance last wrote the balance full; the release made room, and the reservation takes it.
        Assert.Equal(ReserveResult.Reserved, (await Ledger.ReserveAsync("tenant-freed", "tenant-freed", "gen-after", none)).Result);
        var balance = await Ledger.ReadAsync("tenant-freed", none);
        Assert.Equal((0, 10, 0), (balance!.Used, balance.Reserved, balance.Remaining!.Value));
    }

    private Task<QuotaBalance> OpenBasicAsync(string account) =>
        Ledger.OpenAsync(account, PlanIds.Basic, 10, PeriodStart, PeriodStart.AddMonths(1), renews: true, none);
}
