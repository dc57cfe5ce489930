using Beacons.Badge;
using Beacons.Protocol;
using Beacons.Simulator.Radio;
using Beacons.Simulator.World;
using Beacons.Zones;
using Beacons.Power;

namespace Beacons.Simulator.Devices;

/// <summary>
/// An officer's badge running the shared badge logic: <see cref="EmergencySwitch"/> fed by a simulated
/// finger, <see cref="RefreshRule"/> for when to publish, and, when self-location is on,
/// <see cref="RadioSchedule"/> alternating advertise and scan windows with a <see cref="ZoneEstimator"/>
/// over the anchors its <see cref="BadgeScanner"/> hears. Each switch of radio role costs a stack restart
/// in which the badge neither advertises nor scans.
/// </summary>
public sealed class BadgeDevice : SimDevice
{
    /// <summary>A held emergency press lasts this long: past the hold time, as a real thumb would.</summary>
    public const int EmergencyPressMs = BadgeButtonTimings.EmergencyHoldMs + 600;

    private readonly Track _track;
    private readonly double _arriveSeconds;
    private readonly OfficerRole _role;
    private readonly BadgeSettings _settings;
    private readonly EmergencySwitch _emergency = new();
    private readonly RefreshRule _refresh;
    private readonly ButtonFinger _finger = new(BadgeButtonTimings.EmergencyHoldMs, BadgeButtonTimings.DoublePressMs, doublePressEnabled: false);
    private readonly RadioSchedule? _schedule;
    private readonly ZoneEstimator? _estimator;
    private readonly Frame _frame = new();
    private readonly double _startMv;

    private RadioMode _radioMode = RadioMode.Advertise;
    private bool _switching;
    private long _switchDoneSimMs;
    private long _scanRestartDoneUs;
    private byte _zone = Protocol.Zone.None;
    private long _fixAtMs;

    public BadgeDevice(int index, ushort badge, OfficerRole role, Track track, double arriveSeconds, bool selfLocate, DeviceContext context)
        : base(index, badge, FrameKind.Badge, context.Radio.WearableRssiAt1m, worn: true, context)
    {
        _track = track;
        _arriveSeconds = arriveSeconds;
        _role = role;
        _settings = new BadgeSettings { SelfLocation = selfLocate };
        _refresh = new RefreshRule(_settings.RefreshIntervalMs, RefreshRule.DefaultMinGapMs);
        _startMv = Random.Uniform(3950, 4150);
        if (selfLocate)
        {
            _schedule = new RadioSchedule(_settings, DeviceMs(0));
            _estimator = new ZoneEstimator(new ZoneEstimatorSettings());
            Scanner = new BadgeScanner(this, context);
        }
    }

    public OfficerRole Role => _role;

    /// <summary>The badge's own scanner when it locates itself; null otherwise.</summary>
    public BadgeScanner? Scanner { get; }

    public bool SelfLocates => _schedule != null;

    public bool Emergency => _emergency.Active;

    /// <summary>The zone it puts on the air (self-location), <see cref="Protocol.Zone.None"/> when it has none.</summary>
    public byte AirZone => _zone;

    public override Spot? Where(double seconds) => seconds < _arriveSeconds ? null : _track.At(seconds);

    /// <summary>The officer holds the button long enough to toggle the emergency; false when it is already in the wanted state.</summary>
    public bool HoldForEmergency(bool raise, long simMs)
    {
        if (_emergency.Active == raise)
        {
            return false;
        }

        _finger.Press(Math.Max(DeviceMs(simMs), _finger.FreeAtMs + 500), EmergencyPressMs);
        return true;
    }

    public override void Update(long simMs)
    {
        long now = DeviceMs(simMs);
        while (_finger.TryTake(now, out Indicator.Gesture gesture, out long atMs))
        {
            _emergency.Handle(gesture, atMs);
        }

        if (_emergency.TakeChange())
        {
            _refresh.Changed();
            _schedule?.EndScanNow(now);
        }

        if (_schedule != null && !SelfLocate(simMs, now))
        {
            return;
        }

        if (_radioMode == RadioMode.Advertise && _refresh.Due(now))
        {
            BadgeBody body = _frame.Badge;
            body.Role = _role;
            body.Zone = _zone;
            body.Emergency = _emergency.Active;
            body.BatteryPercent = Battery.PercentFromMillivolts((int)(_startMv - (60.0 * now / 3_600_000)));
            Publish(_frame, simMs);
            _refresh.Published(now);
        }
    }

