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
}
