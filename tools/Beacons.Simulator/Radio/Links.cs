using Beacons.Simulator.World;

namespace Beacons.Simulator.Radio;

/// <summary>One end of a radio link as the model sees it at a moment.</summary>
public readonly record struct LinkEnd(Spot Spot, double RssiAt1m, double OffsetDb, bool Worn);

/// <summary>
/// Every transmitter-listener link's slowly varying mean: path loss and walls (<see cref="Propagation"/>),
/// body loss towards the listener, the fixed device and receiver offsets, and log-normal shadowing that
/// decorrelates with distance moved and with time (an AR(1) process, Gudmundson's model). Recomputed
/// only when an end has moved, turned or the link has aged, so a drill of hundreds of devices stays cheap.
/// Fast fading is drawn per advert on top of this (<see cref="Fading"/>).
/// </summary>
public sealed class Links
{
    private const double MoveThresholdMetres = 0.5;
    private const double TurnThresholdRadians = 0.3;
    private const double MaxAgeSeconds = 2.0;

    private readonly Propagation _propagation;
    private readonly RadioSettings _settings;
    private readonly int _listeners;
    private readonly ulong _seed;
    private readonly Entry[] _entries;

    public Links(Propagation propagation, int transmitters, int listeners, ulong seed)
    {
        _propagation = propagation;
        _settings = propagation.Settings;
        _listeners = listeners;
        _seed = seed;
        _entries = new Entry[transmitters * listeners];
    }

    /// <summary>The link's mean RSSI now (dBm, before fast fading); <paramref name="lineOfSight"/> picks the fading's K factor.</summary>
    public double Mean(int tx, int listener, in LinkEnd from, in LinkEnd to, double nowSeconds, out bool lineOfSight)
    {
        ref Entry e = ref _entries[(tx * _listeners) + listener];
        if (e.Random == null)
        {
            e.Random = SimRandom.For(_seed, ((ulong)tx << 20) ^ (ulong)listener);
            e.Shadow = e.Random.Gaussian() * _settings.ShadowingSigmaDb;
            Recompute(ref e, from, to, nowSeconds);
        }
        else if (Stale(e, from, to, nowSeconds))
        {
            double moved = Moved(e.TxSpot, from.Spot) + Moved(e.RxSpot, to.Spot);
            double rho = Math.Exp(-(moved / _settings.ShadowingDecorrelationMetres) - ((nowSeconds - e.AtSeconds) / _settings.ShadowingDecorrelationSeconds));
            e.Shadow = (rho * e.Shadow) + (Math.Sqrt(1 - (rho * rho)) * _settings.ShadowingSigmaDb * e.Random.Gaussian());
            Recompute(ref e, from, to, nowSeconds);
        }

        lineOfSight = e.LineOfSight;
        return e.Mean;
    }

    private void Recompute(ref Entry e, in LinkEnd from, in LinkEnd to, double nowSeconds)
    {
        double mean = _propagation.MeanRssi(from.RssiAt1m, from.Spot, to.Spot, out bool los);
        if (from.Worn)
        {
            // Worn on the chest: a listener straight ahead loses nothing, straight behind the whole body loss.
            double toListener = Math.Atan2(to.Spot.Point.Y - from.Spot.Point.Y, to.Spot.Point.X - from.Spot.Point.X);
            mean -= _settings.BodyLossDb * (1 - Math.Cos(toListener - from.Spot.Heading)) / 2;
        }

        e.Mean = mean + from.OffsetDb + to.OffsetDb + e.Shadow;
        e.LineOfSight = los;
        e.TxSpot = from.Spot;
        e.RxSpot = to.Spot;
        e.AtSeconds = nowSeconds;
    }

    private static bool Stale(in Entry e, in LinkEnd from, in LinkEnd to, double nowSeconds) =>
        nowSeconds - e.AtSeconds >= MaxAgeSeconds
        || Moved(e.TxSpot, from.Spot) >= MoveThresholdMetres || Moved(e.RxSpot, to.Spot) >= MoveThresholdMetres
        || (from.Worn && Math.Abs(Math.IEEERemainder(e.TxSpot.Heading - from.Spot.Heading, 2 * Math.PI)) >= TurnThresholdRadians);

    private static double Moved(Spot a, Spot b) => a.Floor != b.Floor ? 100 : Plan.Distance(a.Point, b.Point);

    private struct Entry
    {
        public SimRandom? Random;
        public double Shadow;
        public double Mean;
        public bool LineOfSight;
        public Spot TxSpot;
        public Spot RxSpot;
        public double AtSeconds;
    }
}

/// <summary>Fast fading: a Rician power gain per advert and channel, as dB around 0 (mean power 1).</summary>
public static class Fading
{
    public static double SampleDb(SimRandom random, double k)
    {
        double los = Math.Sqrt(k / (k + 1));
        double scatter = Math.Sqrt(1 / (2 * (k + 1)));
        double i = los + (scatter * random.Gaussian());
        double q = scatter * random.Gaussian();
        double power = (i * i) + (q * q);
        return 10 * Math.Log10(Math.Max(power, 1e-6));
    }
}
