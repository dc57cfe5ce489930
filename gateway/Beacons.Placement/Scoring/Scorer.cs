namespace Beacons.Placement.Scoring;

/// <summary>The figures of one locator over a trace; the JSON keys are the property names in camelCase.</summary>
public sealed record ScoreLine(
    string Name, double Accuracy, double SettledAccuracy, int Changes, int TrueChanges, int Flaps, int Detected, long DetectP50Ms, long DetectP95Ms);

/// <summary>
/// Scores answers against truth (docs/zones.md, "Scoring a trace"). Every truth sample (100 ms) counts
/// once; an unknown answer is wrong.
/// </summary>
public static class Scorer
{
    public const long SampleMs = 100;

    /// <summary>Samples this soon after a true change are left out of the settled accuracy.</summary>
    public const long SettleMs = 5000;

    /// <summary>A shown change is a flap when the truth was not in the new zone within this long either side.</summary>
    public const long FlapWindowMs = 10000;

    public static ScoreLine Score(string name, IReadOnlyList<DeviceAnswers> devices)
    {
        int samples = 0, right = 0, settled = 0, settledRight = 0, changes = 0, trueChanges = 0, flaps = 0;
        var delays = new List<long>();
        foreach (DeviceAnswers d in devices)
        {
            IReadOnlyList<TruthSample> truth = d.Truth;
            byte[] answers = d.Answers;
            long lastTrueChange = long.MinValue;
            byte shown = 0;
            for (int i = 0; i < truth.Count; i++)
            {
                long t = truth[i].TMs;
                if (i > 0 && truth[i].Zone != truth[i - 1].Zone)
                {
                    trueChanges++;
                    lastTrueChange = t;
                    long? delay = DetectionDelay(truth, answers, i);
                    if (delay.HasValue)
                    {
                        delays.Add(delay.Value);
                    }
                }

                bool ok = answers[i] == truth[i].Zone;
                samples++;
                right += ok ? 1 : 0;
                if (lastTrueChange == long.MinValue || t - lastTrueChange >= SettleMs)
                {
                    settled++;
                    settledRight += ok ? 1 : 0;
                }

                byte a = answers[i];
                if (a != 0 && shown != 0 && a != shown)
                {
                    changes++;
                    if (!TruthVisits(truth, a, t))
                    {
                        flaps++;
                    }
                }

                if (a != 0)
                {
                    shown = a;
                }
            }
        }

        delays.Sort();
        return new ScoreLine(
            name,
            samples == 0 ? 0 : (double)right / samples,
            settled == 0 ? 0 : (double)settledRight / settled,
            changes,
            trueChanges,
            flaps,
            delays.Count,
            Percentile(delays, 0.50),
            Percentile(delays, 0.95));
    }

    // A true change at sample i into zone Z is detected when the answer is Z at some sample from i until
    // the truth changes again; the delay is to the first such sample (0 when it already showed Z).
    private static long? DetectionDelay(IReadOnlyList<TruthSample> truth, byte[] answers, int i)
    {
        byte zone = truth[i].Zone;
        for (int j = i; j < truth.Count && truth[j].Zone == zone; j++)
        {
            if (answers[j] == zone)
            {
                return truth[j].TMs - truth[i].TMs;
            }
        }

        return null;
    }

    private static bool TruthVisits(IReadOnlyList<TruthSample> truth, byte zone, long t)
    {
        foreach (TruthSample s in truth)
        {
            if (s.TMs >= t - FlapWindowMs && s.TMs <= t + FlapWindowMs && s.Zone == zone)
            {
                return true;
            }
        }

        return false;
    }

    // Nearest rank; 0 when nothing was detected.
    private static long Percentile(List<long> sorted, double q) =>
        sorted.Count == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
