using System.Globalization;
using Beacons.Placement;
using Beacons.Placement.Scoring;

namespace Beacons.ZoneEval;

/// <summary>
/// Whether a zone survey pays, judged on the survey alone (docs/zones.md, "A zone survey"): each of its groups (a walk,
/// a cell) is replayed with a survey learned from the other groups and, beside it, with the live fit without one; the
/// survey is used when its accuracy there is higher by <see cref="Margin"/>. A survey whose groups do not carry to one
/// another (walks hours apart whose levels shift) should say so before it is used on the trace scored. The survey must lead on
/// both accuracy and settled accuracy: a survey that holds a still device better but moves late leads on the first only.
/// And its devices must have stood still (each device of its truth in one zone, as UCI's visits): on the flat's walks the
/// lead on the other walks did not carry to the walk scored (docs/zones.md, "A zone survey"), and the survey fit's move
/// chance is a still device's.
/// </summary>
public static class SurveyCheck
{
    /// <summary>The lead over the fit without the survey it must show on its own groups: a point of accuracy and one of settled accuracy.</summary>
    public const double Margin = 0.01;

    /// <param name="With">Accuracy and settled accuracy with the survey, pooled over the groups.</param>
    /// <param name="Wins">Groups where the survey's accuracy is higher, and lower.</param>
    /// <param name="Still">Every device of the survey stood in one zone.</param>
    public sealed record Verdict(bool On, bool Still, (double Accuracy, double Settled) With, (double Accuracy, double Settled) Without, int Wins, int Losses);

    /// <param name="kind">The locator with a survey, or without one (null).</param>
    public static Verdict Decide(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, Func<int, int> group, long stepMs,
        Func<ZoneSurvey?, LocatorKind> kind)
    {
        var with = PositionFitRun.LeaveOneOut(trace, truth, group, (t, s) => kind(ZoneSurvey.Learn(t, s, stepMs)));
        var without = PositionFitRun.LeaveOneOut(trace, truth, group, (_, _) => kind(null));
        var a = Scorer.Score("with", with);
        var b = Scorer.Score("without", without);
        int wins = 0, losses = 0;
        foreach (var g in with.Select(d => group(d.Device)).Distinct())
        {
            double ga = Scorer.Score("with", with.Where(d => group(d.Device) == g).ToList()).Accuracy;
            double gb = Scorer.Score("without", without.Where(d => group(d.Device) == g).ToList()).Accuracy;
            wins += ga > gb ? 1 : 0;
            losses += ga < gb ? 1 : 0;
        }

        bool still = truth.GroupBy(t => t.Device).All(d => d.Select(t => t.Zone).Distinct().Count() == 1);
        bool leads = a.Accuracy >= b.Accuracy + Margin && a.SettledAccuracy >= b.SettledAccuracy + Margin;
        return new Verdict(still && leads, still, (a.Accuracy, a.SettledAccuracy), (b.Accuracy, b.SettledAccuracy), wins, losses);
    }

    public static void Report(string what, Verdict v)
    {
        lock (Console.Error)
        {
            Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "survey check {0}: {1}{8} ({2:0.0} / {3:0.0} % with, {4:0.0} / {5:0.0} % without; groups won {6}, lost {7})",
                what, v.On ? "on" : "off", v.With.Accuracy * 100, v.With.Settled * 100, v.Without.Accuracy * 100, v.Without.Settled * 100, v.Wins, v.Losses, v.Still ? "" : ", the survey's devices moved"));
        }
    }
}
