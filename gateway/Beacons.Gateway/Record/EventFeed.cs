using Beacons.Gateway.Roster;

namespace Beacons.Gateway.Record;

/// <summary>
/// What clients may see: only committed events, and the roster as of the last of them. The writer
/// publishes here after each commit; the API and the stream read and wait here. Recent events stay in
/// memory for the stream; older ones come from the record on disk.
/// </summary>
public sealed class EventFeed
{
    private const int RecentCapacity = 16_384;

    private readonly EventStore _store;
    private readonly StoredEvent?[] _recent = new StoredEvent?[RecentCapacity];
    private readonly object _gate = new();
    private TaskCompletionSource _next = NewSignal();
    private Committed _committed;

    public EventFeed(EventStore store, DrillRoster roster)
    {
        _store = store;
        _committed = new Committed(roster.LastEventId, roster);
    }

    /// <summary>The last committed event's ID and the roster folded up to it, read together.</summary>
    public Committed Current => Volatile.Read(ref _committed);

    public void Publish(IReadOnlyList<StoredEvent> events, DrillRoster roster)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            foreach (StoredEvent e in events)
            {
                _recent[e.Id % RecentCapacity] = e;
            }

            Volatile.Write(ref _committed, new Committed(roster.LastEventId, roster));
            signal = _next;
            _next = NewSignal();
        }

        signal.TrySetResult();
    }

    /// <summary>Committed events after <paramref name="afterId"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public List<StoredEvent> Read(long afterId, int limit)
    {
        long last = Current.LastEventId;
        var result = new List<StoredEvent>();
        for (long id = afterId + 1; id <= last && result.Count < limit; id++)
        {
            StoredEvent? e = _recent[id % RecentCapacity];
            if (e == null || e.Id != id)
            {
                // Older than memory holds: the rest comes from disk, capped at what is committed.
                return _store.Read(afterId, limit).Where(x => x.Id <= last).ToList();
            }

            result.Add(e);
        }

        return result;
    }

    /// <summary>Completes once an event after <paramref name="afterId"/> is committed (or at once if one is).</summary>
    public Task WaitAfterAsync(long afterId, CancellationToken cancel)
    {
        Task signal;
        lock (_gate)
        {
            if (_committed.LastEventId > afterId)
            {
                return Task.CompletedTask;
            }

            signal = _next.Task;
        }

        return signal.WaitAsync(cancel);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public sealed record Committed(long LastEventId, DrillRoster Roster);
}
