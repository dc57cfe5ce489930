using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Venue;
using Beacons.Protocol;

namespace Beacons.Gateway.Review;

/// <summary>
/// The after-action review as one pass over the drill record: <see cref="Add"/> each event in order,
/// then <see cref="Result"/>. The state it keeps while folding is private and mutable (a two-hour drill
/// has hundreds of thousands of presence entries); what comes out is an immutable <see cref="DrillReview"/>
/// that depends on nothing but the events, the venue, the exercise and the settings.
///
/// The drill runs from a clock-started event (T0) to the clock-stopped after it. Events before T0 only
/// set the scene (where everyone is, each zone's status, each tag's colour); events after the stop are
/// ignored. A record whose clock was started several times is reviewed from the last start unless
/// <see cref="ReviewSettings.Run"/> picks another: each start resets what the review has gathered, so
/// the fold stays a single pass.
/// </summary>
public sealed class ReviewFold
{
    private readonly Beacons.Venue.Venue _venue;
    private readonly Exercise _exercise;
    private readonly ReviewSettings _settings;
    private readonly Dictionary<int, ZoneOnRecord> _zones = new();
    private readonly int _ccp;
    private readonly Dictionary<int, OfficerOnRecord> _officers = new();
    private readonly Dictionary<int, CasualtyOnRecord> _casualties = new();

    // What the drill window has gathered; cleared at each T0.
    private readonly List<TimelineEntry> _timeline = new();
    private readonly List<EmergencyOnRecord> _emergencies = new();
    private readonly List<EmergencyOnRecord> _awaitingResponse = new();
    private readonly List<ContactGap> _gaps = new();
    private readonly List<ColourChange> _colourChanges = new();
    private Mark? _firstEntry;
    private Mark? _threatNeutralized;
    private Mark? _unifiedCommand;
    private Mark? _rtfAssembled;
    private Mark? _firstRtfInWarm;

    private bool _any;
    private bool _inWindow;
    private bool _started;
    private bool _stopped;
    private readonly List<long> _clockJumps = new();
    private int _starts;
    private IReadOnlyList<string>? _notReadyAtT0;
    private int _run;
    private long _t0;
    private long _end;
    private long _events;
    private ExerciseOpened? _opened;

    public ReviewFold(Beacons.Venue.Venue venue, Exercise exercise, ReviewSettings? settings = null)
    {
        _venue = venue;
        _exercise = exercise;
        _settings = settings ?? new ReviewSettings();
        foreach (VenueZone z in venue.Zones)
        {
            _zones[z.Id] = new ZoneOnRecord(z, z.Status);
        }

        _ccp = venue.Ccp.Id;
        foreach (Beacons.Venue.Officer o in exercise.Officers)
        {
            _officers[o.Badge] = new OfficerOnRecord(o.Badge, o.Name, o.Agency, o.Role, listed: true);
        }

        foreach (CasualtyTag t in exercise.Tags)
        {
            _casualties[t.Tag] = new CasualtyOnRecord(t.Tag, t.Label, listed: true);
        }
    }

    /// <summary>The review of a whole record in one call.</summary>
    public static DrillReview Of(Beacons.Venue.Venue venue, Exercise exercise, IEnumerable<DrillEvent> events, ReviewSettings? settings = null)
    {
        var fold = new ReviewFold(venue, exercise, settings);
        foreach (DrillEvent e in events)
        {
            fold.Add(e);
        }

        return fold.Result();
    }

