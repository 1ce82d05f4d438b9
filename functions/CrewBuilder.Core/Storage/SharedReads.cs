namespace CrewBuilder.Core.Storage;

/// <summary>
/// Reads of one key asked for at once share one storage read. Each read begins after every caller it answers had asked,
/// so nobody is answered with something older than their question: a read in flight answers only those who asked before
/// it began, and whoever asks meanwhile shares the next one. Only for results nobody changes (records, read-only lists).
/// </summary>
public sealed class SharedReads<T>
{
    private readonly CoalescingRounds<Func<Task<T>>, T> rounds = new(async (_, reads) =>
    {
        var value = await reads[0]();
        return [.. reads.Select(_ => value)];
    }, int.MaxValue);

    /// <param name="read">Reads the key; not cancellable, as it may answer other callers too.</param>
    public Task<T> ReadAsync(string key, Func<Task<T>> read, CancellationToken cancellationToken) =>
        rounds.RunAsync(key, read).WaitAsync(cancellationToken);
}
