using Beacons.Protocol;
using Beacons.Simulator.Drill;

namespace Beacons.Evaluation.Scoring;

/// <summary>How one estimator placed the officers (and the casualties) against the ground truth.</summary>
public sealed record EstimatorScore(
    string Name,
    double Accuracy,
    double SettledAccuracy,
    double FlapsPerOfficerHour,
    double DetectP50Seconds,
    double DetectP95Seconds,
    double MissedChanges,
    int Changes,
    double CasualtyAccuracy,
    double UnknownShare);

/// <summary>What every estimator shares: how fresh the roster is and whether casualties show their real colour.</summary>
public sealed record DrillScore(
    IReadOnlyList<EstimatorScore> Estimators,
    double StalenessP50Seconds,
    double StalenessP95Seconds,
    double StalenessMaxSeconds,
    double ColourCorrect,
    double ColourShowP50Seconds,
    double ColourShowP95Seconds,
    int ColourChanges,
    double CleanReception,
    double ReportsPerDeviceSecond,
    double OfficerHours,
    int Devices);

/// <summary>
/// Scores a <see cref="DrillRecording"/> against its ground truth. Officers are the scenario's badges
/// (added load devices are not scored); only seconds when the officer is on site and inside a zone count.
/// Definitions (docs/simulator.md):
/// accuracy = share of officer-seconds whose estimate is the true zone (unknown counts as wrong), and
/// settled accuracy the same leaving out the first <see cref="SettleSeconds"/> after each real zone change;
/// a flap = a change of estimate between two zones, while the officer is inside a zone, to a zone the
/// officer was not in at any time within ten seconds either side (crossing the car park, in no zone, an
/// estimate can only be wrong, so changes there are not counted); time to detect = from entering a zone (kept for at least 15 s) until the
/// estimate first shows it (missed when it never does during the stay).
/// </summary>
public static class Scorecard
{
    public const int FlapToleranceSeconds = 10;
    public const int MinimumStaySeconds = 15;

    /// <summary>Settled accuracy leaves out this many seconds after each real zone change (lag is measured apart, as time to detect).</summary>
    public const int SettleSeconds = 5;