    /// <summary>Folds in the next event of the record (events must come in record order).</summary>
    public void Add(DrillEvent e)
    {
        long at = e.AtMs;
        if (!_any)
        {
            // Until a clock-started event says otherwise, the drill runs from the first event.
            _any = true;
            OpenWindow(at);
        }

        bool wasInWindow = _inWindow;
        switch (e.Body)
        {
            case ExerciseOpened opened:
                _opened ??= opened;
                break;
            case ClockStarted started:
                ClockStart(at, started.NotReady);
                break;
            case ClockJumped jumped:
                _clockJumps.Add(jumped.JumpMs);
                break;
            case ClockStopped:
                if (_inWindow && _started)
                {
                    _stopped = true;
                    Note(at, "clock-stopped", "Exercise clock stopped", null, null, null);
                    CloseWindow(at);
                }

                break;
            case ZoneStatusSet s:
                StatusSet(s, at);
                break;
            case Annotation a:
                Annotate(a, at);
                break;
            case OfficerSeen s:
            {
                OfficerOnRecord o = Officer(s.Badge, s.Role);
                o.HeardAt(at);
                o.LastHeardMs ??= at;
                break;
            }

            case OfficerZoneChanged z:
                OfficerMoved(Officer(z.Badge, null), z.Zone, at);
                break;
            case Beacons.Gateway.Record.Emergency em:
                EmergencyFlag(Officer(em.Badge, null), em.Active, at);
                break;
            case CasualtySeen s:
                Casualty(s.Tag).HeardAt(at);
                break;
            case TagChanged t:
                TagChange(t, at);
                break;
            case CasualtyZoneChanged z:
                CasualtyMoved(Casualty(z.Tag), z.Zone, at);
                break;
            case Presence p:
                PresenceSeen(p, at);
                break;
            case AlertRaised a:
                AlertSeen(a, e.Id, at);
                break;
        }

        // Counted: the events from clock-started to clock-stopped, both included.
        if (_inWindow || wasInWindow)
        {
            _events++;
        }

        if (_inWindow)
        {
            _end = at;
        }
    }

    /// <summary>The review of everything folded so far (folding may go on afterwards).</summary>
    public DrillReview Result()
    {
        if (!_any)
        {
            throw new ReviewException("the record holds no events");
        }

        if (_settings.Run is int wanted && wanted > _starts)
        {
            throw new ReviewException(_starts == 0
                ? "the exercise clock was never started in this record, so there is no run to pick"
                : $"the exercise clock was started {_starts} time{(_starts == 1 ? "" : "s")} in this record; there is no run {wanted}");
        }

        long end = _end;
        var remarks = new List<string>();
        if (!_started)
        {
            remarks.Add("The exercise clock was never started: times count from the first event of the record.");
        }
        else
        {
            if (_starts > 1)
            {
                remarks.Add($"The exercise clock was started {_starts} times; this review covers start {_run} (beacons report --run N reviews another).");
            }

            if (!_stopped)
            {
                remarks.Add("The exercise clock was not stopped: the review ends at the last event of the record.");
            }

            if (_notReadyAtT0 is { Count: > 0 } notReady)
            {
                // The controller started anyway (docs/gateway-api.md, T0): figures about these devices may be missing.
                remarks.Add($"At T0, {notReady.Count} device{(notReady.Count == 1 ? " was" : "s were")} not ready: {string.Join("; ", notReady)}.");
            }
        }

        foreach (long jump in _clockJumps)
        {
            remarks.Add($"The laptop's clock was changed during the drill ({(jump < 0 ? "back" : "forward")} {ReviewText.Duration(Math.Abs(jump))}): "
                + "every time here follows the gateway's steady clock, so durations are true, but clock times may differ from the laptop's.");
        }

        var zones = _zones.Values.OrderBy(z => z.Venue.Id).Select(z => ZoneResult(z, end)).ToList();
        // After the drill ended, what came later must not show: the results frozen at the end are used.
        var officers = _officers.Values.Where(o => o.Listed || o.HeardBy(end)).OrderBy(o => o.Badge).Select(o => o.AtEnd ?? OfficerResult(o, end)).ToList();
        var casualties = _casualties.Values.Where(c => c.Listed || c.HeardBy(end)).OrderBy(c => c.Tag).Select(c => c.AtEnd ?? CasualtyResult(c, end)).ToList();
        List<KeyTime> keyTimes = KeyTimes(casualties);

        var gaps = new List<ContactGap>(_gaps);
        if (_inWindow)
        {
            gaps.AddRange(OpenGaps(end));
        }

        var safety = new SafetyFindings(
            MedicsInHotZones(officers, end),
            _emergencies.Select(em => em.Result(ZoneName(em.Zone))).ToList(),
            gaps.OrderBy(g => g.FromMs).ThenBy(g => g.Badge).ToList(),
            _colourChanges.OrderBy(c => c.AtMs).ToList());

        var summary = new DrillSummary(
            _opened?.ExerciseId ?? _exercise.ExerciseId,
            _opened?.ExerciseName ?? _exercise.Name,
            _opened?.VenueName ?? _venue.Name,
            _t0,
            end,
            _started,
            _stopped,
            _run,
            _starts,
            _events,
            remarks);
        return new DrillReview(
            summary,
            keyTimes,
            References(keyTimes),
            zones,
            officers,
            casualties,
            safety,
            _timeline.OrderBy(t => t.AtMs).ToList());
    }

