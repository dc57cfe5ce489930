using System.Globalization;
using Beacons.Placement;
using Beacons.Placement.Scoring;

namespace Beacons.ZoneEval;

/// <summary>
/// The survey-based method (<see cref="FingerprintLocator"/>) scored where a survey exists, beside every
/// baseline: the flat walks with the other three walks as the survey (leave one walk out), and the UCI
/// floor with the other cells as the survey (leave one cell out); and the position fit with the same survey's receiver
/// offsets, and with them and a <see cref="ZoneSurvey"/> (<see cref="SurveyFit"/>). <c>--survey</c>; <c>--survey-try</c>
/// prints one line per fingerprint variant "k,smoothing,margin,alpha".
/// </summary>
public static class SurveyRun
{
    public const int K = 15;
    public const double Smoothing = 0.3;
    public const double Margin = 0.2;
    public const double Alpha = 0.1;

    /// <summary>
    /// The position fit with a zone survey (docs/zones.md, "A zone survey"), the <c>survey-fit</c> lines: the survey's
    /// weight, its levels' weight, its zone shares at a device's first step, a still device's move chance, and the
    /// check that it pays on the survey itself (else the live fit's defaults), beside the survey's receiver offsets.
    /// </summary>
    public const string SurveyFit = "SurveyWeight=0.7,SurveyLevelWeight=1,SurveyPrior=1,MoveChance=0.001,SurveyCheck=1";

    public static int Run(string flatDir, string uciDir, string? variants)
    {
        var flat = TraceSet.Read(flatDir);
        ScoringVenue venue = flat.Venue;
        var (uci, uciFit, _) = PositionFitRun.ReadUci(uciDir);
        var flatWalk = flat.Truth.Select(s => s.Device).Distinct().ToDictionary(d => d, d => d);
        if (variants != null)
        {
            foreach (string v in variants.Split(';'))
            {
                double[] p = v.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                var f = Score("flat", flat.Trace, flat.Truth, venue, flatWalk, (int)p[0], p[1], p[2], p[3]);
                var u = Score("uci", uci.Trace, uci.Truth, uci.Venue, uci.VisitCells, (int)p[0], p[1], p[2], p[3]);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                    "{0,-24} flat {1:0.0}/{2:0.0} ch{3} fl{4} d{5} p50 {6:0.0} | uci {7:0.0} ch{8}",
                    v, f.Accuracy * 100, f.SettledAccuracy * 100, f.Changes, f.Flaps, f.Detected, f.DetectP50Ms / 1000.0, u.Accuracy * 100, u.Changes));
            }

            return 0;
        }

        // The position fit with receiver offsets learned from the same survey (docs/zones.md, "Position fit").
        var fit = new PositionFitSettings();
        // One map for the flat's two fit lines: its distance and wall tables are made once per map.
        var flatFit = PositionFitMap.From(venue.Venue!, PositionFitRun.GridStep);
        Console.WriteLine("Flat walks, leave one walk out: the survey is the other three walks (trace and truth).");
        Console.Write(ScoreReport.Table([.. ScoreReport.ScoreAll(flat.Trace, flat.Truth, Locators.All(venue)),
            Score("survey", flat.Trace, flat.Truth, venue, flatWalk, K, Smoothing, Margin, Alpha),
            Scorer.Score("position-fit", PositionFitRun.Calibrated(flat.Trace, flat.Truth, venue,
                PositionFitRun.Kind("position-fit", venue, flatFit, fit), d => flatWalk[d])),
            Scorer.Score("survey-fit", PositionFitRun.Surveyed(SurveyFit, flat.Trace, flat.Truth, venue, flatFit, d => flatWalk[d]))]));
        Console.WriteLine();
        Console.WriteLine("UCI floor, leave one cell out: the survey is every other cell's visits.");
        Console.Write(ScoreReport.Table([.. ScoreReport.ScoreAll(uci.Trace, uci.Truth, Locators.All(uci.Venue)),
            Score("survey", uci.Trace, uci.Truth, uci.Venue, uci.VisitCells, K, Smoothing, Margin, Alpha),
            Scorer.Score("position-fit", PositionFitRun.Calibrated(uci.Trace, uci.Truth, uci.Venue,
                PositionFitRun.Kind("position-fit", uci.Venue, uciFit, fit), d => uci.VisitCells[d])),
            Scorer.Score("survey-fit", PositionFitRun.Surveyed(SurveyFit, uci.Trace, uci.Truth, uci.Venue, uciFit, d => uci.VisitCells[d]))]));
        return 0;
    }

    /// <summary>Each group of devices (a walk, a cell) located with a survey of all the others, pooled.</summary>
    private static ScoreLine Score(string name, IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, ScoringVenue venue,
        IReadOnlyDictionary<int, int> group, int k, double smoothing, double margin, double alpha)
    {
        var receivers = venue.ReceiverZones.Keys.OrderBy(r => r).ToList();
        var answers = new List<DeviceAnswers>();
        foreach (var held in truth.Select(s => group[s.Device]).Distinct())
        {
            var survey = FingerprintSurvey.Learn(
                trace.Where(r => group[r.Device] != held).ToList(), truth.Where(s => group[s.Device] != held).ToList(), receivers, alpha);
            var kind = Locators.PerDevice(name, venue, () => new FingerprintLocator(survey, k, smoothing, margin, 20000));
            answers.AddRange(Replay.Run(trace.Where(r => group[r.Device] == held).ToList(), truth.Where(s => group[s.Device] == held).ToList(), kind));
        }

        return Scorer.Score(name, answers);
    }
}
