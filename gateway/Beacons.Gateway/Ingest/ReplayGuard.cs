namespace Beacons.Gateway.Ingest;

public enum GuardVerdict : byte
{
    /// <summary>A counter never seen from this device: a new payload.</summary>
    Fresh,

    /// <summary>Another copy of the newest payload (the device repeats it until the next one, and several receivers hear it).</summary>
    Repeat,

    /// <summary>Older than the newest counter: a replay, or a copy that arrived after the next payload.</summary>
    CounterWentBack,

    /// <summary>The newest counter with another MAC: two different payloads cannot share a counter.</summary>
    SameCounterOtherMac,

    /// <summary>The newest payload, but longer after it first arrived than any device keeps repeating one.</summary>
    StaleRepeat,
}

/// <summary>
/// Per-device replay protection for frames whose MAC already verified. Counters rise with every new
/// payload and across reboots (RisingCounter), so gaps (lost frames, a reboot's skipped block) are fine
/// and only going back is refused. A device repeats one payload many times a second until it publishes
/// the next, at least every 10 s; copies of the newest counter with the same MAC are accepted as repeats
/// for <see cref="RepeatWindowMs"/> after it first arrived, then refused, which bounds how long a recorded
/// advert can be replayed while the device is silent.
/// </summary>
public sealed class ReplayGuard
{
    public const long DefaultRepeatWindowMs = 30_000;

    private bool _any;
    private uint _counter;
    private uint _mac;
    private bool _macKnown;
    private long _firstAtMs;

    public uint Counter => _counter;

    public bool Any => _any;

    public GuardVerdict Check(uint counter, uint mac, long nowMs, long repeatWindowMs)
    {
        if (!_any || counter > _counter)
        {
            _any = true;
            _counter = counter;
            _mac = mac;
            _macKnown = true;
            _firstAtMs = nowMs;
            return GuardVerdict.Fresh;
        }

        if (counter < _counter)
        {
            return GuardVerdict.CounterWentBack;
        }

        if (!_macKnown)
        {
            // Seeded from the record after a restart: the first authentic copy tells the MAC.
            _mac = mac;
            _macKnown = true;
        }
        else if (mac != _mac)
        {
            return GuardVerdict.SameCounterOtherMac;
        }

        return nowMs - _firstAtMs <= repeatWindowMs ? GuardVerdict.Repeat : GuardVerdict.StaleRepeat;
    }

    /// <summary>Starts from a counter the record holds (after a restart), as first seen at <paramref name="atMs"/>.</summary>
    public void Seed(uint counter, long atMs)
    {
        _any = true;
        _counter = counter;
        _macKnown = false;
        _firstAtMs = atMs;
    }
}

/// <summary>
/// Replay protection for a receiver's datagram sequence numbers: a sliding window of the last 64, as
/// IPsec does, so a datagram the network reordered is still accepted once while a duplicate or one far
/// behind is refused. Sequences rise across receiver reboots.
/// </summary>
public sealed class SequenceWindow
{
    public const int Width = 64;

    private bool _any;
    private uint _highest;
    private ulong _seen;

    public uint Highest => _highest;

    /// <summary>Null when accepted; otherwise the counter saying why not.</summary>
    public Counter? Check(uint sequence)
    {
        if (!_any)
        {
            _any = true;
            _highest = sequence;
            _seen = 1;
            return null;
        }

        if (sequence > _highest)
        {
            uint shift = sequence - _highest;
            _seen = shift >= Width ? 1 : (_seen << (int)shift) | 1;
            _highest = sequence;
            return null;
        }

        uint behind = _highest - sequence;
        if (behind >= Width)
        {
            return Ingest.Counter.UdpTooOld;
        }

        ulong bit = 1UL << (int)behind;
        if ((_seen & bit) != 0)
        {
            return Ingest.Counter.UdpReplayed;
        }

        _seen |= bit;
        return null;
    }

    /// <summary>As <see cref="Seed"/>, unless the window is already past <paramref name="sequence"/>.</summary>
    public void SeedAtLeast(uint sequence)
    {
        if (!_any || sequence > _highest)
        {
            Seed(sequence);
        }
    }

    /// <summary>Starts from a sequence the record holds: everything up to it counts as seen.</summary>
    public void Seed(uint sequence)
    {
        _any = true;
        _highest = sequence;
        _seen = ulong.MaxValue;
    }
}
