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