    public static DrillScore Score(DrillRecording recording)
    {
        DrillEngine engine = recording.Engine;
        Dictionary<ushort, TruthSample[]> truth = TruthByDevice(engine);
        var officers = recording.Devices.Where(d => d.Kind == FrameKind.Badge && !DrillEngine.IsExtra(d.Id)).ToList();
        var casualties = recording.Devices.Where(d => d.Kind == FrameKind.Tag && !DrillEngine.IsExtra(d.Id)).ToList();
        double startMs = engine.Scenario.StartSeconds * 1000;

        var scores = new List<EstimatorScore>();
        double officerSeconds = 0;
        for (int e = 0; e < recording.Estimators.Count; e++)
        {
            long correct = 0, counted = 0, unknown = 0, flaps = 0, casualtyCorrect = 0, casualtyCounted = 0, settledCorrect = 0, settledCounted = 0;
            var delays = new List<double>();
            int missed = 0;
            officerSeconds = 0;
            foreach (DeviceRecord device in officers)
            {
                TruthSample[] t = truth[device.Id];
                byte[] est = device.Estimates[e];
                int lastChange = int.MinValue / 2;
                for (int k = 0; k < t.Length; k++)
                {
                    if (k > 0 && t[k].Zone != t[k - 1].Zone)
                    {
                        lastChange = k;
                    }

                    if (!t[k].Present)
                    {
                        continue;
                    }

                    officerSeconds++;
                    if (t[k].Zone == 0)
                    {
                        continue;
                    }

                    counted++;
                    byte z = est[2 * k];
                    correct += z == t[k].Zone ? 1 : 0;
                    unknown += z == 0 ? 1 : 0;
                    if (k - lastChange >= SettleSeconds)
                    {
                        settledCounted++;
                        settledCorrect += z == t[k].Zone ? 1 : 0;
                    }
                }

                flaps += Flaps(t, est);
                Detections(t, est, delays, ref missed);
            }

            foreach (DeviceRecord device in casualties)
            {
                TruthSample[] t = truth[device.Id];
                for (int k = 0; k < t.Length; k++)
                {
                    if (t[k].Present && t[k].Zone != 0)
                    {
                        casualtyCounted++;
                        casualtyCorrect += device.Estimates[e][2 * k] == t[k].Zone ? 1 : 0;
                    }
                }
            }

            delays.Sort();
            scores.Add(new EstimatorScore(
                recording.Estimators[e].Name,
                Share(correct, counted),
                Share(settledCorrect, settledCounted),
                flaps / Math.Max(officerSeconds / 3600, 1e-9),
                Percentile(delays, 0.5),
                Percentile(delays, 0.95),
                Share(missed, missed + delays.Count),
                missed + delays.Count,
                Share(casualtyCorrect, casualtyCounted),
                Share(unknown, counted)));
        }

        // Freshness of the newest report, over every scored badge and tag on site.
        var ages = new List<double>();
        foreach (DeviceRecord device in officers.Concat(casualties))
        {
            TruthSample[] t = truth[device.Id];
            for (int k = 0; k < t.Length && k < device.NewestHeardMs.Length; k++)
            {
                long newest = device.NewestHeardMs[k];
                if (t[k].Present && newest != long.MinValue)
                {
                    ages.Add(((k * 1000.0) - newest) / 1000.0);
                }
            }
        }

        ages.Sort();

        // Casualty colours: the committed colour shown against the tag's real committed colour.
        long colourCorrect = 0, colourCounted = 0;
        var shows = new List<double>();
        foreach (DeviceRecord device in casualties)
        {
            TruthSample[] t = truth[device.Id];
            for (int k = 0; k < t.Length && k < device.ShownColour.Length; k++)
            {
                colourCounted++;
                colourCorrect += device.ShownColour[k] == t[k].Colour ? 1 : 0;
                if (k > 0 && t[k].Colour != t[k - 1].Colour)
                {
                    int j = k;
                    while (j < device.ShownColour.Length && device.ShownColour[j] != t[k].Colour && j - k < 120)
                    {
                        j++;
                    }

                    shows.Add(j - k);
                }
            }
        }

        shows.Sort();
        long attempts = engine.Receivers.Sum(r => r.Attempts);
        long collisions = engine.Receivers.Sum(r => r.Collisions);
        double deviceSeconds = officers.Concat(casualties).Sum(d => truth[d.Id].Count(s => s.Present));
        return new DrillScore(
            scores,
            Percentile(ages, 0.5),
            Percentile(ages, 0.95),
            ages.Count > 0 ? ages[^1] : double.NaN,
            Share(colourCorrect, colourCounted),
            Percentile(shows, 0.5),
            Percentile(shows, 0.95),
            shows.Count,
            attempts == 0 ? double.NaN : 1.0 - ((double)collisions / attempts),
            officers.Concat(casualties).Sum(d => d.Reports) / Math.Max(deviceSeconds, 1),
            officerSeconds / 3600,
            engine.Devices.Count);
    }

    private static Dictionary<ushort, TruthSample[]> TruthByDevice(DrillEngine engine) =>
        engine.Truth.Samples.GroupBy(s => s.Device).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Seconds).ToArray());

    private static int Flaps(TruthSample[] t, byte[] est)
    {
        int flaps = 0;
        for (int h = 1; h < est.Length && h / 2 < t.Length; h++)
        {
            byte from = est[h - 1], to = est[h];
            if (from == 0 || to == 0 || from == to || !t[h / 2].Present || t[h / 2].Zone == 0)
            {
                continue;
            }

            bool visited = false;
            int k = h / 2;
            for (int j = Math.Max(0, k - FlapToleranceSeconds); j <= Math.Min(t.Length - 1, k + FlapToleranceSeconds) && !visited; j++)
            {
                visited = t[j].Zone == to;
            }

            flaps += visited ? 0 : 1;
        }

        return flaps;
    }

    private static void Detections(TruthSample[] t, byte[] est, List<double> delays, ref int missed)
    {
        int k = 1;
        while (k < t.Length)
        {
            bool entered = t[k].Present && t[k - 1].Present && t[k].Zone != 0 && t[k].Zone != t[k - 1].Zone;
            if (!entered)
            {
                k++;
                continue;
            }

            int end = k;
            while (end < t.Length && t[end].Zone == t[k].Zone && t[end].Present)
            {
                end++;
            }

            if (end - k >= MinimumStaySeconds)
            {
                int h = 2 * k;
                while (h < 2 * end && h < est.Length && est[h] != t[k].Zone)
                {
                    h++;
                }

                if (h < 2 * end && h < est.Length)
                {
                    delays.Add((h - (2 * k)) / 2.0);
                }
                else
                {
                    missed++;
                }
            }

            k = end;
        }
    }

    private static double Share(long part, long whole) => whole == 0 ? double.NaN : (double)part / whole;

    private static double Percentile(List<double> sorted, double q)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        int i = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(i, 0, sorted.Count - 1)];
    }
}
