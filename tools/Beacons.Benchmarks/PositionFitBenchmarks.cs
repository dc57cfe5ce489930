using Beacons.Placement;
using Beacons.Venue;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Beacons.Benchmarks;

/// <summary>
/// What the position fit (docs/zones.md, "Position fit") costs a device at the gateway, side by side with the live
/// placement (<see cref="ZonePlacement"/>: the zone estimator and the blind-zone fallback): one device walking the
/// demo venue's ground-floor corridors (two floors, 33 receivers), heard by its five loudest receivers every
/// half second (ten reports a second), the zone asked after every report as the gateway does. One operation
/// is one device-step, half a second: five reports and the decision. The fit's cost is its points times the
/// receivers; <c>Points</c> names the map: <c>zone-2m</c> is <see cref="PositionFitMap.ZoneSamples"/> at 2 m,
/// <c>grid-1m</c> <see cref="PositionFitMap.From"/> at 1 m.
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

    [Params("zone-3m", "zone-2m", "grid-1m")]
    public string Points { get; set; } = "zone-2m";

    [GlobalSetup]
    public void Setup()
    {
        using var stream = typeof(PositionFitBenchmarks).Assembly.GetManifestResourceStream("venue.json")!;
        _venue = VenueFile.Parse(new StreamReader(stream).ReadToEnd(), "venue.json");
        double metres = double.Parse(Points[(Points.IndexOf('-') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        _map = Points.StartsWith("zone", StringComparison.Ordinal) ? PositionFitMap.ZoneSamples(_venue, metres) : PositionFitMap.From(_venue, metres);
        _map.LogDistances(new PositionFitSettings().HeightOffset, new PositionFitSettings().Exponent); // made once per venue, not per device
        Console.WriteLine($"// {Points}: {_map.Points.Count} points, {_map.Receivers.Count} receivers");

        // Along the ground-floor corridors (y = 17) from x = 12 to 68 and back, 1.4 m/s.
        var random = new Random(1);
        for (int s = 0; s < Steps; s++)
        {
            double x = 12 + (Math.Abs(((s * 0.7) % 112) - 56));
            var loudest = _venue.Receivers
                .Select(r => (r, Level: -60 - (20 * Math.Log10(Math.Sqrt(Math.Pow(r.Position.X - x, 2) + Math.Pow(r.Position.Y - 17, 2) + Math.Pow(r.Floor * 3, 2) + 1))) - (r.Floor * 15)))
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
        var placement = new ZonePlacement(_venue, new Beacons.Zones.ZoneEstimatorSettings());
        int sum = 0;
        for (int i = 0; i < _heard.Length; i++)
        {
            long at = Now(i);
            (int receiver, _, int rssi) = _heard[i];
            placement.ReceiverHeard(receiver, at);
            placement.Observe(receiver, 1, rssi, at);
            sum += placement.Zone(1, at) ?? 0;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Steps)]
    public int PositionFit()
    {
        var blind = new BlindZones(_venue);
        var locator = new PositionFitLocator(_map, new PositionFitSettings(), (id, t) => blind.IsSilent(blind.SlotOf(id), t));
        int sum = 0;
        for (int i = 0; i < _heard.Length; i++)
        {
            long at = Now(i);
            (int receiver, byte zone, int rssi) = _heard[i];
            blind.Heard(receiver, at);
            locator.Observe(receiver, zone, rssi, at);
            sum += locator.Update(at);
        }

        return sum;
    }

    // Five reports in each half second.
    private static long Now(int report) => 1_000_000 + ((report / ReportsPerStep) * 500L) + ((report % ReportsPerStep) * 100L);
}
