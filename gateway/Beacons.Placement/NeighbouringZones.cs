using Beacons.Venue;

namespace Beacons.Placement;

/// <summary>
/// Which zones a person can walk from one straight into the other, worked out from the venue's geometry.
/// docs/venue.md ("Neighbouring zones") states the rules.
/// </summary>
public static class NeighbouringZones
{
    /// <summary>A doorway is at least this wide; a shorter shared stretch is a corner, not a way through.</summary>
    public const double MinSharedMetres = 0.5;

    /// <summary>The pairs as the zone estimator takes them (zone IDs are bytes: the venue allows 1..255).</summary>
    public static Beacons.Zones.ZoneNeighbours Table(Beacons.Venue.Venue venue)
    {
        var table = new Beacons.Zones.ZoneNeighbours();
        foreach ((int a, int b) in Of(venue))
        {
            table.Add((byte)a, (byte)b);
        }

        return table;
    }

    /// <summary>Every neighbouring pair once, the lower zone ID first, sorted by A then B.</summary>
    public static IReadOnlyList<(int A, int B)> Of(Beacons.Venue.Venue venue)
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
    private static double SharedBoundary(IReadOnlyList<PlanPoint> a, IReadOnlyList<PlanPoint> b) =>
        SharedStretches(a, b).Sum(s => PlanGeometry.Distance(s.From, s.To));

    /// <summary>The stretches along which two outlines run together (collinear edges, overlapping), each once from an edge of <paramref name="a"/>.</summary>
    public static IReadOnlyList<(PlanPoint From, PlanPoint To)> SharedStretches(IReadOnlyList<PlanPoint> a, IReadOnlyList<PlanPoint> b)
    {
        var stretches = new List<(PlanPoint, PlanPoint)>();
        for (int i = 0; i < a.Count; i++)
        {
            PlanPoint a1 = a[i];
            PlanPoint a2 = a[(i + 1) % a.Count];
            double length = PlanGeometry.Distance(a1, a2);
            if (length <= PlanGeometry.ToleranceMetres)
            {
                continue;
            }

            for (int j = 0; j < b.Count; j++)
            {
                PlanPoint b1 = b[j];
                PlanPoint b2 = b[(j + 1) % b.Count];
                if (Math.Abs(PlanGeometry.Side(a1, a2, b1)) > PlanGeometry.ToleranceMetres || Math.Abs(PlanGeometry.Side(a1, a2, b2)) > PlanGeometry.ToleranceMetres)
                {
                    continue;
                }

                double t1 = PlanGeometry.Along(a1, a2, b1);
                double t2 = PlanGeometry.Along(a1, a2, b2);
                double start = Math.Max(0, Math.Min(t1, t2)), end = Math.Min(length, Math.Max(t1, t2));
                if (end > start)
                {
                    stretches.Add((At(a1, a2, start / length), At(a1, a2, end / length)));
                }
            }
        }

        return stretches;
    }

    private static PlanPoint At(PlanPoint from, PlanPoint to, double share) =>
        new(from.X + ((to.X - from.X) * share), from.Y + ((to.Y - from.Y) * share));

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
                if (PlanGeometry.Cross(a1, a2, b1, b2))
                {
                    return true;
                }
            }
        }

        return false;
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
            if (PlanGeometry.DistanceToSegment(p, outline[i], outline[(i + 1) % outline.Count]) <= PlanGeometry.ToleranceMetres)
            {
                return false;
            }
        }

        return true;
    }

}
