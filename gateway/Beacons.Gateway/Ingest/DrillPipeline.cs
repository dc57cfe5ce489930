using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Protocol;
using Beacons.Venue;
using Beacons.Zones;

namespace Beacons.Gateway.Ingest;

public sealed record PipelineSettings
{
    /// <summary>How long copies of a device's newest payload are accepted after it first arrived (devices republish at least every 10 s).</summary>
    public long RepeatWindowMs { get; init; } = ReplayGuard.DefaultRepeatWindowMs;

    /// <summary>How often a presence event records when each device was last heard, its battery and its counter.</summary>
    public long PresenceIntervalMs { get; init; } = 5_000;

    public AlertSettings Alerts { get; init; } = new();

    /// <summary>The shared zone estimator's settings; each device's estimator copies them when made.</summary>
    public ZoneEstimatorSettings Zones { get; init; } = new();
}

/// <summary>
/// Turns what the sources hear into events: receiver datagrams (structure, receiver key, sequence
/// window), then each advert (decode, exercise, frame MAC, replay guard), the copies of one advert
/// merged into one state change, zones from the badge itself or from the receivers that heard it
/// (one <see cref="ZoneEstimator"/> per device), and alerts. Single-threaded: one owner calls it, and
/// it never throws on input. Every change goes through <see cref="RosterFold"/>, so <see cref="Roster"/>
/// is always the fold of the events emitted so far.
/// </summary>
public sealed class DrillPipeline
{
    private readonly Beacons.Venue.Venue _venue;
    private readonly Exercise _exercise;
    private readonly PipelineSettings _settings;
    private readonly IngestCounters _counters;
    private readonly MacKey _frameKey;
    private readonly ushort _exerciseId;
    private readonly ushort _companyId;
    private readonly bool[] _zoneKnown = new bool[256];
    private readonly ZoneNeighbours _neighbours;
    private readonly BlindZones _blindZones;
    private readonly Dictionary<int, ReceiverLive> _receivers = new();
    private readonly Dictionary<int, DeviceTrack> _tracks = new();
    private readonly Dictionary<(ulong, ulong, ushort, ushort), int> _iBeaconAnchors = new();
    private readonly List<DrillEvent> _pending = new();

    // Reused for every datagram and advert: the hot path allocates nothing.
    private readonly Frame _frame = new();
    private readonly IBeacon _iBeacon = new();
    private readonly Datagram _datagram = new();
    private readonly HeardReport _report = new();

    private DrillRoster _roster;
    private long _lastAtMs;
    private long _lastPresenceMs;
    private bool _alertsDue;

    public DrillPipeline(Beacons.Venue.Venue venue, Exercise exercise, PipelineSettings settings, IngestCounters counters, DrillRoster roster)
    {
        _venue = venue;
        _exercise = exercise;
        _settings = settings;
        _counters = counters;
        _frameKey = exercise.MacKey;
        _exerciseId = exercise.WireId;
        _companyId = exercise.CompanyId;
        _roster = roster;
        _neighbours = NeighbouringZones.Table(venue);
        _blindZones = new BlindZones(venue);
        foreach (VenueZone zone in venue.Zones)
        {
            _zoneKnown[zone.Id] = true;
        }

        foreach (VenueReceiver placed in venue.Receivers)
        {
            ExerciseReceiver? keyed = exercise.FindReceiver(placed.Id);
            if (keyed != null)
            {
                _receivers[placed.Id] = new ReceiverLive(placed.Id, (byte)placed.Zone, keyed.MacKey);
            }
        }

        foreach (VenueAnchor anchor in venue.Anchors.Where(a => a.IBeacon != null))
        {
            _iBeaconAnchors[IBeaconKey(anchor.IBeacon!.Uuid.Span, anchor.IBeacon.Major, anchor.IBeacon.Minor)] = anchor.Id;
        }

        Seed(roster);
    }

    /// <summary>The fold of every event emitted so far (committed or not).</summary>
    public DrillRoster Roster => _roster;

    public IngestCounters Counters => _counters;

    /// <summary>Events emitted since the last call, in ID order; the caller commits them.</summary>
    public List<DrillEvent> TakePending()
    {
        var taken = new List<DrillEvent>(_pending);
        _pending.Clear();
        return taken;
    }

