using Beacons.Gateway.Record;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Review;

/// <summary>
/// Where everyone was and when, read from the record: the drill window (T0 to the stop), each zone's
/// status, each officer's and casualty's zone visits, and the gaps in hearing each officer. It knows
/// nothing of what these mean for the debrief (<see cref="ReviewFold"/>) or how they are worded.
///
/// The drill runs from a clock-started event (T0) to the clock-stopped after it. Events before T0 only
/// set the scene (where everyone is, each zone's status); events after the stop do not count. A record
/// whose clock was started several times is tracked from the last start unless
/// <see cref="ReviewSettings.Run"/> picks another: each start resets what was gathered, so it stays one pass.
/// </summary>
internal sealed class ReviewTracker
{
    private readonly ReviewSettings _settings;
    private readonly Dictionary<int, ZoneOnRecord> _zones = new();
    private readonly Dictionary<int, OfficerOnRecord> _officers = new();
    private readonly Dictionary<int, CasualtyOnRecord> _casualties = new();
    private readonly List<ContactGap> _gaps = new();

    public ReviewTracker(Beacons.Venue.Venue venue, Exercise exercise, ReviewSettings settings)
    {
        _settings = settings;
        foreach (VenueZone z in venue.Zones)
        {
            _zones[z.Id] = new ZoneOnRecord(z, z.Status);
        }

        Ccp = venue.Ccp.Id;
        foreach (Beacons.Venue.Officer o in exercise.Officers)
        {
            _officers[o.Badge] = new OfficerOnRecord(o.Badge, o.Name, o.Agency, o.Role, listed: true);
        }

        foreach (CasualtyTag t in exercise.Tags)
        {
            _casualties[t.Tag] = new CasualtyOnRecord(t.Tag, t.Label, listed: true);
        }
    }

    /// <summary>How the drill window moved with an event.</summary>
    public enum Window { Unchanged, Opened, Closed }

    public int Ccp { get; }

    public bool Any { get; private set; }

    public bool InWindow { get; private set; }

    public bool Started { get; private set; }

    public bool Stopped { get; private set; }

    public int Starts { get; private set; }

    public int Run { get; private set; }

    public long T0 { get; private set; }

    public long End { get; private set; }

    /// <summary>The events from clock-started to clock-stopped, both included.</summary>
    public long Events { get; private set; }

    public List<long> ClockJumps { get; } = new();

    public IEnumerable<ZoneOnRecord> Zones => _zones.Values;

    public IEnumerable<OfficerOnRecord> Officers => _officers.Values;

    public IEnumerable<CasualtyOnRecord> Casualties => _casualties.Values;

    /// <summary>Before each event: until a clock-started event says otherwise, the drill runs from the first event.</summary>
    public Window Begin(long at)
    {
        if (Any)
        {
            return Window.Unchanged;
        }

        Any = true;
        OpenWindow(at);
        return Window.Opened;
    }

    /// <summary>After each event: counts it and moves the end of the drill.</summary>
    public void Done(long at, bool wasInWindow)
    {
        if (InWindow || wasInWindow)
        {
            Events++;
        }

        if (InWindow)
        {
            End = at;
        }
    }

    public Window ClockStarted(long at)
    {
        Starts++;
        if (_settings.Run == null || _settings.Run == Starts)
        {
            Started = true;
            Stopped = false;
            Run = Starts;
            OpenWindow(at);
            return Window.Opened;
        }

        if (InWindow)
        {
            // The window so far was the scene before the run asked for, or the run asked for is over.
            CloseWindow(at);
            return Window.Closed;
        }

        return Window.Unchanged;
    }

    public Window ClockStopped(long at)
    {
        if (!InWindow || !Started)
        {
            return Window.Unchanged;
        }

        Stopped = true;
        CloseWindow(at);
        return Window.Closed;
    }

    /// <summary>A zone's status set; the change when it is one during the drill, else null.</summary>
    public StatusChange? StatusSet(int zone, ZoneStatus status, long at)
    {
        if (!_zones.TryGetValue(zone, out ZoneOnRecord? z) || z.Status == status)
        {
            return null;
        }

        ZoneStatus previous = z.Status;
        z.Status = status;
        if (!InWindow)
        {
            return null;
        }

        var change = new StatusChange(at, status, previous);
        z.Changes.Add(change);
        return change;
    }

    public OfficerOnRecord OfficerSeen(int badge, OfficerRole role, long at)
    {
        OfficerOnRecord o = Officer(badge, role);
        o.HeardAt(at);
        o.LastHeardMs ??= at;
        o.HeardInDrill |= InWindow;
        return o;
    }

