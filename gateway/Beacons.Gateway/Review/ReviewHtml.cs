using System.Net;
using System.Text;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Review;

/// <summary>
/// The review as one printable HTML page: tables and inline SVG charts, its styles inside, no script
/// and nothing fetched, so it opens from a USB stick on a laptop without network and prints as is.
/// </summary>
public static class ReviewHtml
{
    private const string Style = """
        body { font-family: Helvetica, Arial, sans-serif; font-size: 13px; color: var(--ink); margin: 24px auto; max-width: 1150px; padding: 0 12px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 18px; border-bottom: 2px solid var(--ink); padding-bottom: 3px; margin-top: 32px; }
        h3 { font-size: 14px; margin: 18px 0 6px; }
        .sub { font-size: 15px; color: var(--muted); margin: 0 0 10px; }
        dl.facts { display: grid; grid-template-columns: max-content auto; gap: 2px 14px; margin: 8px 0; }
        dl.facts dt { font-weight: bold; }
        dl.facts dd { margin: 0; }
        .remark { background: var(--remark); border-left: 4px solid var(--remark-edge); padding: 4px 8px; margin: 4px 0; }
        .caveat { font-size: 12px; color: var(--muted); background: var(--caveat); border-left: 4px solid var(--drill); padding: 4px 8px; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; }
        th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--rule); vertical-align: top; }
        th { background: var(--shade); font-size: 12px; }
        td.t, th.t { white-space: nowrap; font-variant-numeric: tabular-nums; }
        .none { color: var(--muted); font-style: italic; }
        tr.minute { border-top: 2px solid var(--line); }
        .legend span { display: inline-block; margin-right: 14px; font-size: 12px; }
        .legend i { display: inline-block; width: 12px; height: 12px; vertical-align: -2px; margin-right: 4px; border: 1px solid var(--line); }
        .ok { color: var(--green); }
        .finding { color: var(--red-ink); font-weight: bold; }
        svg.chart { display: block; margin: 6px 0 4px; }
        svg.chart[id^="floor-"] { max-height: 560px; }
        .hot { fill: var(--hot); background: var(--hot); } .on-hot { fill: var(--hot-text); }
        .warm { fill: var(--warm); background: var(--warm); } .on-warm { fill: var(--warm-text); }
        .cold { fill: var(--cold); background: var(--cold); } .on-cold { fill: var(--cold-text); }
        .unknown { fill: var(--unknown); background: var(--unknown); } .on-unknown { fill: var(--unknown-text); }
        .red { fill: var(--red); background: var(--red); }
        .yellow { fill: var(--yellow); background: var(--yellow); }
        .green { fill: var(--green); background: var(--green); }
        .black { fill: var(--black); background: var(--black); }
        .untagged { fill: var(--untagged); background: var(--untagged); }
        .bar { stroke: var(--paper); } .triage { stroke: var(--line); }
        .gap-ground { fill: var(--paper); } .gap-line { stroke: var(--ink); }
        .sos { fill: var(--red-ink); stroke: var(--paper); } .at-ccp { fill: var(--ink); stroke: var(--paper); }
        .drill { fill: var(--drill); } .reference { fill: var(--reference); }
        .key-line { stroke: var(--ink); } .key-dot { fill: var(--ink); } .key-number { fill: var(--paper); }
        .grid { stroke: var(--rule); } text.note { fill: var(--muted); }
        footer { margin-top: 36px; font-size: 11px; color: var(--muted); border-top: 1px solid var(--line); padding-top: 6px; }
        @media screen and (max-width: 640px) {
          body { margin: 10px auto; padding: 0 8px; }
          table { display: block; overflow-x: auto; }
          dl.facts { grid-template-columns: 1fr; }
          dl.facts dd { margin-bottom: 4px; }
        }
        @page { size: A4 landscape; margin: 12mm; }
        @media print {
          body { margin: 0; max-width: none; font-size: 11px; }
          h2 { break-after: avoid; }
          tr, .keep { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
        }
        """;

