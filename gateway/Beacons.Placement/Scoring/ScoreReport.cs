using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Beacons.Placement.Scoring;

/// <summary>Prints score lines as one table, or writes them as one JSON object (<c>{"estimators":[...]}</c>).</summary>
public static class ScoreReport
{
    public static IReadOnlyList<ScoreLine> ScoreAll(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, IEnumerable<LocatorKind> kinds) =>
        kinds.Select(k => Scorer.Score(k.Name, Replay.Run(trace, truth, k))).ToList();

    public static string Table(IEnumerable<ScoreLine> lines)
    {
        var text = new StringBuilder();
        text.AppendLine("estimator            accuracy  settled  changes (truth)  flaps  detected  detect p50 / p95 (s)");
        foreach (ScoreLine l in lines)
        {
            text.AppendLine(string.Format(
                CultureInfo.InvariantCulture,
                "{0,-20} {1,7:0.0}%  {2,6:0.0}%  {3,7} ({4,5})  {5,5}  {6,8}  {7,8:0.0} / {8:0.0}",
                l.Name, l.Accuracy * 100, l.SettledAccuracy * 100, l.Changes, l.TrueChanges, l.Flaps, l.Detected, l.DetectP50Ms / 1000.0, l.DetectP95Ms / 1000.0));
        }

        return text.ToString();
    }

    public static string Json(IEnumerable<ScoreLine> lines) => JsonSerializer.Serialize(
        new { estimators = lines.ToList() },
        new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
}
