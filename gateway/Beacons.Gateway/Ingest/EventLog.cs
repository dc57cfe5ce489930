using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;

namespace Beacons.Gateway.Ingest;

/// <summary>
/// The events the pipeline emitted and the caller has not yet taken to commit, and the roster they fold
/// to. Every change goes through <see cref="RosterFold"/>, so <see cref="Roster"/> is always the fold of
/// the events emitted so far, and every reader of "what the drill is now" reads it here.
/// </summary>
public sealed class EventLog(DrillRoster roster)
{
    private readonly List<DrillEvent> _pending = new();
    private long _lastAtMs;

    /// <summary>The fold of every event emitted so far (committed or not).</summary>
    public DrillRoster Roster { get; private set; } = roster;

    /// <summary>Set by any event that can raise or clear an alert; the pipeline clears it when it runs the rules.</summary>
    public bool AlertsDue { get; set; }

    public int PendingCount => _pending.Count;

    public DrillEvent Emit(EventBody body, long atMs)
    {
        // The record's times never go back, even if the system clock does.
        if (atMs < _lastAtMs)
        {
            atMs = _lastAtMs;
        }

        _lastAtMs = atMs;
        var e = new DrillEvent(Roster.LastEventId + 1, atMs, body);
        Roster = RosterFold.Apply(Roster, e);
        _pending.Add(e);
        if (body is not Presence and not ReceiverHeartbeat and not AlertRaised and not AlertCleared)
        {
            AlertsDue = true;
        }

        return e;
    }

    /// <summary>Events emitted since the last call, in ID order; the caller commits them.</summary>
    public List<DrillEvent> TakePending()
    {
        var taken = new List<DrillEvent>(_pending);
        _pending.Clear();
        return taken;
    }
}
