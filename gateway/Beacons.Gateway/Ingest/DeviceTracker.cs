using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Placement;
using Beacons.Protocol;
using Beacons.Venue;
using Beacons.Zones;

namespace Beacons.Gateway.Ingest;

/// <summary>
/// Turns the adverts the gate lets through into events about devices: decode, exercise, frame MAC and
/// replay guard; the copies of one payload merged into one state change against the roster; the zone
/// from the badge itself or from the receivers that heard it; zones of devices gone quiet; and presence.
/// It remembers only what the roster does not hold: each device's replay guard, how its zone was last
/// decided (where receivers place it is <see cref="ZonePlacement"/>'s), its precise last-heard time, and
/// what the next presence event records. Everything else (zone, emergency, colour, seen) it reads
/// from the roster, so nothing has to be copied back after a restart.
/// </summary>
public sealed class DeviceTracker
{
    private readonly Beacons.Venue.Venue _venue;
    private readonly Exercise _exercise;
    private readonly PipelineSettings _settings;
    private readonly IngestCounters _counters;
    private readonly EventLog _log;
    private readonly MacKey _frameKey;
    private readonly ushort _exerciseId;
    private readonly ushort _companyId;
    private readonly bool[] _zoneKnown = new bool[256];
    private readonly ZonePlacement _placement;
    private readonly Dictionary<int, DeviceTrack> _tracks = new();
    private readonly HashSet<int> _moved = new();

    // The record's counters, from before a restart: a device's guard starts past them when it is first heard again.
    private readonly Dictionary<int, long> _watermarks = new();
    private readonly Dictionary<(ulong, ulong, ushort, ushort), int> _iBeaconAnchors = new();

    // Reused for every advert: the hot path allocates nothing.
    private readonly Frame _frame = new();
    private readonly IBeacon _iBeacon = new();

    private long _lastPresenceMs;

    public DeviceTracker(Beacons.Venue.Venue venue, Exercise exercise, PipelineSettings settings, IngestCounters counters, EventLog log, IEnumerable<Watermark> watermarks)
    {
        foreach (Watermark w in watermarks)
        {
            if (KindOf(w.Of) is FrameKind kind)
            {
                _watermarks[TrackKey(kind, w.Id)] = w.Value;
            }
        }

        _venue = venue;
        _exercise = exercise;
        _settings = settings;
        _counters = counters;
        _log = log;
        _frameKey = exercise.MacKey;
        _exerciseId = exercise.WireId;
        _companyId = exercise.CompanyId;
        _placement = new ZonePlacement(venue);
        foreach (VenueZone zone in venue.Zones)
        {
            _zoneKnown[zone.Id] = true;
        }

        foreach (VenueAnchor anchor in venue.Anchors.Where(a => a.IBeacon != null))
        {
            _iBeaconAnchors[IBeaconKey(anchor.IBeacon!.Uuid.Span, anchor.IBeacon.Major, anchor.IBeacon.Minor)] = anchor.Id;
        }
    }

    /// <summary>Anything authentic from a venue receiver: it is alive, so its zone is not blind.</summary>
    public void ReceiverHeard(int receiverId, long atMs) => _placement.ReceiverHeard(receiverId, atMs);

    /// <summary>Told of every reading placement takes (the calibration walk); null: nobody.</summary>
    public IIngestFollower? Follower { get; set; }

    /// <summary>Per-receiver offsets (dB) added to every reading placement takes from now on.</summary>
    public void SetReceiverOffsets(IReadOnlyDictionary<int, double> offsets) => _placement.SetReceiverOffsets(offsets);

    /// <summary>
    /// One advert, heard at <paramref name="heardAtMs"/> and handled at <paramref name="nowMs"/>, by
    /// <paramref name="receiver"/>, or by a listener with no place in the venue (null).
    /// </summary>
    public void Advert(byte[] buffer, int offset, int length, GateReceiver? receiver, int rssi, long heardAtMs, long nowMs)
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

    private void Frame(byte[] buffer, GateReceiver? receiver, int rssi, long heardAtMs, long nowMs)
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
                _moved.Add(TrackKey(f.Kind, f.DeviceId));
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

