using Beacons.Placement.Scoring;
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

/// <summary>The position fit's settings (docs/zones.md, "Position fit"); the defaults are the ones its tables show.</summary>
public sealed class PositionFitSettings
{
    public long StepMs = 500;
    public double SmoothingAlpha = 0.7;

    /// <summary>A receiver not heard for this long is taken as not hearing the device (censored below <see cref="FloorDbm"/>).</summary>
    public long HoldMs = 5000;

    /// <summary>Nothing heard for this long: unknown.</summary>
    public long StaleMs = 20000;

    /// <summary>The law's exponent: <c>P0 - 10 n log10(d)</c> (not read where the venue's walls are counted: <see cref="VenueWallsExponent"/>).</summary>
    public double Exponent = 2.3;

    /// <summary>The receiver's height above the device, in the map's unit: no point is nearer than that.</summary>
    public double HeightOffset = 1.0;

    /// <summary>What a receiver that does not hear the device is taken to hear at most.</summary>
    public double FloorDbm = -82;

    /// <summary>The spread of a level around the model, dB: the fit's squared error over twice its square is the log-likelihood.</summary>
    public double SigmaDb = 6;

    /// <summary>How strongly the per-step P0 is pulled to the device's running P0 (weight of one receiver's residual).</summary>
    public double PriorWeight = 0.5;

    /// <summary>The venue's level at distance 0 (NaN: none; the device's own running P0 is the prior).</summary>
    public double P0Dbm = double.NaN;

    /// <summary>How fast the device's running P0 follows each step's fitted one.</summary>
    public double P0Alpha = 0.05;

    /// <summary>
    /// 1: a receiver that does not hear the device counts as the chance that its reading fell below the floor
    /// (a censored normal: <c>-log Φ((floor - predicted) / σ)</c>); 0: as the squared amount by which the model
    /// puts it above the floor.
    /// </summary>
    public double Censored = 1;

    /// <summary>With <see cref="Censored"/>: the chance that a receiver misses a device it could hear (a scan that missed the advert).</summary>
    public double MissChance = 0.6;

    /// <summary>Scales each step's log-likelihood: below 1, steps count as less than independent (levels are smoothed, so they are not).</summary>
    public double EvidenceWeight = 1;

    /// <summary>
    /// Above 0: once a device's levels have held steady for this many steps in a row it is taken to stand still, and each
    /// step's evidence counts <see cref="StillEvidence"/> of a step's, until they move again (<see cref="PositionFitStillness"/>);
    /// 0: every step's evidence counts in full.
    /// </summary>
    public int StillAfterSteps = 20;

    /// <summary>With <see cref="StillAfterSteps"/>: the weight of a still device's step of evidence.</summary>
    public double StillEvidence = 0.1;

    /// <summary>With <see cref="StillAfterSteps"/>: the most the levels' means may change, as a root mean square over the receivers, for a step to count as steady (dB).</summary>
    public double StillDriftDb = 3.5;

    /// <summary>With <see cref="StillAfterSteps"/>: the steps in each of the two windows whose mean levels are compared.</summary>
    public int StillWindowSteps = 6;

    /// <summary>With <see cref="StillAfterSteps"/>: a receiver that starts hearing the device counts as a change only within this many dB of the loudest level.</summary>
    public double StillEntryDb = 10;

    public double MoveChance = 0.03;

    /// <summary>A new zone is shown when it is this many times as likely as the shown one.</summary>
    public double SwitchRatio = 5;

    /// <summary>
    /// What a wall takes from a receiver's level: a point outside the receiver's own zone is predicted this much weaker
    /// (dB). Not read where the venue's walls are counted (<see cref="VenueWalls"/>).
    /// </summary>
    public double WallDb = 3;

    /// <summary>
    /// 1: on a venue file that lists walls, the wall term is the loss of every listed wall the straight path from the
    /// point to the receiver crosses, as the simulator's radio counts them (<see cref="PositionFitMap.WallLosses"/>);
    /// 0: one wall of <see cref="WallDb"/> outside the receiver's own zone even so. A venue that lists no walls always
    /// takes the one wall.
    /// </summary>
    public double VenueWalls = 1;

