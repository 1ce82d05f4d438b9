using CrewBuilder.Core.Storage;

namespace CrewBuilder.Tests.Storage;

public sealed class SharedReadsTests
{
    private readonly CancellationToken none = CancellationToken.None;

    [Fact]
    public async Task Whoever_asks_while_a_read_is_in_flight_is_answered_by_a_later_read_shared_with_the_others_who_asked_meanwhile()
    {
        var shared = new SharedReads<int>();
        var stored = 1;
        var reads = 0;
        var firstReadHeld = new TaskCompletionSource();
        async Task<int> ReadAsync()
        {
            var seen = stored;
            if (Interlocked.Increment(ref reads) == 1)
            {
                await firstReadHeld.Task;
            }

            return seen;
        }

        var first = shared.ReadAsync("key", ReadAsync, none);
        stored = 2; // written after the first read began, before the others asked
        var meanwhile = Enumerable.Range(0, 5).Select(_ => shared.ReadAsync("key", ReadAsync, none)).ToList();
        firstReadHeld.SetResult();

        Assert.Equal(1, await first);
        Assert.All(await Task.WhenAll(meanwhile), answer => Assert.Equal(2, answer));
        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task Reads_of_different_keys_are_not_shared()
    {
        var shared = new SharedReads<string>();
        string[] keys = ["a", "b", "a"];
        var answers = await Task.WhenAll(keys.Select(key => shared.ReadAsync(key, () => Task.FromResult(key.ToUpperInvariant()), none)));

        Assert.Equal(["A", "B", "A"], answers);
    }

    [Fact]
    public async Task A_failed_read_fails_only_those_it_answers_and_whoever_asked_meanwhile_is_read_for_again()
    {
        var shared = new SharedReads<int>();
        var failingReadHeld = new TaskCompletionSource();
        var attempts = 0;
        async Task<int> FailingFirstAsync()
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await failingReadHeld.Task;
                throw new InvalidOperationException("storage is down");
            }

            return attempts;
        }

        var failing = shared.ReadAsync("key", FailingFirstAsync, none);
        var meanwhile = Enumerable.Range(0, 3).Select(_ => shared.ReadAsync("key", FailingFirstAsync, none)).ToList();
        failingReadHeld.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.All(await Task.WhenAll(meanwhile), answer => Assert.Equal(2, answer));
        Assert.Equal(2, attempts);
    }
}