    public OfficerOnRecord OfficerMoved(int badge, int zone, long at)
    {
        OfficerOnRecord o = Officer(badge, null);
        o.Move(zone, at, InWindow);
        if (zone != 0 && _zones.ContainsKey(zone))
        {
            o.LastKnownZone = zone;
        }

        return o;
    }

    public CasualtyOnRecord CasualtyHeard(int tag, long at)
    {
        CasualtyOnRecord c = Casualty(tag);
        c.HeardAt(at);
        return c;
    }

    public CasualtyOnRecord CasualtyMoved(int tag, int zone, long at)
    {
        CasualtyOnRecord c = Casualty(tag);
        c.Move(zone, at, InWindow);
        return c;
    }

    public void Presence(Presence p, long at)
    {
        foreach (DevicePresence d in p.Devices)
        {
            switch (d.Kind)
            {
                case FrameKind.Badge:
                    BadgeHeard(Officer(d.Id, null), d.LastHeardMs, at);
                    break;
                case FrameKind.Tag:
                    Casualty(d.Id).HeardAt(at);
                    break;
            }
        }
    }

    /// <summary>The gateway raised officer-silent: the gap it is about counts whatever its length.</summary>
    public void SilentAlert(int badge, long alertId, long at)
    {
        OfficerOnRecord o = Officer(badge, null);
        if (o.SilentAlert == null)
        {
            o.SilentAlert = alertId;
            o.SilentAlertAtMs = at;
        }
    }

    /// <summary>The gaps in hearing officers during the drill, those still open at <paramref name="end"/> included.</summary>
    public List<ContactGap> Gaps(long end)
    {
        var gaps = new List<ContactGap>(_gaps);
        if (InWindow)
        {
            gaps.AddRange(OpenGaps(end));
        }

        return gaps.OrderBy(g => g.FromMs).ThenBy(g => g.Badge).ToList();
    }

    /// <summary>
    /// Someone's stays in zones during the drill, up to <paramref name="end"/>, without the location
    /// glitches: a stay shorter than <see cref="ReviewSettings.DwellMs"/> is taken as still being where
    /// they were before it. A glitch before anywhere is known is left out. Stays in the same zone that a
    /// glitch split become one again. The stay the end of the drill cuts short is kept: the record ends
    /// before it could show it up as a glitch, and it is where they were last placed.
    /// </summary>
    public List<Visit> Visits(MoverOnRecord m, long end) => Settle(m.VisitsUpTo(end), _settings.DwellMs, end, out _);

    /// <summary>How many stays, over everyone, were set aside as glitches up to <paramref name="end"/>.</summary>
    public int Glitches(long end)
    {
        int glitches = 0;
        foreach (MoverOnRecord m in _officers.Values.Concat<MoverOnRecord>(_casualties.Values))
        {
            Settle(m.VisitsUpTo(end), _settings.DwellMs, end, out int n);
            glitches += n;
        }

        return glitches;
    }

    private static List<Visit> Settle(List<Visit> visits, long dwellMs, long end, out int glitches)
    {
        glitches = 0;
        var settled = new List<Visit>(visits.Count);
        foreach (Visit v in visits)
        {
            bool glitch = v.ToMs - v.FromMs < dwellMs && v.ToMs < end;
            glitches += glitch ? 1 : 0;
            if (settled.Count > 0 && settled[^1].ToMs == v.FromMs && (glitch || settled[^1].Zone == v.Zone))
            {
                settled[^1] = settled[^1] with { ToMs = v.ToMs };
            }
            else if (!glitch)
            {
                settled.Add(v);
            }
        }

        return settled;
    }

    /// <summary>Where someone was up to <paramref name="end"/>, zone by zone, split whenever the zone's status changed.</summary>
    public List<ZoneSpan> Track(MoverOnRecord m, long end)
    {
        var track = new List<ZoneSpan>();
        foreach (Visit v in Visits(m, end))
        {
            if (v.Zone == 0 || !_zones.TryGetValue(v.Zone, out ZoneOnRecord? z))
            {
                track.Add(new ZoneSpan(v.FromMs, v.ToMs, v.Zone, null));
                continue;
            }

            long from = v.FromMs;
            ZoneStatus status = z.StatusAt(from);
            foreach (StatusChange c in z.Changes)
            {
                if (c.AtMs > from && c.AtMs < v.ToMs)
                {
                    track.Add(new ZoneSpan(from, c.AtMs, v.Zone, status));
                    from = c.AtMs;
                    status = c.Status;
                }
            }

            track.Add(new ZoneSpan(from, v.ToMs, v.Zone, status));
        }

        return track;
    }

