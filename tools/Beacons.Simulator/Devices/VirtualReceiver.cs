using Beacons.Configuration;
using Beacons.Protocol;
using Beacons.Receiver;
using Beacons.Simulator.Network;
using Beacons.Simulator.Radio;
using Beacons.Venue;

namespace Beacons.Simulator.Devices;

/// <summary>How the virtual receivers are configured: the receiver firmware's defaults unless changed.</summary>
public sealed record ReceiverSettings
{
    /// <summary>The freshness target: a new scan session once the session's first report is this old (ScanCycle).</summary>
    public int ScanFreshMs { get; init; } = ConfigurationKeys.DefaultScanFreshMs;

    public int FlushMs { get; init; } = ConfigurationKeys.DefaultFlushMs;

    public int HeartbeatMs { get; init; } = ConfigurationKeys.DefaultHeartbeatMs;

    public int QueueDatagrams { get; init; } = ConfigurationKeys.DefaultQueueDatagrams;

    /// <summary>From power back on to scanning and on Wi-Fi.</summary>
    public int BootMs { get; init; } = 4000;
}

/// <summary>
/// A fixed receiver running the shared receiver logic: <see cref="ScanCycle"/> decides when to restart the
/// watcher (each restart costs <see cref="RadioSettings.WatcherRestartMs"/>, in which it hears nothing),
/// and <see cref="AdvertRelay"/> batches what it hears into authenticated datagrams with heartbeats,
/// on the receiver's own uptime clock. It can lose power and come back (uptime restarts; the datagram
/// sequence keeps rising because it is kept like the device keeps it in flash).
/// </summary>
public sealed class VirtualReceiver : Listener
{
    private readonly VenueReceiver _info;
    private readonly MacKey _key;
    private readonly DeviceContext _context;
    private readonly ReceiverSettings _settings;
    private readonly IDatagramSink _sink;
    private readonly MemoryCounterStore _sequenceStore;
    private readonly sbyte _wifiRssi;
    private readonly byte[] _out = new byte[DatagramLayout.MaxLength];

    private long _bootSimMs;
    private long _bootDoneSimMs;
    private bool _failed;
    private AdvertRelay? _relay;
    private ScanCycle? _cycle;
    private bool _running;
    private bool _restarting;
    private long _stopBeganMs;
    private long _restartDoneMs;

    public VirtualReceiver(VenueReceiver info, MacKey key, DeviceContext context, ReceiverSettings settings, IDatagramSink sink)
        : base(context.Radio, SimRandom.For(context.Seed, 0x2000_0000UL + (ulong)info.Id))
    {
        _info = info;
        _key = key;
        _context = context;
        _settings = settings;
        _sink = sink;
        _sequenceStore = new MemoryCounterStore(context.CounterBase);
        _wifiRssi = (sbyte)(-48 - Random.Next(25));
        OffsetDb = Random.Gaussian() * context.Radio.ReceiverOffsetSigmaDb;
        Spot = new World.Spot(info.Floor, info.Position, 0);

        // Switched on well before the drill: its uptime is minutes, not zero.
        _bootSimMs = -(600_000 + Random.Next(3_000_000));
        _bootDoneSimMs = long.MinValue;
    }

    public VenueReceiver Info => _info;

    public int Id => _info.Id;

    public bool Failed => _failed;

    public override double CoexistenceLoss => _context.Radio.WifiCoexistenceLoss;

    public uint Heard => _relay?.Heard ?? 0;

    public long DatagramsSent { get; private set; }

    /// <summary>Power lost: nothing is heard or sent, and what was waiting is gone.</summary>
    public void Fail()
    {
        _failed = true;
        _relay = null;
        _cycle = null;
        _running = false;
        _restarting = false;
    }

    /// <summary>Power back: it boots, joins Wi-Fi and starts scanning after <see cref="ReceiverSettings.BootMs"/>.</summary>
    public void Restore(long simMs)
    {
        if (!_failed)
        {
            return;
        }

        _failed = false;
        _bootSimMs = simMs;
        _bootDoneSimMs = simMs + _settings.BootMs;
    }

    public override bool Listening(long simUs) => !_failed && _running;

    public override void Advance(long simUs)
    {
        if (_failed)
        {
            return;
        }

        long simMs = simUs / 1000;
        if (_relay == null)
        {
            if (simMs < _bootDoneSimMs)
            {
                return;
            }

            Boot(Math.Max(_bootDoneSimMs, 0));
        }

        long up = simMs - _bootSimMs;
        AdvertRelay relay = _relay!;
        ScanCycle cycle = _cycle!;
        while (true)
        {
            long scanAt = _restarting ? _restartDoneMs : cycle.NextActionAtMs;
            long pollAt = relay.NextPollAtMs;
            long next = Math.Min(scanAt, pollAt);
            if (next > up)
            {
                break;
            }

            if (scanAt <= pollAt)
            {
                Scan(cycle, scanAt);
            }
            else
            {
                relay.Poll(pollAt);
                Drain(pollAt);
            }
        }
    }

    public override void Deliver(SimDevice from, int rssi, long simUs)
    {
        if (_relay == null)
        {
            return;
        }

        long up = (simUs / 1000) - _bootSimMs;
        if (_relay.Hear(from.Address, rssi, from.Advert, 0, from.AdvertLength, up))
        {
            _cycle!.Heard(up); // the firmware's callback does the same
        }

        Drain(up);
    }

    private void Scan(ScanCycle cycle, long at)
    {
        if (_restarting)
        {
            _restarting = false;
            _running = true;
            if (_stopBeganMs >= 0)
            {
                cycle.Restarted(_stopBeganMs, at);
            }
            else
            {
                cycle.Started(at);
            }

            NewSession();
            return;
        }

        ScanAction action = cycle.Next(at);
        if (action == ScanAction.None)
        {
            // Nothing due after all (cannot happen with ScanCycle's own NextActionAtMs); avoid spinning.
            _restarting = true;
            _stopBeganMs = _running ? at : -1;
            _restartDoneMs = at + 1;
            return;
        }

        _stopBeganMs = action == ScanAction.Restart ? at : -1;
        _running = false;
        _restarting = true;
        _restartDoneMs = at + (long)(_context.Radio.WatcherRestartMs * Random.Uniform(0.8, 1.2));
    }

    private void Boot(long atSimMs)
    {
        long up = atSimMs - _bootSimMs;
        var sequence = new RisingCounter(_sequenceStore, RisingCounter.DefaultBlock);
        _relay = new AdvertRelay(_context.ExerciseId, (ushort)_info.Id, _context.CompanyId, _key, sequence,
            _settings.FlushMs, _settings.HeartbeatMs, _settings.QueueDatagrams, up)
        {
            WifiRssi = _wifiRssi,
        };
        _cycle = new ScanCycle(_settings.ScanFreshMs);
        _running = false;
        _restarting = false;
    }

    private void Drain(long up)
    {
        int length;
        while ((length = _relay!.Take(_out, up)) > 0)
        {
            _sink.Send(_out.AsSpan(0, length), _info.Id, up + _bootSimMs);
            _relay.Delivered(true);
            DatagramsSent++;
        }
    }
}
