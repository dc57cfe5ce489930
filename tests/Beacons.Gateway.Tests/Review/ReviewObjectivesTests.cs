using System.Net;
using System.Text.Json.Nodes;
using Beacons.Gateway.Record;
using Beacons.Gateway.Review;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Review;

/// <summary>
/// The exercise file's objectives, measured against <see cref="ScriptedDrill"/> (its comment has the story),
/// and the HSEEP AAR/IP draft the printed report opens with.
/// </summary>
public class ReviewObjectivesTests
{
    private const string Objectives = """
        [
          { "name": "Rapid entry", "capability": "On-scene Security, Protection, and Law Enforcement",
            "measures": [ { "measure": "first-entry", "role": "rtf", "zoneStatus": "warm", "withinMs": 600000 },
                          { "measure": "first-entry", "role": "rtf-medic", "zoneStatus": "hot", "withinMs": 60000 } ] },
          { "name": "Unified command", "capability": "Operational Coordination",
            "measures": [ { "measure": "annotated", "type": "unified-command", "withinMs": 120000 } ] },
          { "name": "Casualty care", "capability": "Public Health, Healthcare, and Emergency Medical Services",
            "measures": [ { "measure": "triage", "colour": "red", "withinMs": 600000 },
                          { "measure": "red-to-ccp", "withinMs": 300000 },
                          { "measure": "casualties-at-ccp", "withinMs": 600000 } ] },
          { "name": "Task force", "capability": "Operational Coordination",
            "measures": [ { "measure": "annotated", "type": "rtf-assembled", "withinMs": 600000 } ] }
        ]
        """;

    private static Exercise WithObjectives()
    {
        JsonObject json = TestDrill.ExerciseJson();
        json["objectives"] = JsonNode.Parse(Objectives);
        return ExerciseFile.Parse(json.ToJsonString(), "exercise.json");
    }

    /// <summary>The scripted drill with two observations: one naming an objective, one not.</summary>
    private static List<DrillEvent> Events(double? speed = null)
    {
        List<DrillEvent> events = ScriptedDrill.Events();
        if (speed != null)
        {
            events[0] = events[0] with { Body = new ExerciseOpened(42, "Spring drill", "Test school", speed) };
        }

        int i = events.FindIndex(e => e.AtMs > ScriptedDrill.At(200));
        events.Insert(i, new DrillEvent(0, ScriptedDrill.At(200), new Annotation("observation", "Medic waited at the door for cover", Objective: "casualty care")));
        events.Insert(i, new DrillEvent(0, ScriptedDrill.At(200), new Annotation("observation", "Radio traffic heavy")));
        return events;
    }

    private static DrillReview Review(double? speed = null) => ReviewFold.Of(TestDrill.Venue(), WithObjectives(), Events(speed));

    [Fact]
    public void Each_measure_is_met_or_not_from_the_record_and_unknown_when_it_cannot_tell()
    {
        DrillReview r = Review();
        Assert.Equal(new[] { "Rapid entry", "Unified command", "Casualty care", "Task force" }, r.Objectives.Select(o => o.Name));

        // 102 (rtf-officer) into the warm Library at +90: within 10 min. 103 (medic) into the hot corridor at +120: not within 60 s.
        ObjectiveReview entry = r.Objectives[0];
        Assert.Equal((true, "+1:30, Ofc. B. Lee in Library"), (entry.Measures[0].Met, entry.Measures[0].Figure));
        Assert.Equal("First RTF member in a warm zone within 10 min of T0", entry.Measures[0].Measure);
        Assert.Equal((false, 120_000L), (entry.Measures[1].Met, entry.Measures[1].SinceT0Ms));
        Assert.False(entry.Met);

        Assert.True(r.Objectives[1].Met); // unified-command annotated at +100

        // Red at the end: 501 (first commit +152) and 502 (first commit, yellow, +250): all tagged by +250.
        // Red to the CCP: 268 s and 270 s, within 5 min. All three at the CCP: the last at +660, not within 10 min.
        MeasureReview[] care = [.. r.Objectives[2].Measures];
        Assert.Equal((true, 250_000L), (care[0].Met, care[0].SinceT0Ms));
        Assert.Equal((true, 270_000L), (care[1].Met, care[1].SinceT0Ms));
        Assert.Equal((false, 660_000L), (care[2].Met, care[2].SinceT0Ms));
        Assert.False(r.Objectives[2].Met);

        // rtf-assembled was never annotated: the record cannot tell.
        Assert.Null(r.Objectives[3].Met);
        Assert.Null(r.Objectives[3].Measures[0].Met);

        // The observation naming "casualty care" (case aside) sits under it; the other is not under any objective.
        Assert.Equal("Medic waited at the door for cover", Assert.Single(r.Objectives[2].Observations).Text);
        Assert.Equal(2, r.Observations.Count);
        Assert.Empty(r.Objectives[0].Observations);
    }

