using System.Collections.Immutable;
using Beacons.Gateway.Record;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Roster;

/// <summary>
/// The roster as a fold over the drill record. The live gateway and the rebuild after a restart both
/// go through <see cref="Apply"/>: one code path, so they cannot disagree.
/// </summary>
public static class RosterFold
{
    /// <summary>The roster before any event: the venue's zones, receivers and anchors, the exercise's officers and tags, none heard.</summary>
    public static DrillRoster Initial(Beacons.Venue.Venue venue, Exercise exercise)
    {
        var zones = venue.Zones.ToImmutableSortedDictionary(
            z => z.Id, z => new ZoneState(z.Id, z.Name, z.Floor, z.Status, null, z.Ccp, z.Outside));
        var officers = exercise.Officers.ToImmutableSortedDictionary(
            o => o.Badge, o => NewOfficer(o.Badge, o.Name, o.Agency, o.Role, listed: true));
        var casualties = exercise.Tags.ToImmutableSortedDictionary(t => t.Tag, t => NewCasualty(t.Tag, t.Label, listed: true));
        var receivers = venue.Receivers.ToImmutableSortedDictionary(
            r => r.Id, r => new ReceiverState(r.Id, r.Name, r.Zone, null, 0, 0, 0, 0, 0, 0, 0, 0));
        var anchors = venue.Anchors.ToImmutableSortedDictionary(a => a.Id, a => new AnchorState(a.Id, a.Zone, null, 0));
        return new DrillRoster(0, new DrillClock(null, null), zones, officers, casualties, receivers, anchors, ImmutableSortedDictionary<long, Alert>.Empty, ImmutableList<Note>.Empty);
    }

    public static DrillRoster Rebuild(Beacons.Venue.Venue venue, Exercise exercise, IEnumerable<DrillEvent> events)
    {
        DrillRoster roster = Initial(venue, exercise);
        foreach (DrillEvent e in events)
        {
            roster = Apply(roster, e);
        }

        return roster;
    }

    public static DrillRoster Apply(DrillRoster r, DrillEvent e)
    {
        long at = e.AtMs;
        r = r with { LastEventId = e.Id };
        switch (e.Body)
        {
            case ClockStarted:
                return r with { Clock = new DrillClock(at, null) };
            case ClockStopped:
                return r with { Clock = r.Clock with { StoppedAtMs = at } };
            case ZoneStatusSet s when r.Zones.TryGetValue(s.Zone, out ZoneState? zone):
                return r with { Zones = r.Zones.SetItem(s.Zone, zone with { Status = s.Status, StatusSinceMs = at }) };
            case Annotation a:
                return r with { Notes = r.Notes.Add(new Note(e.Id, at, a.Type, a.Text)) };
            case OfficerSeen s:
                return r with { Officers = r.Officers.SetItem(s.Badge, Officer(r, s.Badge, s.Role) with { FirstHeardMs = at, LastHeardMs = at }) };
            case OfficerZoneChanged z:
                return r with { Officers = r.Officers.SetItem(z.Badge, Officer(r, z.Badge, OfficerRole.Unknown) with { Zone = z.Zone, ZoneSinceMs = at, SelfLocated = z.SelfLocated }) };
            case Emergency em:
                return r with { Officers = r.Officers.SetItem(em.Badge, Officer(r, em.Badge, OfficerRole.Unknown) with { Emergency = em.Active, EmergencySinceMs = em.Active ? at : null }) };
            case CasualtySeen s:
                return r with { Casualties = r.Casualties.SetItem(s.Tag, Casualty(r, s.Tag) with { FirstSeenMs = at, LastHeardMs = at }) };
            case TagChanged t:
                return r with
                {
                    Casualties = r.Casualties.SetItem(t.Tag, Casualty(r, t.Tag) with
                    {
                        Colour = t.Colour, Committed = t.Committed, Changes = t.Changes, ColourChangedAtMs = t.ChangedAtMs,
                    }),
                };
            case CasualtyZoneChanged z:
            {
                CasualtyState c = Casualty(r, z.Tag);
                bool reached = c.ReachedCcpMs == null && z.Zone != 0 && z.Zone == r.CcpZone;
                return r with { Casualties = r.Casualties.SetItem(z.Tag, c with { Zone = z.Zone, ZoneSinceMs = at, ReachedCcpMs = reached ? at : c.ReachedCcpMs }) };
            }

            case Presence p:
                return ApplyPresence(r, p);
            case ReceiverHeartbeat h:
            {
                ReceiverState receiver = r.Receivers.TryGetValue(h.Receiver, out ReceiverState? known)
                    ? known
                    : new ReceiverState(h.Receiver, $"R{h.Receiver}", 0, null, 0, 0, 0, 0, 0, 0, 0, 0);
                return r with
                {
                    Receivers = r.Receivers.SetItem(h.Receiver, receiver with
                    {
                        LastHeartbeatMs = at, Sequence = h.Sequence, UptimeMs = h.UptimeMs, Heard = h.Heard, Sent = h.Sent,
                        Dropped = h.Dropped, Reconnects = h.Reconnects, WifiRssi = h.WifiRssi, ReportsPerSecond = h.ReportsPerSecond,
                    }),
                };
            }

            case AlertRaised a:
                return r with { Alerts = r.Alerts.SetItem(e.Id, new Alert(e.Id, a.Type, a.Badge, a.Tag, a.Receiver, a.Zone, a.Message, at, null, null)) };
            case AlertCleared c when r.Alerts.TryGetValue(c.Alert, out Alert? alert):
                return r with { Alerts = r.Alerts.SetItem(c.Alert, alert with { ClearedAtMs = at }) };
            case AlertAcknowledged k when r.Alerts.TryGetValue(k.Alert, out Alert? alert):
                return r with { Alerts = r.Alerts.SetItem(k.Alert, alert with { AcknowledgedAtMs = alert.AcknowledgedAtMs ?? at }) };
            default:
                return r;
        }
    }

