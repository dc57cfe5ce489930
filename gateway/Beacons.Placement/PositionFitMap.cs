using Beacons.Venue;
using Beacons.Zones;

namespace Beacons.Placement;

/// <summary>
/// Where the receivers stand and where a device can be: what a position fit needs of a venue. Points are a
/// grid over the zones' floor (each with its zone); receivers are points too. Distances are in the venue's
/// unit (metres on a venue file, cells on the UCI grid); the path-loss fit does not care which. Each point and
/// receiver has a floor (0 on a map of one floor): across floors, the distance also spans
/// <see cref="StoreyHeight"/> per floor and the level loses <see cref="FloorLossDb"/> per floor
/// (docs/zones.md, "Position fit"). A venue file's map also has its <see cref="Walls"/>, when it lists any. The
/// distance and wall terms are computed once per map and shared by every device's locator.
/// </summary>
public sealed class PositionFitMap
{
    /// <summary>A venue file's storey height, metres (it gives none): a plain 3 m a floor.</summary>
    public const double StoreyMetres = 3.0;

    private readonly Dictionary<(double, double), double[,]> _logDistances = new();
    private readonly Dictionary<(bool, double), double[,]> _wallLosses = new();
    private readonly Dictionary<(double, double, bool, double, double, double, double), PositionFitNotHeard> _notHeard = new();

    /// <summary>A map of one floor.</summary>
    public PositionFitMap(IReadOnlyDictionary<int, (double X, double Y)> receivers, IReadOnlyList<(double X, double Y, byte Zone)> points, ZoneNeighbours? neighbours)
        : this(receivers, points, neighbours, receivers.ToDictionary(r => r.Key, _ => 0), new int[points.Count], 0, 0)
    {
    }

    /// <summary>A map of several floors: each receiver's floor (by id) and each point's, in the order of <paramref name="points"/>.</summary>
    public PositionFitMap(IReadOnlyDictionary<int, (double X, double Y)> receivers, IReadOnlyList<(double X, double Y, byte Zone)> points, ZoneNeighbours? neighbours,
        IReadOnlyDictionary<int, int> receiverFloors, IReadOnlyList<int> pointFloors, double storeyHeight, double floorLossDb, VenueWalls? walls = null)
    {
        Walls = walls is { Any: true } ? walls : null;
        Receivers = receivers;
        Points = points;
        Neighbours = neighbours;
        ReceiverFloors = receiverFloors;
        PointFloors = pointFloors;
        StoreyHeight = storeyHeight;
        FloorLossDb = floorLossDb;
        Zones = points.Select(p => p.Zone).Distinct().OrderBy(z => z).ToArray();
    }

    public IReadOnlyDictionary<int, (double X, double Y)> Receivers { get; }

    public IReadOnlyList<(double X, double Y, byte Zone)> Points { get; }

    /// <summary>Each receiver's floor, by receiver id.</summary>
    public IReadOnlyDictionary<int, int> ReceiverFloors { get; }

    /// <summary>Each point's floor, in the order of <see cref="Points"/>.</summary>
    public IReadOnlyList<int> PointFloors { get; }

    /// <summary>The vertical distance between two floors next to each other, in the map's unit.</summary>
    public double StoreyHeight { get; }

    /// <summary>What a level loses per floor between the device and the receiver, dB (the venue file's <c>floorLossDb</c>).</summary>
    public double FloorLossDb { get; }

    public byte[] Zones { get; }

    /// <summary>The venue file's walls, in the map's unit (metres); null when it lists none (the flat, UCI, most venues today).</summary>
    public VenueWalls? Walls { get; }

    /// <summary>Which zones a device can walk straight between; null: every zone next to every other.</summary>
    public ZoneNeighbours? Neighbours { get; }

