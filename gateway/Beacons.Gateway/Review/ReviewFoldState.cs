using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Review;

// What ReviewFold keeps about each zone, officer, casualty and emergency while it reads the record.
// Mutable on purpose: one object per thing, updated in place by each event (a two-hour drill has
// hundreds of thousands of presence entries). Nothing here leaves the fold: its result is a DrillReview.

internal sealed class ZoneOnRecord(VenueZone venue, ZoneStatus status)
{
    public readonly VenueZone Venue = venue;
    public readonly List<StatusChange> Changes = new();
    public ZoneStatus Status = status;
    public ZoneStatus StatusAtT0 = status;
    public long? ClearedAtMs;
    public long? ColdAtMs;
}

/// <summary>Someone or something that moves between zones: its zone now and its track during the drill.</summary>
internal abstract class MoverOnRecord
{
    private readonly List<ZoneSpan> _spans = new();
    private bool _open;
    private long _from;
    private int _spanZone;
    private ZoneStatus? _spanStatus;

    public int Zone;
    public bool Placed;
    public long? FirstHeardMs;

    public void HeardAt(long at) => FirstHeardMs ??= at;

    /// <summary>Heard by the end of the drill (a badge first heard after it is not part of it).</summary>
    public bool HeardBy(long end) => FirstHeardMs <= end;

    public void Move(int zone, long at, ZoneStatus? status, bool inWindow)
    {
        if (inWindow)
        {
            Close(at);
            Open(at, zone, status);
        }

        Zone = zone;
        Placed = true;
    }

    public void Split(long at, ZoneStatus status)
    {
        if (_open)
        {
            Close(at);
            Open(at, Zone, status);
        }
    }

    public void StartTrack(long at, ZoneStatus? status)
    {
        _spans.Clear();
        _open = false;
        if (Placed)
        {
            Open(at, Zone, status);
        }
    }

    public void EndTrack(long at)
    {
        Close(at);
        _open = false;
    }

    public List<ZoneSpan> TrackUpTo(long end)
    {
        var track = new List<ZoneSpan>(_spans.Count + 1);
        track.AddRange(_spans);
        if (_open && end > _from)
        {
            track.Add(new ZoneSpan(_from, end, _spanZone, _spanStatus));
        }

        return track;
    }

    private void Open(long at, int zone, ZoneStatus? status)
    {
        _open = true;
        _from = at;
        _spanZone = zone;
        _spanStatus = zone == 0 ? null : status;
    }

    private void Close(long at)
    {
        if (_open && at > _from)
        {
            _spans.Add(new ZoneSpan(_from, at, _spanZone, _spanStatus));
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
    public long? FirstEntryMs;
    public bool Emergency;
    public OfficerReview? AtEnd;

    public string Who => Name ?? $"badge {Badge}";
}

internal sealed class CasualtyOnRecord(int tag, string? label, bool listed) : MoverOnRecord
{
    public readonly int Tag = tag;
    public readonly string? Label = label;
    public readonly bool Listed = listed;
    public readonly List<TriageStep> Triage = new();
    public TriageColour Colour;
    public TriageColour ColourAtT0;
    public bool Committed;
    public int Changes;
    public TriageColour? LastCommitted;
    public long? TaggedMs;
    public TriageColour? FirstColour;
    public long? RedMs;
    public long? ReachedCcpMs;
    public CasualtyReview? AtEnd;

    public string What => Label ?? $"tag {Tag}";
}

internal sealed class EmergencyOnRecord(OfficerOnRecord officer, int zone, long atMs)
{
    public readonly OfficerOnRecord Officer = officer;
    public readonly int Zone = zone;
    public readonly long AtMs = atMs;
    public long? ClearedAtMs;
    private long? _reachedAtMs;
    private OfficerOnRecord? _reachedBy;
    private bool _alreadyThere;

    public void Reach(long at, OfficerOnRecord by, bool alreadyThere)
    {
        _reachedAtMs = at;
        _reachedBy = by;
        _alreadyThere = alreadyThere;
    }

    public EmergencyResponse Result(string zoneName) => new(
        Officer.Badge, Officer.Name, Zone, zoneName, AtMs, ClearedAtMs, _reachedAtMs, _reachedBy?.Badge,
        _reachedBy?.Who, _reachedAtMs - AtMs, _alreadyThere);
}