    [Fact]
    public void A_sped_up_drill_judges_no_measure()
    {
        DrillReview r = Review(speed: 10);
        Assert.All(r.Objectives.SelectMany(o => o.Measures), m => Assert.Null(m.Met));
        Assert.Contains("compressed 10×: not judged", r.Objectives[0].Measures[0].Figure);
    }

    [Fact]
    public void The_report_opens_with_an_editable_AAR_IP_draft()
    {
        string html = WebUtility.HtmlDecode(ReviewHtml.Render(Review(), TimeZoneInfo.Utc));
        int aar = html.IndexOf("After-action report and improvement plan (draft)", StringComparison.Ordinal);
        Assert.True(aar > 0 && aar < html.IndexOf("<h2>Key times</h2>", StringComparison.Ordinal));
        Assert.Contains("Objective 1: Rapid entry — <span class=\"notmet\">not met</span>", html);
        Assert.Contains("Core capability: Operational Coordination", html);
        Assert.Contains("+3:20 Medic waited at the door for cover", html);
        Assert.Contains("Other observations", html);

        // Strengths and areas are drafted from the measures and the findings, editable, and the areas fill the plan.
        Assert.Contains("<ul contenteditable=\"true\">\n<li>First RTF member in a warm zone within 10 min of T0: +1:30, Ofc. B. Lee in Library.</li>", html);
        Assert.Contains("RTF medic Medic C. Diaz was in East corridor while it was hot for 1 min 20 s", html);
        string plan = html[html.IndexOf("<h3>Improvement plan</h3>", StringComparison.Ordinal)..];
        Assert.Contains("<td contenteditable=\"true\">Rapid entry (On-scene Security, Protection, and Law Enforcement)</td><td contenteditable=\"true\">First rtf-medic in a hot zone within 1 min of T0: not met", plan);
        Assert.Contains("<th>Corrective action</th><th>Owner</th><th>Due date</th>", plan);
    }

    [Fact]
    public void The_draft_is_also_written_as_markdown()
    {
        string md = ReviewMarkdown.Aar(Review(), TimeZoneInfo.Utc);
        Assert.StartsWith("# After-action report and improvement plan (draft): Spring drill", md);
        Assert.Contains("### Objective 1: Rapid entry (not met)", md);
        Assert.Contains("| First RTF member in a warm zone within 10 min of T0 | +1:30, Ofc. B. Lee in Library | met |", md);
        Assert.Contains("- +3:20 Medic waited at the door for cover", md);
        Assert.Contains("| Rapid entry (On-scene Security, Protection, and Law Enforcement) | First rtf-medic in a hot zone within 1 min of T0: not met", md);
    }

    [Fact]
    public void Objectives_are_checked_in_the_exercise_file_and_kept_without_the_keys()
    {
        Exercise exercise = WithObjectives();
        Exercise kept = ExerciseFile.ParseWithoutKeys(ExerciseFile.FormatWithoutKeys(exercise), "kept");
        Assert.Equal(exercise.Objectives.Select(o => (o.Name, o.Capability)), kept.Objectives.Select(o => (o.Name, o.Capability)));
        Assert.Equal(exercise.Objectives.SelectMany(o => o.Measures), kept.Objectives.SelectMany(o => o.Measures));

        JsonObject bad = TestDrill.ExerciseJson();
        bad["objectives"] = JsonNode.Parse("""
            [ { "name": "X", "capability": "Y", "measures": [
                { "measure": "first-entry", "role": "sniper", "zoneStatus": "lukewarm", "withinMs": 1 },
                { "measure": "fastest", "withinMs": 1 },
                { "measure": "triage", "colour": "blue" },
                { "measure": "red-to-ccp", "withinMs": 1, "count": 2 } ] } ]
            """);
        ConfigFileException e = Assert.Throws<ConfigFileException>(() => ExerciseFile.Parse(bad.ToJsonString(), "exercise.json"));
        string problems = string.Join("\n", e.Errors);
        foreach (string problem in new[] { "unknown role \"sniper\"", "unknown zone status \"lukewarm\"", "unknown measure \"fastest\"", "unknown colour \"blue\"", "measures[2].withinMs", "measures[3].count" })
        {
            Assert.Contains(problem, problems);
        }
    }
}