        track.Heard(heardAtMs);
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
        DrillRoster r = _log.Roster;
        switch (f.Kind)
        {
            case FrameKind.Badge:
                BadgeBody badge = f.Badge;
                t.NewBattery(badge.BatteryPercent);
                OfficerState? officer = r.Officers.GetValueOrDefault(t.Id);
                if (officer?.FirstHeardMs == null)
                {
                    Officer? listed = _exercise.FindOfficer(t.Id);
                    _log.Emit(new OfficerSeen(t.Id, listed?.Role ?? badge.Role), nowMs);
                }

                if (badge.Emergency != (officer?.Emergency ?? false))
                {
                    _log.Emit(new Emergency(t.Id, badge.Emergency), nowMs);
                }

                break;
            case FrameKind.Tag:
                TagBody tag = f.Tag;
                t.NewBattery(tag.BatteryPercent);
                CasualtyState? casualty = r.Casualties.GetValueOrDefault(t.Id);
                if (casualty?.FirstSeenMs == null)
                {
                    _log.Emit(new CasualtySeen(t.Id), nowMs);
                }

                TriageColour colour = casualty?.Colour ?? TriageColour.Untagged;
                if (tag.Colour != colour || tag.Committed != (casualty?.Committed ?? false) || tag.Changes != (casualty?.Changes ?? 0))
                {
                    _log.Emit(new TagChanged(t.Id, tag.Colour, tag.Committed, tag.Changes, nowMs - (tag.SecondsSinceChange * 1000L)), nowMs);
                }

                break;
        }
    }

    /// <summary>
    /// The device's zone: its own (from anchors) when it gives one the venue knows, else where the
    /// receivers place it (<see cref="ZonePlacement"/>). Every copy feeds the placement, so a badge
    /// that stops locating itself falls back at once.
    /// </summary>
    private void Locate(DeviceTrack t, byte selfZone, GateReceiver? receiver, int rssi, long heardAtMs, long nowMs)
    {
        int key = TrackKey(t.Kind, t.Id);
        if (receiver != null)
        {
            _placement.Observe(receiver.Id, key, rssi, heardAtMs);
            Follower?.Reading(t.Kind, t.Id, receiver.Id, rssi, heardAtMs);
        }

        if (selfZone != Zone.None && !_zoneKnown[selfZone])
        {
            _counters.Add(Counter.FrameUnknownZone);
            selfZone = Zone.None;
        }

        byte zone;
        if (selfZone != Zone.None)
        {
            zone = selfZone;
            t.SelfLocated = true;
        }
        else if (_placement.Zone(key, nowMs) is byte placed)
        {
            zone = placed;
            t.SelfLocated = false;
        }
        else
        {
            return; // heard by a listener with no place in the venue: says nothing about where
        }

        int recorded = RecordedZone(t.Kind, t.Id);
        if (zone != recorded)
        {
            ZoneChanged(t.Kind, t.Id, zone, recorded, t.SelfLocated.Value, nowMs);
        }
    }

    private int RecordedZone(FrameKind kind, int id) => kind == FrameKind.Badge
        ? _log.Roster.Officers.GetValueOrDefault(id)?.Zone ?? 0
        : _log.Roster.Casualties.GetValueOrDefault(id)?.Zone ?? 0;

    private void ZoneChanged(FrameKind kind, int id, byte zone, int previous, bool selfLocated, long nowMs) =>
        _log.Emit(kind == FrameKind.Badge
            ? new OfficerZoneChanged(id, zone, previous, selfLocated)
            : new CasualtyZoneChanged(id, zone, previous), nowMs);

    private void IBeaconHeard(long heardAtMs)
    {
        if (!_iBeaconAnchors.TryGetValue(IBeaconKey(_iBeacon.Uuid, _iBeacon.Major, _iBeacon.Minor), out int anchorId))
        {
            _counters.Add(Counter.IBeaconUnknown);
            return;
        }

        _counters.Add(Counter.IBeaconAnchor);
        Track(FrameKind.Anchor, anchorId).Heard(heardAtMs);
    }

    /// <summary>
    /// Time passing: zones of devices gone quiet become unknown (until the clock stops), the placement's
    /// decisions since the last report are shown, and a presence event every
    /// <see cref="PipelineSettings.PresenceIntervalMs"/> records when each device heard since the last
    /// one was last heard, its battery and its counter.
    /// </summary>
    public void Tick(long nowMs)
    {
        // Devices without a zone too: the placement decides on the half second, so a device first heard
        // between two decisions is placed by the next one, whether or not it is heard again.
        DrillRoster r = _log.Roster;
        // After the clock stops, devices going quiet is the drill ending, not people leaving their zones: each keeps
        // the zone it was last placed in (the CCP's casualties stay at the CCP), until it is heard somewhere else.
        bool over = r.Clock.StoppedAtMs != null;
        foreach (OfficerState o in r.Officers.Values)
        {
            Age(FrameKind.Badge, o.Badge, o.Zone, o.SelfLocated, over, nowMs);
        }

        foreach (CasualtyState c in r.Casualties.Values)
        {
            Age(FrameKind.Tag, c.Tag, c.Zone, recordedSelfLocated: false, over, nowMs);
        }

        if (nowMs - _lastPresenceMs >= _settings.PresenceIntervalMs)
        {
            _lastPresenceMs = nowMs;
            List<DevicePresence> heard = _tracks.Values
                .Where(t => t.Dirty)
                .OrderBy(t => t.Kind).ThenBy(t => t.Id)
                .Select(t => new DevicePresence(t.Kind, t.Id, t.LastHeardMs, t.HasPayload ? t.Battery : RecordedBattery(r, t), t.Guard.Counter))
                .ToList();
            foreach (DeviceTrack t in _tracks.Values)
            {
                t.Dirty = false;
            }

            if (heard.Count > 0)
            {
                _log.Emit(new Presence(heard), nowMs);
            }
        }
    }

    /// <summary>
    /// A device whose zone has changed with time alone: self-located and silent for its own estimator's stale
    /// time (the badge's <see cref="ZoneEstimatorSettings.DefaultStaleMs"/>), or placed by receivers whose placement decided otherwise since the last report. After a restart, a device not heard since is judged
    /// by how the record says it was placed, and a receiver-placed one lapses at once: its placement is gone.
    /// </summary>
    private void Age(FrameKind kind, int id, int zone, bool recordedSelfLocated, bool keepWhenQuiet, long nowMs)
    {
        _tracks.TryGetValue(TrackKey(kind, id), out DeviceTrack? t);
        bool self = t?.SelfLocated ?? recordedSelfLocated;
        byte now = self
            ? (nowMs - (LastHeard(kind, id) ?? 0) > ZoneEstimatorSettings.DefaultStaleMs ? Zone.None : (byte)zone)
            : _placement.Zone(TrackKey(kind, id), nowMs) ?? Zone.None;
        if (now != zone && !(keepWhenQuiet && now == Zone.None))
        {
            ZoneChanged(kind, id, now, zone, self, nowMs);
        }
    }

    /// <summary>
    /// When the device was last heard: to the millisecond when heard since the gateway started, else as
    /// the record's last presence says; null when never.
    /// </summary>
    public long? LastHeard(FrameKind kind, int id)
    {
        if (_tracks.TryGetValue(TrackKey(kind, id), out DeviceTrack? t) && t.LastHeardMs > 0)
        {
            return t.LastHeardMs;
        }

        DrillRoster r = _log.Roster;
        return kind switch
        {
            FrameKind.Badge => r.Officers.GetValueOrDefault(id)?.LastHeardMs,
            FrameKind.Tag => r.Casualties.GetValueOrDefault(id)?.LastHeardMs,
            _ => r.Anchors.GetValueOrDefault(id)?.LastHeardMs,
        };
    }

    private static int? RecordedBattery(DrillRoster r, DeviceTrack t) => t.Kind switch
    {
        FrameKind.Badge => r.Officers.GetValueOrDefault(t.Id)?.Battery,
        FrameKind.Tag => r.Casualties.GetValueOrDefault(t.Id)?.Battery,
        _ => null,
    };

    private DeviceTrack Track(FrameKind kind, int id)
    {
        int key = TrackKey(kind, id);
        if (!_tracks.TryGetValue(key, out DeviceTrack? track))
        {
            track = new DeviceTrack(kind, id);
            RestoreGuard(track);
            _tracks[key] = track;
        }

        return track;
    }

    /// <summary>
    /// A device first heard since the gateway started may have been heard before a restart: its guard
    /// starts from the counter the record last holds, so a recorded payload is not taken as new.
    /// </summary>
    private void RestoreGuard(DeviceTrack t)
    {
        DrillRoster r = _log.Roster;
        (bool heard, long counter, long? lastHeardMs) = t.Kind switch
        {
            FrameKind.Badge when r.Officers.TryGetValue(t.Id, out OfficerState? o) => (o.FirstHeardMs != null, o.Counter, o.LastHeardMs),
            FrameKind.Tag when r.Casualties.TryGetValue(t.Id, out CasualtyState? c) => (c.FirstSeenMs != null, c.Counter, c.LastHeardMs),
            FrameKind.Anchor when r.Anchors.TryGetValue(t.Id, out AnchorState? a) => (a.LastHeardMs != null && a.Counter > 0, a.Counter, a.LastHeardMs),
            _ => (false, 0L, (long?)null),
        };
        if (_watermarks.TryGetValue(TrackKey(t.Kind, t.Id), out long mark) && (!heard || mark > counter))
        {
            heard = true;
            counter = mark;
        }

        if (heard)
        {
            t.Guard.Seed((uint)counter, lastHeardMs ?? 0);
        }
    }

    /// <summary>The newest counter of each device that sent a new payload since the last call, for the record.</summary>
    public void TakeWatermarks(List<Watermark> into)
    {
        foreach (int key in _moved)
        {
            DeviceTrack t = _tracks[key];
            into.Add(new Watermark(t.Kind switch { FrameKind.Badge => WatermarkOf.BadgeCounter, FrameKind.Tag => WatermarkOf.TagCounter, _ => WatermarkOf.AnchorCounter }, t.Id, t.Guard.Counter));
        }

        _moved.Clear();
    }

    private static FrameKind? KindOf(WatermarkOf of) => of switch
    {
        WatermarkOf.BadgeCounter => FrameKind.Badge,
        WatermarkOf.TagCounter => FrameKind.Tag,
        WatermarkOf.AnchorCounter => FrameKind.Anchor,
        _ => null,
    };

    private static int TrackKey(FrameKind kind, int id) => ((int)kind << 16) | id;

    private static (ulong, ulong, ushort, ushort) IBeaconKey(ReadOnlySpan<byte> uuid, ushort major, ushort minor) =>
        (BitConverter.ToUInt64(uuid[..8]), BitConverter.ToUInt64(uuid[8..16]), major, minor);

    /// <summary>What the tracker remembers of one badge, tag or anchor between adverts: only what the roster does not hold.</summary>
    private sealed class DeviceTrack(FrameKind kind, int id)
    {
        public readonly FrameKind Kind = kind;
        public readonly int Id = id;
        public readonly ReplayGuard Guard = new();

        /// <summary>How the device's zone was last decided since the gateway started: null when not yet.</summary>
        public bool? SelfLocated;

        /// <summary>Heard since the last presence event.</summary>
        public bool Dirty;

        /// <summary>To the millisecond; the roster's moves only with presence events. 0 when not heard since the gateway started.</summary>
        public long LastHeardMs;

        /// <summary>The newest payload's battery, for the next presence event; meaningful once <see cref="HasPayload"/>.</summary>
        public int? Battery;

        public bool HasPayload;

        public void Heard(long atMs)
        {
            if (atMs > LastHeardMs)
            {
                LastHeardMs = atMs;
            }

            Dirty = true;
        }

        public void NewBattery(byte percent)
        {
            Battery = percent == FrameLayout.BatteryUnknown ? null : percent;
            HasPayload = true;
        }
    }
}
