using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Review;

// What ReviewTracker keeps about each zone, officer and casualty while it reads the record. Mutable on
// purpose: one object per thing, updated in place by each event (a two-hour drill has hundreds of
// thousands of presence entries). Nothing here leaves the review: its result is a DrillReview.

internal sealed class ZoneOnRecord(VenueZone venue, ZoneStatus status)
{
    public readonly VenueZone Venue = venue;

    /// <summary>The status changes during the drill window, in order.</summary>
    public readonly List<StatusChange> Changes = new();
    public ZoneStatus Status = status;
    public ZoneStatus StatusAtT0 = status;

    /// <summary>The zone's status at <paramref name="at"/> during the drill window.</summary>
    public ZoneStatus StatusAt(long at)
    {
        ZoneStatus status = StatusAtT0;
        foreach (StatusChange c in Changes)
        {
            if (c.AtMs > at)
            {
                break;
            }

            status = c.Status;
        }

        return status;
    }
}

/// <summary>One stay in one zone during the drill window. <see cref="Entered"/>: it began with a move (not at T0).</summary>
internal readonly record struct Visit(long FromMs, long ToMs, int Zone, bool Entered);

/// <summary>Someone or something that moves between zones: its zone now and its visits during the drill.</summary>
internal abstract class MoverOnRecord
{
    private readonly List<Visit> _visits = new();
    private bool _open;
    private long _from;
    private int _visitZone;
    private bool _entered;

    public int Zone;
    public bool Placed;
    public long? FirstHeardMs;

    public void HeardAt(long at) => FirstHeardMs ??= at;

    /// <summary>Heard by the end of the drill (a badge first heard after it is not part of it).</summary>
    public bool HeardBy(long end) => FirstHeardMs <= end;

    public void Move(int zone, long at, bool inWindow)
    {
        if (inWindow)
        {
            Close(at);
            Open(at, zone, entered: true);
        }

        Zone = zone;
        Placed = true;
    }

    public void StartVisits(long at)
    {
        _visits.Clear();
        _open = false;
        if (Placed)
        {
            Open(at, Zone, entered: false);
        }
    }

    public void EndVisits(long at)
    {
        Close(at);
        _open = false;
    }

    /// <summary>The visits up to <paramref name="end"/>, as they were recorded (glitches included).</summary>
    public List<Visit> VisitsUpTo(long end)
    {
        var visits = new List<Visit>(_visits.Count + 1);
        visits.AddRange(_visits);
        if (_open && end > _from)
        {
            visits.Add(new Visit(_from, end, _visitZone, _entered));
        }

        return visits;
    }

    private void Open(long at, int zone, bool entered)
    {
        _open = true;
        _from = at;
        _visitZone = zone;
        _entered = entered;
    }

    private void Close(long at)
    {
        if (_open && at > _from)
        {
            _visits.Add(new Visit(_from, at, _visitZone, _entered));
        }

        _open = false;
    }
}

internal sealed class OfficerOnRecord(int badge, string? name, string? agency, OfficerRole role, bool listed) : MoverOnRecord
{
    public readonly int Badge = badge;
    public readonly string? Name = name;
    public readonly string? Agency = agency;
    public readonly OfficerRole Role = role;
    public readonly bool Listed = listed;
    public int LastKnownZone;
    public int ZoneWhenHeard;
    public long? LastHeardMs;
    public long? SilentAlert;
    public long? SilentAlertAtMs;

    /// <summary>Heard from T0 on (a presence entry, or first seen, during the drill).</summary>
    public bool HeardInDrill;

    /// <summary>When last heard before T0; null if not heard before it.</summary>
    public long? HeardBeforeT0Ms;
}

internal sealed class CasualtyOnRecord(int tag, string? label, bool listed) : MoverOnRecord
{
    public readonly int Tag = tag;
    public readonly string? Label = label;
    public readonly bool Listed = listed;
}
