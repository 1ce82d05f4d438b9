using System.Collections.Concurrent;

namespace CrewBuilder.Core.Storage;

/// <summary>
/// The last version this instance read or wrote of entities it updates under their ETags, so the next conditional write
/// can go without reading first. A copy that is stale (another instance wrote since) only makes that write fail with 412,
/// never overwrite; the writer then forgets it and reads. A decision a stale copy could get wrong without writing (a
/// refusal) must be taken on a fresh read. Bounded: past its capacity it starts again empty.
/// </summary>
public sealed class LastSeen<T>(int capacity = 10_000) where T : class
{
    private readonly ConcurrentDictionary<string, T> entries = new(StringComparer.Ordinal);

    public T? Of(string key) => entries.TryGetValue(key, out var value) ? value : null;

    public void Remember(string key, T value)
    {
        if (entries.Count >= capacity)
        {
            entries.Clear();
        }

        entries[key] = value;
    }

    public void Forget(string key) => entries.TryRemove(key, out _);
}
