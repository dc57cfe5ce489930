namespace Beacons.Simulator.Radio;

/// <summary>
/// The simulator's only source of randomness: SplitMix64, written out so a seed gives the same drill on
/// every .NET version and machine (System.Random's seeded sequence is not promised to stay the same).
/// Each part of the world takes its own stream (<see cref="Fork"/>), so adding a device does not shift
/// the noise every other device sees.
/// </summary>
public sealed class SimRandom
{
    private ulong _state;
    private double _spareGaussian = double.NaN;

    public SimRandom(ulong seed)
    {
        _state = seed;
    }

    /// <summary>A stream of its own, decided by this seed and <paramref name="label"/> alone.</summary>
    public static SimRandom For(ulong seed, ulong label) => new(Mix(seed ^ Mix(label + 0x9E3779B97F4A7C15UL)));

    public SimRandom Fork(ulong label) => new(Mix(NextUInt64() ^ Mix(label)));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Uniform whole number in [0, n).</summary>
    public int Next(int n) => (int)(NextDouble() * n);

    /// <summary>Standard normal (Box-Muller, the second value kept for the next call).</summary>
    public double Gaussian()
    {
        if (!double.IsNaN(_spareGaussian))
        {
            double spare = _spareGaussian;
            _spareGaussian = double.NaN;
            return spare;
        }

        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareGaussian = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