    /// <summary>
    /// With <see cref="VenueWalls"/>, on a venue that lists walls: the law's exponent in place of <see cref="Exponent"/>. With every
    /// wall counted apart, a level falls more slowly with distance than where one wall stands for them all.
    /// </summary>
    public double VenueWallsExponent = 1.6;

    /// <summary>
    /// How a receiver not heard within <see cref="HoldMs"/> enters when it hears the device again (once the device is
    /// placed): at that first step it counts as <c>floor + EntryAlpha (mean - floor)</c>, from its second step on as its
    /// readings give. 1: as its readings give at once, so that one loud advert weighs as much as a receiver heard every
    /// step and, held for <see cref="HoldMs"/>, can move the device across the building (docs/zones.md, "Levels").
    /// </summary>
    public double EntryAlpha = 0.6;

    /// <summary>
    /// With <see cref="EntryAlpha"/>: only a receiver that had not heard the device for longer than this (or never)
    /// enters from the floor; one heard again after a shorter gap takes its readings (0: every entry from the floor).
    /// </summary>
    public long EntryAfterMs = 30000;

    /// <summary>Above 0: a receiver heard in only one step since it entered is held this long, not <see cref="HoldMs"/> (a lone advert is not a presence).</summary>
    public long SingleHoldMs = 500;

    /// <summary>
    /// With a <see cref="ZoneSurvey"/> given to the locator: at each step with new readings, each zone's error gains
    /// this times minus the survey's log-likelihood of the step's hearing and levels; 0: the survey is not used.
    /// </summary>
    public double SurveyWeight = 0;

    /// <summary>With <see cref="SurveyWeight"/>: the weight of the levels' term against the hearing's.</summary>
    public double SurveyLevelWeight = 1;

    /// <summary>With <see cref="SurveyWeight"/>: at a device's first step, each zone's error also gains this times minus the log of its share of the survey's steps.</summary>
    public double SurveyPrior = 0;

    /// <summary>
    /// The defaults with the fields <paramref name="spec"/> names changed, as the tools' <c>--posfit-try</c> gives them:
    /// <c>"Field=value,Field=value"</c>, numbers in invariant culture.
    /// </summary>
    public static PositionFitSettings Parse(string spec)
    {
        var settings = new PositionFitSettings();
        foreach (string kv in spec.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] p = kv.Split('=');
            var f = typeof(PositionFitSettings).GetField(p[0].Trim());
            if (f == null || p.Length != 2 || !double.TryParse(p[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v))
            {
                throw new ArgumentException($"not a position-fit setting: \"{kv}\" (fields of PositionFitSettings, Field=number)");
            }

            f.SetValue(settings, Convert.ChangeType(v, f.FieldType, System.Globalization.CultureInfo.InvariantCulture));
        }

        return settings;
    }
}

/// <summary>
/// A candidate gateway-side locator (docs/zones.md, "Position fit"): at each half-second step of the caller's
/// clock, each receiver's smoothed level; a log-distance path-loss model <c>P0 - 10 n log10(d)</c>, less the
/// walls between the point and the receiver (<see cref="PositionFitMap.WallLosses"/>), fitted at every point of the venue's grid (P0
/// by least squares per step, pulled towards the device's running value); a receiver that does not hear the device counts as the chance that it missed it, or that its
/// level fell below the floor (a censored reading); each zone's best fit becomes a likelihood, and a forward
/// filter (a hidden Markov model over the zones along the venue's neighbours) shows the most likely zone,
/// moving only when the new zone is clearly more likely than the shown one. Needs the receivers' positions:
/// it runs at the gateway. One per device. The steps depend only on the readings and their times, not on
/// when Update is called.
/// </summary>
public sealed class PositionFitLocator : IZoneLocator
{
    private readonly PositionFitSettings _s;
    private readonly int[] _receiverIds;
    private readonly Dictionary<int, int> _receiverIndex;
    private readonly Func<int, long, bool>? _receiverDead; // by receiver id, at a time
    private readonly double _exponent; // the law's, on this map (PositionFitMap.ExponentOf)
    private readonly double[,] _logDistance; // point x receiver: 10 log10(distance), and floors (the map's, shared)
    private readonly byte[] _pointZone;
    private readonly int[] _zoneIndexOfPoint;
    private readonly byte[] _zones;
    private readonly bool[,] _next; // zone x zone: a device can walk straight between them (or stay)
    private readonly double[] _sum;
    private readonly int[] _count;
    private readonly double[] _level; // what the fit takes: the receiver's level, its first step discounted (EntryAlpha)
    private readonly double[] _raw; // the level its readings give
    private readonly long[] _heardMs;
    private readonly int[] _steps; // steps heard in since the receiver entered (it was not heard within HoldMs)
    private readonly long[] _lastStepHeardMs; // the last step the receiver heard the device in, whatever the hold did since
    private readonly double[] _probability;
    private readonly double[] _zoneError;
    private readonly double[] _scratch;
    private readonly double[,] _wallLoss; // point x receiver: what the walls between them take, dB (the map's, shared)
    private readonly double[] _censoredTable; // -log(miss + (1 - miss) Φ(x)) on a fine grid of x
    private readonly Lazy<PositionFitNotHeard?> _notHeard; // the map's (null on a map of few receivers), once a step has needed it
    private readonly ZoneSurveyTable? _survey;
    private readonly double[] _stepLevels; // this step's mean reading of each receiver, NaN where it heard nothing (the survey)
    private readonly PositionFitStillness _stillness;
    private readonly double[] _heldLevels; // this step's level of each receiver held, NaN where it is not (the stillness)
    private long _nextStepMs = long.MinValue;
    private long _newestHeardMs = long.MinValue;
    private double _p0 = double.NaN;
    private int _shown = -1;
    private int _loudestRssi = int.MinValue;
    private byte _loudestZone;