    public int PendingCount => _pending.Count;

    /// <summary>Starts a new record with exercise-opened; does nothing when the record already has events.</summary>
    public void Open(long nowMs)
    {
        if (_roster.LastEventId == 0)
        {
            Emit(new ExerciseOpened(_exercise.ExerciseId, _exercise.Name, _venue.Name), nowMs);
        }
    }

    /// <summary>One UDP datagram from a receiver, as received at <paramref name="atMs"/>.</summary>
    public void Datagram(byte[] buffer, int length, long atMs)
    {
        _counters.Add(Counter.UdpDatagrams);
        DatagramStatus status = DatagramReader.Read(buffer, length, _datagram);
        if (status != DatagramStatus.Ok)
        {
            _counters.Add(status switch
            {
                DatagramStatus.TooShort or DatagramStatus.BadArguments => Counter.UdpTooShort,
                DatagramStatus.TooLong => Counter.UdpTooLong,
                DatagramStatus.UnsupportedVersion => Counter.UdpUnsupportedVersion,
                DatagramStatus.UnknownKind => Counter.UdpUnknownKind,
                DatagramStatus.BadReports => Counter.UdpBadReports,
                _ => Counter.UdpBadLength,
            });
            return;
        }

        Datagram d = _datagram;
        if (d.ExerciseId != _exerciseId)
        {
            _counters.Add(Counter.UdpOtherExercise);
            return;
        }

        if (!_receivers.TryGetValue(d.ReceiverId, out ReceiverLive? receiver))
        {
            _counters.Add(Counter.UdpUnknownReceiver);
            return;
        }

        if (!DatagramReader.Verify(receiver.Key, buffer, d))
        {
            _counters.Add(Counter.UdpBadMac);
            return;
        }

        Counter? replay = receiver.Sequences.Check(d.Sequence);
        if (replay != null)
        {
            _counters.Add(replay.Value);
            return;
        }

        receiver.LastDatagramMs = atMs;
        _blindZones.Heard(receiver.Id, atMs);
        if (d.Kind == DatagramKind.Heartbeat)
        {
            _counters.Add(Counter.UdpHeartbeats);
            Heartbeat(receiver, d, atMs);
            return;
        }

        int position = d.ReportsOffset;
        for (int i = 0; i < d.ReportCount; i++)
        {
            DatagramReader.NextReport(buffer, ref position, _report);
            receiver.ReportsSinceHeartbeat++;
            Advert(buffer, _report.AdvertOffset, _report.AdvertLength, receiver, _report.Rssi, atMs - _report.AgeMs, atMs);
        }
    }

    /// <summary>
    /// One advert heard directly (local adapter, capture file). <paramref name="receiverId"/> names a
    /// venue receiver whose zone the hearing counts for, or 0 when the listener has no place in the venue.
    /// </summary>
    public void Advert(byte[] buffer, int offset, int length, int receiverId, int rssi, long atMs)
    {
        if (_receivers.TryGetValue(receiverId, out ReceiverLive? receiver))
        {
            _blindZones.Heard(receiverId, atMs);
        }

        Advert(buffer, offset, length, receiver, rssi, atMs, atMs);
    }

    private void Advert(byte[] buffer, int offset, int length, ReceiverLive? receiver, int rssi, long heardAtMs, long nowMs)
    {
        _counters.Add(Counter.Adverts);
        DecodeStatus status = AdvertDecoder.Decode(buffer, offset, length, _companyId, _frame, _iBeacon);
        switch (status)
        {
            case DecodeStatus.Ours:
                Frame(buffer, receiver, rssi, heardAtMs, nowMs);
                return;
            case DecodeStatus.IBeacon:
                IBeaconHeard(heardAtMs);
                return;
            default:
                _counters.Add(status switch
                {
                    DecodeStatus.Foreign => Counter.AdvertForeign,
                    DecodeStatus.Empty or DecodeStatus.BadArguments => Counter.AdvertEmpty,
                    DecodeStatus.Oversized => Counter.AdvertOversized,
                    DecodeStatus.Truncated => Counter.AdvertTruncated,
                    DecodeStatus.UnsupportedVersion => Counter.AdvertUnsupportedVersion,
                    DecodeStatus.UnknownKind => Counter.AdvertUnknownKind,
                    DecodeStatus.BadLength => Counter.AdvertBadLength,
                    _ => Counter.AdvertBadField,
                });
                return;
        }
    }