    /// <param name="plans">The venue's floors to draw, plan images embedded (<see cref="ReportPlans.For"/>); null: no floor drawings.</param>
    public static string Render(DrillReview r, TimeZoneInfo? zone = null, ReportPlans? plans = null)
    {
        zone ??= TimeZoneInfo.Local;
        DrillSummary d = r.Drill;
        var h = new StringBuilder(64 * 1024);
        h.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>After-action review: ")
            .Append(E(d.ExerciseName)).Append("</title>\n<style>\n").Append(ReportPalette.Css).Append(Style).Append(ReviewAarHtml.Style).Append("</style>\n</head>\n<body>\n");

        h.Append("<header>\n<h1>After-action review</h1>\n<p class=\"sub\">").Append(E(d.ExerciseName)).Append(" (exercise ").Append(d.ExerciseId).Append(") at ").Append(E(d.VenueName)).Append("</p>\n")
            .Append("<dl class=\"facts\">")
            .Append("<dt>T0</dt><dd>").Append(E(ReviewText.Date(d.T0Ms, zone))).Append(d.ClockStarted ? " (exercise clock started)" : " (first event: the clock was never started)").Append("</dd>")
            .Append("<dt>End</dt><dd>").Append(E(ReviewText.Clock(d.EndMs, zone))).Append(", ").Append(ReviewText.Offset(d.DurationMs)).Append(d.ClockStopped ? " (clock stopped)" : " (last event of the record)").Append("</dd>")
            .Append("<dt>Drill length</dt><dd>").Append(ReviewText.Duration(d.DurationMs))
            .Append(d.Speed != 1 ? $" <span class=\"finding\">compressed {E(ReviewWording.Speed(d.Speed))}: a simulation of about {E(ReviewText.Duration((long)(d.DurationMs * d.Speed)))} of drill time</span>" : "").Append("</dd>")
            .Append("<dt>Record</dt><dd>").Append(d.Events).Append(" events during the drill; ")
            .Append(r.Officers.Count(o => o.Heard)).Append(" officers and ").Append(r.Casualties.Count(c => c.Heard)).Append(" casualties heard</dd>")
            .Append("</dl>\n");
        foreach (string remark in d.Remarks)
        {
            h.Append("<p class=\"remark\">").Append(E(remark)).Append("</p>\n");
        }

        h.Append("<p>Every time below counts from T0 (+m:ss). Clock times are ").Append(E(zone.Id == "UTC" ? "UTC" : "local time")).Append(".</p>\n</header>\n");

        ReviewAarHtml.Render(h, r, zone);
        KeyTimes(h, r, zone);
        Zones(h, r, plans);
        Officers(h, r);
        Casualties(h, r);
        Safety(h, r);
        Timeline(h, r);

        h.Append("<footer>Made by <code>beacons report</code> from the drill record (docs/review.md says how each figure is computed). ")
            .Append(E(ReferenceFigures.Source)).Append(".</footer>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void KeyTimes(StringBuilder h, DrillReview r, TimeZoneInfo zone)
    {
        long t0 = r.Drill.T0Ms;
        h.Append("<section id=\"key-times\">\n<h2>Key times</h2>\n<table>\n<tr><th>#</th><th>Key time</th><th class=\"t\">Since T0</th><th class=\"t\">Clock</th><th>Detail</th><th class=\"t\">Reference median*</th></tr>\n");
        int n = 0;
        foreach (KeyTime k in r.KeyTimes)
        {
            n++;
            ReferenceComparison? reference = r.References.FirstOrDefault(x => x.KeyTime == k.Id);
            h.Append("<tr><td>").Append(n).Append("</td><td>").Append(E(k.Label)).Append("</td>");
            if (k.AtMs is long at)
            {
                h.Append("<td class=\"t\">").Append(ReviewText.Offset(at - t0)).Append("</td><td class=\"t\">").Append(ReviewText.Clock(at, zone)).Append("</td><td>").Append(E(k.Detail)).Append("</td>");
            }
            else
            {
                h.Append("<td class=\"t none\">not reached</td><td></td><td class=\"none\">").Append(E(k.Detail)).Append("</td>");
            }

            h.Append("<td class=\"t\">").Append(reference != null ? $"{ReviewText.Minutes(reference.ReferenceMinutes)} min ({E(reference.Measure)})" : "").Append("</td></tr>\n");
        }

        h.Append("</table>\n<p class=\"caveat\">* ").Append(E(ReferenceFigures.Caveat)).Append(' ').Append(E(ReferenceFigures.Source)).Append(".</p>\n");
        h.Append("<h3>Beside the references</h3>\n<div class=\"keep\">").Append(ReviewCharts.References(r)).Append("</div>\n<table>\n<tr><th>Reference measure</th><th class=\"t\">Median (from dispatch)</th><th class=\"t\">This drill (from T0)</th><th>Measured here as</th></tr>\n");
        foreach (ReferenceComparison c in r.References)
        {
            h.Append("<tr><td>").Append(E(c.Measure)).Append("</td><td class=\"t\">").Append(ReviewText.Minutes(c.ReferenceMinutes)).Append(" min</td><td class=\"t\">")
                .Append(c.DrillMinutes is double m ? ReviewText.Minutes(m) + " min"
                    : r.Drill.Speed != 1 ? $"<span class=\"none\">not compared: times compressed {E(ReviewWording.Speed(r.Drill.Speed))}</span>" : "<span class=\"none\">not measured</span>").Append("</td><td>").Append(E(c.How)).Append("</td></tr>\n");
        }

        h.Append("</table>\n</section>\n");
    }

    private static void Zones(StringBuilder h, DrillReview r, ReportPlans? plans)
    {
        long t0 = r.Drill.T0Ms;
        h.Append("<section id=\"zones\">\n<h2>Zones</h2>\n");
        StatusLegend(h);
        Floors(h, r, plans);
        h.Append("<div class=\"keep\">").Append(ReviewCharts.Zones(r)).Append("</div>\n<p>Numbered markers are the key times above.</p>\n")
            .Append("<table>\n<tr><th>Zone</th><th>At T0</th><th>Status changes</th><th class=\"t\">Cleared (left hot)</th><th class=\"t\">Set cold</th></tr>\n");
        foreach (ZoneReview z in r.Zones)
        {
            h.Append("<tr><td>").Append(E(z.Name)).Append(z.Ccp ? " (CCP)" : "").Append(z.Outside ? " (outside)" : "").Append("</td><td>").Append(E(WireNames.Of(z.StatusAtT0))).Append("</td><td>")
                .Append(z.Changes.Count == 0 ? "<span class=\"none\">none</span>" : string.Join(", ", z.Changes.Select(c => $"{ReviewText.Offset(c.AtMs - t0)} {E(WireNames.Of(c.Status))}")))
                .Append("</td><td class=\"t\">").Append(Opt(z.ClearedAtMs, t0)).Append("</td><td class=\"t\">").Append(Opt(z.ColdAtMs, t0)).Append("</td></tr>\n");
        }

        h.Append("</table>\n</section>\n");
    }

    private static void Floors(StringBuilder h, DrillReview r, ReportPlans? plans)
    {
        if (plans == null || plans.Floors.Count == 0)
        {
            return;
        }

        foreach (FloorPlan plan in plans.Floors)
        {
            h.Append("<h3>").Append(E(plan.Floor.Name)).Append(": each zone's status at the end</h3>\n<div class=\"keep\">").Append(ReviewCharts.Floor(plan, r)).Append("</div>\n");
        }

        foreach (string remark in plans.Remarks)
        {
            h.Append("<p class=\"remark\">").Append(E(remark)).Append("</p>\n");
        }
    }

    private static void Officers(StringBuilder h, DrillReview r)
    {
        h.Append("<section id=\"officers\">\n<h2>Officers: where each was</h2>\n");
        StatusLegend(h);
        h.Append(ReviewCharts.Officers(r))
            .Append("\n<p>Each bar is a zone, coloured by the zone's status at the time; grey is unknown (not heard recently enough to place). Hatching: out of contact. Red triangle: emergency. ")
            .Append(E(ReviewWording.ShortStays(r.Drill.DwellMs))).Append("</p>\n")
            .Append("<table>\n<tr><th>Officer</th><th>Role</th><th>Agency</th><th class=\"t\">First entry</th><th class=\"t\">In hot zones</th><th class=\"t\">Warm</th><th class=\"t\">Cold</th><th class=\"t\">Unknown</th></tr>\n");
        long t0 = r.Drill.T0Ms;
        foreach (OfficerReview o in r.Officers)
        {
            h.Append("<tr><td>").Append(E(o.Name ?? $"badge {o.Badge}")).Append(" <small>(").Append(o.Badge).Append(o.Listed ? "" : ", not in the exercise file").Append(")</small>")
                .Append(o.Heard ? "" : " <span class=\"finding\">never heard</span>").Append("</td><td>").Append(E(WireNames.Of(o.Role))).Append("</td><td>").Append(E(o.Agency ?? ""))
                .Append("</td><td class=\"t\">").Append(Opt(o.FirstEntryMs, t0)).Append("</td><td class=\"t\">").Append(Dur(o.HotMs)).Append("</td><td class=\"t\">").Append(Dur(o.WarmMs))
                .Append("</td><td class=\"t\">").Append(Dur(o.ColdMs)).Append("</td><td class=\"t\">").Append(Dur(o.UnknownMs)).Append("</td></tr>\n");
        }

        h.Append("</table>\n</section>\n");
    }

    private static void Casualties(StringBuilder h, DrillReview r)
    {
        long t0 = r.Drill.T0Ms;
        Dictionary<int, string> zones = r.Zones.ToDictionary(z => z.Id, z => z.Name);
        h.Append("<section id=\"casualties\">\n<h2>Casualties</h2>\n<p class=\"legend\">");
        foreach (TriageColour colour in Enum.GetValues<TriageColour>())
        {
            h.Append("<span><i class=\"").Append(ReviewCharts.TriageClass(colour)).Append("\"></i>").Append(WireNames.Of(colour)).Append("</span>");
        }

        h.Append("<span>pale: colour being chosen, not committed</span><span>lower strip: the zone's status</span><span>◆ at the CCP</span></p>\n")
            .Append(ReviewCharts.Casualties(r)).Append('\n');

        List<CasualtyReview> red = r.Casualties.Where(c => c.RedMs != null).ToList();
        h.Append("<h3>Red casualties: from tagged red to the CCP</h3>\n");
        if (red.Count == 0)
        {
            h.Append("<p class=\"none\">No casualty was tagged red.</p>\n");
        }
        else
        {
            h.Append("<table>\n<tr><th>Casualty</th><th class=\"t\">Tagged red</th><th class=\"t\">At the CCP</th><th class=\"t\">Red to CCP</th></tr>\n");
            foreach (CasualtyReview c in red)
            {
                h.Append("<tr><td>").Append(E(c.Label ?? $"tag {c.Tag}")).Append("</td><td class=\"t\">").Append(Opt(c.RedMs, t0)).Append("</td><td class=\"t\">").Append(Opt(c.ReachedCcpMs, t0))
                    .Append("</td><td class=\"t\">").Append(c.RedToCcpMs is long wait ? ReviewText.Duration(wait) : "<span class=\"finding\">not at the CCP by the end</span>").Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        h.Append("<h3>Triage history and path</h3>\n<table>\n<tr><th>Casualty</th><th>Triage (committed colours; * = changed after commit)</th><th class=\"t\">Now</th><th>Path</th><th class=\"t\">At the CCP</th></tr>\n");
        foreach (CasualtyReview c in r.Casualties)
        {
            string triage = string.Join(" → ", c.Triage.Where(s => s.Committed && s.Colour != TriageColour.Untagged)
                .Select((s, i) => $"{E(WireNames.Of(s.Colour))} {ReviewText.Offset(s.ChangedAtMs - t0)}{(i > 0 ? "*" : "")}"));
            // A status change splits the path without moving the casualty: name each zone once per visit.
            IEnumerable<ZoneSpan> visits = c.Path.Where((s, i) => i == 0 || c.Path[i - 1].Zone != s.Zone);
            string path = string.Join(" → ", visits.Select(s => s.Zone == 0 ? "unknown" : zones.GetValueOrDefault(s.Zone, $"zone {s.Zone}")).Select(E));
            h.Append("<tr><td>").Append(E(c.Label ?? $"tag {c.Tag}")).Append(" <small>(tag ").Append(c.Tag).Append(")</small>").Append(c.Heard ? "" : " <span class=\"none\">never heard</span>")
                .Append("</td><td>").Append(triage.Length > 0 ? triage : "<span class=\"none\">not tagged during the drill</span>")
                .Append("</td><td class=\"t\">").Append(E(WireNames.Of(c.Colour))).Append(c.Committed || c.Colour == TriageColour.Untagged ? "" : " (not committed)")
                .Append("</td><td>").Append(path.Length > 0 ? path : "<span class=\"none\">never placed</span>")
                .Append("</td><td class=\"t\">").Append(Opt(c.ReachedCcpMs, t0)).Append("</td></tr>\n");
        }

        h.Append("</table>\n</section>\n");
    }

    private static void Safety(StringBuilder h, DrillReview r)
    {
        long t0 = r.Drill.T0Ms;
        SafetyFindings s = r.Safety;
        h.Append("<section id=\"safety\">\n<h2>Safety findings</h2>\n");

        h.Append("<h3>EMS (RTF medics) inside a hot zone</h3>\n");
        if (s.MedicsInHotZones.Count == 0)
        {
            Verdict(h, ReviewWording.NoMedicInHotZone(s.Coverage));
        }
        else
        {
            h.Append("<table>\n<tr><th>Medic</th><th>Zone</th><th class=\"t\">From</th><th class=\"t\">To</th><th class=\"t\">For</th></tr>\n");
            foreach (HotZoneEntry e in s.MedicsInHotZones)
            {
                h.Append("<tr><td>").Append(E(e.Name ?? $"badge {e.Badge}")).Append("</td><td>").Append(E(e.ZoneName)).Append("</td><td class=\"t\">").Append(ReviewText.Offset(e.FromMs - t0))
                    .Append("</td><td class=\"t\">").Append(ReviewText.Offset(e.ToMs - t0)).Append(e.StillThere ? " (end)" : "").Append("</td><td class=\"t finding\">").Append(ReviewText.Duration(e.DurationMs)).Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        h.Append("<h3>Emergencies: time until another officer reached the zone</h3>\n");
        if (s.Emergencies.Count == 0)
        {
            Verdict(h, ReviewWording.NoEmergency(s.Coverage));
        }
        else
        {
            h.Append("<table>\n<tr><th>Officer</th><th>Zone</th><th class=\"t\">Pressed</th><th class=\"t\">Ended</th><th>Reached by</th><th class=\"t\">Response</th></tr>\n");
            foreach (EmergencyResponse e in s.Emergencies)
            {
                h.Append("<tr><td>").Append(E(e.Name ?? $"badge {e.Badge}")).Append("</td><td>").Append(E(e.ZoneName)).Append("</td><td class=\"t\">").Append(ReviewText.Offset(e.AtMs - t0))
                    .Append("</td><td class=\"t\">").Append(Opt(e.ClearedAtMs, t0)).Append("</td><td>").Append(e.ReachedByName != null ? E(e.ReachedByName) + (e.AlreadyThere ? " (already there)" : "") : "<span class=\"finding\">nobody</span>")
                    .Append("</td><td class=\"t\">").Append(e.ResponseMs is long ms ? ReviewText.Duration(ms) : "—").Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        h.Append("<h3>Officers out of contact</h3>\n");
        if (s.NotHeard.Count > 0)
        {
            h.Append("<p>Not heard at all during the drill (their silence is all the record holds):</p>\n<table>\n<tr><th>Officer</th><th>Role</th><th>Last heard</th></tr>\n");
            foreach (OfficerNotHeard n in s.NotHeard)
            {
                h.Append("<tr><td>").Append(E(ReviewWording.Who(n.Name, n.Badge))).Append("</td><td>").Append(E(WireNames.Of(n.Role))).Append("</td><td class=\"finding\">")
                    .Append(n.LastHeardMs is long last ? $"before T0 ({ReviewText.Offset(last - t0)})" : "never").Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        if (s.OutOfContact.Count == 0)
        {
            Verdict(h, ReviewWording.NoContactGap(s.Coverage));
        }
        else
        {
            h.Append("<table>\n<tr><th>Officer</th><th>Role</th><th>Last placed in</th><th class=\"t\">Last heard</th><th class=\"t\">Heard again</th><th class=\"t\">For</th><th>Gateway alert</th></tr>\n");
            foreach (ContactGap g in s.OutOfContact)
            {
                h.Append("<tr><td>").Append(E(g.Name ?? $"badge {g.Badge}")).Append("</td><td>").Append(E(WireNames.Of(g.Role))).Append("</td><td>").Append(E(g.LastZoneName)).Append("</td><td class=\"t\">")
                    .Append(ReviewText.Offset(g.FromMs - t0)).Append("</td><td class=\"t\">").Append(g.ToMs is long to ? ReviewText.Offset(to - t0) : "<span class=\"finding\">not again</span>")
                    .Append("</td><td class=\"t finding\">").Append(ReviewText.Duration(g.DurationMs)).Append("</td><td>").Append(g.AlertId is long id ? $"officer-silent (alert {id})" : "").Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        h.Append("<h3>Colours changed after commit</h3>\n");
        if (s.ColoursChangedAfterCommit.Count == 0)
        {
            Verdict(h, ReviewWording.NoColourChanged(s.Coverage));
        }
        else
        {
            h.Append("<table>\n<tr><th>Casualty</th><th class=\"t\">When</th><th>From</th><th>To</th><th class=\"t\">Commits so far</th></tr>\n");
            foreach (ColourChange c in s.ColoursChangedAfterCommit)
            {
                h.Append("<tr><td>").Append(E(c.Label ?? $"tag {c.Tag}")).Append("</td><td class=\"t\">").Append(ReviewText.Offset(c.AtMs - t0)).Append("</td><td>").Append(E(WireNames.Of(c.From)))
                    .Append("</td><td>").Append(E(WireNames.Of(c.To))).Append("</td><td class=\"t\">").Append(c.Changes).Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        h.Append("</section>\n");
    }

    private static void Timeline(StringBuilder h, DrillReview r)
    {
        h.Append("<section id=\"timeline\">\n<h2>Timeline</h2>\n<table>\n<tr><th class=\"t\">Since T0</th><th>What</th><th>Detail</th></tr>\n");
        long minute = long.MinValue;
        foreach (TimelineEntry t in r.Timeline)
        {
            // A line between minutes helps read the drill minute by minute.
            long m = (long)Math.Floor(t.SinceT0Ms / 60_000.0);
            string rule = m != minute && minute != long.MinValue ? " class=\"minute\"" : "";
            minute = m;
            h.Append("<tr").Append(rule).Append("><td class=\"t\">").Append(ReviewText.Offset(t.SinceT0Ms)).Append("</td><td>").Append(E(t.Kind)).Append("</td><td>").Append(E(t.Text)).Append("</td></tr>\n");
        }

        h.Append("</table>\n</section>\n");
    }

    private static void Verdict(StringBuilder h, ReviewWording.Verdict v) =>
        h.Append(v.Ok ? "<p class=\"ok\">" : "<p class=\"none\">").Append(E(v.Text)).Append("</p>\n");

    private static void StatusLegend(StringBuilder h)
    {
        h.Append("<p class=\"legend\">");
        foreach (ZoneStatus? status in Enum.GetValues<ZoneStatus>().Select(s => (ZoneStatus?)s).Append(null))
        {
            string name = ReviewCharts.StatusClass(status);
            h.Append("<span><i class=\"").Append(name).Append("\"></i>").Append(name).Append("</span>");
        }

        h.Append("</p>\n");
    }

    private static string Opt(long? at, long t0) => at is long a ? ReviewText.Offset(a - t0) : "—";

    private static string Dur(long ms) => ms > 0 ? ReviewText.Duration(ms) : "—";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
