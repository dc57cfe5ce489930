using Beacons.Simulator.World;
using Beacons.Venue;

namespace Beacons.Simulator.Radio;

/// <summary>
/// The deterministic part of the radio model: log-distance path loss from the transmitter's RSSI at one
/// metre, plus the loss of every wall the straight path crosses and of every floor between the two ends
/// (a multi-wall model in the manner of COST 231). Shadowing and fading are added by <see cref="Links"/>.
/// </summary>
public sealed class Propagation
{
    private readonly RadioSettings _settings;
    private readonly double _floorLossDb;
    private readonly Dictionary<int, Wall[]> _walls;

    public Propagation(Venue.Venue venue, RadioSettings settings)
    {
        _settings = settings;
        _floorLossDb = venue.FloorLossDb;
        _walls = venue.Walls.GroupBy(w => w.Floor).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public RadioSettings Settings => _settings;

    /// <summary>Mean received power (dBm) at <paramref name="rx"/> from a transmitter at <paramref name="tx"/>.</summary>
    public double MeanRssi(double rssiAt1m, Spot tx, Spot rx, out bool lineOfSight)
    {
        double obstruction = ObstructionDb(tx, rx);
        lineOfSight = obstruction == 0;
        return rssiAt1m - PathLossDb(Distance(tx, rx)) - obstruction;
    }

    /// <summary>Loss beyond one metre for a distance (never a gain: closer than 0.5 m counts as 0.5 m).</summary>
    public double PathLossDb(double metres) => 10 * _settings.PathLossExponent * Math.Log10(Math.Max(metres, 0.5));

    public double Distance(Spot a, Spot b)
    {
        double dz = (a.Floor - b.Floor) * _settings.FloorHeightMetres;
        double dx = a.Point.X - b.Point.X, dy = a.Point.Y - b.Point.Y;
        return Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz));
    }

    /// <summary>
    /// Walls and floors between two spots. Across floors the path is split at its middle: walls on the
    /// transmitter's floor are counted up to there, walls on the receiver's floor after it.
    /// </summary>
    public double ObstructionDb(Spot a, Spot b)
    {
        if (a.Floor == b.Floor)
        {
            return WallLossDb(a.Floor, a.Point, b.Point);
        }

        var middle = new PlanPoint((a.Point.X + b.Point.X) / 2, (a.Point.Y + b.Point.Y) / 2);
        return (Math.Abs(a.Floor - b.Floor) * _floorLossDb) + WallLossDb(a.Floor, a.Point, middle) + WallLossDb(b.Floor, middle, b.Point);
    }

    public double WallLossDb(int floor, PlanPoint a, PlanPoint b)
    {
        if (!_walls.TryGetValue(floor, out Wall[]? walls))
        {
            return 0;
        }

        double loss = 0;
        foreach (Wall wall in walls)
        {
            if (Crosses(a, b, wall.From, wall.To))
            {
                loss += wall.LossDb;
            }
        }

        return loss;
    }

    /// <summary>True when segment ab crosses segment cd (touching at an end counts: a path along a wall's end still meets it).</summary>
    public static bool Crosses(PlanPoint a, PlanPoint b, PlanPoint c, PlanPoint d)
    {
        double d1 = Cross(c, d, a), d2 = Cross(c, d, b), d3 = Cross(a, b, c), d4 = Cross(a, b, d);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        // Collinear or touching cases: only an end lying on the other segment counts.
        return (d1 == 0 && OnSegment(c, d, a)) || (d2 == 0 && OnSegment(c, d, b)) || (d3 == 0 && OnSegment(a, b, c)) || (d4 == 0 && OnSegment(a, b, d));
    }

    private static double Cross(PlanPoint o, PlanPoint p, PlanPoint q) => ((p.X - o.X) * (q.Y - o.Y)) - ((p.Y - o.Y) * (q.X - o.X));

    private static bool OnSegment(PlanPoint p, PlanPoint q, PlanPoint r) =>
        Math.Min(p.X, q.X) <= r.X && r.X <= Math.Max(p.X, q.X) && Math.Min(p.Y, q.Y) <= r.Y && r.Y <= Math.Max(p.Y, q.Y);
}