    private void Frame(byte[] buffer, ReceiverLive? receiver, int rssi, long heardAtMs, long nowMs)
    {
        Frame f = _frame;
        if (f.ExerciseId != _exerciseId)
        {
            _counters.Add(Counter.FrameOtherExercise);
            return;
        }

        // The MAC is checked before any per-device state is touched or made: forged frames cannot
        // advance a counter, move a device, or fill memory with invented devices.
        if (!FrameMac.Verify(_frameKey, buffer, f))
        {
            _counters.Add(Counter.FrameBadMac);
            return;
        }

        if (f.Kind == FrameKind.Anchor && _venue.FindAnchor(f.DeviceId) == null)
        {
            _counters.Add(Counter.FrameUnknownAnchor);
            return;
        }

        DeviceTrack track = Track(f.Kind, f.DeviceId);
        switch (track.Guard.Check(f.Counter, f.Mac, heardAtMs, _settings.RepeatWindowMs))
        {
            case GuardVerdict.Fresh:
                _counters.Add(Counter.FrameFresh);
                NewPayload(track, nowMs);
                break;
            case GuardVerdict.Repeat:
                _counters.Add(Counter.FrameCopy);
                break;
            case GuardVerdict.CounterWentBack:
                _counters.Add(Counter.FrameCounterWentBack);
                return;
            case GuardVerdict.SameCounterOtherMac:
                _counters.Add(Counter.FrameSameCounterOtherMac);
                return;
            default:
                _counters.Add(Counter.FrameStaleRepeat);
                return;
        }

        if (heardAtMs > track.LastHeardMs)
        {
            track.LastHeardMs = heardAtMs;
        }

        track.Dirty = true;
        if (f.Kind != FrameKind.Anchor)
        {
            byte selfZone = f.Kind == FrameKind.Badge ? f.Badge.Zone : f.Tag.Zone;
            Locate(track, selfZone, receiver, rssi, heardAtMs, nowMs);
        }
    }

    /// <summary>A payload with a new counter: compare it with what the roster knows and emit the differences.</summary>
    private void NewPayload(DeviceTrack t, long nowMs)
    {
        Frame f = _frame;
        t.Counter = f.Counter;
        switch (f.Kind)
        {
            case FrameKind.Badge:
                BadgeBody badge = f.Badge;
                t.Battery = badge.BatteryPercent == FrameLayout.BatteryUnknown ? null : badge.BatteryPercent;
                if (!t.Seen)
                {
                    t.Seen = true;
                    Officer? listed = _exercise.FindOfficer(t.Id);
                    Emit(new OfficerSeen(t.Id, RoleNames.Of(listed?.Role ?? badge.Role)), nowMs);
                }

                if (badge.Emergency != t.Emergency)
                {
                    t.Emergency = badge.Emergency;
                    Emit(new Emergency(t.Id, badge.Emergency), nowMs);
                }

                break;
            case FrameKind.Tag:
                TagBody tag = f.Tag;
                t.Battery = tag.BatteryPercent == FrameLayout.BatteryUnknown ? null : tag.BatteryPercent;
                if (!t.Seen)
                {
                    t.Seen = true;
                    Emit(new CasualtySeen(t.Id), nowMs);
                }

                if (tag.Colour != t.Colour || tag.Committed != t.Committed || tag.Changes != t.Changes)
                {
                    t.Colour = tag.Colour;
                    t.Committed = tag.Committed;
                    t.Changes = tag.Changes;
                    Emit(new TagChanged(t.Id, Names.Colour(tag.Colour), tag.Committed, tag.Changes, nowMs - (tag.SecondsSinceChange * 1000L)), nowMs);
                }

                break;
        }
    }