    /// <param name="receiverDead">
    /// Whether a receiver (by id) is taken for dead at a time (the gateway's <see cref="BlindZones.IsSilent"/>): a dead
    /// receiver that does not hear the device says nothing of where it is, so it drops out of the censored term. Null: none dies.
    /// </param>
    /// <summary>Told of every change of the zone shown (not the first), with what the fit heard then: for a tool that asks why a device moved.</summary>
    public Action<PositionFitSwitch>? Switched { get; set; }

    /// <param name="survey">A site survey of the venue, weighed by <see cref="PositionFitSettings.SurveyWeight"/>; null: none.</param>
    public PositionFitLocator(PositionFitMap map, PositionFitSettings settings, Func<int, long, bool>? receiverDead = null, ZoneSurvey? survey = null)
    {
        _s = settings;
        _receiverDead = receiverDead;
        _p0 = settings.P0Dbm;
        _receiverIds = map.Receivers.Keys.OrderBy(r => r).ToArray();
        _receiverIndex = _receiverIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        _zones = map.Zones;
        int points = map.Points.Count, receivers = _receiverIds.Length, zones = _zones.Length;
        _exponent = map.ExponentOf(settings);
        _logDistance = map.LogDistances(settings.HeightOffset, _exponent);
        _pointZone = new byte[points];
        _zoneIndexOfPoint = new int[points];
        for (int p = 0; p < points; p++)
        {
            var point = map.Points[p];
            _pointZone[p] = point.Zone;
            _zoneIndexOfPoint[p] = Array.IndexOf(_zones, point.Zone);
        }

        _wallLoss = map.WallLosses(settings);
        _censoredTable = PositionFitNotHeard.CensoredTableOf(settings.MissChance);
        _notHeard = new(() => map.NotHeard(settings), LazyThreadSafetyMode.None);

        _next = new bool[zones, zones];
        for (int a = 0; a < zones; a++)
        {
            for (int b = 0; b < zones; b++)
            {
                _next[a, b] = a == b || map.Neighbours == null || map.Neighbours.AreNeighbours(_zones[a], _zones[b]);
            }
        }

        _sum = new double[receivers];
        _count = new int[receivers];
        _level = new double[receivers];
        _heardMs = Enumerable.Repeat(long.MinValue, receivers).ToArray();
        _steps = new int[receivers];
        _raw = new double[receivers];
        _lastStepHeardMs = Enumerable.Repeat(long.MinValue, receivers).ToArray();
        _probability = new double[zones];
        _zoneError = new double[zones];
        _scratch = new double[zones];
        _survey = survey != null && settings.SurveyWeight > 0 ? survey.For(_zones, _receiverIds) : null;
        _stepLevels = new double[receivers];
        _heldLevels = new double[receivers];
        _stillness = new PositionFitStillness(receivers, settings);
    }