    private static DrillRoster ApplyPresence(DrillRoster r, Presence p)
    {
        ImmutableSortedDictionary<int, OfficerState>.Builder officers = r.Officers.ToBuilder();
        ImmutableSortedDictionary<int, CasualtyState>.Builder casualties = r.Casualties.ToBuilder();
        ImmutableSortedDictionary<int, AnchorState>.Builder anchors = r.Anchors.ToBuilder();
        foreach (DevicePresence d in p.Devices)
        {
            switch (d.Kind)
            {
                case FrameKind.Badge:
                    OfficerState o = officers.TryGetValue(d.Id, out OfficerState? known) ? known : NewOfficer(d.Id, null, null, OfficerRole.Unknown, listed: false);
                    officers[d.Id] = o with { LastHeardMs = d.LastHeardMs, Battery = d.Battery, Counter = d.Counter, FirstHeardMs = o.FirstHeardMs ?? d.LastHeardMs };
                    break;
                case FrameKind.Tag:
                    CasualtyState c = casualties.TryGetValue(d.Id, out CasualtyState? knownTag) ? knownTag : NewCasualty(d.Id, null, listed: false);
                    casualties[d.Id] = c with { LastHeardMs = d.LastHeardMs, Battery = d.Battery, Counter = d.Counter, FirstSeenMs = c.FirstSeenMs ?? d.LastHeardMs };
                    break;
                case FrameKind.Anchor:
                    AnchorState a = anchors.TryGetValue(d.Id, out AnchorState? knownAnchor) ? knownAnchor : new AnchorState(d.Id, 0, null, 0);
                    anchors[d.Id] = a with { LastHeardMs = d.LastHeardMs, Counter = d.Counter };
                    break;
            }
        }

        return r with { Officers = officers.ToImmutable(), Casualties = casualties.ToImmutable(), Anchors = anchors.ToImmutable() };
    }

    private static OfficerState Officer(DrillRoster r, int badge, OfficerRole role)
    {
        if (r.Officers.TryGetValue(badge, out OfficerState? o))
        {
            return o;
        }

        return NewOfficer(badge, null, null, role, listed: false);
    }

    private static CasualtyState Casualty(DrillRoster r, int tag) =>
        r.Casualties.TryGetValue(tag, out CasualtyState? c) ? c : NewCasualty(tag, null, listed: false);

    private static OfficerState NewOfficer(int badge, string? name, string? agency, OfficerRole role, bool listed) =>
        new(badge, name, agency, role, listed, 0, null, false, null, null, null, false, null, 0);

    private static CasualtyState NewCasualty(int tag, string? label, bool listed) =>
        new(tag, label, listed, TriageColour.Untagged, false, 0, null, 0, null, null, null, null, null, 0);
}
