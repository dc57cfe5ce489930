namespace Beacons.Venue;

/// <summary>
/// Which zones a person can walk from one straight into the other, worked out from the venue's geometry.
/// docs/venue.md ("Neighbouring zones") states the rules.
/// </summary>
public static class NeighbouringZones
{
    /// <summary>A doorway is at least this wide; a shorter shared stretch is a corner, not a way through.</summary>
    public const double MinSharedMetres = 0.5;

    /// <summary>Outlines are typed by hand: corners a centimetre apart are meant to be the same.</summary>
    public const double ToleranceMetres = 0.01;

    /// <summary>The pairs as the zone estimator takes them (zone IDs are bytes: the venue allows 1..255).</summary>
    public static Beacons.Zones.ZoneNeighbours Table(Venue venue)
    {
        var table = new Beacons.Zones.ZoneNeighbours();
        foreach ((int a, int b) in Of(venue))
        {
            table.Add((byte)a, (byte)b);
        }

        return table;
    }

    /// <summary>Every neighbouring pair once, the lower zone ID first, sorted by A then B.</summary>
    public static IReadOnlyList<(int A, int B)> Of(Venue venue)
    {
        VenueZone[] zones = venue.Zones.OrderBy(z => z.Id).ToArray();
        var pairs = new List<(int A, int B)>();
        for (int i = 0; i < zones.Length; i++)
        {
            for (int j = i + 1; j < zones.Length; j++)
            {
                if (AreNeighbours(zones[i], zones[j]))
                {
                    pairs.Add((zones[i].Id, zones[j].Id));
                }
            }
        }

        return pairs;
    }

    private static bool AreNeighbours(VenueZone a, VenueZone b)
    {
        // Outside zones sit on open ground (the car park between them is in no zone), so people cross
        // from any one to any other without passing through a zone of ours.
        if (a.Outside && b.Outside)
        {
            return true;
        }

        if (a.Floor == b.Floor)
        {
            return SharedBoundary(a.Outline, b.Outline) >= MinSharedMetres;
        }

        // Floors are linked only where one stairwell stands over the next one.
        return a.Stairs && b.Stairs && Math.Abs(a.Floor - b.Floor) == 1 && OverlapInPlan(a, b);
    }

    /// <summary>Total length along which the two outlines run together (collinear edges, overlapping).</summary>
    private static double SharedBoundary(IReadOnlyList<PlanPoint> a, IReadOnlyList<PlanPoint> b)
    {
        double shared = 0;
        for (int i = 0; i < a.Count; i++)
        {
            PlanPoint a1 = a[i];
            PlanPoint a2 = a[(i + 1) % a.Count];
            double length = Distance(a1, a2);
            if (length <= ToleranceMetres)
            {
                continue;
            }

            for (int j = 0; j < b.Count; j++)
            {
                PlanPoint b1 = b[j];
                PlanPoint b2 = b[(j + 1) % b.Count];
                if (Math.Abs(Side(a1, a2, b1)) > ToleranceMetres || Math.Abs(Side(a1, a2, b2)) > ToleranceMetres)
                {
                    continue;
                }

                double t1 = Along(a1, a2, b1);
                double t2 = Along(a1, a2, b2);
                double overlap = Math.Min(length, Math.Max(t1, t2)) - Math.Max(0, Math.Min(t1, t2));
                if (overlap > 0)
                {
                    shared += overlap;
                }
            }
        }

        return shared;
    }

    /// <summary>
    /// True when the outlines share floor area in plan, or run together along a wall. Stairwells are drawn
    /// by hand on each floor, so they rarely match exactly; any real overlap counts.
    /// </summary>
    private static bool OverlapInPlan(VenueZone a, VenueZone b)
    {
        return SharedBoundary(a.Outline, b.Outline) >= MinSharedMetres
            || EdgesCross(a.Outline, b.Outline)
            || HasPointStrictlyInside(a.Outline, b)
            || HasPointStrictlyInside(b.Outline, a);
    }

