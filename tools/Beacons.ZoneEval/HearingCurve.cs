using Beacons.Placement.Scoring;

namespace Beacons.ZoneEval;

/// <summary>
/// Learns, per receiver, the chance that it hears a device within the hold time as a function of distance
/// (<see cref="Beacons.Placement.PositionFitSettings.HearingChance"/>): at every moment a device was heard, each
/// receiver counts as heard or not at its distance from where the device was. Where it was comes from a survey
/// (the truth's position) or, with no survey, from the trace alone: the position of the loudest receiver of the
/// moment. Distances are in the map's unit with the fit's height offset, binned by <see cref="BinWidth"/>; each
/// receiver's bins lean on all receivers' pooled bins with the weight of <see cref="PriorMoments"/> moments.
/// </summary>
public static class HearingCurve
{
    public const double BinWidth = 1;
    public const int Bins = 14;
    public const double PriorMoments = 10;

    /// <summary>Where a device was at a moment, given that moment's readings; null: leave the moment out.</summary>
    public delegate (double X, double Y)? Place(int device, long tMs, IReadOnlyList<TraceReading> moment);

    public static Func<int, double, double> Learn(IReadOnlyList<TraceReading> trace, IReadOnlyDictionary<int, (double X, double Y)> receivers,
        Place place, long holdMs, double heightOffset)
    {
        var ids = receivers.Keys.OrderBy(r => r).ToArray();
        var heard = new double[ids.Length, Bins];
        var total = new double[ids.Length, Bins];
        foreach (var device in trace.GroupBy(r => r.Device))
        {
            var last = new Dictionary<int, long>();
            foreach (var moment in device.GroupBy(r => r.TMs))
            {
                var readings = moment.ToList();
                foreach (var reading in readings)
                {
                    last[reading.Receiver] = moment.Key;
                }

                if (place(device.Key, moment.Key, readings) is not { } at)
                {
                    continue;
                }

                for (int r = 0; r < ids.Length; r++)
                {
                    var rx = receivers[ids[r]];
                    double d = Math.Sqrt(((at.X - rx.X) * (at.X - rx.X)) + ((at.Y - rx.Y) * (at.Y - rx.Y)) + (heightOffset * heightOffset));
                    int bin = Math.Min((int)(d / BinWidth), Bins - 1);
                    total[r, bin]++;
                    heard[r, bin] += last.TryGetValue(ids[r], out long t) && moment.Key - t <= holdMs ? 1 : 0;
                }
            }
        }

        var pooled = new double[Bins];
        var seen = new bool[Bins];
        for (int b = 0; b < Bins; b++)
        {
            double h = 0, n = 0;
            for (int r = 0; r < ids.Length; r++)
            {
                h += heard[r, b];
                n += total[r, b];
            }

            pooled[b] = (h + 0.5) / (n + 1);
            seen[b] = n > 0;
        }

        // A bin nobody stood at (nearer than the height offset, or beyond the venue) takes the nearest seen bin's chance.
        for (int b = 0; b < Bins; b++)
        {
            int nearest = Enumerable.Range(0, Bins).Where(i => seen[i]).DefaultIfEmpty(b).MinBy(i => Math.Abs(i - b));
            pooled[b] = seen[b] ? pooled[b] : pooled[nearest];
        }

        var curve = new Dictionary<int, double[]>();
        for (int r = 0; r < ids.Length; r++)
        {
            var bins = new double[Bins];
            for (int b = 0; b < Bins; b++)
            {
                bins[b] = (heard[r, b] + (PriorMoments * pooled[b])) / (total[r, b] + PriorMoments);
            }

            curve[ids[r]] = bins;
        }

        return (receiver, distance) =>
        {
            var bins = curve[receiver];
            double x = Math.Clamp((distance / BinWidth) - 0.5, 0, Bins - 1);
            int i = Math.Min((int)x, Bins - 2);
            return bins[i] + ((x - i) * (bins[i + 1] - bins[i]));
        };
    }

    /// <summary>No survey: the device is taken to be at its loudest receiver of the moment.</summary>
    public static Place AtLoudest(IReadOnlyDictionary<int, (double X, double Y)> receivers) =>
        (_, _, moment) => receivers.TryGetValue(moment.MaxBy(r => r.Rssi)!.Receiver, out var at) ? at : null;
}
