namespace Beacons.Venue;

/// <summary>
/// Lines and points on a floor plan, in metres: what the venue file's checks and the placement's
/// neighbouring zones both measure outlines with.
/// </summary>
public static class PlanGeometry
{
    /// <summary>Outlines are typed by hand: corners a centimetre apart are meant to be the same.</summary>
    public const double ToleranceMetres = 0.01;

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

    /// <summary>
    /// True when two simple outlines share floor area. Zones that only share walls or corners (rooms side by side)
    /// do not: only a crossing of edges, a corner or an edge's middle well inside the other outline, or one outline
    /// drawn over the other, counts. Overlapping zones would put one place in two zones.
    /// </summary>
    public static bool Overlap(IReadOnlyList<PlanPoint> a, IReadOnlyList<PlanPoint> b)
    {
        for (int i = 0; i < a.Count; i++)
        {
            for (int j = 0; j < b.Count; j++)
            {
                if (Cross(a[i], a[(i + 1) % a.Count], b[j], b[(j + 1) % b.Count]))
                {
                    return true;
                }
            }
        }

        return Probes(a).Any(p => WellInside(p, b)) || Probes(b).Any(p => WellInside(p, a));
    }

    /// <summary>True when <paramref name="p"/> is inside <paramref name="outline"/> and more than the tolerance from its edges.</summary>
    public static bool WellInside(PlanPoint p, IReadOnlyList<PlanPoint> outline)
    {
        bool inside = false;
        for (int i = 0, j = outline.Count - 1; i < outline.Count; j = i++)
        {
            PlanPoint a = outline[i], b = outline[j];
            if (DistanceToSegment(p, a, b) <= ToleranceMetres)
            {
                return false;
            }

            if ((a.Y > p.Y) != (b.Y > p.Y) && p.X < a.X + ((b.X - a.X) * (p.Y - a.Y) / (b.Y - a.Y)))
            {
                inside = !inside;
            }
        }

        return inside;
    }

    // Points of an outline that another outline overlapping it must have well inside: its corners, its edges' middles,
    // and one point of its own inside (for an outline drawn exactly over the other).
    private static IEnumerable<PlanPoint> Probes(IReadOnlyList<PlanPoint> outline)
    {
        for (int i = 0; i < outline.Count; i++)
        {
            PlanPoint a = outline[i], b = outline[(i + 1) % outline.Count];
            yield return a;
            yield return new PlanPoint((a.X + b.X) / 2, (a.Y + b.Y) / 2);
        }

        // The middle of some corner-to-corner line inside the outline (a convex one's first diagonal; a concave one's later).
        for (int i = 0; i < outline.Count; i++)
        {
            for (int j = i + 2; j < outline.Count; j++)
            {
                var middle = new PlanPoint((outline[i].X + outline[j].X) / 2, (outline[i].Y + outline[j].Y) / 2);
                if (WellInside(middle, outline))
                {
                    yield return middle;
                    yield break;
                }
            }
        }
    }

    /// <summary>True when the two segments cross each other, each passing clearly to both sides of the other.</summary>
    public static bool Cross(PlanPoint a1, PlanPoint a2, PlanPoint b1, PlanPoint b2) =>
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

    private static bool Opposite(double s, double t) =>
        (s > ToleranceMetres && t < -ToleranceMetres) || (s < -ToleranceMetres && t > ToleranceMetres);

    /// <summary>Signed distance of <paramref name="p"/> from the line through a and b.</summary>
    public static double Side(PlanPoint a, PlanPoint b, PlanPoint p)
    {
        double length = Distance(a, b);
        return length == 0 ? Distance(a, p) : (((b.X - a.X) * (p.Y - a.Y)) - ((b.Y - a.Y) * (p.X - a.X))) / length;
    }

    /// <summary>How far along the line from a towards b the foot of <paramref name="p"/> lies, metres.</summary>
    public static double Along(PlanPoint a, PlanPoint b, PlanPoint p) =>
        (((b.X - a.X) * (p.X - a.X)) + ((b.Y - a.Y) * (p.Y - a.Y))) / Distance(a, b);

    public static double DistanceToSegment(PlanPoint p, PlanPoint a, PlanPoint b)
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

    public static double Distance(PlanPoint a, PlanPoint b) => Math.Sqrt(((b.X - a.X) * (b.X - a.X)) + ((b.Y - a.Y) * (b.Y - a.Y)));
}