    /// <summary>
    /// The device's zone: its own (from anchors) when it gives one the venue knows, else the receivers'
    /// estimate, or the blind zone the receivers around it place it in (<see cref="BlindZoneFallback"/>).
    /// Every copy feeds the estimator, so a badge that stops locating itself falls back at once.
    /// </summary>
    private void Locate(DeviceTrack t, byte selfZone, ReceiverLive? receiver, int rssi, long heardAtMs, long nowMs)
    {
        if (receiver != null)
        {
            t.Estimator ??= new ZoneEstimator(_settings.Zones, _neighbours);
            t.Fallback ??= new BlindZoneFallback(_blindZones, _neighbours);
            t.Estimator.Observe(receiver.Id, receiver.Zone, rssi, heardAtMs);
            t.Fallback.Observe(receiver.Id, rssi, heardAtMs);
        }

        if (selfZone != Zone.None && !_zoneKnown[selfZone])
        {
            _counters.Add(Counter.FrameUnknownZone);
            selfZone = Zone.None;
        }

        byte zone;
        bool self;
        if (selfZone != Zone.None)
        {
            zone = selfZone;
            self = true;
        }
        else if (t.Estimator != null)
        {
            zone = ReceiversZone(t, nowMs);
            self = false;
        }
        else
        {
            return; // heard by a listener with no place in the venue: says nothing about where
        }

        t.SelfLocated = self;
        if (zone != t.Zone)
        {
            ZoneChanged(t, zone, nowMs);
        }
    }

    private static byte ReceiversZone(DeviceTrack t, long nowMs) => t.Fallback!.Update(t.Estimator!.Update(nowMs), nowMs);

    private void ZoneChanged(DeviceTrack t, byte zone, long nowMs)
    {
        int previous = t.Zone;
        t.Zone = zone;
        Emit(t.Kind == FrameKind.Badge
            ? new OfficerZoneChanged(t.Id, zone, previous, t.SelfLocated)
            : new CasualtyZoneChanged(t.Id, zone, previous), nowMs);
    }

    private void IBeaconHeard(long heardAtMs)
    {
        if (!_iBeaconAnchors.TryGetValue(IBeaconKey(_iBeacon.Uuid, _iBeacon.Major, _iBeacon.Minor), out int anchorId))
        {
            _counters.Add(Counter.IBeaconUnknown);
            return;
        }

        _counters.Add(Counter.IBeaconAnchor);
        DeviceTrack track = Track(FrameKind.Anchor, anchorId);
        if (heardAtMs > track.LastHeardMs)
        {
            track.LastHeardMs = heardAtMs;
        }

        track.Dirty = true;
    }

    private void Heartbeat(ReceiverLive receiver, Datagram d, long atMs)
    {
        double perSecond = receiver.LastHeartbeatMs is long last && atMs > last
            ? Math.Round(receiver.ReportsSinceHeartbeat * 1000.0 / (atMs - last), 1)
            : 0;
        Emit(new ReceiverHeartbeat(receiver.Id, d.Sequence, d.UptimeMs, d.Heard, d.Sent, d.Dropped, d.Reconnects, d.WifiRssi, receiver.ReportsSinceHeartbeat, perSecond), atMs);
        receiver.LastHeartbeatMs = atMs;
        receiver.ReportsSinceHeartbeat = 0;
    }

    /// <summary>
    /// Time passing: zones of devices gone quiet become unknown, a presence event every
    /// <see cref="PipelineSettings.PresenceIntervalMs"/>, and the alert rules. Call about once a second.
    /// </summary>
    public void Tick(long nowMs)
    {
        foreach (DeviceTrack t in _tracks.Values)
        {
            if (t.Kind == FrameKind.Anchor || t.Zone == Zone.None)
            {
                continue;
            }

            byte zone = t.SelfLocated
                ? (nowMs - t.LastHeardMs > _settings.Zones.StaleMs ? Zone.None : t.Zone)
                : t.Estimator == null ? Zone.None : ReceiversZone(t, nowMs);
            if (zone != t.Zone)
            {
                ZoneChanged(t, zone, nowMs);
            }
        }

        if (nowMs - _lastPresenceMs >= _settings.PresenceIntervalMs)
        {
            _lastPresenceMs = nowMs;
            List<DevicePresence> heard = _tracks.Values
                .Where(t => t.Dirty)
                .OrderBy(t => t.Kind).ThenBy(t => t.Id)
                .Select(t => new DevicePresence(Names.Kind(t.Kind), t.Id, t.LastHeardMs, t.Battery, t.Counter))
                .ToList();
            foreach (DeviceTrack t in _tracks.Values)
            {
                t.Dirty = false;
            }

            if (heard.Count > 0)
            {
                Emit(new Presence(heard), nowMs);
            }
        }

        _alertsDue = true;
        Settle(nowMs);
    }