    private void ClockStart(long at, IReadOnlyList<string>? notReady)
    {
        _starts++;
        if (_settings.Run == null || _settings.Run == _starts)
        {
            _notReadyAtT0 = notReady;
            _started = true;
            _stopped = false;
            _run = _starts;
            OpenWindow(at);
            Note(at, "clock-started", "Exercise clock started (T0)", null, null, null);
        }
        else if (_inWindow)
        {
            // The window so far was the scene before the run asked for, or the run asked for is over.
            CloseWindow(at);
        }
    }

    /// <summary>T0: forget what an earlier window gathered and start every track from where things stand.</summary>
    private void OpenWindow(long at)
    {
        _inWindow = true;
        _t0 = at;
        _end = at;
        _events = 0;
        _timeline.Clear();
        _emergencies.Clear();
        _awaitingResponse.Clear();
        _gaps.Clear();
        _colourChanges.Clear();
        _firstEntry = _threatNeutralized = _unifiedCommand = _rtfAssembled = _firstRtfInWarm = null;
        foreach (ZoneOnRecord z in _zones.Values)
        {
            z.StatusAtT0 = z.Status;
            z.Changes.Clear();
            z.ClearedAtMs = null;
            z.ColdAtMs = null;
        }

        foreach (OfficerOnRecord o in _officers.Values)
        {
            o.StartTrack(at, StatusOf(o.Zone));
            o.FirstEntryMs = null;
            o.AtEnd = null;
        }

        foreach (CasualtyOnRecord c in _casualties.Values)
        {
            c.StartTrack(at, StatusOf(c.Zone));
            c.AtEnd = null;
            c.Triage.Clear();
            c.ColourAtT0 = c.Colour;
            c.ReachedCcpMs = c.Placed && c.Zone == _ccp ? at : null;
        }

        foreach (OfficerOnRecord o in _officers.Values.Where(o => o.Emergency).OrderBy(o => o.Badge))
        {
            StartEmergency(o, at);
        }

        if (_firstRtfInWarm == null)
        {
            CheckRtfInWarm(at, zone: null);
        }
    }

    /// <summary>The end of the drill: tracks end here, and what comes later no longer counts.</summary>
    private void CloseWindow(long at)
    {
        _end = at;
        foreach (OfficerOnRecord o in _officers.Values)
        {
            o.EndTrack(at);
            o.AtEnd = OfficerResult(o, at);
        }

        foreach (CasualtyOnRecord c in _casualties.Values)
        {
            c.EndTrack(at);
            c.AtEnd = CasualtyResult(c, at);
        }

        _gaps.AddRange(OpenGaps(at));
        _inWindow = false;
    }