    /// <summary>
    /// True (the default): a step where most counted receivers do not hear the device sums their "not heard" terms
    /// from the map's shared table (<see cref="PositionFitNotHeard"/>), the same fit to a few 1e-6 in a zone's error; false: always
    /// receiver by receiver, the table's reference in tests and benchmarks.
    /// </summary>
    public bool UseNotHeardTable { get; init; } = true;

    /// <summary>The last step's fit error of each zone, in the order of the map's <see cref="PositionFitMap.Zones"/>.</summary>
    internal IReadOnlyList<double> ZoneErrors => _zoneError;

    /// <summary>At how many points, over all steps, the "not heard" terms were summed from the table.</summary>
    internal long TabledPoints { get; private set; }

    /// <summary>The censored term at x = (floor - predicted) / σ.</summary>
    private double Censored(double x) => PositionFitNotHeard.Censored(_censoredTable, x);

    public void Observe(int receiver, byte zone, int rssi, long tMs)
    {
        if (!_receiverIndex.TryGetValue(receiver, out int r) || rssi < -127 || rssi > 20)
        {
            return;
        }

        StepUntil(tMs);
        if (_nextStepMs == long.MinValue)
        {
            _nextStepMs = tMs - (((tMs % _s.StepMs) + _s.StepMs) % _s.StepMs) + _s.StepMs;
        }

        _sum[r] += rssi;
        _count[r]++;
        _newestHeardMs = tMs;
        if (_shown < 0 && (rssi > _loudestRssi || (rssi == _loudestRssi && zone < _loudestZone)))
        {
            // Until the first step, the loudest reading's zone (as the live estimator does from unknown).
            _loudestRssi = rssi;
            _loudestZone = zone;
        }
    }

    public byte Update(long tMs)
    {
        StepUntil(tMs);
        return _nextStepMs == long.MinValue || tMs - _newestHeardMs > _s.StaleMs ? (byte)0 : _shown < 0 ? _loudestZone : _zones[_shown];
    }

    private void StepUntil(long tMs)
    {
        while (_nextStepMs != long.MinValue && _nextStepMs <= tMs)
        {
            Step(_nextStepMs);
            _nextStepMs += _s.StepMs;
            if (_nextStepMs - _newestHeardMs > _s.StaleMs)
            {
                // Everything is forgotten: start afresh at the next reading.
                _nextStepMs = long.MinValue;
                _shown = -1;
                _loudestRssi = int.MinValue;
                _p0 = _s.P0Dbm;
                Array.Fill(_heardMs, long.MinValue);
                Array.Clear(_steps);
                Array.Fill(_lastStepHeardMs, long.MinValue);
                _stillness.Reset();
            }
        }
    }

    private void Step(long stepMs)
    {
        bool news = false;
        Array.Fill(_stepLevels, double.NaN);
        for (int r = 0; r < _level.Length; r++)
        {
            if (_count[r] > 0)
            {
                double mean = _sum[r] / _count[r];
                _stepLevels[r] = mean;
                bool fresh = _heardMs[r] == long.MinValue || stepMs - _heardMs[r] > _s.HoldMs;
                _steps[r] = fresh ? 1 : _steps[r] + 1;
                // Only once the device is placed: at its first step every receiver is new, and the readings are all there is.
                bool fromFloor = _shown >= 0 && (_lastStepHeardMs[r] == long.MinValue || stepMs - _lastStepHeardMs[r] > _s.EntryAfterMs);
                _raw[r] = fresh ? mean : _raw[r] + (_s.SmoothingAlpha * (mean - _raw[r]));
                // A newly heard receiver's first step counts from the floor; from its second step on, as its readings give.
                _level[r] = fresh && fromFloor ? _s.FloorDbm + (_s.EntryAlpha * (_raw[r] - _s.FloorDbm)) : _raw[r];
                _lastStepHeardMs[r] = stepMs;
                _heardMs[r] = stepMs;
                _sum[r] = 0;
                _count[r] = 0;
                news = true;
            }
            else if (_s.SingleHoldMs > 0 && _steps[r] == 1 && _heardMs[r] != long.MinValue && stepMs - _heardMs[r] > _s.SingleHoldMs)
            {
                _heardMs[r] = long.MinValue; // heard in one step only: let go before HoldMs
            }
        }

        for (int r = 0; r < _level.Length; r++)
        {
            _heldLevels[r] = Held(r, stepMs) ? _level[r] : double.NaN;
        }

        _stillness.Step(_heldLevels);
        if (!Fit(stepMs))
        {
            return;
        }

        if (news && _survey != null)
        {
            _survey.AddCost(_stepLevels, _s.SurveyWeight, _s.SurveyLevelWeight, _shown < 0 ? _s.SurveyPrior : 0, _zoneError);
        }

        FilterZones();

        int leader = 0;
        for (int z = 0; z < _zones.Length; z++)
        {
            leader = _probability[z] > _probability[leader] ? z : leader;
        }

        if (_shown < 0 || (leader != _shown && _probability[leader] > _s.SwitchRatio * _probability[_shown]))
        {
            if (_shown >= 0 && Switched != null)
            {
                Switched(new PositionFitSwitch(stepMs, _zones[_shown], _zones[leader], HeardNow(stepMs)));
            }

            _shown = leader;
        }
    }