    /// <summary>Runs the alert rules if anything that can raise or clear an alert changed. Call after each batch of input.</summary>
    public void Settle(long nowMs)
    {
        if (!_alertsDue)
        {
            return;
        }

        _alertsDue = false;
        List<EventBody> changes = AlertRules.Evaluate(_roster, nowMs, _settings.Alerts, LastHeard, LastDatagram);
        foreach (EventBody change in changes)
        {
            Emit(change, nowMs);
        }

        _alertsDue = false;
    }

    public ActionOutcome Act(ControllerAction action, long nowMs)
    {
        DrillRoster r = _roster;
        ActionOutcome outcome;
        switch (action)
        {
            case StartClock:
                outcome = r.Clock.StartedAtMs != null && r.Clock.StoppedAtMs == null
                    ? ActionOutcome.Refused(409, "the exercise clock is already running")
                    : ActionOutcome.Done(Emit(new ClockStarted(), nowMs));
                break;
            case StopClock:
                outcome = r.Clock.StartedAtMs == null || r.Clock.StoppedAtMs != null
                    ? ActionOutcome.Refused(409, "the exercise clock is not running")
                    : ActionOutcome.Done(Emit(new ClockStopped(), nowMs));
                break;
            case SetZoneStatus s:
                if (!r.Zones.TryGetValue(s.Zone, out ZoneState? zone))
                {
                    outcome = ActionOutcome.Refused(404, $"no zone {s.Zone} in the venue");
                }
                else if (VenueFile.TryParseStatus(s.Status) is not ZoneStatus status)
                {
                    outcome = ActionOutcome.Refused(400, "status must be \"hot\", \"warm\" or \"cold\"");
                }
                else
                {
                    outcome = ActionOutcome.Done(Emit(new ZoneStatusSet(s.Zone, VenueFile.StatusName(status), VenueFile.StatusName(zone.Status)), nowMs));
                }

                break;
            case Annotate a:
                outcome = !IsAnnotationType(a.Type)
                    ? ActionOutcome.Refused(400, "type must be 1-64 characters of a-z, 0-9 and -")
                    : a.Text == null || a.Text.Length > 2000
                        ? ActionOutcome.Refused(400, "text must be given, at most 2000 characters")
                        : ActionOutcome.Done(Emit(new Annotation(a.Type, a.Text), nowMs));
                break;
            case AcknowledgeAlert k:
                if (!r.Alerts.TryGetValue(k.Alert, out Alert? alert))
                {
                    outcome = ActionOutcome.Refused(404, $"no alert {k.Alert}");
                }
                else if (alert.AcknowledgedAtMs != null)
                {
                    outcome = ActionOutcome.Refused(409, $"alert {k.Alert} is already acknowledged");
                }
                else
                {
                    outcome = ActionOutcome.Done(Emit(new AlertAcknowledged(k.Alert), nowMs));
                }

                break;
            default:
                outcome = ActionOutcome.Refused(400, "unknown action");
                break;
        }

        Settle(nowMs);
        return outcome;
    }

    private static bool IsAnnotationType(string? type) =>
        type is { Length: > 0 and <= 64 } && type.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>The gateway's own last-heard time of a device: more precise than the roster's, which moves with presence events.</summary>
    public long? LastHeard(string kind, int id)
    {
        FrameKind k = kind switch { "badge" => FrameKind.Badge, "tag" => FrameKind.Tag, _ => FrameKind.Anchor };
        return _tracks.TryGetValue(TrackKey(k, id), out DeviceTrack? t) && t.LastHeardMs > 0 ? t.LastHeardMs : null;
    }

    public long? LastDatagram(int receiverId) =>
        _receivers.TryGetValue(receiverId, out ReceiverLive? r) && r.LastDatagramMs > 0 ? r.LastDatagramMs : null;

