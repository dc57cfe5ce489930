namespace Beacons.Simulator.Radio;

/// <summary>
/// The figures that compare simulated readings with real ones (docs/simulator.md, "Fitted to the
/// flat"): scatter at a standing point, the step through a wall, the share of adverts lost, how fast
/// readings decorrelate, and how often the loudest receiver is in the device's room. Plain functions over series, so real and simulated readings go through the same code.
/// </summary>
public static class RadioStatistics
{
    /// <summary>Mean of the standard deviations of each group (each group: one receiver's readings at one standing point); groups under 3 readings are skipped.</summary>
    public static double StandingScatterDb(IEnumerable<IReadOnlyList<double>> groups)
    {
        var spreads = groups.Where(g => g.Count >= 3).Select(StandardDeviation).ToList();
        return spreads.Count == 0 ? double.NaN : spreads.Average();
    }

    /// <summary>How much weaker a receiver hears the device in the next room than in its own, distance taken out: mean residual in the room minus mean residual next door.</summary>
    public static double WallStepDb(IReadOnlyList<double> sameRoomResiduals, IReadOnlyList<double> nextRoomResiduals) =>
        sameRoomResiduals.Count == 0 || nextRoomResiduals.Count == 0 ? double.NaN : sameRoomResiduals.Average() - nextRoomResiduals.Average();

    /// <summary>
    /// Share of windows whose loudest reading came from a receiver in the device's own room: what the walls,
    /// distance and scatter together leave for telling rooms apart. Each window: its readings, each with
    /// whether the receiver is in the room the device was in; empty windows are skipped.
    /// </summary>
    public static double LoudestInOwnRoomShare(IEnumerable<IReadOnlyList<(double Rssi, bool OwnRoom)>> windows)
    {
        int counted = 0, own = 0;
        foreach (IReadOnlyList<(double Rssi, bool OwnRoom)> w in windows.Where(w => w.Count > 0))
        {
            counted++;
            own += w.MaxBy(r => r.Rssi).OwnRoom ? 1 : 0;
        }

        return counted == 0 ? double.NaN : (double)own / counted;
    }

    /// <summary>Share of the adverts sent that a receiver did not report.</summary>
    public static double LossShare(int heard, double expected) => expected <= 0 ? double.NaN : Math.Max(0, 1 - (heard / expected));

    /// <summary>
    /// Pearson correlation of residuals between pairs of readings whose positions along a series (metres
    /// moved, or seconds) lie <paramref name="separation"/> ± <paramref name="tolerance"/> apart. The series must be in order of position.
    /// </summary>
    public static double CorrelationAt(IReadOnlyList<(double Along, double Residual)> series, double separation, double tolerance)
    {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = 0;
        for (int i = 0; i < series.Count; i++)
        {
            for (int j = i + 1; j < series.Count; j++)
            {
                double gap = series[j].Along - series[i].Along;
                if (gap > separation + tolerance)
                {
                    break;
                }

                if (gap >= separation - tolerance)
                {
                    double x = series[i].Residual, y = series[j].Residual;
                    sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
                    n++;
                }
            }
        }

        if (n < 3)
        {
            return double.NaN;
        }

        double cov = (sxy / n) - (sx / n * (sy / n));
        double vx = (sxx / n) - (sx / n * (sx / n)), vy = (syy / n) - (sy / n * (sy / n));
        return vx <= 0 || vy <= 0 ? double.NaN : cov / Math.Sqrt(vx * vy);
    }

    /// <summary>Least-squares fit of rssi = p1m − 10·n·log10(d) (d at least 0.5 m); returns (p1m, n).</summary>
    public static (double RssiAt1m, double Exponent) LogDistanceFit(IReadOnlyList<(double Metres, double Rssi)> readings)
    {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (var (metres, rssi) in readings)
        {
            double x = -10 * Math.Log10(Math.Max(metres, 0.5));
            sx += x; sy += rssi; sxx += x * x; sxy += x * rssi;
        }

        int n = readings.Count;
        double slope = ((n * sxy) - (sx * sy)) / ((n * sxx) - (sx * sx));
        return ((sy - (slope * sx)) / n, slope);
    }

    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }
}