    private void StatusSet(ZoneStatusSet s, long at)
    {
        if (!_zones.TryGetValue(s.Zone, out ZoneOnRecord? zone))
        {
            return;
        }

        ZoneStatus status = s.Status;
        ZoneStatus previous = zone.Status;
        if (status == previous)
        {
            return;
        }

        zone.Status = status;
        if (!_inWindow)
        {
            return;
        }

        zone.Changes.Add(new StatusChange(at, status, previous));
        if (previous == ZoneStatus.Hot && zone.ClearedAtMs == null)
        {
            zone.ClearedAtMs = at;
        }

        if (status == ZoneStatus.Cold && zone.ColdAtMs == null)
        {
            zone.ColdAtMs = at;
        }

        Note(at, "zone-status", $"{zone.Venue.Name}: {WireNames.Of(previous)} to {WireNames.Of(status)}", null, null, s.Zone);

        // Everyone in the zone starts a new piece of track in the new colour.
        foreach (OfficerOnRecord o in _officers.Values)
        {
            if (o.Placed && o.Zone == s.Zone)
            {
                o.Split(at, status);
            }
        }

        foreach (CasualtyOnRecord c in _casualties.Values)
        {
            if (c.Placed && c.Zone == s.Zone)
            {
                c.Split(at, status);
            }
        }

        if (status == ZoneStatus.Warm && _firstRtfInWarm == null)
        {
            CheckRtfInWarm(at, s.Zone);
        }
    }

    /// <summary>The first moment an RTF member is in a warm zone: they walk into one, or theirs becomes warm.</summary>
    private void CheckRtfInWarm(long at, int? zone)
    {
        OfficerOnRecord? rtf = _officers.Values
            .Where(o => IsRtf(o) && o.Placed && o.Zone != 0 && (zone == null || o.Zone == zone) && StatusOf(o.Zone) == ZoneStatus.Warm)
            .MinBy(o => o.Badge);
        if (rtf != null)
        {
            _firstRtfInWarm = new Mark(at, $"{Who(rtf)} ({WireNames.Of(rtf.Role)}) in {ZoneName(rtf.Zone)}");
        }
    }

    private void Annotate(Annotation a, long at)
    {
        if (!_inWindow)
        {
            return;
        }

        Note(at, "annotation", a.Text.Length > 0 ? $"{a.Type}: {a.Text}" : a.Type, null, null, null);
        string detail = a.Text.Length > 0 ? a.Text : a.Type;
        switch (a.Type)
        {
            case KeyTimeIds.ThreatNeutralized:
                _threatNeutralized ??= new Mark(at, detail);
                break;
            case KeyTimeIds.UnifiedCommand:
                _unifiedCommand ??= new Mark(at, detail);
                break;
            case KeyTimeIds.RtfAssembled:
                _rtfAssembled ??= new Mark(at, detail);
                break;
        }
    }

    private void OfficerMoved(OfficerOnRecord o, int zone, long at)
    {
        o.Move(zone, at, StatusOf(zone), _inWindow);
        if (zone != 0 && _zones.ContainsKey(zone))
        {
            o.LastKnownZone = zone;
        }

        if (!_inWindow || zone == 0 || !_zones.TryGetValue(zone, out ZoneOnRecord? z))
        {
            return;
        }

        if (!z.Venue.Outside && o.Role != OfficerRole.Evaluator && o.FirstEntryMs == null)
        {
            o.FirstEntryMs = at;
            string text = $"{Who(o)} ({WireNames.Of(o.Role)}) entered {z.Venue.Name}";
            _firstEntry ??= new Mark(at, text);
            Note(at, "officer-entered", text, o.Badge, null, zone);
        }

        if (_firstRtfInWarm == null && IsRtf(o) && z.Status == ZoneStatus.Warm)
        {
            _firstRtfInWarm = new Mark(at, $"{Who(o)} ({WireNames.Of(o.Role)}) in {z.Venue.Name}");
        }

        if (_awaitingResponse.Count > 0 && o.Role != OfficerRole.Evaluator)
        {
            for (int i = _awaitingResponse.Count - 1; i >= 0; i--)
            {
                EmergencyOnRecord em = _awaitingResponse[i];
                if (em.Zone == zone && em.Officer != o)
                {
                    em.Reach(at, o, alreadyThere: false);
                    _awaitingResponse.RemoveAt(i);
                }
            }
        }
    }

