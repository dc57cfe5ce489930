using System.Globalization;
using Beacons.Placement;
using Beacons.Placement.Scoring;
using Beacons.Zones;

namespace Beacons.ZoneEval;

/// <summary>
/// Scores settings variants of the evidence candidate (<see cref="EvidenceEstimatorSettings"/> fields; a leading
/// "evidence:", needed when the forward filter's fields were read too, is still taken) on every real set at once (<c>--try</c>): the flat
/// walks as they are and with leave-one-walk-out receiver offsets, the UCI floor, and a device standing
/// between two equal rooms for an hour at 3 and 5 dB of scatter (zone changes). One line per variant:
/// accuracy/settled, detected true changes (d), changes shown (ch), flaps (fl), median delay (p50, s).
/// </summary>
public static class Experiment
{
    private const string EvidencePrefix = "evidence:";

    public static int Run(string flatDir, string uciDir, string specs)
    {
        // Every variant is read before the data, so a misspelt one is said at once.
        var variants = specs.Split(';').Select(spec => (Spec: spec, Settings: Parse(spec))).ToList();

        var (venue, trace, truth) = TraceSet.Read(flatDir);
        var map = ZoneMap.Parse(File.ReadAllText(Path.Combine(uciDir, "zones.json")));
        var uci = UciTrace.From(RssiDataset.Parse(File.ReadAllText(Path.Combine(uciDir, "iBeacon_RSSI_Labeled.csv")), map), null);
        var offsets = truth.Select(s => s.Device).Distinct().ToDictionary(d => d, d => ReceiverOffsets.Learn(
            trace.Where(r => r.Device != d).ToList(), truth.Where(s => s.Device != d).ToList(), venue.ReceiverZones));
        foreach (var (spec, settings) in variants)
        {
            Func<ZoneNeighbours?, IZoneLocator> make = n => new TraceSet.EvidenceLocator(new EvidenceEstimator(settings, n));
            var kind = Locators.PerDevice(spec, venue, () => make(venue.Neighbours));
            var ukind = Locators.PerDevice(spec, uci.Venue, () => make(null));
            var flat = Scorer.Score(spec, Replay.Run(trace, truth, kind));
            var cal = new List<DeviceAnswers>();
            foreach (var (d, o) in offsets)
            {
                cal.AddRange(Replay.Run(trace.Where(r => r.Device == d).ToList(), truth.Where(s => s.Device == d).ToList(), ReceiverOffsets.Apply(kind, o)));
            }

            var flatCal = Scorer.Score(spec, cal);
            var u = Scorer.Score(spec, Replay.Run(uci.Trace, uci.Truth, ukind));
            int wall3 = Wall(make, 3), wall5 = Wall(make, 5);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0,-50} flat {1:0.0}/{2:0.0} d{15} ch{3} fl{4} p50 {5:0.0} | cal {6:0.0}/{7:0.0} ch{8} fl{9} p50 {10:0.0} | uci {11:0.0} ch{12} | wall {13}/{14}",
                spec, flat.Accuracy * 100, flat.SettledAccuracy * 100, flat.Changes, flat.Flaps, flat.DetectP50Ms / 1000.0,
                flatCal.Accuracy * 100, flatCal.SettledAccuracy * 100, flatCal.Changes, flatCal.Flaps, flatCal.DetectP50Ms / 1000.0,
                u.Accuracy * 100, u.Changes, wall3, wall5, flat.Detected));
        }

        return 0;
    }

    /// <summary>The evidence estimator's defaults with the fields <paramref name="spec"/> names changed (<see cref="SettingsVariant"/>; a leading "evidence:" allowed).</summary>
    public static EvidenceEstimatorSettings Parse(string spec) => SettingsVariant.Apply(new EvidenceEstimatorSettings(),
        spec.StartsWith(EvidencePrefix, StringComparison.Ordinal) ? spec.Substring(EvidencePrefix.Length) : spec, "an evidence-estimator");

    private static int Wall(Func<ZoneNeighbours?, IZoneLocator> make, double sigma)
    {
        var e = make(null);
        var random = new Random(11);
        int changes = 0;
        byte last = 0;
        for (long t = 0; t < 3_600_000; t += 250)
        {
            int source = (int)(t / 250 % 2);
            if (random.NextDouble() > 0.1)
            {
                double g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                e.Observe(source, (byte)(source + 1), (int)Math.Round(-70 + (sigma * g)), t);
            }

            byte zone = e.Update(t);
            changes += last != 0 && zone != last ? 1 : 0;
            last = zone;
        }

        return changes;
    }
}