    /// <summary>Whether receiver <paramref name="r"/> counts as hearing the device at a step: heard within <see cref="PositionFitSettings.HoldMs"/>.</summary>
    private bool Held(int r, long stepMs) => _heardMs[r] != long.MinValue && stepMs - _heardMs[r] <= _s.HoldMs;

    /// <summary>The receivers the fit takes as hearing the device at a step: what a switch was made of.</summary>
    private PositionFitSwitch.Receiver[] HeardNow(long stepMs)
    {
        var heard = new List<PositionFitSwitch.Receiver>();
        for (int r = 0; r < _level.Length; r++)
        {
            if (Held(r, stepMs))
            {
                heard.Add(new PositionFitSwitch.Receiver(_receiverIds[r], _level[r], _steps[r], stepMs - _heardMs[r]));
            }
        }

        return [.. heard];
    }

    /// <summary>The forward filter over the zones: stay, or move to a neighbour; then weigh by each zone's fit (its best point's).</summary>
    private void FilterZones()
    {
        int zones = _zones.Length;
        double best = _zoneError.Min();
        double move = _s.MoveChance;
        double evidence = _s.EvidenceWeight * (_stillness.Still ? _s.StillEvidence : 1);
        if (_shown < 0)
        {
            for (int z = 0; z < zones; z++)
            {
                _probability[z] = 1.0 / zones;
            }
        }

        for (int z = 0; z < zones; z++)
        {
            double moved = 0;
            int ways = 0;
            for (int y = 0; y < zones; y++)
            {
                if (y != z && _next[y, z])
                {
                    moved += _probability[y];
                    ways++;
                }
            }

            _scratch[z] = (((1 - move) * _probability[z]) + (ways == 0 ? 0 : move * moved / ways))
                * Math.Exp(-evidence * (_zoneError[z] - best));
        }

        double total = _scratch.Sum();
        for (int z = 0; z < zones; z++)
        {
            _probability[z] = Math.Max(_scratch[z] / total, 1e-9);
        }
    }

