namespace Beacons.Venue;

/// <summary>
/// The venue file's walls, by floor, and what a straight path between two spots loses crossing them: the one owner of
/// that geometry, read by the simulator's radio model and by the gateway's position fit (docs/venue.md, "Wall").
/// </summary>
public sealed class VenueWalls
{
    private readonly Dictionary<int, Wall[]> _byFloor;

    public VenueWalls(IEnumerable<Wall> walls)
    {
        _byFloor = walls.GroupBy(w => w.Floor).ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>False for a venue that lists no walls.</summary>
    public bool Any => _byFloor.Count > 0;

    /// <summary>
    /// The loss of every wall the straight path between two spots crosses, dB; a floor's own loss is not in it. Across
    /// floors the path is split at its middle: walls on <paramref name="floorA"/> are counted up to there, walls on
    /// <paramref name="floorB"/> after it.
    /// </summary>
    public double LossDb(int floorA, PlanPoint a, int floorB, PlanPoint b)
    {
        if (floorA == floorB)
        {
            return LossDb(floorA, a, b);
        }

        var middle = new PlanPoint((a.X + b.X) / 2, (a.Y + b.Y) / 2);
        return LossDb(floorA, a, middle) + LossDb(floorB, middle, b);
    }

    /// <summary>The loss of every wall on <paramref name="floor"/> that the segment from a to b crosses, dB.</summary>
    public double LossDb(int floor, PlanPoint a, PlanPoint b)
    {
        if (!_byFloor.TryGetValue(floor, out Wall[]? walls))
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
    private static bool Crosses(PlanPoint a, PlanPoint b, PlanPoint c, PlanPoint d)
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