    private void EmergencyFlag(OfficerOnRecord o, bool active, long at)
    {
        if (o.Emergency == active)
        {
            return;
        }

        o.Emergency = active;
        if (!_inWindow)
        {
            return;
        }

        if (active)
        {
            StartEmergency(o, at);
            return;
        }

        EmergencyOnRecord? open = _emergencies.LastOrDefault(em => em.Officer == o && em.ClearedAtMs == null);
        if (open != null)
        {
            open.ClearedAtMs = at;
            Note(at, "emergency-ended", $"Emergency ended: {Who(o)}", o.Badge, null, open.Zone == 0 ? null : open.Zone);
        }
    }

    private void StartEmergency(OfficerOnRecord o, long at)
    {
        int zone = o.Placed && o.Zone != 0 ? o.Zone : o.LastKnownZone;
        var em = new EmergencyOnRecord(o, zone, at);
        _emergencies.Add(em);
        Note(at, "emergency", $"Emergency: {Who(o)} in {ZoneName(zone)}", o.Badge, null, zone == 0 ? null : zone);
        if (zone == 0)
        {
            return; // nowhere known to respond to
        }

        OfficerOnRecord? there = _officers.Values
            .Where(x => x != o && x.Role != OfficerRole.Evaluator && x.Placed && x.Zone == zone)
            .MinBy(x => x.Badge);
        if (there != null)
        {
            em.Reach(at, there, alreadyThere: true);
        }
        else
        {
            _awaitingResponse.Add(em);
        }
    }

    private void TagChange(TagChanged t, long at)
    {
        CasualtyOnRecord c = Casualty(t.Tag);
        c.HeardAt(at);

        // The tag's own time of the commit, unless it is nonsense (later than heard, or unset).
        long changedAt = t.ChangedAtMs > 0 && t.ChangedAtMs <= at ? t.ChangedAtMs : at;
        c.Colour = t.Colour;
        c.Committed = t.Committed;
        c.Changes = t.Changes;
        if (_inWindow)
        {
            c.Triage.Add(new TriageStep(at, t.Colour, t.Committed, t.Changes, changedAt));
        }

        if (!t.Committed || t.Colour == TriageColour.Untagged)
        {
            return;
        }

        if (c.LastCommitted is TriageColour last && last != t.Colour && _inWindow)
        {
            _colourChanges.Add(new ColourChange(c.Tag, c.Label, changedAt, last, t.Colour, t.Changes));
            Note(changedAt, "colour-changed", $"{What(c)} changed from {WireNames.Of(last)} to {WireNames.Of(t.Colour)}", null, c.Tag, NonZero(c.Zone));
        }

        if (c.TaggedMs == null)
        {
            c.TaggedMs = changedAt;
            c.FirstColour = t.Colour;
            if (_inWindow)
            {
                Note(changedAt, "tagged", $"{What(c)} tagged {WireNames.Of(t.Colour)}", null, c.Tag, NonZero(c.Zone));
            }
        }

        if (t.Colour == TriageColour.Red && c.RedMs == null)
        {
            c.RedMs = changedAt;
        }

        c.LastCommitted = t.Colour;
    }

    private void CasualtyMoved(CasualtyOnRecord c, int zone, long at)
    {
        c.Move(zone, at, StatusOf(zone), _inWindow);
        if (_inWindow && zone == _ccp && c.ReachedCcpMs == null)
        {
            c.ReachedCcpMs = at;
            Note(at, "at-ccp", $"{What(c)} reached the CCP ({ZoneName(zone)})", null, c.Tag, zone);
        }
    }