    /// <summary>Each zone's fit error at this step; false when no receiver is heard.</summary>
    private bool Fit(long stepMs)
    {
        int receivers = _level.Length;
        Span<bool> heard = stackalloc bool[receivers];
        Span<int> counted = stackalloc int[receivers]; // heard, or alive and not hearing the device
        Span<int> heardOnes = stackalloc int[receivers];
        Span<int> deadOnes = stackalloc int[receivers]; // taken for dead and not hearing the device
        int heardCount = 0, countedCount = 0, deadCount = 0;
        for (int r = 0; r < receivers; r++)
        {
            heard[r] = Held(r, stepMs);
            if (heard[r])
            {
                heardOnes[heardCount++] = r;
            }

            if (heard[r] || _receiverDead == null || !_receiverDead(_receiverIds[r], stepMs))
            {
                counted[countedCount++] = r;
            }
            else
            {
                deadOnes[deadCount++] = r;
            }
        }

        counted = counted[..countedCount];
        heardOnes = heardOnes[..heardCount];
        deadOnes = deadOnes[..deadCount];

        if (heardCount == 0)
        {
            return false;
        }

        // The table pays when the receivers not hearing the device outnumber the terms it must take back out.
        bool table = UseNotHeardTable && _s.Censored != 0 && countedCount - heardCount > (2 * heardCount) + deadCount + 4
            && _notHeard.Value != null;
        double n = _exponent;
        double twoSigma2 = 2 * _s.SigmaDb * _s.SigmaDb;
        double weight = 1 / twoSigma2; // a squared miss's
        Array.Fill(_zoneError, double.PositiveInfinity);
        double bestError = double.PositiveInfinity, bestP0 = 0;
        double floor = _s.FloorDbm, sigma = _s.SigmaDb;
        Span<double> loss = stackalloc double[heardCount]; // at this point, each heard receiver's n · logDistance
        Span<double> wall = stackalloc double[heardCount]; // and its wall
        for (int p = 0; p < _pointZone.Length; p++)
        {
            // P0 by least squares over the heard receivers, pulled towards the device's running P0.
            double sum = 0;
            for (int i = 0; i < heardOnes.Length; i++)
            {
                int r = heardOnes[i];
                loss[i] = n * _logDistance[p, r];
                wall[i] = _wallLoss[p, r];
                sum += _level[r] + loss[i] + wall[i];
            }

            double p0 = double.IsNaN(_p0) ? sum / heardCount : (sum + (_s.PriorWeight * _p0)) / (heardCount + _s.PriorWeight);
            double error = double.IsNaN(_p0) ? 0 : _s.PriorWeight * (p0 - _p0) * (p0 - _p0) / twoSigma2;
            if (table && _notHeard.Value!.TrySum(p, p0, out double notHeard))
            {
                // Every receiver's "not heard" term, less the heard receivers' and the dead ones'.
                TabledPoints++;
                for (int i = 0; i < heardOnes.Length; i++)
                {
                    int r = heardOnes[i];
                    double predicted = p0 - loss[i] - wall[i];
                    error += Squared(_level[r] - predicted, weight);
                    notHeard -= Censored((floor - predicted) / sigma);
                }

                foreach (int r in deadOnes)
                {
                    notHeard -= Censored((floor - (p0 - (n * _logDistance[p, r]) - _wallLoss[p, r])) / sigma);
                }

                error += notHeard;
            }
            else
            {
                foreach (int r in counted)
                {
                    double predicted = p0 - (n * _logDistance[p, r]) - _wallLoss[p, r];
                    if (heard[r] || _s.Censored == 0)
                    {
                        error += Squared(heard[r] ? _level[r] - predicted : Math.Max(0, predicted - _s.FloorDbm), weight);
                    }
                    else
                    {
                        error += Censored((_s.FloorDbm - predicted) / _s.SigmaDb);
                    }
                }
            }

            int z = _zoneIndexOfPoint[p];
            _zoneError[z] = Math.Min(_zoneError[z], error);
            if (error < bestError)
            {
                bestError = error;
                bestP0 = p0;
            }
        }

        _p0 = double.IsNaN(_p0) ? bestP0 : _p0 + (_s.P0Alpha * (bestP0 - _p0));
        return true;
    }

    /// <summary>A miss squared, times its weight.</summary>
    private static double Squared(double miss, double weight) => miss * miss * weight;

    /// <summary>log Φ(x), the standard normal's cumulative probability, from erfc (Numerical Recipes' erfcc, 1.2e-7).</summary>
    public static double LogNormalCdf(double x)
    {
        double z = Math.Abs(x) / Math.Sqrt(2);
        double t = 1 / (1 + (0.5 * z));
        double logErfc = Math.Log(t) - (z * z) - 1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        // Φ(x) = erfc(-x/√2)/2: for x < 0 that is erfc(z)/2; for x >= 0, 1 - erfc(z)/2.
        return x < 0 ? logErfc - Math.Log(2) : Math.Log(1 - (Math.Exp(logErfc) / 2));
    }
}

/// <summary>A change of the zone a <see cref="PositionFitLocator"/> shows, and the receivers it took as hearing the device at that step.</summary>
public sealed record PositionFitSwitch(long StepMs, byte From, byte To, PositionFitSwitch.Receiver[] Heard)
{
    /// <param name="Steps">The steps it was heard in since it entered (was not heard within the hold before).</param>
    /// <param name="AgeMs">How long before the step its last reading's step was.</param>
    public sealed record Receiver(int Id, double Level, int Steps, long AgeMs);
}
