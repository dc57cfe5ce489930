using Beacons.Placement;
using Beacons.Placement.Scoring;
using Beacons.Testing;
using Beacons.Venue;
using Beacons.Zones;

namespace Beacons.Gateway.Tests.Placement;

/// <summary>
/// The live placement decides on a steady rhythm, however often it is asked (docs/zones.md): the gateway
/// asks after every report, a badge or a replay twice a second, and both must see the same decisions.
/// </summary>
public class PlacementCadenceTests
{
    /// <summary>
    /// The real flat trace (../shared/data/flat-walks) through two placements: one asked after every reading,
    /// as the gateway does, one only at every half second. After each reading, the first must answer what the
    /// second answered at the last half second (a reading stamped on a half second counts for it): both
    /// have then made the same decisions.
    /// </summary>
    [Fact]
    public void Asking_after_every_reading_and_twice_a_second_gives_the_same_decisions_on_the_real_flat_trace()
    {
        string? dir = SharedData.FlatWalks();
        if (dir == null)
        {
            return; // the data sits beside the repository (CI has it)
        }

        Beacons.Venue.Venue venue = VenueFile.Load(Path.Combine(dir, "venue.json"));
        var trace = TraceFiles.ReadTrace(Path.Combine(dir, "trace.csv"), ScoringVenue.From(venue).ReceiverZones);
        var often = new ZonePlacement(venue);
        var steady = new ZonePlacement(venue);
        var heard = new HashSet<int>();
        var steadyZones = new Dictionary<(int Device, long AtMs), byte>();
        var oftenZones = new List<(int Device, long AtMs, byte Zone)>();
        long nextHalfSecond = trace[0].TMs - (trace[0].TMs % 500);
        foreach (TraceReading r in trace)
        {
            // Twice a second, once every reading stamped up to then has come in.
            for (; nextHalfSecond < r.TMs; nextHalfSecond += 500)
            {
                foreach (int device in heard)
                {
                    steadyZones[(device, nextHalfSecond)] = steady.Zone(device, nextHalfSecond) ?? 0;
                }
            }

            foreach (ZonePlacement p in new[] { often, steady })
            {
                p.ReceiverHeard(r.Receiver, r.TMs);
                p.Observe(r.Receiver, r.Device, r.Rssi, r.TMs);
            }

            heard.Add(r.Device);
            oftenZones.Add((r.Device, r.TMs, often.Zone(r.Device, r.TMs) ?? 0));
        }

        int changes = 0, differences = 0;
        string? first = null;
        var shown = new Dictionary<int, byte>();
        foreach (var (device, atMs, zone) in oftenZones.Where(o => o.AtMs < nextHalfSecond))
        {
            byte then = steadyZones.GetValueOrDefault((device, atMs - (atMs % 500))); // none: not heard by then
            if (zone != then)
            {
                differences++;
                first ??= $"device {device} at {atMs} ms: {zone} asked after every reading, {then} twice a second";
            }

            if (zone != shown.GetValueOrDefault(device))
            {
                changes++;
                shown[device] = zone;
            }
        }

        Assert.True(differences == 0, $"{differences} of {oftenZones.Count} readings differ; the first: {first}");
        Assert.True(changes > 20, changes + " zone changes: too few to compare");
    }
}
