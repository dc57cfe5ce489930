using Beacons.Gateway.Roster;

namespace Beacons.Gateway.Record;

/// <summary>
/// What clients may see: only committed events, and the roster as of the last of them. The writer
/// publishes here after each commit; the API and the stream read and wait here. Recent events stay in
/// memory for the stream; older ones come from the record on disk. For the newest events the feed also
/// keeps what each changed in the roster, which the stream sends with it.
/// </summary>
public sealed class EventFeed
{
    private const int RecentCapacity = 16_384;

    /// <summary>
    /// How many of the newest events keep their roster changes: a client that falls further behind (a long break,
    /// a gateway restart) reads the roster again instead. A presence event of a thousand devices changes them all,
    /// so this is kept well below <see cref="RecentCapacity"/>.
    /// </summary>
    private const int ChangesCapacity = 1_024;

    private readonly EventStore _store;
    private readonly StoredEvent?[] _recent = new StoredEvent?[RecentCapacity];
    private readonly Changes?[] _changes = new Changes?[ChangesCapacity];
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

    /// <summary>
    /// Publishes committed events: <paramref name="events"/> as folded, <paramref name="stored"/> as recorded (the same
    /// events), and <paramref name="roster"/> the fold of all of them. Each event's changes come from folding it again
    /// onto the roster before it (<see cref="RosterFold"/>, the same code, so the same result) and comparing the two.
    /// </summary>
    public void Publish(IReadOnlyList<DrillEvent> events, IReadOnlyList<StoredEvent> stored, DrillRoster roster)
    {
        var rosters = new DrillRoster[events.Count + 1];
        rosters[0] = Current.Roster;
        for (int i = 0; i < events.Count; i++)
        {
            rosters[i + 1] = RosterFold.Apply(rosters[i], events[i]);
        }

        var batch = new RosterChanges(rosters[0], rosters[^1]);
        var changes = new Changes[events.Count];
        for (int i = 0; i < events.Count; i++)
        {
            changes[i] = new Changes(events[i].Id, batch.Json(rosters[i], rosters[i + 1]));
        }

        TaskCompletionSource signal;
        lock (_gate)
        {
            for (int i = 0; i < stored.Count; i++)
            {
                _recent[stored[i].Id % RecentCapacity] = stored[i];
                _changes[changes[i].Id % ChangesCapacity] = changes[i];
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

    /// <summary>
    /// What event <paramref name="id"/> changed in the roster, as JSON (<see cref="RosterChanges"/>); null when the
    /// feed no longer holds it (an older event, or one committed before the gateway started).
    /// </summary>
    public string? ChangesOf(long id)
    {
        Changes? changes = Volatile.Read(ref _changes[id % ChangesCapacity]);
        return changes?.Id == id ? changes.Json : null;
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

    private sealed record Changes(long Id, string Json);
}
