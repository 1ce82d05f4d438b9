using CrewBuilder.Core.Storage;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Storage;

public sealed class FixedWindowCountersTests : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly CoreServices core = new(new DateTimeOffset(2026, 12, 2, 10, 15, 0, TimeSpan.Zero));
    private readonly CancellationToken none = CancellationToken.None;

    public void Dispose() => core.Dispose();

    [Fact]
    public async Task Two_instances_counting_one_key_in_turn_both_count_on_the_other_s_increments()
    {
        using var secondInstance = new CoreServices(core.Time.GetUtcNow(), new Dictionary<string, string?> { ["Storage:Prefix"] = core.StoragePrefix });
        var here = core.Get<FixedWindowCounters>();
        var there = secondInstance.Get<FixedWindowCounters>();

        var counts = new List<int>();
        foreach (var counter in new[] { here, here, there, here, there, there, here })
        {
            counts.Add((await counter.IncrementAsync("scope", "caller", Hour, none)).Count);
        }

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], counts);
        Assert.Equal(7, (await there.ReadAsync("scope", "caller", Hour, none)).Count);
    }

    [Fact]
    public async Task Increments_at_once_from_two_instances_are_each_counted_once()
    {
        using var secondInstance = new CoreServices(core.Time.GetUtcNow(), new Dictionary<string, string?> { ["Storage:Prefix"] = core.StoragePrefix });
        var here = core.Get<FixedWindowCounters>();
        var there = secondInstance.Get<FixedWindowCounters>();
        await here.IncrementAsync("scope", "busy", Hour, none);
        await there.IncrementAsync("scope", "busy", Hour, none);

        var counts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => (i % 2 == 0 ? here : there).IncrementAsync("scope", "busy", Hour, none))));

        Assert.Equal(Enumerable.Range(3, 40), counts.Select(count => count.Count).Order());
        Assert.Equal(42, (await here.ReadAsync("scope", "busy", Hour, none)).Count);
    }
}