    public ZoneStatus? StatusOf(int zone) => zone != 0 && _zones.TryGetValue(zone, out ZoneOnRecord? z) ? z.Status : null;

    public VenueZone? Zone(int zone) => _zones.TryGetValue(zone, out ZoneOnRecord? z) ? z.Venue : null;

    public OfficerOnRecord Officer(int badge, OfficerRole? role)
    {
        if (!_officers.TryGetValue(badge, out OfficerOnRecord? o))
        {
            o = new OfficerOnRecord(badge, null, null, role ?? OfficerRole.Unknown, listed: false);
            _officers[badge] = o;
        }

        return o;
    }

    public CasualtyOnRecord Casualty(int tag)
    {
        if (!_casualties.TryGetValue(tag, out CasualtyOnRecord? c))
        {
            c = new CasualtyOnRecord(tag, null, listed: false);
            _casualties[tag] = c;
        }

        return c;
    }

    /// <summary>T0: forget what an earlier window gathered and start every visit from where things stand.</summary>
    private void OpenWindow(long at)
    {
        InWindow = true;
        T0 = at;
        End = at;
        Events = 0;
        _gaps.Clear();
        foreach (ZoneOnRecord z in _zones.Values)
        {
            z.StatusAtT0 = z.Status;
            z.Changes.Clear();
        }

        foreach (OfficerOnRecord o in _officers.Values)
        {
            o.StartVisits(at);
            o.HeardInDrill = false;
            o.HeardBeforeT0Ms = o.LastHeardMs;
        }

        foreach (CasualtyOnRecord c in _casualties.Values)
        {
            c.StartVisits(at);
        }
    }

    /// <summary>The end of the drill: visits end here, and what comes later no longer counts.</summary>
    private void CloseWindow(long at)
    {
        End = at;
        foreach (OfficerOnRecord o in _officers.Values)
        {
            o.EndVisits(at);
        }

        foreach (CasualtyOnRecord c in _casualties.Values)
        {
            c.EndVisits(at);
        }

        _gaps.AddRange(OpenGaps(at));
        InWindow = false;
    }

    private void BadgeHeard(OfficerOnRecord o, long lastHeard, long at)
    {
        o.HeardAt(at);
        if (o.LastHeardMs is long previous)
        {
            if (lastHeard <= previous)
            {
                return;
            }

            // Only the part of the gap inside the drill counts: silence before T0 is not a finding.
            long from = Math.Max(previous, T0);
            if (InWindow && lastHeard > from && (lastHeard - from >= _settings.OutOfContactMs || AlertedDuringDrill(o)))
            {
                _gaps.Add(new ContactGap(o.Badge, o.Name, o.Role, o.ZoneWhenHeard, ZoneName(o.ZoneWhenHeard), from, lastHeard, lastHeard - from, o.SilentAlert));
            }
        }

        o.HeardInDrill |= InWindow && lastHeard >= T0;
        o.SilentAlert = null;
        o.SilentAlertAtMs = null;
        o.LastHeardMs = lastHeard;
        o.ZoneWhenHeard = o.LastKnownZone;
    }

    /// <summary>Officers silent at <paramref name="end"/> for long enough (or alerted as silent): gaps still open.</summary>
    private IEnumerable<ContactGap> OpenGaps(long end)
    {
        foreach (OfficerOnRecord o in _officers.Values.OrderBy(o => o.Badge))
        {
            // An officer not heard since T0 has no gap: the drill never heard them (SafetyFindings.NotHeard).
            if (o.HeardInDrill && o.LastHeardMs is long last && end > Math.Max(last, T0))
            {
                long from = Math.Max(last, T0);
                if (end - from >= _settings.OutOfContactMs || AlertedDuringDrill(o))
                {
                    yield return new ContactGap(o.Badge, o.Name, o.Role, o.LastKnownZone, ZoneName(o.LastKnownZone), from, null, end - from, o.SilentAlert);
                }
            }
        }
    }

    /// <summary>The gateway raised officer-silent during the drill (perhaps with a shorter --officer-silent than ours).</summary>
    private bool AlertedDuringDrill(OfficerOnRecord o) => o.SilentAlert != null && o.SilentAlertAtMs >= T0;

    public string ZoneName(int zone) => ReviewWording.ZoneName(zone, Zone(zone));
}