    public override bool Advertising(long simUs) => base.Advertising(simUs) && !_switching && _radioMode == RadioMode.Advertise;

    /// <summary>True while its scanner runs (the scan window, stack up, not between two watcher sessions).</summary>
    public bool Scanning(long simUs) => _schedule != null && !_switching && _radioMode == RadioMode.Scan && simUs >= _scanRestartDoneUs;

    // With the anchor frame's own calibration, as the firmware's SelfLocator passes it.
    internal void HeardAnchor(ushort anchor, byte zone, int rssi, int rssiAt1m, long simUs) => _estimator?.Observe(anchor, zone, rssi, rssiAt1m, DeviceMs(simUs / 1000));

    // Returns false while the radio is between roles (nothing to publish then).
    private bool SelfLocate(long simMs, long now)
    {
        RadioSchedule schedule = _schedule!;
        if (_switching)
        {
            if (simMs < _switchDoneSimMs)
            {
                return false;
            }

            _switching = false;
            _radioMode = schedule.Mode;
            schedule.Switched(DeviceMs(_switchDoneSimMs));
            if (_radioMode == RadioMode.Scan)
            {
                Scanner!.StartSession();
                _scanRestartDoneUs = _switchDoneSimMs * 1000;
            }
            else
            {
                _refresh.Changed(); // a fresh publisher: put the current payload on at once
            }
        }

        RadioMode wanted = schedule.Update(now);
        if (schedule.TakeScanEnded())
        {
            byte zone = _estimator!.Update(now);
            if (zone != Protocol.Zone.None)
            {
                if (zone != _zone)
                {
                    _refresh.Changed();
                }

                _zone = zone;
                _fixAtMs = now;
            }
        }

        if (_zone != Protocol.Zone.None && now - _fixAtMs > _settings.FixMaxAgeMs)
        {
            _zone = Protocol.Zone.None;
            _refresh.Changed();
        }

        if (wanted != _radioMode)
        {
            _switching = true;
            _switchDoneSimMs = simMs + Context.Radio.RoleSwitchMs;
            return false;
        }

        if (_radioMode == RadioMode.Scan)
        {
            if (schedule.ScanRestartDue(now))
            {
                // Same role, watcher stopped and started: only the watcher's own restart cost.
                Scanner!.StartSession();
                _scanRestartDoneUs = (simMs + Context.Radio.PublisherRestartMs) * 1000;
            }

            return false;
        }

        return true;
    }
}

/// <summary>A self-locating badge's BLE watcher: hears anchor frames during the badge's scan windows and feeds its estimator.</summary>
public sealed class BadgeScanner : Listener
{
    private readonly BadgeDevice _badge;
    private readonly DeviceContext _context;
    private readonly Frame _frame = new();
    private readonly Protocol.IBeacon _iBeacon = new();

    public BadgeScanner(BadgeDevice badge, DeviceContext context)
        : base(context.Radio, SimRandom.For(context.Seed, 0x3000_0000UL + badge.DeviceId))
    {
        _badge = badge;
        _context = context;
    }

    public override SimDevice? Owner => _badge;

    public void StartSession() => NewSession();

    public override void Advance(long simUs)
    {
    }

    public override bool Listening(long simUs) => _badge.Present && _badge.Scanning(simUs);

    public override void Deliver(SimDevice from, int rssi, long simUs)
    {
        DecodeStatus status = AdvertDecoder.Decode(from.Advert, 0, from.AdvertLength, _context.CompanyId, _frame, _iBeacon);
        if (status == DecodeStatus.Ours && _frame.Kind == FrameKind.Anchor && _frame.ExerciseId == _context.ExerciseId
            && FrameMac.Verify(_context.FrameKey, from.Advert, _frame))
        {
            _badge.HeardAnchor(_frame.DeviceId, _frame.Anchor.Zone, rssi, _frame.Anchor.RssiAt1m, simUs);
        }
    }
}
