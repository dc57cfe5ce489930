using Beacons.Placement;
using Beacons.Venue;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Beacons.Benchmarks;

/// <summary>
/// What the live placement (<see cref="ZonePlacement"/>: the position fit, docs/zones.md) costs a device at the
/// gateway, beside the previous one (the shared zone estimator with the venue's neighbours and the blind-zone
/// fallback, asked every half second as the former placement did) and the bare position fit on maps of other sizes:
/// one device walking the demo venue's ground-floor corridors (two floors, 33 receivers), heard by its five loudest
/// receivers every half second (ten reports a second), every receiver alive (a heartbeat from each every 10 s, so
/// the fit weighs all 33, heard or not), the zone asked after every report as the gateway does. One
/// operation is one device-step, half a second: five reports and the decision. The fit's cost is its points times
/// the receivers; <c>Points</c> names the bare fit's map: <c>zone-2m</c> is <see cref="PositionFitMap.ZoneSamples"/>
/// at 2 m, <c>grid-1m</c> <see cref="PositionFitMap.From"/> at 1 m (the live placement makes its own,
/// <see cref="ZonePlacement.MapOf"/>: zone-3m on this venue). <c>load-test</c> is the venue of tools/Beacons.LoadTest
/// instead (20 rooms of 10 x 20 m in a row, 100 receivers; the live placement's map, 6 m: 160 points), walked along
/// its middle. <c>PositionFitDirect</c> is the bare fit summing every receiver's "not heard" term itself, as it did
/// before the shared table (<see cref="PositionFitLocator.UseNotHeardTable"/>): the same decisions.
/// Run: dotnet run -c Release --project tools/Beacons.Benchmarks -- --filter '*PositionFit*'
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class PositionFitBenchmarks
{
    private const int Steps = 1200; // ten minutes
    private const int ReportsPerStep = 5;

    private readonly (int Receiver, byte Zone, int Rssi)[] _heard = new (int, byte, int)[Steps * ReportsPerStep];
    private Beacons.Venue.Venue _venue = null!;
    private PositionFitMap _map = null!;
    private ZonePlacement _placement = null!;
    private Beacons.Zones.ZoneNeighbours _neighbours = null!;
    private int _device;
    private long _epoch;

    [Params("zone-3m", "zone-2m", "grid-1m", "load-test")]
    public string Points { get; set; } = "zone-2m";

    [GlobalSetup]
    public void Setup()
    {
        if (Points == "load-test")
        {
            _venue = GatewayTraffic.Drill(zones: 20, receivers: 100, badges: 1, tags: 0).Venue;
            _map = ZonePlacement.MapOf(_venue);
        }
        else
        {
            using var stream = typeof(PositionFitBenchmarks).Assembly.GetManifestResourceStream("venue.json")!;
            _venue = VenueFile.Parse(new StreamReader(stream).ReadToEnd(), "venue.json");
            double metres = double.Parse(Points[(Points.IndexOf('-') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
            _map = Points.StartsWith("zone", StringComparison.Ordinal) ? PositionFitMap.ZoneSamples(_venue, metres) : PositionFitMap.From(_venue, metres);
        }

        _map.LogDistances(new PositionFitSettings().HeightOffset, _map.ExponentOf(new PositionFitSettings())); // made once per venue, not per device
        Console.WriteLine($"// {Points}: {_map.Points.Count} points, {_map.Receivers.Count} receivers");

        // One per venue, as the gateway keeps it (its map made once); each invocation walks a fresh device.
        _placement = new ZonePlacement(_venue);
        Console.WriteLine($"// live placement's map: {_placement.Map.Points.Count} points");
        _neighbours = NeighbouringZones.Table(_venue);

        // Along the ground-floor corridors (y = 17; the load test's venue: its middle, y = 10) from x = 12 to 68 and back, 1.4 m/s.
        var random = new Random(1);
        double y = Points == "load-test" ? 10 : 17;
        for (int s = 0; s < Steps; s++)
        {
            double x = 12 + (Math.Abs(((s * 0.7) % 112) - 56));
            var loudest = _venue.Receivers
                .Select(r => (r, Level: -60 - (20 * Math.Log10(Math.Sqrt(Math.Pow(r.Position.X - x, 2) + Math.Pow(r.Position.Y - y, 2) + Math.Pow(r.Floor * 3, 2) + 1))) - (r.Floor * 15)))
                .OrderByDescending(p => p.Level).Take(ReportsPerStep).ToArray();
            for (int k = 0; k < ReportsPerStep; k++)
            {
                _heard[(s * ReportsPerStep) + k] = (loudest[k].r.Id, (byte)loudest[k].r.Zone, (int)Math.Round(loudest[k].Level + random.Next(-4, 5)));
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
    public int LivePlacement()
    {
        int device = ++_device;
        _epoch += (Steps * 500L) + 60_000; // the one placement's clock runs on from invocation to invocation
        int sum = 0;
        for (int i = 0; i < _heard.Length; i++)
        {
            (long at, int receiver, _, int rssi) = Hear(i, _placement.BlindZones, _epoch);
            _placement.Observe(receiver, device, rssi, at);
            sum += _placement.Zone(device, at) ?? 0;
        }

        return sum;
    }

    /// <summary>The former live placement: the zone estimator, then the blind-zone fallback, decided every half second.</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public int Previous()
    {
        var blind = new BlindZones(_venue);
        var estimator = new Beacons.Zones.ZoneEstimator(new Beacons.Zones.ZoneEstimatorSettings(), _neighbours);
        var fallback = new BlindZoneFallback(blind, _neighbours);
        int sum = 0;
        byte zone = 0;
        long decided = long.MinValue;
        for (int i = 0; i < _heard.Length; i++)
        {
            (long at, int receiver, byte receiverZone, int rssi) = Hear(i, blind);
            estimator.Observe(receiver, receiverZone, rssi, at);
            fallback.Observe(receiver, rssi, at);
            long step = at - (at % 500);
            if (step != decided)
            {
                decided = step;
                zone = fallback.Update(estimator.Update(step), step);
            }

            sum += zone;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Steps)]
    public int PositionFit() => Fit(table: true);

    [Benchmark(OperationsPerInvoke = Steps)]
    public int PositionFitDirect() => Fit(table: false);

    private int Fit(bool table)
    {
        var blind = new BlindZones(_venue);
        var locator = new PositionFitLocator(_map, new PositionFitSettings(), (id, t) => blind.IsSilent(blind.SlotOf(id), t)) { UseNotHeardTable = table };
        int sum = 0;
        for (int i = 0; i < _heard.Length; i++)
        {
            (long at, int receiver, byte zone, int rssi) = Hear(i, blind);
            locator.Observe(receiver, zone, rssi, at);
            sum += locator.Update(at);
        }

        return sum;
    }

    // One report as the gateway takes it: its time, and its receiver heard (alive). Every receiver is alive: a
    // heartbeat from each every 10 s (docs/receiver.md), so none drops out of the fit.
    private (long At, int Receiver, byte Zone, int Rssi) Hear(int report, BlindZones blind, long epoch = 0)
    {
        long at = epoch + Now(report);
        if (report % (ReportsPerStep * 20) == 0)
        {
            foreach (var r in _venue.Receivers)
            {
                blind.Heard(r.Id, at);
            }
        }

        (int receiver, byte zone, int rssi) = _heard[report];
        blind.Heard(receiver, at);
        return (at, receiver, zone, rssi);
    }

    // Five reports in each half second.
    private static long Now(int report) => 1_000_000 + ((report / ReportsPerStep) * 500L) + ((report % ReportsPerStep) * 100L);
}