    private void PresenceSeen(Presence p, long at)
    {
        foreach (DevicePresence d in p.Devices)
        {
            switch (d.Kind)
            {
                case FrameKind.Badge:
                {
                    OfficerOnRecord o = Officer(d.Id, null);
                    o.HeardAt(at);
                    if (o.LastHeardMs is long previous)
                    {
                        if (d.LastHeardMs <= previous)
                        {
                            break;
                        }

                        // Only the part of the gap inside the drill counts: silence before T0 is not a finding.
                        long from = Math.Max(previous, _t0);
                        if (_inWindow && d.LastHeardMs > from && (d.LastHeardMs - from >= _settings.OutOfContactMs || AlertedDuringDrill(o)))
                        {
                            _gaps.Add(new ContactGap(o.Badge, o.Name, o.Role, o.ZoneWhenHeard, ZoneName(o.ZoneWhenHeard), from, d.LastHeardMs, d.LastHeardMs - from, o.SilentAlert));
                        }
                    }

                    o.SilentAlert = null;
                    o.SilentAlertAtMs = null;
                    o.LastHeardMs = d.LastHeardMs;
                    o.ZoneWhenHeard = o.LastKnownZone;
                    break;
                }

                case FrameKind.Tag:
                    Casualty(d.Id).HeardAt(at);
                    break;
            }
        }
    }

    private void AlertSeen(AlertRaised a, long id, long at)
    {
        if (a.Type == AlertType.OfficerSilent && a.Badge is int badge)
        {
            OfficerOnRecord o = Officer(badge, null);
            if (o.SilentAlert == null)
            {
                o.SilentAlert = id;
                o.SilentAlertAtMs = at;
            }
        }

        if (_inWindow)
        {
            Note(at, "alert", $"{WireNames.Of(a.Type)}: {a.Message}", a.Badge, a.Tag, a.Zone);
        }
    }

    /// <summary>Officers silent at <paramref name="end"/> for long enough (or alerted as silent): gaps still open.</summary>
    private IEnumerable<ContactGap> OpenGaps(long end)
    {
        foreach (OfficerOnRecord o in _officers.Values.OrderBy(o => o.Badge))
        {
            if (o.LastHeardMs is long last && end > Math.Max(last, _t0))
            {
                long from = Math.Max(last, _t0);
                if (end - from >= _settings.OutOfContactMs || AlertedDuringDrill(o))
                {
                    yield return new ContactGap(o.Badge, o.Name, o.Role, o.LastKnownZone, ZoneName(o.LastKnownZone), from, null, end - from, o.SilentAlert);
                }
            }
        }
    }

    private ZoneReview ZoneResult(ZoneOnRecord z, long end)
    {
        var spans = new List<StatusSpan>();
        long from = _t0;
        ZoneStatus status = z.StatusAtT0;
        foreach (StatusChange change in z.Changes)
        {
            if (change.AtMs > from)
            {
                spans.Add(new StatusSpan(from, change.AtMs, status));
            }

            from = change.AtMs;
            status = change.Status;
        }

        if (end > from)
        {
            spans.Add(new StatusSpan(from, end, status));
        }

        VenueZone v = z.Venue;
        return new ZoneReview(v.Id, v.Name, v.Floor, v.Ccp, v.Outside, z.StatusAtT0, z.Changes.ToList(), spans, z.ClearedAtMs, z.ColdAtMs);
    }

    private static OfficerReview OfficerResult(OfficerOnRecord o, long end)
    {
        List<ZoneSpan> track = o.TrackUpTo(end);
        long hot = 0, warm = 0, cold = 0, unknown = 0;
        foreach (ZoneSpan s in track)
        {
            long length = s.ToMs - s.FromMs;
            switch (s.Status)
            {
                case ZoneStatus.Hot: hot += length; break;
                case ZoneStatus.Warm: warm += length; break;
                case ZoneStatus.Cold: cold += length; break;
                default: unknown += length; break;
            }
        }

        return new OfficerReview(o.Badge, o.Name, o.Agency, o.Role, o.Listed, o.HeardBy(end), track, o.FirstEntryMs, hot, warm, cold, unknown);
    }

