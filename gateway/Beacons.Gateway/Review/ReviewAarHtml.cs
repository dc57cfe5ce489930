using System.Net;
using System.Text;
using Beacons.Venue;

namespace Beacons.Gateway.Review;

/// <summary>
/// The opening of the printed report: a draft after-action report and improvement plan in the HSEEP
/// AAR/IP form (exercise overview, objectives with their core capabilities and measures, observations,
/// strengths and areas for improvement, improvement plan). The drafted text is editable in the browser
/// (contenteditable, no script) so the controller corrects it before printing; edits are not saved.
/// </summary>
public static class ReviewAarHtml
{
    public const string Style = """
        [contenteditable] { outline: 1px dashed var(--line); outline-offset: 1px; min-height: 1.2em; }
        [contenteditable]:focus { outline: 2px solid var(--focus); background: var(--caveat); }
        .met { color: var(--green-ink); font-weight: bold; }
        .notmet { color: var(--red-ink); font-weight: bold; }
        .cannot-tell { color: var(--muted); font-weight: bold; }
        .objective { border-left: 4px solid var(--drill); padding: 0 0 0 10px; margin: 12px 0 18px; }
        .plan td { height: 1.6em; }
        @media print { [contenteditable] { outline: none; background: none; } .screen { display: none; } }
        """;

    public static void Render(StringBuilder h, DrillReview r, TimeZoneInfo zone)
    {
        DrillSummary d = r.Drill;
        h.Append("<section id=\"aar\">\n<h2>After-action report and improvement plan (draft)</h2>\n")
            .Append("<p class=\"caveat screen\">A draft from the drill record in the HSEEP AAR/IP form. Text with a dashed outline can be edited here before printing; edits are not saved.</p>\n");

        List<string> agencies = r.Officers.Where(o => o.Listed && !string.IsNullOrWhiteSpace(o.Agency)).Select(o => o.Agency!).Distinct().Order().ToList();
        h.Append("<h3>Exercise overview</h3>\n<dl class=\"facts\">")
            .Append("<dt>Exercise name</dt><dd>").Append(E(d.ExerciseName)).Append("</dd>")
            .Append("<dt>Exercise date</dt><dd>").Append(E(ReviewText.Date(d.T0Ms, zone))).Append("</dd>")
            .Append("<dt>Location</dt><dd>").Append(E(d.VenueName)).Append("</dd>")
            .Append("<dt>Duration</dt><dd>").Append(ReviewText.Duration(d.DurationMs)).Append(d.Speed != 1 ? $" (a simulation compressed {E(ReviewWording.Speed(d.Speed))})" : "").Append("</dd>")
            .Append("<dt>Scope and scenario</dt><dd contenteditable=\"true\">Full-scale active-shooter drill with an integrated police/EMS rescue task force response.</dd>")
            .Append("<dt>Participating organizations</dt><dd contenteditable=\"true\">").Append(agencies.Count > 0 ? E(string.Join(", ", agencies)) : "").Append("</dd>")
            .Append("<dt>Participants</dt><dd>").Append(E(Participants(r))).Append("</dd>")
            .Append("<dt>Point of contact</dt><dd contenteditable=\"true\"></dd>")
            .Append("</dl>\n");

        h.Append("<h3>Objectives and core capabilities</h3>\n");
        if (r.Objectives.Count == 0)
        {
            h.Append("<p class=\"none\">The exercise file names no objectives (docs/venue.md, \"Objectives\"), so none is measured.</p>\n");
        }

        int n = 0;
        foreach (ObjectiveReview o in r.Objectives)
        {
            n++;
            h.Append("<div class=\"objective keep\">\n<h4>Objective ").Append(n).Append(": ").Append(E(o.Name)).Append(" — ").Append(Met(o.Met)).Append("</h4>\n")
                .Append("<p>Core capability: ").Append(E(o.Capability)).Append("</p>\n")
                .Append("<table>\n<tr><th>Measure</th><th>From the record</th><th>Result</th></tr>\n");
            foreach (MeasureReview m in o.Measures)
            {
                h.Append("<tr><td>").Append(E(m.Measure)).Append("</td><td>").Append(E(m.Figure)).Append("</td><td>").Append(Met(m.Met)).Append("</td></tr>\n");
            }

            h.Append("</table>\n");
            Observations(h, "Observations", o.Observations);
            List(h, "Strengths", AarDraft.Strengths(o));
            List(h, "Areas for improvement", AarDraft.Areas(o));
            h.Append("</div>\n");
        }

        Observations(h, r.Objectives.Count > 0 ? "Other observations" : "Observations", r.Observations.Where(x => !r.Objectives.Any(o => o.Observations.Contains(x))).ToList());
        h.Append("<h3>Safety</h3>\n");
        List(h, "Strengths", AarDraft.SafetyStrengths(r));
        List(h, "Areas for improvement", AarDraft.SafetyAreas(r));

        h.Append("<h3>Improvement plan</h3>\n<table class=\"plan\">\n<tr><th>Objective / capability</th><th>Issue / area for improvement</th><th>Corrective action</th><th>Owner</th><th>Due date</th></tr>\n");
        foreach ((string where, string issue) in Issues(r).Concat(Enumerable.Repeat(("", ""), 3)))
        {
            h.Append("<tr><td contenteditable=\"true\">").Append(E(where)).Append("</td><td contenteditable=\"true\">").Append(E(issue))
                .Append("</td><td contenteditable=\"true\"></td><td contenteditable=\"true\"></td><td contenteditable=\"true\"></td></tr>\n");
        }

        h.Append("</table>\n</section>\n");
    }

    /// <summary>The improvement plan's rows: each area for improvement, with its objective and capability (or "Safety").</summary>
    public static IEnumerable<(string Where, string Issue)> Issues(DrillReview r) =>
        r.Objectives.SelectMany(o => AarDraft.Areas(o).Select(a => ($"{o.Name} ({o.Capability})", a)))
            .Concat(AarDraft.SafetyAreas(r).Select(a => ("Safety", a)));

    /// <summary>Who took part: officers by role, and the casualties heard.</summary>
    public static string Participants(DrillReview r)
    {
        var byRole = r.Officers.Where(o => o.Listed || o.Heard).GroupBy(o => WireNames.Of(o.Role)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        return $"{ReviewWording.Officers(r.Officers.Count(o => o.Listed || o.Heard))} ({string.Join(", ", byRole)}); {ReviewWording.Casualties(r.Casualties.Count(c => c.Heard))} heard";
    }

    private static void Observations(StringBuilder h, string title, IReadOnlyList<Observation> observations)
    {
        h.Append("<p><b>").Append(E(title)).Append("</b></p>\n");
        if (observations.Count == 0)
        {
            h.Append("<p class=\"none\">No evaluator observation names it.</p>\n");
            return;
        }

        h.Append("<ul>\n");
        foreach (Observation x in observations)
        {
            h.Append("<li>").Append(E(x.Line)).Append("</li>\n");
        }

        h.Append("</ul>\n");
    }

    private static void List(StringBuilder h, string title, List<string> items)
    {
        h.Append("<p><b>").Append(E(title)).Append("</b></p>\n<ul contenteditable=\"true\">\n");
        foreach (string item in items.DefaultIfEmpty(""))
        {
            h.Append("<li>").Append(E(item)).Append("</li>\n");
        }

        h.Append("</ul>\n");
    }

    private static string Met(bool? met) =>
        $"<span class=\"{met switch { true => "met", false => "notmet", null => "cannot-tell" }}\">{E(ReviewWording.Met(met))}</span>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
