using Beacons.Protocol;
using Beacons.Simulator.Radio;
using Beacons.Simulator.World;

namespace Beacons.Simulator.Devices;

/// <summary>
/// Something that advertises: a badge, a tag or an anchor. Each runs the shared device logic on its own
/// clock (milliseconds since it was switched on, like the real device) and keeps the advert bytes it
/// currently has on the air, written by the shared <see cref="FrameWriter"/>.
/// </summary>
public abstract class SimDevice
{
    private readonly RisingCounter _counter;
    private long _idleUntilUs = long.MinValue;

    protected SimDevice(int index, ushort deviceId, FrameKind kind, double rssiAt1m, bool worn, DeviceContext context)
    {
        Index = index;
        DeviceId = deviceId;
        Kind = kind;
        RssiAt1m = rssiAt1m;
        Worn = worn;
        Context = context;
        SimRandom random = SimRandom.For(context.Seed, 0x1000_0000UL + ((ulong)kind << 16) + deviceId);
        Random = random;
        Address = (0x240AC4UL << 24) | ((ulong)kind << 16) | deviceId;
        OffsetDb = random.Gaussian() * context.Radio.DeviceOffsetSigmaDb;
        IntervalUs = (long)(random.Uniform(context.Radio.AdvertIntervalMinMs, context.Radio.AdvertIntervalMaxMs) * 1000);
        NextAdvertUs = (long)(random.NextDouble() * IntervalUs);
        BootOffsetMs = 60_000 + (long)(random.NextDouble() * 1_800_000);
        _counter = new RisingCounter(new MemoryCounterStore(context.CounterBase), RisingCounter.DefaultBlock);
    }

    public int Index { get; }

    public ushort DeviceId { get; }

    public FrameKind Kind { get; }

    /// <summary>The device's Bluetooth address (public, fixed: ESP32s do not rotate it).</summary>
    public ulong Address { get; }

    public double RssiAt1m { get; }

    /// <summary>Worn on a body: the body shadows it (badges).</summary>
    public bool Worn { get; }

    /// <summary>This device's fixed transmit offset from the nominal power.</summary>
    public double OffsetDb { get; }

    public long IntervalUs { get; }

    /// <summary>When the stack sends the next advertising event (simulation microseconds).</summary>
    public long NextAdvertUs { get; set; }

    public byte[] Advert { get; } = new byte[FrameLayout.MaxAdvertisingData];

    public int AdvertLength { get; protected set; }

    /// <summary>Where it is now, as last set by the engine (<see cref="Locate"/>).</summary>
    public Spot Spot { get; private set; }

    /// <summary>False while its wearer is not on site yet: nothing it sends reaches the venue.</summary>
    public bool Present { get; private set; }

    protected DeviceContext Context { get; }

    protected SimRandom Random { get; }

    /// <summary>Milliseconds the device had been on when the simulation started.</summary>
    protected long BootOffsetMs { get; }

    /// <summary>Where the device is at <paramref name="seconds"/> from T0, or null when it is off site.</summary>
    public abstract Spot? Where(double seconds);

    public void Locate(double seconds)
    {
        Spot? spot = Where(seconds);
        Present = spot != null;
        if (spot != null)
        {
            Spot = spot.Value;
        }
    }

    /// <summary>Runs the device's logic up to <paramref name="simMs"/> (simulation milliseconds).</summary>
    public abstract void Update(long simMs);

    /// <summary>True when its publisher is running at <paramref name="simUs"/> (not restarting, not scanning).</summary>
    public virtual bool Advertising(long simUs) => AdvertLength > 0 && simUs >= _idleUntilUs;

    protected long DeviceMs(long simMs) => simMs + BootOffsetMs;

    /// <summary>Writes <paramref name="frame"/> with the next counter value and restarts the publisher with it.</summary>
    protected void Publish(Frame frame, long simMs)
    {
        frame.Kind = Kind;
        frame.ExerciseId = Context.ExerciseId;
        frame.DeviceId = DeviceId;
        frame.Counter = _counter.Next();
        AdvertLength = FrameWriter.WriteAdvertisement(frame, Context.CompanyId, Context.FrameKey, Advert, 0);
        PublisherRestart(simMs);
    }

    /// <summary>Puts raw advertising bytes on the air (a commercial iBeacon anchor).</summary>
    protected void PublishRaw(byte[] data, int length, long simMs)
    {
        Array.Copy(data, Advert, length);
        AdvertLength = length;
        PublisherRestart(simMs);
    }

    protected void SilenceUntil(long simUs) => _idleUntilUs = Math.Max(_idleUntilUs, simUs);

    private void PublisherRestart(long simMs) => SilenceUntil((simMs + Context.Radio.PublisherRestartMs) * 1000);
}

/// <summary>What every simulated device shares: the exercise's identity and key, the radio settings, the seed.</summary>
public sealed record DeviceContext(ushort ExerciseId, ushort CompanyId, MacKey FrameKey, RadioSettings Radio, ulong Seed, uint CounterBase);
