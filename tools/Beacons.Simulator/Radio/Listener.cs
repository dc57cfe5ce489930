using Beacons.Simulator.Devices;
using Beacons.Simulator.World;

namespace Beacons.Simulator.Radio;

/// <summary>
/// Something that scans: a fixed receiver, or a self-locating badge in its scan window. Like the ESP32's
/// controller it listens on one advertising channel at a time, moving on every scan interval, and filters
/// duplicates: within one scan session an address is passed up once, then dropped until the session
/// restarts (or until it falls out of the controller's small duplicate cache).
/// </summary>
public abstract class Listener
{
    private readonly HashSet<ulong> _seen = new();
    private readonly Queue<ulong> _seenOrder = new();
    private readonly int _cacheSize;
    private readonly long _channelPhaseUs;
    private readonly long _scanIntervalUs;

    protected Listener(RadioSettings radio, SimRandom random)
    {
        Random = random;
        _cacheSize = Math.Max(1, radio.DuplicateCacheSize);
        _scanIntervalUs = Math.Max(1, radio.ScanIntervalUs);
        _channelPhaseUs = (long)(random.NextDouble() * 3 * _scanIntervalUs);
    }

    /// <summary>Its place in the engine's tables (set when the engine takes it on).</summary>
    public int Index { get; internal set; } = -1;

    /// <summary>This listener's fixed receive offset from nominal.</summary>
    public double OffsetDb { get; protected set; }

    /// <summary>Draws this listener's fading and losses, so its noise does not depend on any other listener.</summary>
    public SimRandom Random { get; }

    /// <summary>Where it is now (set by the engine each step).</summary>
    public Spot Spot { get; set; }

    /// <summary>Share of receptions lost to something else using the radio (Wi-Fi on a receiver).</summary>
    public virtual double CoexistenceLoss => 0;

    /// <summary>Adverts that reached it above sensitivity on the channel it was on.</summary>
    public long Attempts { get; set; }

    /// <summary>...of which another advert on the same channel destroyed.</summary>
    public long Collisions { get; set; }

    /// <summary>...and of which the duplicate filter passed up.</summary>
    public long Passed { get; set; }

    /// <summary>The device this listener belongs to, which cannot hear itself (a badge's own scanner); null for a receiver.</summary>
    public virtual SimDevice? Owner => null;

    /// <summary>The advertising channel (0, 1, 2 for 37, 38, 39) it listens on at <paramref name="simUs"/>.</summary>
    public int ChannelAt(long simUs) => (int)(((simUs + _channelPhaseUs) / _scanIntervalUs) % 3);

    /// <summary>Runs its own timed behaviour (scan restarts, datagram flushes) up to <paramref name="simUs"/>.</summary>
    public abstract void Advance(long simUs);

    /// <summary>True when its scanner is running at <paramref name="simUs"/>.</summary>
    public abstract bool Listening(long simUs);

    /// <summary>An advert the controller passed up: the listener's logic takes it from here.</summary>
    public abstract void Deliver(SimDevice from, int rssi, long simUs);

    /// <summary>The controller's duplicate filter: true the first time an address is heard in this session.</summary>
    public bool FirstInSession(ulong address)
    {
        if (_seen.Contains(address))
        {
            return false;
        }

        if (_seenOrder.Count >= _cacheSize)
        {
            _seen.Remove(_seenOrder.Dequeue());
        }

        _seen.Add(address);
        _seenOrder.Enqueue(address);
        return true;
    }

    /// <summary>A new scan session: the duplicate filter starts empty.</summary>
    protected void NewSession()
    {
        _seen.Clear();
        _seenOrder.Clear();
    }
}