    private static bool EdgesCross(IReadOnlyList<PlanPoint> a, IReadOnlyList<PlanPoint> b)
    {
        for (int i = 0; i < a.Count; i++)
        {
            PlanPoint a1 = a[i];
            PlanPoint a2 = a[(i + 1) % a.Count];
            for (int j = 0; j < b.Count; j++)
            {
                PlanPoint b1 = b[j];
                PlanPoint b2 = b[(j + 1) % b.Count];
                if (Cross(a1, a2, b1, b2))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The first two edges of <paramref name="outline"/> that cross or touch, other than neighbours at
    /// their shared corner (edge i runs from corner i to the next); null for a simple outline. A crossing
    /// outline (a bow tie) has no inside that "where is this device" can trust, so the venue file refuses it.
    /// </summary>
    public static (int Edge, int Other)? SelfCrossing(IReadOnlyList<PlanPoint> outline)
    {
        int n = outline.Count;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                bool neighbours = j == i + 1 || (i == 0 && j == n - 1);
                PlanPoint a1 = outline[i], a2 = outline[(i + 1) % n], b1 = outline[j], b2 = outline[(j + 1) % n];
                if (neighbours ? Folds(a1, a2, b1, b2) : Cross(a1, a2, b1, b2) || Touch(a1, a2, b1, b2))
                {
                    return (i, j);
                }
            }
        }

        return null;
    }

    private static bool Cross(PlanPoint a1, PlanPoint a2, PlanPoint b1, PlanPoint b2) =>
        Opposite(Side(a1, a2, b1), Side(a1, a2, b2)) && Opposite(Side(b1, b2, a1), Side(b1, b2, a2));

    // One edge's end lies on the other edge: a corner pinched onto a wall.
    private static bool Touch(PlanPoint a1, PlanPoint a2, PlanPoint b1, PlanPoint b2) =>
        DistanceToSegment(b1, a1, a2) <= ToleranceMetres || DistanceToSegment(b2, a1, a2) <= ToleranceMetres
        || DistanceToSegment(a1, b1, b2) <= ToleranceMetres || DistanceToSegment(a2, b1, b2) <= ToleranceMetres;

    // Neighbouring edges that double back along each other (a spike): the far end of one lies on the other.
    private static bool Folds(PlanPoint a1, PlanPoint a2, PlanPoint b1, PlanPoint b2)
    {
        PlanPoint shared = a2 == b1 ? a2 : a1;
        PlanPoint aFar = shared == a2 ? a1 : a2;
        PlanPoint bFar = shared == b1 ? b2 : b1;
        return DistanceToSegment(bFar, a1, a2) <= ToleranceMetres || DistanceToSegment(aFar, b1, b2) <= ToleranceMetres;
    }

    /// <summary>
    /// Tries the corners and the middle of each edge: an outline whose corners all sit on the other's
    /// walls (a diamond in a square) still has edge middles inside it.
    /// </summary>
    private static bool HasPointStrictlyInside(IReadOnlyList<PlanPoint> outline, VenueZone other)
    {
        for (int i = 0; i < outline.Count; i++)
        {
            PlanPoint p = outline[i];
            PlanPoint q = outline[(i + 1) % outline.Count];
            PlanPoint middle = new((p.X + q.X) / 2, (p.Y + q.Y) / 2);
            if (StrictlyInside(p, other) || StrictlyInside(middle, other))
            {
                return true;
            }
        }

        return false;
    }

    // Contains alone is unreliable on the outline itself, so a point must also be clear of every edge.
    private static bool StrictlyInside(PlanPoint p, VenueZone zone)
    {
        if (!zone.Contains(p))
        {
            return false;
        }

        IReadOnlyList<PlanPoint> outline = zone.Outline;
        for (int i = 0; i < outline.Count; i++)
        {
            if (DistanceToSegment(p, outline[i], outline[(i + 1) % outline.Count]) <= ToleranceMetres)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Opposite(double s, double t) =>
        (s > ToleranceMetres && t < -ToleranceMetres) || (s < -ToleranceMetres && t > ToleranceMetres);

    /// <summary>Signed distance of <paramref name="p"/> from the line through a and b.</summary>
    private static double Side(PlanPoint a, PlanPoint b, PlanPoint p)
    {
        double length = Distance(a, b);
        return length == 0 ? Distance(a, p) : (((b.X - a.X) * (p.Y - a.Y)) - ((b.Y - a.Y) * (p.X - a.X))) / length;
    }

    /// <summary>How far along the line from a towards b the foot of <paramref name="p"/> lies, metres.</summary>
    private static double Along(PlanPoint a, PlanPoint b, PlanPoint p) =>
        (((b.X - a.X) * (p.X - a.X)) + ((b.Y - a.Y) * (p.Y - a.Y))) / Distance(a, b);

    private static double DistanceToSegment(PlanPoint p, PlanPoint a, PlanPoint b)
    {
        double length = Distance(a, b);
        if (length == 0)
        {
            return Distance(a, p);
        }

        double t = Math.Clamp(Along(a, b, p), 0, length);
        PlanPoint foot = new(a.X + ((b.X - a.X) * t / length), a.Y + ((b.Y - a.Y) * t / length));
        return Distance(foot, p);
    }

    private static double Distance(PlanPoint a, PlanPoint b) => Math.Sqrt(((b.X - a.X) * (b.X - a.X)) + ((b.Y - a.Y) * (b.Y - a.Y)));
}
