using System.Text;

namespace Beacons.Gateway.Review;

/// <summary>
/// The AAR/IP draft (<see cref="ReviewAarHtml"/>) as Markdown, for a controller who finishes the report
/// in a word processor: paste or import it, then edit. The same draft, the same wording.
/// </summary>
public static class ReviewMarkdown
{
    public static string Aar(DrillReview r, TimeZoneInfo? zone = null)
    {
        zone ??= TimeZoneInfo.Local;
        DrillSummary d = r.Drill;
        var m = new StringBuilder();
        m.Append("# After-action report and improvement plan (draft): ").Append(d.ExerciseName).Append("\n\n")
            .Append("## Exercise overview\n\n")
            .Append("- Exercise name: ").Append(d.ExerciseName).Append('\n')
            .Append("- Exercise date: ").Append(ReviewText.Date(d.T0Ms, zone)).Append('\n')
            .Append("- Location: ").Append(d.VenueName).Append('\n')
            .Append("- Duration: ").Append(ReviewText.Duration(d.DurationMs)).Append(d.Speed != 1 ? $" (a simulation compressed {ReviewWording.Speed(d.Speed)})" : "").Append('\n')
            .Append("- Participants: ").Append(ReviewAarHtml.Participants(r)).Append('\n');
        foreach (string remark in d.Remarks)
        {
            m.Append("\n> ").Append(remark).Append('\n');
        }

        m.Append("\n## Objectives and core capabilities\n");
        if (r.Objectives.Count == 0)
        {
            m.Append("\nThe exercise file names no objectives.\n");
        }

        int n = 0;
        foreach (ObjectiveReview o in r.Objectives)
        {
            n++;
            m.Append("\n### Objective ").Append(n).Append(": ").Append(o.Name).Append(" (").Append(ReviewWording.Met(o.Met)).Append(")\n\n")
                .Append("Core capability: ").Append(o.Capability).Append("\n\n| Measure | From the record | Result |\n|---|---|---|\n");
            foreach (MeasureReview x in o.Measures)
            {
                m.Append("| ").Append(Cell(x.Measure)).Append(" | ").Append(Cell(x.Figure)).Append(" | ").Append(ReviewWording.Met(x.Met)).Append(" |\n");
            }

            Items(m, "Observations", o.Observations.Select(x => x.Line));
            Items(m, "Strengths", AarDraft.Strengths(o));
            Items(m, "Areas for improvement", AarDraft.Areas(o));
        }

        m.Append("\n## Safety\n");
        Items(m, "Strengths", AarDraft.SafetyStrengths(r));
        Items(m, "Areas for improvement", AarDraft.SafetyAreas(r));

        m.Append("\n## Improvement plan\n\n| Objective / capability | Issue / area for improvement | Corrective action | Owner | Due date |\n|---|---|---|---|---|\n");
        foreach ((string where, string issue) in ReviewAarHtml.Issues(r))
        {
            m.Append("| ").Append(Cell(where)).Append(" | ").Append(Cell(issue)).Append(" |  |  |  |\n");
        }

        return m.ToString();
    }

    private static void Items(StringBuilder m, string title, IEnumerable<string> items)
    {
        m.Append("\n**").Append(title).Append("**\n\n");
        bool any = false;
        foreach (string item in items)
        {
            m.Append("- ").Append(item).Append('\n');
            any = true;
        }

        if (!any)
        {
            m.Append("- (none drafted)\n");
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