    /// <summary>
    /// Point x receiver (receivers in id order): <c>10 log10(d)</c>, d the distance with the receiver's height
    /// above the device (<paramref name="heightOffset"/>) and the storeys between them; plus, per floor between
    /// them, <see cref="FloorLossDb"/> / <paramref name="exponent"/>, so that the fit's <c>P0 - n · term</c> reads
    /// <c>P0 - 10 n log10(d) - floors · FloorLossDb</c>. Made once per map and setting, shared by every locator; read only.
    /// </summary>
    public double[,] LogDistances(double heightOffset, double exponent)
    {
        lock (_logDistances)
        {
            if (_logDistances.TryGetValue((heightOffset, exponent), out double[,]? made))
            {
                return made;
            }

            int[] ids = Receivers.Keys.Order().ToArray();
            var terms = new double[Points.Count, ids.Length];
            for (int p = 0; p < Points.Count; p++)
            {
                var point = Points[p];
                for (int r = 0; r < ids.Length; r++)
                {
                    var at = Receivers[ids[r]];
                    int floors = Math.Abs(PointFloors[p] - ReceiverFloors[ids[r]]);
                    double dz = floors * StoreyHeight;
                    double d2 = ((point.X - at.X) * (point.X - at.X)) + ((point.Y - at.Y) * (point.Y - at.Y)) + (dz * dz) + (heightOffset * heightOffset);
                    terms[p, r] = (5 * Math.Log10(d2)) + (floors == 0 ? 0 : floors * FloorLossDb / exponent);
                }
            }

            _logDistances[(heightOffset, exponent)] = terms;
            return terms;
        }
    }

    /// <summary>True when the fit's wall term counts the venue's walls (<see cref="PositionFitSettings.VenueWalls"/>, and the venue lists some).</summary>
    public bool CountsVenueWalls(PositionFitSettings s) => Walls != null && s.VenueWalls > 0;

    /// <summary>The law's exponent on this map: <see cref="PositionFitSettings.VenueWallsExponent"/> where the venue's walls are counted, else <see cref="PositionFitSettings.Exponent"/>.</summary>
    public double ExponentOf(PositionFitSettings s) => CountsVenueWalls(s) ? s.VenueWallsExponent : s.Exponent;

    /// <summary>
    /// Point x receiver (receivers in id order): what the walls between them take from the receiver's level, dB, the fit's
    /// wall term. With the venue's walls (<see cref="CountsVenueWalls"/>), the loss of every wall the straight path
    /// crosses (<see cref="VenueWalls.LossDb(int, PlanPoint, int, PlanPoint)"/>, as the simulator's radio counts them);
    /// otherwise one wall of <see cref="PositionFitSettings.WallDb"/> where the point lies outside the receiver's own
    /// zone, the zone of the point nearest the receiver on the receiver's own floor (two floors of one plan put a
    /// receiver right above another's zone), and 0 inside it. Made once per map and setting, shared by every locator; read only.
    /// </summary>
    public double[,] WallLosses(PositionFitSettings s)
    {
        bool venue = CountsVenueWalls(s);
        var key = (venue, venue ? 0 : s.WallDb);
        lock (_wallLosses)
        {
            if (_wallLosses.TryGetValue(key, out double[,]? made))
            {
                return made;
            }

            made = venue ? VenueWallLosses(Walls!) : OneWall(s.WallDb);
            _wallLosses[key] = made;
            return made;
        }
    }

    private double[,] VenueWallLosses(VenueWalls walls)
    {
        int[] ids = Receivers.Keys.Order().ToArray();
        var losses = new double[Points.Count, ids.Length];
        for (int r = 0; r < ids.Length; r++)
        {
            var at = new PlanPoint(Receivers[ids[r]].X, Receivers[ids[r]].Y);
            for (int p = 0; p < Points.Count; p++)
            {
                losses[p, r] = walls.LossDb(PointFloors[p], new PlanPoint(Points[p].X, Points[p].Y), ReceiverFloors[ids[r]], at);
            }
        }

        return losses;
    }

    private double[,] OneWall(double wallDb)
    {
        int[] ids = Receivers.Keys.Order().ToArray();
        var losses = new double[Points.Count, ids.Length];
        for (int r = 0; r < ids.Length; r++)
        {
            var at = Receivers[ids[r]];
            int nearest = -1;
            double best = double.MaxValue;
            for (int p = 0; p < Points.Count; p++)
            {
                double d2 = ((Points[p].X - at.X) * (Points[p].X - at.X)) + ((Points[p].Y - at.Y) * (Points[p].Y - at.Y));
                if (PointFloors[p] == ReceiverFloors[ids[r]] && d2 < best)
                {
                    (nearest, best) = (p, d2);
                }
            }

            for (int p = 0; p < Points.Count; p++)
            {
                losses[p, r] = nearest >= 0 && Points[p].Zone != Points[nearest].Zone ? wallDb : 0;
            }
        }

        return losses;
    }

    /// <summary>
    /// Below this many receivers a step visits each one at each point (the flat has 6), rather than keep a
    /// <see cref="PositionFitNotHeard"/> table, which pays only where most receivers do not hear a device.
    /// </summary>
    public const int NotHeardTableReceivers = 12;

