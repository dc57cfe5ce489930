using Beacons.Simulator.Radio;
using Beacons.Venue;

namespace Beacons.Simulator.World;

/// <summary>The venue as geometry: which zone a point is in, a zone's middle, how far a point is from a zone's edge.</summary>
public sealed class Plan
{
    private readonly Dictionary<int, VenueZone[]> _zonesByFloor;

    public Plan(Venue.Venue venue)
    {
        Venue = venue;
        _zonesByFloor = venue.Zones.GroupBy(z => z.Floor).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public Venue.Venue Venue { get; }

    /// <summary>The zone containing the point on that floor, or 0 (no zone) when none does.</summary>
    public int ZoneAt(int floor, PlanPoint p)
    {
        if (_zonesByFloor.TryGetValue(floor, out VenueZone[]? zones))
        {
            foreach (VenueZone zone in zones)
            {
                if (zone.Contains(p))
                {
                    return zone.Id;
                }
            }
        }

        return 0;
    }

    /// <summary>
    /// The zone a walker at the point is in, for the ground truth. Zones meet on shared edges (a classroom and
    /// its corridor share the wall line), and the plain lookup gives such a point to whichever zone the
    /// even-odd rule happens to favour (the one whose lower x or y edge it is). Here outlines are closed: a
    /// point on (within <see cref="EdgeToleranceMetres"/> of) the edge of one zone only is in that zone, and
    /// a point on the edges of several belongs to the one the walker is heading into, the zone holding the
    /// point <see cref="LookAheadMetres"/> ahead along <paramref name="heading"/> (radians, 0 = +x): someone
    /// stepping through a doorway is in the zone they step into. Only when that does not decide (walking
    /// along the edge itself) does the plain lookup answer.
    /// </summary>
    public int ZoneAt(int floor, PlanPoint p, double heading)
    {
        if (!_zonesByFloor.TryGetValue(floor, out VenueZone[]? zones))
        {
            return 0;
        }

        int holding = 0, first = 0;
        foreach (VenueZone zone in zones)
        {
            if (zone.Contains(p) || DistanceToOutline(zone, p) <= EdgeToleranceMetres)
            {
                holding++;
                first = first == 0 ? zone.Id : first;
            }
        }

        if (holding <= 1)
        {
            return first;
        }

        var ahead = new PlanPoint(p.X + (LookAheadMetres * Math.Cos(heading)), p.Y + (LookAheadMetres * Math.Sin(heading)));
        foreach (VenueZone zone in zones)
        {
            if (DistanceToOutline(zone, p) <= EdgeToleranceMetres && zone.Contains(ahead) && DistanceToOutline(zone, ahead) > EdgeToleranceMetres)
            {
                return zone.Id;
            }
        }

        int plain = ZoneAt(floor, p);
        return plain != 0 ? plain : first;
    }

    /// <summary>How close to a zone's outline a point counts as on its edge (plan coordinates are metres).</summary>
    public const double EdgeToleranceMetres = 0.001;

    /// <summary>How far ahead <see cref="ZoneAt(int, PlanPoint, double)"/> looks to settle a point on a shared edge.</summary>
    public const double LookAheadMetres = 0.1;

    /// <summary>
    /// The point <paramref name="metres"/> inside <paramref name="zone"/> straight in from the edge nearest to
    /// <paramref name="p"/> (a doorway): where a walker stands just inside a door. When the zone is too narrow
    /// or oddly shaped there, a shorter step is tried; failing that, <paramref name="p"/> itself.
    /// </summary>
    public static PlanPoint InsetFrom(VenueZone zone, PlanPoint p, double metres)
    {
        // The foot of p on the nearest edge, and that edge's unit normal.
        PlanPoint foot = p;
        double nx = 0, ny = 0, best = double.MaxValue;
        for (int i = 0, j = zone.Outline.Count - 1; i < zone.Outline.Count; j = i++)
        {
            PlanPoint a = zone.Outline[j], b = zone.Outline[i];
            double dx = b.X - a.X, dy = b.Y - a.Y;
            double length = Math.Sqrt((dx * dx) + (dy * dy));
            if (length == 0)
            {
                continue;
            }

            double t = Math.Clamp((((p.X - a.X) * dx) + ((p.Y - a.Y) * dy)) / (length * length), 0, 1);
            var onEdge = new PlanPoint(a.X + (t * dx), a.Y + (t * dy));
            double d = Distance(p, onEdge);
            if (d < best)
            {
                best = d;
                foot = onEdge;
                nx = -dy / length;
                ny = dx / length;
            }
        }

        if (best == double.MaxValue)
        {
            return p;
        }

        // The normal that points into the zone.
        if (!zone.Contains(new PlanPoint(foot.X + (0.01 * nx), foot.Y + (0.01 * ny))))
        {
            nx = -nx;
            ny = -ny;
        }

        for (double step = metres; step >= metres / 4; step /= 2)
        {
            var inside = new PlanPoint(foot.X + (step * nx), foot.Y + (step * ny));
            if (zone.Contains(inside) && DistanceToOutline(zone, inside) > EdgeToleranceMetres)
            {
                return inside;
            }
        }

        return p;
    }

    public VenueZone Zone(int id) => Venue.FindZone(id) ?? throw new ArgumentException($"no zone {id} in the venue");

    /// <summary>
    /// A point well inside the zone: its vertex average when that lies inside (any convex outline), otherwise
    /// the inside point of a coarse grid that is farthest from the outline.
    /// </summary>
    public PlanPoint InteriorPoint(VenueZone zone)
    {
        double x = zone.Outline.Average(p => p.X);
        double y = zone.Outline.Average(p => p.Y);
        var middle = new PlanPoint(x, y);
        if (zone.Contains(middle))
        {
            return middle;
        }

        double minX = zone.Outline.Min(p => p.X), maxX = zone.Outline.Max(p => p.X);
        double minY = zone.Outline.Min(p => p.Y), maxY = zone.Outline.Max(p => p.Y);
        PlanPoint best = zone.Outline[0];
        double bestDistance = -1;
        for (int i = 1; i < 40; i++)
        {
            for (int j = 1; j < 40; j++)
            {
                var p = new PlanPoint(minX + ((maxX - minX) * i / 40), minY + ((maxY - minY) * j / 40));
                double d = DistanceToOutline(zone, p);
                if (zone.Contains(p) && d > bestDistance)
                {
                    best = p;
                    bestDistance = d;
                }
            }
        }

        return best;
    }

    public static double DistanceToOutline(VenueZone zone, PlanPoint p)
    {
        double best = double.MaxValue;
        for (int i = 0, j = zone.Outline.Count - 1; i < zone.Outline.Count; j = i++)
        {
            best = Math.Min(best, DistanceToSegment(p, zone.Outline[j], zone.Outline[i]));
        }

        return best;
    }

    public static double DistanceToSegment(PlanPoint p, PlanPoint a, PlanPoint b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y;
        double lengthSquared = (dx * dx) + (dy * dy);
        double t = lengthSquared == 0 ? 0 : Math.Clamp((((p.X - a.X) * dx) + ((p.Y - a.Y) * dy)) / lengthSquared, 0, 1);
        return Distance(p, new PlanPoint(a.X + (t * dx), a.Y + (t * dy)));
    }

    public static double Distance(PlanPoint a, PlanPoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    /// <summary>A point inside <paramref name="zone"/>, half a metre in from its bounding box, drawn from <paramref name="random"/> (its middle when none is found).</summary>
    public static PlanPoint RandomPoint(VenueZone zone, SimRandom random)
    {
        double minX = zone.Outline.Min(p => p.X), maxX = zone.Outline.Max(p => p.X);
        double minY = zone.Outline.Min(p => p.Y), maxY = zone.Outline.Max(p => p.Y);
        for (int i = 0; i < 100; i++)
        {
            var p = new PlanPoint(random.Uniform(minX + 0.5, maxX - 0.5), random.Uniform(minY + 0.5, maxY - 0.5));
            if (zone.Contains(p))
            {
                return p;
            }
        }

        return new PlanPoint((minX + maxX) / 2, (minY + maxY) / 2);
    }
}
