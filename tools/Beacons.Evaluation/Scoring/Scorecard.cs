using Beacons.Placement.Scoring;
using Beacons.Protocol;
using Beacons.Simulator.Drill;
using SimTruth = Beacons.Simulator.Drill.TruthSample;

namespace Beacons.Evaluation.Scoring;

/// <summary>
/// One estimator over a drill, scored by the scoring library (<see cref="Scorer"/>, the figures of
/// <c>beacons evaluate</c>) for each role apart, and the flaps per officer-hour.
/// </summary>
public sealed record EstimatorScore(ScoreLine Officers, ScoreLine Casualties, double OfficerHours)
{
    public string Name => Officers.Name;

    public double FlapsPerOfficerHour => Officers.Flaps / Math.Max(OfficerHours, 1e-9);

    /// <summary>True changes of zone no answer showed while the officer stayed.</summary>
    public double Missed => Officers.TrueChanges == 0 ? double.NaN : 1.0 - ((double)Officers.Detected / Officers.TrueChanges);
}

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
/// Scores a <see cref="DrillRecording"/>. The zone figures are the scoring library's, on the drill's trace
/// (<see cref="Estimators"/>): the same replay at the gateway's cadence, the same measures and definitions as
/// <c>beacons evaluate</c> (docs/zones.md, "Scoring a trace"). What only a simulation knows is added here:
/// officers and casualties apart, flaps per officer-hour, how fresh the roster is and the casualties' colours.
/// </summary>
public static class Scorecard
{
    public static DrillScore Score(DrillRecording recording, IReadOnlyList<LocatorKind> kinds)
    {
        DrillEngine engine = recording.Engine;
        IReadOnlyList<EstimatorScore> estimators = Estimators(ScoringVenue.From(engine.Venue), recording.Trace, kinds);
        Dictionary<ushort, SimTruth[]> truth = engine.Truth.Samples.GroupBy(s => s.Device).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Seconds).ToArray());
        var devices = recording.Devices.ToList();

        // Freshness of the newest report, over every scored badge and tag on site.
        var ages = new List<double>();
        foreach (DeviceRecord device in devices)
        {
            SimTruth[] t = truth[device.Id];
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
        foreach (DeviceRecord device in devices.Where(d => d.Kind == FrameKind.Tag))
        {
            SimTruth[] t = truth[device.Id];
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
        double deviceSeconds = devices.Sum(d => truth[d.Id].Count(s => s.Present));
        return new DrillScore(
            estimators,
            Percentile(ages, 0.5),
            Percentile(ages, 0.95),
            ages.Count > 0 ? ages[^1] : double.NaN,
            Share(colourCorrect, colourCounted),
            Percentile(shows, 0.5),
            Percentile(shows, 0.95),
            shows.Count,
            attempts == 0 ? double.NaN : 1.0 - ((double)collisions / attempts),
            devices.Sum(d => d.Reports) / Math.Max(deviceSeconds, 1),
            OfficerHours(recording.Trace),
            engine.Devices.Count);
    }

    /// <summary>
    /// Each locator replayed over the drill's trace (<see cref="Replay"/>, all devices in one time line) and
    /// scored by <see cref="Scorer"/>, officers and casualties apart. With no casualties the officers' line is
    /// what <c>beacons evaluate</c> prints for the same trace and truth.
    /// </summary>
    public static IReadOnlyList<EstimatorScore> Estimators(ScoringVenue venue, DrillTrace trace, IReadOnlyList<LocatorKind> kinds)
    {
        var officers = trace.Officers.Select(s => s.Device).ToHashSet();
        var truth = trace.Officers.Concat(trace.Casualties).OrderBy(s => s.TMs).ToList();
        return kinds.Select(kind =>
        {
            IReadOnlyList<DeviceAnswers> answers = Replay.Run(trace.Readings, truth, kind);
            return new EstimatorScore(
                Scorer.Score(kind.Name, answers.Where(a => officers.Contains(a.Device)).ToList()),
                Scorer.Score(kind.Name, answers.Where(a => !officers.Contains(a.Device)).ToList()),
                OfficerHours(trace));
        }).ToList();
    }

    private static double OfficerHours(DrillTrace trace) => trace.Officers.Count * Scorer.SampleMs / 3_600_000.0;

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