    private static CasualtyReview CasualtyResult(CasualtyOnRecord c, long end)
    {
        long? redToCcp = c.RedMs is long red && c.ReachedCcpMs is long ccp ? Math.Max(0, ccp - red) : null;
        return new CasualtyReview(
            c.Tag, c.Label, c.Listed, c.HeardBy(end), c.ColourAtT0, c.Triage.ToList(), c.TrackUpTo(end),
            c.Colour, c.Committed, c.Changes, c.TaggedMs, c.FirstColour, c.RedMs, c.ReachedCcpMs, redToCcp);
    }

    private List<KeyTime> KeyTimes(List<CasualtyReview> casualties)
    {
        var result = new List<KeyTime>();
        if (_unifiedCommand != null)
        {
            result.Add(Key(KeyTimeIds.UnifiedCommand, "Unified command (annotated)", _unifiedCommand, ""));
        }

        if (_rtfAssembled != null)
        {
            result.Add(Key(KeyTimeIds.RtfAssembled, "RTF assembled (annotated)", _rtfAssembled, ""));
        }

        result.Add(Key(KeyTimeIds.FirstOfficerEntry, "First officer entry", _firstEntry, "no officer entered the building"));
        result.Add(Key(KeyTimeIds.ThreatNeutralized, "Threat neutralized", _threatNeutralized, "no \"threat-neutralized\" annotation"));
        result.Add(Key(KeyTimeIds.FirstRtfInWarmZone, "First RTF in a warm zone", _firstRtfInWarm, "no RTF member was in a warm zone"));

        List<CasualtyReview> heard = casualties.Where(c => c.Heard).ToList();
        CasualtyReview? firstTagged = heard.Where(c => c.TaggedMs != null).MinBy(c => c.TaggedMs);
        result.Add(firstTagged != null
            ? Key(KeyTimeIds.FirstCasualtyTagged, "First casualty tagged", new Mark(firstTagged.TaggedMs!.Value, $"{What(firstTagged)}: {WireNames.Of(firstTagged.FirstColour!.Value)}"), "")
            : Key(KeyTimeIds.FirstCasualtyTagged, "First casualty tagged", null, heard.Count == 0 ? "no casualty heard" : "no casualty tagged"));

        int tagged = heard.Count(c => c.TaggedMs != null);
        CasualtyReview? lastTagged = tagged == heard.Count ? heard.MaxBy(c => c.TaggedMs) : null;
        result.Add(lastTagged != null
            ? Key(KeyTimeIds.AllCasualtiesTagged, "All casualties tagged", new Mark(lastTagged.TaggedMs!.Value, $"{Casualties(heard.Count)}; the last: {What(lastTagged)}"), "")
            : Key(KeyTimeIds.AllCasualtiesTagged, "All casualties tagged", null, heard.Count == 0 ? "no casualty heard" : $"{tagged} of {Casualties(heard.Count)} tagged"));

        CasualtyReview? firstAtCcp = heard.Where(c => c.ReachedCcpMs != null).MinBy(c => c.ReachedCcpMs);
        result.Add(firstAtCcp != null
            ? Key(KeyTimeIds.FirstCasualtyAtCcp, "First casualty at the CCP", new Mark(firstAtCcp.ReachedCcpMs!.Value, What(firstAtCcp)), "")
            : Key(KeyTimeIds.FirstCasualtyAtCcp, "First casualty at the CCP", null, "no casualty reached the CCP"));

        // Casualties tagged black (expectant/deceased) stay where they are; everyone else must reach the CCP.
        List<CasualtyReview> toEvacuate = heard.Where(c => !(c.Committed && c.Colour == TriageColour.Black)).ToList();
        int atCcp = toEvacuate.Count(c => c.ReachedCcpMs != null);
        CasualtyReview? lastAtCcp = toEvacuate.Count > 0 && atCcp == toEvacuate.Count ? toEvacuate.MaxBy(c => c.ReachedCcpMs) : null;
        result.Add(lastAtCcp != null
            ? Key(KeyTimeIds.AllCasualtiesAtCcp, "All casualties at the CCP", new Mark(lastAtCcp.ReachedCcpMs!.Value, $"{Casualties(toEvacuate.Count)} (black excluded); the last: {What(lastAtCcp)}"), "")
            : Key(KeyTimeIds.AllCasualtiesAtCcp, "All casualties at the CCP", null, toEvacuate.Count == 0 ? "no casualty to bring to the CCP" : $"{atCcp} of {Casualties(toEvacuate.Count)} (black excluded) at the CCP"));

        // In the order they happened (the debrief reads down the drill), those never reached last.
        return result.OrderBy(k => k.AtMs ?? long.MaxValue).ToList();
    }

