using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Review;

/// <summary>
/// The after-action review as one pass over the drill record: <see cref="Add"/> each event in order,
/// then <see cref="Result"/>. Where everyone was and when is the <see cref="ReviewTracker"/>'s; this
/// class says what it means for the debrief (key times, findings, the timeline), and
/// <see cref="ReviewWording"/> how it is said. What comes out is an immutable <see cref="DrillReview"/>
/// that depends on nothing but the events, the venue, the exercise and the settings.
/// </summary>
public sealed class ReviewFold
{
    private readonly Beacons.Venue.Venue _venue;
    private readonly Exercise _exercise;
    private readonly ReviewTracker _tracker;
    private readonly Dictionary<int, TriageOnRecord> _triage = new();
    private readonly HashSet<int> _inEmergency = new();

    // What the drill window has gathered; cleared at each T0.
    private readonly List<TimelineEntry> _timeline = new();
    private readonly Dictionary<long, long> _annotations = new(); // the window's annotations: event ID to when
    private readonly List<EmergencyOnRecord> _emergencies = new();
    private readonly List<ColourChange> _colourChanges = new();
    private readonly Dictionary<string, long> _firstAnnotation = new();
    private readonly List<Observation> _observations = new();
    private readonly List<ReceiverOffsetsApplied> _offsetWalks = new();
    private Dictionary<int, CasualtyReview>? _casualtiesAtEnd;
    private Mark? _threatNeutralized;
    private Mark? _unifiedCommand;
    private Mark? _rtfAssembled;
    private IReadOnlyList<string>? _notReadyAtT0;
    private ExerciseOpened? _opened;

    public ReviewFold(Beacons.Venue.Venue venue, Exercise exercise, ReviewSettings? settings = null)
    {
        _venue = venue;
        _exercise = exercise;
        _tracker = new ReviewTracker(venue, exercise, settings ?? new ReviewSettings());
        Settings = settings ?? new ReviewSettings();
    }

    private ReviewSettings Settings { get; }

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
        Moved(_tracker.Begin(at), at);
        bool wasInWindow = _tracker.InWindow;
        switch (e.Body)
        {
            case ExerciseOpened opened:
                _opened ??= opened;
                break;
            case ClockStarted started:
                ClockStart(at, started.NotReady);
                break;
            case ClockJumped jumped:
                _tracker.ClockJumps.Add(jumped.JumpMs);
                break;
            case ReceiverOffsetsApplied offsets:
                // Applied again at every gateway start: one remark per walk.
                _offsetWalks.RemoveAll(w => w.Walk == offsets.Walk);
                _offsetWalks.Add(offsets);
                break;
            case ClockStopped:
                if (_tracker.InWindow && _tracker.Started)
                {
                    Note(at, "clock-stopped", ReviewWording.ClockStoppedLine, null, null, null);
                }

                Moved(_tracker.ClockStopped(at), at);
                break;
            case ZoneStatusSet s:
                if (_tracker.StatusSet(s.Zone, s.Status, at) is StatusChange change)
                {
                    Note(at, "zone-status", ReviewWording.StatusLine(ZoneName(s.Zone), change.Previous, change.Status), null, null, s.Zone);
                }

                break;
            case Annotation a:
                Annotate(a, e.Id, at);
                if (_tracker.InWindow)
                {
                    _annotations[e.Id] = at;
                }

                break;
            case AnnotationCorrected c:
                // The draft lists an observation as it now stands; the timeline keeps both.
                int corrected = _observations.FindIndex(o => o.Annotation == c.Annotation);
                if (corrected >= 0)
                {
                    _observations[corrected] = _observations[corrected] with { Text = c.Text };
                }

                Amended(c.Annotation, at, ReviewWording.AnnotationCorrected(c.Type, c.Text, c.By));
                break;
            case AnnotationWithdrawn w:
                _observations.RemoveAll(o => o.Annotation == w.Annotation);
                Amended(w.Annotation, at, ReviewWording.AnnotationWithdrawn(w.By));
                break;
            case OfficerSeen s:
                _tracker.OfficerSeen(s.Badge, s.Role, at);
                break;
            case OfficerZoneChanged z:
                _tracker.OfficerMoved(z.Badge, z.Zone, at);
                break;
            case Beacons.Gateway.Record.Emergency em:
                EmergencyFlag(_tracker.Officer(em.Badge, null), em.Active, at);
                break;
            case CasualtySeen s:
                _tracker.CasualtyHeard(s.Tag, at);
                break;
            case TagChanged t:
                TagChange(t, at);
                break;
            case CasualtyZoneChanged z:
                _tracker.CasualtyMoved(z.Tag, z.Zone, at);
                break;
            case Presence p:
                _tracker.Presence(p, at);
                break;
            case AlertRaised a:
                if (a.Type == AlertType.OfficerSilent && a.Badge is int badge)
                {
                    _tracker.SilentAlert(badge, e.Id, at);
                }

                Note(at, "alert", ReviewWording.AlertLine(a.Type, a.Message), a.Badge, a.Tag, a.Zone);
                break;
        }

