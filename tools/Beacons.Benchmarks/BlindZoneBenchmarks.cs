using Beacons.Placement;
using Beacons.Venue;
using Beacons.Zones;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Beacons.Benchmarks;

/// <summary>
/// What the blind-zone fallback adds to each report at the gateway, side by side with the zone estimator
/// alone: one device heard by four receivers, ten reports a second, the zone asked after every report (as
/// the pipeline does). The venue has 100 receivers in 20 zones, so each fallback keeps 100 averages.
/// "blind": the receivers of the zone the device stands in are dead, so every decision places the device.
/// Run: dotnet run -c Release --project tools/Beacons.Benchmarks -- --filter '*BlindZone*'
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class BlindZoneBenchmarks
{
    private const int Reports = 100_000;

    private readonly (int Receiver, byte Zone, int Rssi)[] _heard = new (int, byte, int)[Reports];
    private BlindZones _zones = null!;
    private ZoneNeighbours _neighbours = null!;

    [Params("covered", "blind")]
    public string Zone { get; set; } = "covered";

    [GlobalSetup]
    public void Setup()
    {
        (Beacons.Venue.Venue venue, _) = GatewayTraffic.Drill(zones: 20, receivers: 100, badges: 1, tags: 0);
        _neighbours = NeighbouringZones.Table(venue);
        _zones = new BlindZones(venue);
        bool blind = Zone == "blind";
        foreach (VenueReceiver r in venue.Receivers)
        {
            // Zone 2's receivers were last heard at the start, the others at the end of the run.
            _zones.Heard(r.Id, blind && r.Zone == 2 ? 0 : Now(Reports));
        }

        // Standing in zone 2 (receivers 2, 22, 42...): heard by two of them and by zone 1's and 3's, or
        // with zone 2's dead, by two each of zone 1's (1, 21) and zone 3's (3, 23), which place it in zone 2.
        int[] receivers = blind ? [1, 21, 3, 23] : [2, 22, 1, 3];
        var random = new Random(1);
        for (int i = 0; i < Reports; i++)
        {
            int r = receivers[i % receivers.Length];
            byte zone = (byte)venue.FindReceiver(r)!.Zone;
            _heard[i] = (r, zone, (zone == 2 ? -65 : -75) + random.Next(-4, 5));
        }

        // Both measure the path they claim to: at the end the device is shown in zone 2, by its receivers or by the fallback.
        if (WithFallback().Last != 2)
        {
            throw new InvalidOperationException("the device is not shown in zone 2");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Reports)]
    public int EstimatorAlone()
    {
        var estimator = new ZoneEstimator(new ZoneEstimatorSettings(), _neighbours);
        int sum = 0;
        for (int i = 0; i < Reports; i++)
        {
            long at = Now(i);
            (int receiver, byte zone, int rssi) = _heard[i];
            estimator.Observe(receiver, zone, rssi, at);
            sum += estimator.Update(at);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Reports)]
    public int EstimatorAndFallback() => WithFallback().Sum;

    private (int Sum, byte Last) WithFallback()
    {
        var estimator = new ZoneEstimator(new ZoneEstimatorSettings(), _neighbours);
        var fallback = new BlindZoneFallback(_zones, _neighbours);
        int sum = 0;
        byte shown = 0;
        for (int i = 0; i < Reports; i++)
        {
            long at = Now(i);
            (int receiver, byte zone, int rssi) = _heard[i];
            estimator.Observe(receiver, zone, rssi, at);
            fallback.Observe(receiver, rssi, at);
            shown = fallback.Update(estimator.Update(at), at);
            sum += shown;
        }

        return (sum, shown);
    }

    // Ten reports a second, late in the drill: long after the blind zone's receivers were last heard.
    private static long Now(int report) => 1_000_000 + (report * 100L);
}
