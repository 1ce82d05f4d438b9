using System.Collections.Concurrent;

namespace CrewBuilder.Core.Storage;

/// <summary>
/// Changes to one hot entity (a payer's quota balance, a rate counter) that arrive while a round for it is under way
/// wait and go together in the next round: one read and one conditional write for all of them, where each alone would
/// race the others for the entity's ETag and retry. The round's write stays conditional, so other instances' changes
/// are never overwritten; this only stops one instance from contending with itself.
/// </summary>
/// <param name="round">Applies a round's items, in order, to the entity <c>key</c> names; one result for each item.</param>
public sealed class CoalescingRounds<TItem, TResult>(Func<string, IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> round, int maxItems)
{
    private readonly ConcurrentDictionary<string, Lane> lanes = new();

    /// <summary>
    /// The item's result, once a round has applied it. Not cancellable: an item a round has taken is applied whatever
    /// its caller does, so its caller must learn the outcome.
    /// </summary>
    public Task<TResult> RunAsync(string key, TItem item)
    {
        var waiter = new Waiter(item);
        var lane = lanes.GetOrAdd(key, _ => new Lane());
        bool leads;
        lock (lane)
        {
            lane.Pending.Enqueue(waiter);
            leads = !lane.Running;
            lane.Running = true;
        }

        if (leads)
        {
            _ = DrainAsync(key, lane);
        }

        return waiter.Result.Task;
    }

    private async Task DrainAsync(string key, Lane lane)
    {
        while (true)
        {
            List<Waiter> taken = [];
            lock (lane)
            {
                while (taken.Count < maxItems && lane.Pending.TryDequeue(out var next))
                {
                    taken.Add(next);
                }

                if (taken.Count == 0)
                {
                    lane.Running = false;
                    // A caller still holding this lane finds it idle and leads it again, so dropping it loses nothing.
                    lanes.TryRemove(KeyValuePair.Create(key, lane));
                    return;
                }
            }

            try
            {
                var results = await round(key, [.. taken.Select(waiter => waiter.Item)]);
                for (var i = 0; i < taken.Count; i++)
                {
                    taken[i].Result.TrySetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var waiter in taken)
                {
                    waiter.Result.TrySetException(e);
                }
            }
        }
    }

    private sealed class Lane
    {
        public Queue<Waiter> Pending { get; } = new();

        public bool Running { get; set; }
    }

    private sealed record Waiter(TItem Item)
    {
        public TaskCompletionSource<TResult> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