        _tracker.Done(at, wasInWindow);
    }

    /// <summary>The review of everything folded so far (folding may go on afterwards).</summary>
    public DrillReview Result()
    {
        if (!_tracker.Any)
        {
            throw new ReviewException("the record holds no events");
        }

        if (Settings.Run is int wanted && wanted > _tracker.Starts)
        {
            throw new ReviewException(ReviewWording.NoSuchRun(_tracker.Starts, wanted));
        }

        long end = _tracker.End;
        var remarks = new List<string>();
        if (!_tracker.Started)
        {
            remarks.Add(ReviewWording.NeverStarted);
        }
        else
        {
            if (_tracker.Starts > 1)
            {
                remarks.Add(ReviewWording.Starts(_tracker.Starts, _tracker.Run));
            }

            if (!_tracker.Stopped)
            {
                remarks.Add(ReviewWording.NotStopped);
            }

            if (_notReadyAtT0 is { Count: > 0 } notReady)
            {
                // The controller started anyway (docs/gateway-api.md, T0): figures about these devices may be missing.
                remarks.Add(ReviewWording.NotReadyAtT0(notReady));
            }
        }

        remarks.AddRange(_tracker.ClockJumps.Select(ReviewWording.ClockJumped));
        remarks.AddRange(_offsetWalks.Select(w => ReviewWording.ReceiverOffsets(w.Walk, w.Offsets.Count(o => o.Learned), w.Offsets.Count)));
        double speed = _opened?.Speed ?? 1;
        if (speed != 1)
        {
            remarks.Add(ReviewWording.Compressed(speed));
        }

        var zones = _tracker.Zones.OrderBy(z => z.Venue.Id).Select(z => ZoneResult(z, end)).ToList();
        var officers = _tracker.Officers.Where(o => o.Listed || o.HeardBy(end)).OrderBy(o => o.Badge).Select(o => OfficerResult(o, end)).ToList();

        // After the drill ended, a casualty's later colours must not show: the results frozen at the end are used.
        var casualties = _tracker.Casualties.Where(c => c.Listed || c.HeardBy(end)).OrderBy(c => c.Tag)
            .Select(c => _casualtiesAtEnd?.GetValueOrDefault(c.Tag) ?? CasualtyResult(c, end)).ToList();

        var timeline = new List<TimelineEntry>(_timeline);
        timeline.AddRange(Arrivals(officers, casualties));
        List<KeyTime> keyTimes = KeyTimes(officers, casualties);

        List<OfficerNotHeard> notHeard = NotHeard();
        var safety = new SafetyFindings(
            MedicsInHotZones(officers, end),
            _emergencies.Select(em => Response(em, officers, end)).ToList(),
            _tracker.Gaps(end),
            _colourChanges.OrderBy(c => c.AtMs).ToList(),
            notHeard,
            Coverage(officers, casualties, notHeard.Count));
        int glitches = _tracker.Glitches(end);
        if (glitches > 0)
        {
            remarks.Add(ReviewWording.Glitches(glitches, Settings.DwellMs));
        }

        var summary = new DrillSummary(
            _opened?.ExerciseId ?? _exercise.ExerciseId,
            _opened?.ExerciseName ?? _exercise.Name,
            _opened?.VenueName ?? _venue.Name,
            _tracker.T0,
            end,
            _tracker.Started,
            _tracker.Stopped,
            _tracker.Run,
            _tracker.Starts,
            _tracker.Events,
            remarks,
            Settings.DwellMs,
            speed);
        var review = new DrillReview(
            summary,
            keyTimes,
            References(keyTimes, speed),
            zones,
            officers,
            casualties,
            safety,
            timeline.OrderBy(t => t.AtMs).ToList(),
            [],
            _observations.ToList());
        return review with { Objectives = ReviewObjectives.Evaluate(_exercise.Objectives, review, _firstAnnotation) };
    }

    private void ClockStart(long at, IReadOnlyList<string>? notReady)
    {
        ReviewTracker.Window window = _tracker.ClockStarted(at);
        Moved(window, at);
        if (window == ReviewTracker.Window.Opened)
        {
            _notReadyAtT0 = notReady;
            Note(at, "clock-started", ReviewWording.ClockStartedLine, null, null, null);
        }
    }

    /// <summary>Follows the drill window: at T0 forget what an earlier window gathered; at the end freeze the casualties.</summary>
    private void Moved(ReviewTracker.Window window, long at)
    {
        switch (window)
        {
            case ReviewTracker.Window.Opened:
                _timeline.Clear();
                _annotations.Clear();
                _emergencies.Clear();
                _colourChanges.Clear();
                _firstAnnotation.Clear();
                _observations.Clear();
                _casualtiesAtEnd = null;
                _threatNeutralized = _unifiedCommand = _rtfAssembled = null;
                foreach (TriageOnRecord t in _triage.Values)
                {
                    t.Steps.Clear();
                    t.ColourAtT0 = t.Colour;
                }

                foreach (OfficerOnRecord o in _tracker.Officers.Where(o => _inEmergency.Contains(o.Badge)).OrderBy(o => o.Badge))
                {
                    StartEmergency(o, at);
                }

                break;
            case ReviewTracker.Window.Closed:
                _casualtiesAtEnd = _tracker.Casualties.ToDictionary(c => c.Tag, c => CasualtyResult(c, at));
                break;
        }
    }

    private void Annotate(Annotation a, long id, long at)
    {
        if (!_tracker.InWindow)
        {
            return;
        }

        Note(at, "annotation", ReviewWording.AnnotationLine(a.Type, a.Text, a.By), null, null, null);
        _firstAnnotation.TryAdd(a.Type, at);
        if (a.Type == ReviewObjectives.ObservationType)
        {
            _observations.Add(new Observation(id, at, at - _tracker.T0, a.Text, a.Objective, a.By));
        }
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

    /// <summary>
    /// A correction or withdrawal of one of the window's annotations: its own line, even after the stop (notes are
    /// often put right after the drill), saying which annotation and how. Key times keep the annotation as written.
    /// </summary>
    private void Amended(long annotation, long at, string how)
    {
        if (_annotations.TryGetValue(annotation, out long madeAt))
        {
            _timeline.Add(new TimelineEntry(at, at - _tracker.T0, "annotation-amended", ReviewWording.AnnotationAmendedLine(madeAt - _tracker.T0, how), null, null, null));
        }
    }

    private void EmergencyFlag(OfficerOnRecord o, bool active, long at)
    {
        if (_inEmergency.Contains(o.Badge) == active)
        {
            return;
        }

        if (active)
        {
            _inEmergency.Add(o.Badge);
        }
        else
        {
            _inEmergency.Remove(o.Badge);
        }

        if (!_tracker.InWindow)
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
            Note(at, "emergency-ended", ReviewWording.EmergencyEndedLine(Who(o)), o.Badge, null, NonZero(open.Zone));
        }
    }

    private void StartEmergency(OfficerOnRecord o, long at)
    {
        int zone = o.Placed && o.Zone != 0 ? o.Zone : o.LastKnownZone;
        _emergencies.Add(new EmergencyOnRecord(o, zone, at));
        Note(at, "emergency", ReviewWording.EmergencyLine(Who(o), ZoneName(zone)), o.Badge, null, NonZero(zone));
    }

    private void TagChange(TagChanged t, long at)
    {
        CasualtyOnRecord c = _tracker.CasualtyHeard(t.Tag, at);
        TriageOnRecord triage = Triage(t.Tag);

        // The tag's own time of the commit, unless it is nonsense (later than heard, or unset).
        long changedAt = t.ChangedAtMs > 0 && t.ChangedAtMs <= at ? t.ChangedAtMs : at;
        triage.Colour = t.Colour;
        triage.Committed = t.Committed;
        triage.Changes = t.Changes;
        bool inWindow = _tracker.InWindow;
        if (inWindow)
        {
            triage.Steps.Add(new TriageStep(at, t.Colour, t.Committed, t.Changes, changedAt));
        }

        if (!t.Committed || t.Colour == TriageColour.Untagged)
        {
            return;
        }

        if (triage.LastCommitted is TriageColour last && last != t.Colour && inWindow)
        {
            _colourChanges.Add(new ColourChange(c.Tag, c.Label, changedAt, last, t.Colour, t.Changes));
            Note(changedAt, "colour-changed", ReviewWording.ColourChangedLine(What(c), last, t.Colour), null, c.Tag, NonZero(c.Zone));
        }

        if (triage.TaggedMs == null)
        {
            triage.TaggedMs = changedAt;
            triage.FirstColour = t.Colour;
            Note(changedAt, "tagged", ReviewWording.TaggedLine(What(c), t.Colour), null, c.Tag, NonZero(c.Zone));
        }

        if (t.Colour == TriageColour.Red && triage.RedMs == null)
        {
            triage.RedMs = changedAt;
        }

        triage.LastCommitted = t.Colour;
    }

    /// <summary>Each officer's first entry into the building and each casualty's arrival at the CCP, as timeline entries.</summary>
    private IEnumerable<TimelineEntry> Arrivals(List<OfficerReview> officers, List<CasualtyReview> casualties)
    {
        foreach (CasualtyReview c in casualties)
        {
            // A casualty already at the CCP at T0 did not arrive during the drill.
            if (c.ReachedCcpMs is long at && at > _tracker.T0)
            {
                yield return new TimelineEntry(at, at - _tracker.T0, "at-ccp", ReviewWording.AtCcpLine(What(c), ZoneName(_tracker.Ccp)), null, c.Tag, _tracker.Ccp);
            }
        }

        foreach (OfficerReview o in officers)
        {
            if (o.FirstEntryMs is long at)
            {
                int zone = o.Track.First(s => s.FromMs == at).Zone;
                yield return new TimelineEntry(at, at - _tracker.T0, "officer-entered", ReviewWording.Entered(Who(o), o.Role, ZoneName(zone)), o.Badge, null, zone);
            }
        }
    }

    private ZoneReview ZoneResult(ZoneOnRecord z, long end)
    {
        var spans = new List<StatusSpan>();
        long from = _tracker.T0;
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
        long? cleared = z.Changes.FirstOrDefault(c => c.Previous == ZoneStatus.Hot)?.AtMs;
        long? cold = z.Changes.FirstOrDefault(c => c.Status == ZoneStatus.Cold)?.AtMs;
        return new ZoneReview(v.Id, v.Name, v.Floor, v.Ccp, v.Outside, z.StatusAtT0, z.Changes.ToList(), spans, cleared, cold);
    }

    private OfficerReview OfficerResult(OfficerOnRecord o, long end)
    {
        List<Visit> visits = _tracker.Visits(o, end);
        List<ZoneSpan> track = _tracker.Track(o, end);
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

        // The first move during the drill into a zone of the building (not outside); evaluators only watch.
        long? entry = o.Role == OfficerRole.Evaluator
            ? null
            : visits.FirstOrDefault(v => v.Entered && _tracker.Zone(v.Zone) is VenueZone z && !z.Outside) is { Entered: true } first ? first.FromMs : null;
        return new OfficerReview(o.Badge, o.Name, o.Agency, o.Role, o.Listed, o.HeardBy(end), track, entry, hot, warm, cold, unknown);
    }

    private CasualtyReview CasualtyResult(CasualtyOnRecord c, long end)
    {
        TriageOnRecord t = Triage(c.Tag);
        long? ccp = ReachedCcp(c, end);
        long? redToCcp = t.RedMs is long red && ccp is long at ? Math.Max(0, at - red) : null;
        return new CasualtyReview(
            c.Tag, c.Label, c.Listed, c.HeardBy(end), t.ColourAtT0, t.Steps.ToList(), _tracker.Track(c, end),
            t.Colour, t.Committed, t.Changes, t.TaggedMs, t.FirstColour, t.RedMs, ccp, redToCcp);
    }

    /// <summary>The first time during the drill the casualty was in the CCP zone (T0 if there already).</summary>
    private long? ReachedCcp(CasualtyOnRecord c, long end) =>
        _tracker.Visits(c, end).FirstOrDefault(v => v.Zone == _tracker.Ccp) is { ToMs: > 0 } visit ? visit.FromMs : null;

    private List<KeyTime> KeyTimes(List<OfficerReview> officers, List<CasualtyReview> casualties)
    {
        var result = new List<KeyTime>();
        if (_unifiedCommand != null)
        {
            result.Add(Key(KeyTimeIds.UnifiedCommand, _unifiedCommand, ""));
        }

        if (_rtfAssembled != null)
        {
            result.Add(Key(KeyTimeIds.RtfAssembled, _rtfAssembled, ""));
        }

        OfficerReview? entered = officers.Where(o => o.FirstEntryMs != null).OrderBy(o => o.FirstEntryMs).ThenBy(o => o.Badge).FirstOrDefault();
        Mark? firstEntry = entered == null
            ? null
            : new Mark(entered.FirstEntryMs!.Value, ReviewWording.Entered(Who(entered), entered.Role, ZoneName(entered.Track.First(s => s.FromMs == entered.FirstEntryMs).Zone)));
        bool anyPlaced = officers.Any(o => o.Track.Any(s => s.Zone != 0));
        result.Add(Key(KeyTimeIds.FirstOfficerEntry, firstEntry, anyPlaced ? ReviewWording.NoEntry : ReviewWording.NoOfficerPlaced));
        result.Add(Key(KeyTimeIds.ThreatNeutralized, _threatNeutralized, ReviewWording.NoThreatNeutralized));

        // The first moment an RTF member is in a warm zone: they walk into one, or theirs becomes warm (or is at T0).
        (OfficerReview Officer, ZoneSpan Span)? rtf = officers.Where(IsRtf)
            .SelectMany(o => o.Track.Where(s => s.Zone != 0 && s.Status == ZoneStatus.Warm).Take(1).Select(s => (o, s)))
            .OrderBy(x => x.s.FromMs).ThenBy(x => x.o.Badge).Select(x => ((OfficerReview, ZoneSpan)?)x).FirstOrDefault();
        bool rtfPlaced = officers.Where(IsRtf).Any(o => o.Track.Any(s => s.Zone != 0));
        result.Add(Key(KeyTimeIds.FirstRtfInWarmZone, rtf is var (o, span) ? new Mark(span.FromMs, ReviewWording.InZone(Who(o), o.Role, ZoneName(span.Zone))) : null,
            rtfPlaced ? ReviewWording.NoRtfInWarm : ReviewWording.NoRtfPlaced));

        List<CasualtyReview> heard = casualties.Where(c => c.Heard).ToList();
        CasualtyReview? firstTagged = heard.Where(c => c.TaggedMs != null).MinBy(c => c.TaggedMs);
        result.Add(Key(KeyTimeIds.FirstCasualtyTagged, firstTagged == null ? null : new Mark(firstTagged.TaggedMs!.Value, $"{What(firstTagged)}: {WireNames.Of(firstTagged.FirstColour!.Value)}"),
            heard.Count == 0 ? ReviewWording.NoCasualtyHeard : ReviewWording.NoCasualtyTagged));

        int tagged = heard.Count(c => c.TaggedMs != null);
        CasualtyReview? lastTagged = tagged == heard.Count ? heard.MaxBy(c => c.TaggedMs) : null;
        result.Add(Key(KeyTimeIds.AllCasualtiesTagged, lastTagged == null ? null : new Mark(lastTagged.TaggedMs!.Value, ReviewWording.AllTagged(heard.Count, What(lastTagged))),
            heard.Count == 0 ? ReviewWording.NoCasualtyHeard : ReviewWording.Tagged(tagged, heard.Count)));

        CasualtyReview? firstAtCcp = heard.Where(c => c.ReachedCcpMs != null).MinBy(c => c.ReachedCcpMs);
        result.Add(Key(KeyTimeIds.FirstCasualtyAtCcp, firstAtCcp == null ? null : new Mark(firstAtCcp.ReachedCcpMs!.Value, What(firstAtCcp)), ReviewWording.NoCasualtyAtCcp));

        // Casualties tagged black (expectant/deceased) stay where they are; everyone else must reach the CCP.
        List<CasualtyReview> toEvacuate = heard.Where(c => !(c.Committed && c.Colour == TriageColour.Black)).ToList();
        int atCcp = toEvacuate.Count(c => c.ReachedCcpMs != null);
        CasualtyReview? lastAtCcp = toEvacuate.Count > 0 && atCcp == toEvacuate.Count ? toEvacuate.MaxBy(c => c.ReachedCcpMs) : null;
        result.Add(Key(KeyTimeIds.AllCasualtiesAtCcp, lastAtCcp == null ? null : new Mark(lastAtCcp.ReachedCcpMs!.Value, ReviewWording.AllAtCcp(toEvacuate.Count, What(lastAtCcp))),
            toEvacuate.Count == 0 ? ReviewWording.NoCasualtyToBring : ReviewWording.AtCcp(atCcp, toEvacuate.Count)));

        // In the order they happened (the debrief reads down the drill), those never reached last.
        return result.OrderBy(k => k.AtMs ?? long.MaxValue).ToList();
    }

    private KeyTime Key(string id, Mark? mark, string missing) =>
        mark != null
            ? new KeyTime(id, ReviewWording.Label(id), mark.AtMs, mark.AtMs - _tracker.T0, mark.Detail)
            : new KeyTime(id, ReviewWording.Label(id), null, null, missing);

    /// <summary>The reference figures beside this drill's key times; a sped-up drill's compressed times are not compared.</summary>
    private static List<ReferenceComparison> References(List<KeyTime> keyTimes, double speed) =>
        ReferenceFigures.All.Select(r =>
        {
            KeyTime? k = keyTimes.FirstOrDefault(k => k.Id == r.KeyTime);
            double? minutes = speed == 1 && k?.SinceT0Ms is long since ? Math.Round(since / 60_000.0, 1) : null;
            return new ReferenceComparison(r.Measure, r.Minutes, r.KeyTime, minutes, r.How);
        }).ToList();

    private List<HotZoneEntry> MedicsInHotZones(List<OfficerReview> officers, long end)
    {
        var result = new List<HotZoneEntry>();
        foreach (OfficerReview o in officers.Where(o => o.Role == OfficerRole.RtfMedic))
        {
            // A hot stay shorter than the dwell (the zone was set warm just after they came in) is not counted.
            foreach (ZoneSpan s in o.Track.Where(s => s.Status == ZoneStatus.Hot && s.Zone != 0 && s.ToMs - s.FromMs >= Settings.DwellMs))
            {
                result.Add(new HotZoneEntry(o.Badge, o.Name, o.Role, s.Zone, ZoneName(s.Zone), s.FromMs, s.ToMs, s.ToMs - s.FromMs, s.ToMs == end && o.Track[^1] == s));
            }
        }

        return result.OrderBy(h => h.FromMs).ThenBy(h => h.Badge).ToList();
    }

    private List<OfficerNotHeard> NotHeard()
    {
        long end = _tracker.End;
        return _tracker.Officers.Where(o => (o.Listed || o.HeardBy(end)) && !o.HeardInDrill).OrderBy(o => o.Badge)
            .Select(o => new OfficerNotHeard(o.Badge, o.Name, o.Role, o.Listed, o.HeardBeforeT0Ms)).ToList();
    }

    private static FindingCoverage Coverage(List<OfficerReview> officers, List<CasualtyReview> casualties, int notHeard)
    {
        List<OfficerReview> medics = officers.Where(o => o.Role == OfficerRole.RtfMedic).ToList();
        return new FindingCoverage(
            officers.Count,
            officers.Count - notHeard,
            medics.Count,
            medics.Count(o => o.Track.Any(s => s.Zone != 0)),
            casualties.Count(c => c.Heard));
    }

    /// <summary>How long until another officer (not an evaluator) was in the zone of the emergency.</summary>
    private EmergencyResponse Response(EmergencyOnRecord em, List<OfficerReview> officers, long end)
    {
        (OfficerReview By, long At)? reached = em.Zone == 0
            ? null
            : officers.Where(x => x.Badge != em.Officer.Badge && x.Role != OfficerRole.Evaluator)
                .SelectMany(x => x.Track.Where(s => s.Zone == em.Zone && s.ToMs > em.AtMs).Take(1).Select(s => (x, Math.Max(s.FromMs, em.AtMs))))
                .Where(x => x.Item2 <= end)
                .OrderBy(x => x.Item2).ThenBy(x => x.x.Badge)
                .Select(x => ((OfficerReview, long)?)x).FirstOrDefault();
        OfficerOnRecord o = em.Officer;
        return reached is var (by, at)
            ? new EmergencyResponse(o.Badge, o.Name, em.Zone, ZoneName(em.Zone), em.AtMs, em.ClearedAtMs, at, by.Badge, Who(by), at - em.AtMs, at == em.AtMs)
            : new EmergencyResponse(o.Badge, o.Name, em.Zone, ZoneName(em.Zone), em.AtMs, em.ClearedAtMs, null, null, null, null, false);
    }

    private void Note(long at, string kind, string text, int? badge, int? tag, int? zone)
    {
        if (_tracker.InWindow)
        {
            _timeline.Add(new TimelineEntry(at, at - _tracker.T0, kind, text, badge, tag, zone));
        }
    }

    private TriageOnRecord Triage(int tag)
    {
        if (!_triage.TryGetValue(tag, out TriageOnRecord? t))
        {
            t = new TriageOnRecord();
            _triage[tag] = t;
        }

        return t;
    }

    private string ZoneName(int zone) => _tracker.ZoneName(zone);

    private static bool IsRtf(OfficerReview o) => o.Role is OfficerRole.RtfOfficer or OfficerRole.RtfMedic;

    private static int? NonZero(int zone) => zone == 0 ? null : zone;

    private static string Who(OfficerOnRecord o) => ReviewWording.Who(o.Name, o.Badge);

    private static string Who(OfficerReview o) => ReviewWording.Who(o.Name, o.Badge);

    private static string What(CasualtyOnRecord c) => ReviewWording.What(c.Label, c.Tag);

    private static string What(CasualtyReview c) => ReviewWording.What(c.Label, c.Tag);

    private sealed record Mark(long AtMs, string Detail);

    /// <summary>A casualty's colours as the record tells them.</summary>
    private sealed class TriageOnRecord
    {
        public readonly List<TriageStep> Steps = new();
        public TriageColour Colour;
        public TriageColour ColourAtT0;
        public bool Committed;
        public int Changes;
        public TriageColour? LastCommitted;
        public long? TaggedMs;
        public TriageColour? FirstColour;
        public long? RedMs;
    }

    /// <summary>An emergency during the drill; who answered it comes from the tracks at the end.</summary>
    private sealed class EmergencyOnRecord(OfficerOnRecord officer, int zone, long atMs)
    {
        public readonly OfficerOnRecord Officer = officer;
        public readonly int Zone = zone;
        public readonly long AtMs = atMs;
        public long? ClearedAtMs;
    }
}