    /// <summary>
    /// The "not heard" term summed over every receiver at each point, by P0, for the settings' exponent, height, walls,
    /// floor, σ and miss chance; null on a map of fewer than <see cref="NotHeardTableReceivers"/> receivers. Made
    /// once per map and settings, shared by every locator; read only.
    /// </summary>
    internal PositionFitNotHeard? NotHeard(PositionFitSettings s)
    {
        if (Receivers.Count < NotHeardTableReceivers)
        {
            return null;
        }

        bool venueWalls = CountsVenueWalls(s);
        double exponent = ExponentOf(s);
        var key = (exponent, s.HeightOffset, venueWalls, venueWalls ? 0 : s.WallDb, s.FloorDbm, s.SigmaDb, s.MissChance);
        var logDistances = LogDistances(s.HeightOffset, exponent);
        var wallLosses = WallLosses(s);
        lock (_notHeard)
        {
            if (!_notHeard.TryGetValue(key, out PositionFitNotHeard? made))
            {
                made = new PositionFitNotHeard(logDistances, exponent, wallLosses, s);
                _notHeard[key] = made;
            }

            return made;
        }
    }

    /// <summary>
    /// A venue file's receivers and, in each zone, points about <paramref name="spacingMetres"/> apart: its
    /// outline's box cut into equal cells no wider than that, the cells' centres inside the outline kept (at least
    /// one per zone: its outline's first corner when no centre is inside). Unlike a grid over the plan,
    /// no point falls on a zone's edge and each zone gets its own share, so a coarse spacing still covers a 4 m
    /// corridor. Floors as <see cref="From"/>.
    /// </summary>
    public static PositionFitMap ZoneSamples(Beacons.Venue.Venue venue, double spacingMetres)
    {
        var points = new List<(double, double, byte)>();
        var floors = new List<int>();
        foreach (var zone in venue.Zones)
        {
            double left = zone.Outline.Min(p => p.X), right = zone.Outline.Max(p => p.X);
            double top = zone.Outline.Min(p => p.Y), bottom = zone.Outline.Max(p => p.Y);
            int columns = Math.Max(1, (int)Math.Ceiling((right - left) / spacingMetres));
            int rows = Math.Max(1, (int)Math.Ceiling((bottom - top) / spacingMetres));
            int before = points.Count;
            for (int c = 0; c < columns; c++)
            {
                for (int r = 0; r < rows; r++)
                {
                    var centre = new Beacons.Venue.PlanPoint(left + ((c + 0.5) * (right - left) / columns), top + ((r + 0.5) * (bottom - top) / rows));
                    if (zone.Contains(centre))
                    {
                        points.Add((centre.X, centre.Y, zone.WireId));
                        floors.Add(zone.Floor);
                    }
                }
            }

            if (points.Count == before)
            {
                points.Add((zone.Outline[0].X, zone.Outline[0].Y, zone.WireId));
                floors.Add(zone.Floor);
            }
        }

        return OfVenue(venue, points, floors);
    }

    /// <summary>
    /// A venue file's receivers and a grid of <paramref name="stepMetres"/> over each floor's plan, the points
    /// inside a zone kept, with the venue's <c>floorLossDb</c> and <see cref="StoreyMetres"/> between floors.
    /// </summary>
    public static PositionFitMap From(Beacons.Venue.Venue venue, double stepMetres)
    {
        var points = new List<(double, double, byte)>();
        var floors = new List<int>();
        foreach (var floor in venue.Floors)
        {
            for (double x = stepMetres / 2; x < floor.Width; x += stepMetres)
            {
                for (double y = stepMetres / 2; y < floor.Height; y += stepMetres)
                {
                    var zone = venue.Zones.FirstOrDefault(z => z.Floor == floor.Id && z.Contains(new Beacons.Venue.PlanPoint(x, y)));
                    if (zone != null)
                    {
                        points.Add((x, y, zone.WireId));
                        floors.Add(floor.Id);
                    }
                }
            }
        }

        return OfVenue(venue, points, floors);
    }
    private static PositionFitMap OfVenue(Beacons.Venue.Venue venue, List<(double, double, byte)> points, List<int> floors) =>
        new(venue.Receivers.ToDictionary(r => r.Id, r => (r.Position.X, r.Position.Y)), points, NeighbouringZones.Table(venue),
            venue.Receivers.ToDictionary(r => r.Id, r => r.Floor), floors, StoreyMetres, venue.FloorLossDb, new VenueWalls(venue.Walls));
}
