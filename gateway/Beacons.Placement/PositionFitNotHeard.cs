namespace Beacons.Placement;

/// <summary>
/// The position fit's "not heard" (censored) term, and that term summed over every receiver of a map at each point
/// as a function of the point's P0, tabulated once per map and settings and shared by every device's locator. A
/// receiver that does not hear the device costs <c>-log(miss + (1 - miss) Φ((floor - predicted) / σ))</c>, with
/// <c>predicted = P0 - n · logDistance - wall</c>: at a point, it depends on the step only through the P0 fitted
/// there. So a step need not visit every receiver of the venue at every point: the table's sum at the fitted P0,
/// less the terms of the receivers that did hear the device and of those taken for dead, is the sum over the
/// receivers that count as not hearing it (docs/gateway.md, "The live placement's cost").
/// </summary>
internal sealed class PositionFitNotHeard
{
    /// <summary>The P0s tabulated, dB: a fitted P0 outside them is summed receiver by receiver, as without the table.</summary>
    public const double LowestP0 = -140, HighestP0 = 40;

    /// <summary>
    /// The table's P0 step, dB. Interpolated by a cubic through the four nearest steps, the sum is within a few 1e-6
    /// of the receivers' own terms added up (the censored term is smooth on this scale but for the kinks of its own
    /// table, which steps σ / 256): a step's zone errors move by that much, which no decision of the fit's has been
    /// seen to notice (docs/gateway.md).
    /// </summary>
    public const double P0Step = 0.25;

    private const double CensoredRange = 40, CensoredStep = 1.0 / StepsPerUnit, StepsPerUnit = 256;

    // 164 kB a table: one per miss chance, shared by every device's locator rather than one per device.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<double, double[]> CensoredTables = new();

    private readonly double[] _sums; // point-major: the sum over every receiver at each tabulated P0
    private readonly int _steps;

    /// <param name="logDistance">The map's <see cref="PositionFitMap.LogDistances"/> for the settings' height and <paramref name="exponent"/>.</param>
    /// <param name="exponent">The law's exponent on the map (<see cref="PositionFitMap.ExponentOf"/>).</param>
    /// <param name="wallLoss">The map's <see cref="PositionFitMap.WallLosses"/> for the settings.</param>
    public PositionFitNotHeard(double[,] logDistance, double exponent, double[,] wallLoss, PositionFitSettings s)
    {
        int points = logDistance.GetLength(0), receivers = logDistance.GetLength(1);
        double[] censored = CensoredTableOf(s.MissChance);
        _steps = (int)((HighestP0 - LowestP0) / P0Step) + 1;
        _sums = new double[points * _steps];
        double n = exponent;
        Parallel.For(0, points, p =>
        {
            for (int k = 0; k < _steps; k++)
            {
                double p0 = LowestP0 + (k * P0Step);
                double sum = 0;
                for (int r = 0; r < receivers; r++)
                {
                    // As the locator's own loop computes it, term for term.
                    double predicted = p0 - (n * logDistance[p, r]) - wallLoss[p, r];
                    sum += Censored(censored, (s.FloorDbm - predicted) / s.SigmaDb);
                }

                _sums[(p * _steps) + k] = sum;
            }
        });
    }

    /// <summary>The censored term's table for a miss chance (shared): <c>-log(miss + (1 - miss) Φ(x))</c> on a fine grid of x.</summary>
    public static double[] CensoredTableOf(double missChance) => CensoredTables.GetOrAdd(missChance, CensoredTable);

    /// <summary>The censored term at x = (floor - predicted) / σ, interpolated from its table (exact to about 1e-6).</summary>
    public static double Censored(double[] table, double x)
    {
        double at = (Math.Clamp(x, -CensoredRange, CensoredRange) + CensoredRange) * StepsPerUnit; // / CensoredStep, exactly (a power of 2)
        int i = Math.Min((int)at, table.Length - 2);
        double f = at - i;
        return table[i] + (f * (table[i + 1] - table[i]));
    }

    /// <summary>Every receiver's censored term at <paramref name="point"/> summed, for a P0; false outside the tabulated P0s.</summary>
    public bool TrySum(int point, double p0, out double sum)
    {
        double at = (p0 - LowestP0) / P0Step;
        if (!(at >= 1 && at < _steps - 2))
        {
            sum = 0;
            return false;
        }

        int i = (int)at;
        double t = at - i;
        int k = (point * _steps) + i;
        // Lagrange's cubic through steps i - 1 .. i + 2, t from step i.
        double a = _sums[k - 1], b = _sums[k], c = _sums[k + 1], d = _sums[k + 2];
        double tm1 = t - 1, tm2 = t - 2, tp1 = t + 1;
        sum = (-a * t * tm1 * tm2 / 6) + (b * tp1 * tm1 * tm2 / 2) - (c * tp1 * t * tm2 / 2) + (d * tp1 * t * tm1 / 6);
        return true;
    }

    private static double[] CensoredTable(double missChance)
    {
        var table = new double[(int)(2 * CensoredRange / CensoredStep) + 2];
        for (int i = 0; i < table.Length; i++)
        {
            double x = -CensoredRange + (i * CensoredStep);
            table[i] = -Math.Log(missChance + ((1 - missChance) * Math.Exp(PositionFitLocator.LogNormalCdf(x))));
        }

        return table;
    }
}
