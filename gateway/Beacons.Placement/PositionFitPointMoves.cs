using System.Runtime.CompilerServices;

namespace Beacons.Placement;

/// <summary>
/// Where a device on a <see cref="PositionFitMap"/> can be one step later, point by point: the position fit's motion
/// model when it filters over points (<see cref="PositionFitSettings.PointFilter"/>; docs/zones.md, "Position fit").
/// From a point a device stays, or moves to a point within its reach: in its own zone on its own floor, or in a
/// neighbouring zone (the map's neighbours: a door, or a stairwell over the next). Two neighbouring zones with no
/// points within reach of each other (outside zones across a car park, stairs a storey apart) are linked at their
/// nearest points. Sparse rows, made once per map and setting and shared by every device's locator; read only.
/// </summary>
public sealed class PositionFitPointMoves
{
    private static readonly ConditionalWeakTable<PositionFitMap, Dictionary<(double, double, double), PositionFitPointMoves>> Made = new();

    private PositionFitPointMoves(double[] stay, int[] start, int[] to, double[] weight)
    {
        Stay = stay;
        Start = start;
        To = to;
        Weight = weight;
    }

    /// <summary>Each point's chance of staying where it is.</summary>
    public double[] Stay { get; }

    /// <summary>Point i's moves are <see cref="To"/>[Start[i] .. Start[i + 1]), with their chances in <see cref="Weight"/>.</summary>
    public int[] Start { get; }

    public int[] To { get; }

    public double[] Weight { get; }

    /// <summary>The moves for <paramref name="settings"/> (its step, walk speed, move chance and cross weight), made once per map.</summary>
    public static PositionFitPointMoves Of(PositionFitMap map, PositionFitSettings settings)
    {
        double walk = settings.WalkSpeed * settings.StepMs / 1000.0;
        var key = (walk, settings.PointMove, settings.CrossWeight);
        var byKey = Made.GetValue(map, _ => new());
        lock (byKey)
        {
            if (!byKey.TryGetValue(key, out var moves))
            {
                moves = Make(map, walk, settings.PointMove, settings.CrossWeight);
                byKey[key] = moves;
            }

            return moves;
        }
    }

    /// <summary>The median distance from a point to the nearest other point on its floor: the grid's spacing.</summary>
    public static double Spacing(PositionFitMap map)
    {
        var points = map.Points;
        var nearest = new List<double>();
        for (int i = 0; i < points.Count; i++)
        {
            double best = double.MaxValue;
            for (int j = 0; j < points.Count; j++)
            {
                if (j != i && map.PointFloors[i] == map.PointFloors[j])
                {
                    best = Math.Min(best, Distance2(points[i], points[j]));
                }
            }

            if (best < double.MaxValue)
            {
                nearest.Add(Math.Sqrt(best));
            }
        }

        nearest.Sort();
        return nearest.Count == 0 ? 1 : nearest[nearest.Count / 2];
    }

    private static double Distance2((double X, double Y, byte Zone) a, (double X, double Y, byte Zone) b) =>
        ((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y));

    private static PositionFitPointMoves Make(PositionFitMap map, double walk, double move, double crossWeight)
    {
        var points = map.Points;
        int n = points.Count;
        double spacing = Spacing(map);
        // A step's walk, but at least the grid's diagonal: on a grid coarser than a step, a device still gets
        // from one point to the next, the less often the coarser it is.
        double reach = Math.Max(walk, 1.5 * spacing);
        double moveChance = move * Math.Min(1, walk / spacing);

        bool Linked(int i, int j)
        {
            byte a = points[i].Zone, b = points[j].Zone;
            if (a == b)
            {
                return map.PointFloors[i] == map.PointFloors[j];
            }

            return map.Neighbours == null ? map.PointFloors[i] == map.PointFloors[j] : map.Neighbours.AreNeighbours(a, b);
        }

        var targets = new List<int>[n];
        var nearestPair = new Dictionary<(byte, byte), double>();
        for (int i = 0; i < n; i++)
        {
            targets[i] = new List<int>();
            for (int j = 0; j < n; j++)
            {
                if (j == i || !Linked(i, j))
                {
                    continue;
                }

                double d2 = Distance2(points[i], points[j]);
                if (d2 <= reach * reach)
                {
                    targets[i].Add(j);
                }

                if (points[i].Zone != points[j].Zone)
                {
                    var pair = (points[i].Zone, points[j].Zone);
                    nearestPair[pair] = Math.Min(nearestPair.GetValueOrDefault(pair, double.MaxValue), Math.Sqrt(d2));
                }
            }
        }

        // Neighbouring zones no step joins: link their nearest points (within a reach of the nearest pair).
        foreach (var ((a, b), nearest) in nearestPair)
        {
            if (nearest <= reach)
            {
                continue;
            }

            for (int i = 0; i < n; i++)
            {
                if (points[i].Zone != a)
                {
                    continue;
                }

                for (int j = 0; j < n; j++)
                {
                    if (points[j].Zone == b && Linked(i, j) && Math.Sqrt(Distance2(points[i], points[j])) <= nearest + reach)
                    {
                        targets[i].Add(j);
                    }
                }
            }
        }

        var stay = new double[n];
        var start = new int[n + 1];
        var to = new List<int>();
        var weight = new List<double>();
        for (int i = 0; i < n; i++)
        {
            start[i] = to.Count;
            double total = targets[i].Sum(j => points[j].Zone == points[i].Zone ? 1 : crossWeight);
            stay[i] = total > 0 ? 1 - moveChance : 1;
            foreach (int j in total > 0 ? targets[i] : [])
            {
                to.Add(j);
                weight.Add(moveChance * (points[j].Zone == points[i].Zone ? 1 : crossWeight) / total);
            }
        }

        start[n] = to.Count;
        return new PositionFitPointMoves(stay, start, to.ToArray(), weight.ToArray());
    }
}