    private KeyTime Key(string id, string label, Mark? mark, string missing) =>
        mark != null ? new KeyTime(id, label, mark.AtMs, mark.AtMs - _t0, mark.Detail) : new KeyTime(id, label, null, null, missing);

    private static List<ReferenceComparison> References(List<KeyTime> keyTimes) =>
        ReferenceFigures.All.Select(r =>
        {
            KeyTime? k = keyTimes.FirstOrDefault(k => k.Id == r.KeyTime);
            double? minutes = k?.SinceT0Ms is long since ? Math.Round(since / 60_000.0, 1) : null;
            return new ReferenceComparison(r.Measure, r.Minutes, r.KeyTime, minutes, r.How);
        }).ToList();

    private List<HotZoneEntry> MedicsInHotZones(List<OfficerReview> officers, long end)
    {
        var result = new List<HotZoneEntry>();
        foreach (OfficerReview o in officers.Where(o => o.Role == OfficerRole.RtfMedic))
        {
            foreach (ZoneSpan s in o.Track.Where(s => s.Status == ZoneStatus.Hot && s.Zone != 0))
            {
                result.Add(new HotZoneEntry(o.Badge, o.Name, o.Role, s.Zone, ZoneName(s.Zone), s.FromMs, s.ToMs, s.ToMs - s.FromMs, s.ToMs == end && o.Track[^1] == s));
            }
        }

        return result.OrderBy(h => h.FromMs).ThenBy(h => h.Badge).ToList();
    }

    private void Note(long at, string kind, string text, int? badge, int? tag, int? zone)
    {
        if (_inWindow)
        {
            _timeline.Add(new TimelineEntry(at, at - _t0, kind, text, badge, tag, zone));
        }
    }

    private OfficerOnRecord Officer(int badge, OfficerRole? role)
    {
        if (!_officers.TryGetValue(badge, out OfficerOnRecord? o))
        {
            o = new OfficerOnRecord(badge, null, null, role ?? OfficerRole.Unknown, listed: false);
            _officers[badge] = o;
        }

        return o;
    }

    private CasualtyOnRecord Casualty(int tag)
    {
        if (!_casualties.TryGetValue(tag, out CasualtyOnRecord? c))
        {
            c = new CasualtyOnRecord(tag, null, listed: false);
            _casualties[tag] = c;
        }

        return c;
    }

    /// <summary>The gateway raised officer-silent during the drill (perhaps with a shorter --officer-silent than ours).</summary>
    private bool AlertedDuringDrill(OfficerOnRecord o) => o.SilentAlert != null && o.SilentAlertAtMs >= _t0;

    private ZoneStatus? StatusOf(int zone) => zone != 0 && _zones.TryGetValue(zone, out ZoneOnRecord? z) ? z.Status : null;

    private string ZoneName(int zone) => zone == 0 ? "unknown zone" : _zones.TryGetValue(zone, out ZoneOnRecord? z) ? z.Venue.Name : $"zone {zone}";

    private static bool IsRtf(OfficerOnRecord o) => o.Role is OfficerRole.RtfOfficer or OfficerRole.RtfMedic;

    private static int? NonZero(int zone) => zone == 0 ? null : zone;

    private static string Casualties(int n) => n == 1 ? "1 casualty" : $"{n} casualties";

    private static string Who(OfficerOnRecord o) => o.Who;

    private static string What(CasualtyOnRecord c) => c.What;

    private static string What(CasualtyReview c) => c.Label ?? $"tag {c.Tag}";

    private sealed record Mark(long AtMs, string Detail);
}