    private DrillEvent Emit(EventBody body, long atMs)
    {
        // The record's times never go back, even if the system clock does.
        if (atMs < _lastAtMs)
        {
            atMs = _lastAtMs;
        }

        _lastAtMs = atMs;
        var e = new DrillEvent(_roster.LastEventId + 1, atMs, body);
        _roster = RosterFold.Apply(_roster, e);
        _pending.Add(e);
        if (body is not Presence and not ReceiverHeartbeat and not AlertRaised and not AlertCleared)
        {
            _alertsDue = true;
        }

        return e;
    }

    private DeviceTrack Track(FrameKind kind, int id)
    {
        int key = TrackKey(kind, id);
        if (!_tracks.TryGetValue(key, out DeviceTrack? track))
        {
            track = new DeviceTrack(kind, id);
            _tracks[key] = track;
        }

        return track;
    }

    private static int TrackKey(FrameKind kind, int id) => ((int)kind << 16) | id;

    private static (ulong, ulong, ushort, ushort) IBeaconKey(ReadOnlySpan<byte> uuid, ushort major, ushort minor) =>
        (BitConverter.ToUInt64(uuid[..8]), BitConverter.ToUInt64(uuid[8..16]), major, minor);

    /// <summary>After a restart, the pipeline's memory starts from the rebuilt roster, so it does not repeat events it already recorded.</summary>
    private void Seed(DrillRoster roster)
    {
        _lastAtMs = 0;
        foreach (OfficerState o in roster.Officers.Values.Where(o => o.FirstHeardMs != null))
        {
            DeviceTrack t = Track(FrameKind.Badge, o.Badge);
            t.Seen = true;
            t.Zone = (byte)o.Zone;
            t.SelfLocated = o.SelfLocated;
            t.Emergency = o.Emergency;
            t.Battery = o.Battery;
            t.Counter = (uint)o.Counter;
            t.LastHeardMs = o.LastHeardMs ?? 0;
            t.Guard.Seed((uint)o.Counter, t.LastHeardMs);
        }

        foreach (CasualtyState c in roster.Casualties.Values.Where(c => c.FirstSeenMs != null))
        {
            DeviceTrack t = Track(FrameKind.Tag, c.Tag);
            t.Seen = true;
            t.Zone = (byte)c.Zone;
            t.Colour = Names.ParseColour(c.Colour);
            t.Committed = c.Committed;
            t.Changes = c.Changes;
            t.Battery = c.Battery;
            t.Counter = (uint)c.Counter;
            t.LastHeardMs = c.LastHeardMs ?? 0;
            t.Guard.Seed((uint)c.Counter, t.LastHeardMs);
        }

        foreach (AnchorState a in roster.Anchors.Values.Where(a => a.LastHeardMs != null))
        {
            DeviceTrack t = Track(FrameKind.Anchor, a.Id);
            t.Counter = (uint)a.Counter;
            t.LastHeardMs = a.LastHeardMs ?? 0;
            if (a.Counter > 0)
            {
                t.Guard.Seed((uint)a.Counter, t.LastHeardMs);
            }
        }

        foreach (ReceiverState r in roster.Receivers.Values.Where(r => r.LastHeartbeatMs != null))
        {
            if (_receivers.TryGetValue(r.Id, out ReceiverLive? live))
            {
                live.Sequences.Seed((uint)r.Sequence);
                live.LastHeartbeatMs = r.LastHeartbeatMs;
            }
        }
    }

    /// <summary>What the pipeline remembers of one badge, tag or anchor between adverts.</summary>
    private sealed class DeviceTrack(FrameKind kind, int id)
    {
        public readonly FrameKind Kind = kind;
        public readonly int Id = id;
        public readonly ReplayGuard Guard = new();
        public ZoneEstimator? Estimator;
        public BlindZoneFallback? Fallback;
        public byte Zone;
        public bool SelfLocated;
        public bool Seen;
        public bool Dirty;
        public long LastHeardMs;
        public uint Counter;
        public int? Battery;
        public bool Emergency;
        public TriageColour Colour;
        public bool Committed;
        public int Changes;
    }

    private sealed class ReceiverLive(int id, byte zone, MacKey key)
    {
        public readonly int Id = id;
        public readonly byte Zone = zone;
        public readonly MacKey Key = key;
        public readonly SequenceWindow Sequences = new();
        public long LastDatagramMs;
        public long? LastHeartbeatMs;
        public long ReportsSinceHeartbeat;
    }
}
