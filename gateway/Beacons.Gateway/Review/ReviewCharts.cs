using System.Globalization;
using System.Net;
using System.Text;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Review;

/// <summary>
/// The review's charts as inline SVG: no script, no external file, scales to the page and prints.
/// Every chart shares one time axis (T0 to the end of the drill), so they read one above the other.
/// Each bar carries a &lt;title&gt;, which browsers show as a tooltip. The charts carry no colour of their
/// own: every mark has a class that <see cref="ReviewHtml"/>'s styles paint from the palette (<see cref="ReportPalette"/>).
/// </summary>
public static class ReviewCharts
{
    private const double Width = 1000;
    private const double PlotLeft = 210;
    private const double PlotRight = 985;
    private const double AxisHeight = 30;

    /// <summary>The class that paints a zone status ("unknown" for zone 0): its palette colour is var(--the same name).</summary>
    public static string StatusClass(ZoneStatus? status) => ReviewText.Status(status) ?? "unknown";

    /// <summary>The class that paints a triage colour: its palette colour is var(--the same name).</summary>
    public static string TriageClass(TriageColour colour) => WireNames.Of(colour);

    /// <summary>One row per zone, coloured by its status over time, with the key times marked and numbered.</summary>
    public static string Zones(DrillReview r)
    {
        const double row = 20;
        var axis = new Axis(r.Drill.T0Ms, r.Drill.EndMs);
        double height = AxisHeight + (r.Zones.Count * row) + 6;
        var svg = Open("zone-chart", height, "Zone status over time");
        axis.Draw(svg, height);
        double y = AxisHeight;
        foreach (ZoneReview z in r.Zones)
        {
            Label(svg, y + (row / 2), z.Name + (z.Ccp ? " (CCP)" : ""));
            foreach (StatusSpan s in z.Spans)
            {
                Bar(svg, axis, s.FromMs, s.ToMs, y + 3, row - 6, StatusClass(s.Status), null,
                    $"{z.Name}: {ReviewText.Status(s.Status)} {ReviewText.Offset(s.FromMs - axis.T0)} to {ReviewText.Offset(s.ToMs - axis.T0)}");
            }

            y += row;
        }

        KeyTimeMarkers(svg, axis, r, height);
        return Close(svg);
    }

    /// <summary>
    /// A floor drawn to scale: its plan image (when it has one) under the zones, each zone filled with its status at the
    /// end of the drill and named. Plan coordinates are metres from the floor's top-left corner, as on the dashboard.
    /// </summary>
    public static string Floor(FloorPlan plan, DrillReview r)
    {
        Floor floor = plan.Floor;
        double scale = Width / Math.Max(1, floor.Width);
        double height = floor.Height * scale;
        var svg = Open($"floor-{floor.Id}", height, $"{floor.Name}: zones at the end of the drill");
        svg.Append("<rect width=\"").Append(N(Width)).Append("\" height=\"").Append(N(height)).Append("\" class=\"gap-ground\"/>");
        if (plan.ImageDataUri != null)
        {
            svg.Append("<image href=\"").Append(plan.ImageDataUri).Append("\" width=\"").Append(N(Width)).Append("\" height=\"").Append(N(height))
                .Append("\" preserveAspectRatio=\"none\" opacity=\"0.8\" class=\"floor-image\"/>");
        }

        Dictionary<int, ZoneReview> reviews = r.Zones.ToDictionary(z => z.Id);
        foreach (VenueZone zone in plan.Zones)
        {
            ZoneStatus? status = reviews.TryGetValue(zone.Id, out ZoneReview? z) ? (z.Spans.Count > 0 ? z.Spans[^1].Status : z.StatusAtT0) : zone.Status;
            string points = string.Join(' ', zone.Outline.Select(p => $"{N(p.X * scale)},{N(p.Y * scale)}"));
            svg.Append("<polygon points=\"").Append(points).Append("\" class=\"").Append(StatusClass(status)).Append(" zone-shape\" stroke=\"currentColor\" stroke-width=\"1.5\"")
                .Append(plan.ImageDataUri != null ? " fill-opacity=\"0.6\"" : "").Append("><title>").Append(E($"{zone.Name}: {ReviewText.Status(status)} at the end")).Append("</title></polygon>");
            double x = zone.Outline.Average(p => p.X) * scale, y = zone.Outline.Average(p => p.Y) * scale;
            svg.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y + 5)).Append("\" font-size=\"15\" text-anchor=\"middle\" class=\"on-").Append(StatusClass(status))
                .Append("\" pointer-events=\"none\">").Append(E(zone.Name + (zone.Ccp && !zone.Name.Contains("CCP", StringComparison.OrdinalIgnoreCase) ? " (CCP)" : ""))).Append("</text>");
        }

        return Close(svg);
    }

    /// <summary>
    /// The officers' zone tracks (a Gantt chart): one row per officer, grouped by role, each piece of
    /// track coloured by the status its zone had then. Emergencies are red triangles, time out of
    /// contact is hatched.
    /// </summary>
    public static string Officers(DrillReview r)
    {
        const double row = 18;
        var axis = new Axis(r.Drill.T0Ms, r.Drill.EndMs);
        List<OfficerReview> officers = r.Officers.OrderBy(o => RoleOrder(o.Role)).ThenBy(o => o.Badge).ToList();
        double height = AxisHeight + (Math.Max(1, officers.Count) * row) + 6;
        Dictionary<int, string> zoneNames = r.Zones.ToDictionary(z => z.Id, z => z.Name);
        ILookup<int, ContactGap> gaps = r.Safety.OutOfContact.ToLookup(g => g.Badge);
        ILookup<int, EmergencyResponse> emergencies = r.Safety.Emergencies.ToLookup(e => e.Badge);
        var svg = Open("officer-chart", height, "Where each officer was, coloured by the zone's status at the time");
        svg.Append("<defs><pattern id=\"officer-gap\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
            .Append("<rect class=\"gap-ground\" width=\"6\" height=\"6\" fill-opacity=\"0.55\"/><line class=\"gap-line\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke-width=\"2\"/></pattern></defs>");
        axis.Draw(svg, height);
        double y = AxisHeight;
        foreach (OfficerReview o in officers)
        {
            string who = o.Name ?? $"badge {o.Badge}";
            Label(svg, y + (row / 2), $"{Shorten(who, 24)} · {RoleShort(o.Role)}");
            foreach (ZoneSpan s in o.Track)
            {
                string zone = s.Zone == 0 ? "unknown zone" : zoneNames.GetValueOrDefault(s.Zone, $"zone {s.Zone}");
                Bar(svg, axis, s.FromMs, s.ToMs, y + 2, row - 4, StatusClass(s.Status), s.Zone == 0 ? null : zone,
                    $"{who}: {zone}{(s.Status != null ? $" ({ReviewText.Status(s.Status)})" : "")} {ReviewText.Offset(s.FromMs - axis.T0)} to {ReviewText.Offset(s.ToMs - axis.T0)}");
            }

            foreach (ContactGap g in gaps[o.Badge])
            {
                long to = g.ToMs ?? r.Drill.EndMs;
                svg.Append("<rect x=\"").Append(N(axis.X(g.FromMs))).Append("\" y=\"").Append(N(y + 2)).Append("\" width=\"").Append(N(Math.Max(1, axis.X(to) - axis.X(g.FromMs))))
                    .Append("\" height=\"").Append(N(row - 4)).Append("\" fill=\"url(#officer-gap)\"><title>")
                    .Append(E($"{who} out of contact for {ReviewText.Duration(g.DurationMs)} from {ReviewText.Offset(g.FromMs - axis.T0)}")).Append("</title></rect>");
            }

            if (!o.Heard)
            {
                svg.Append("<text x=\"").Append(N(PlotLeft + 4)).Append("\" y=\"").Append(N(y + (row / 2) + 4)).Append("\" font-size=\"10\" class=\"note\">never heard</text>");
            }

            foreach (EmergencyResponse e in emergencies[o.Badge])
            {
                double x = axis.X(e.AtMs);
                svg.Append("<path d=\"M").Append(N(x)).Append(' ').Append(N(y + 1)).Append(" l6 ").Append(N(row - 2)).Append(" h-12 z\" class=\"sos\" stroke-width=\"1\"><title>")
                    .Append(E($"Emergency: {who} at {ReviewText.Offset(e.AtMs - axis.T0)}")).Append("</title></path>");
            }

            y += row;
        }

        KeyTimeMarkers(svg, axis, r, height);
        return Close(svg);
    }

    /// <summary>
    /// One row per casualty heard: the upper bar is the triage colour over time (pale while a colour is
    /// being chosen, solid once committed), the lower strip the status of the zone the casualty was in;
    /// a diamond marks the arrival at the CCP.
    /// </summary>
    public static string Casualties(DrillReview r)
    {
        const double row = 24;
        var axis = new Axis(r.Drill.T0Ms, r.Drill.EndMs);
        List<CasualtyReview> casualties = r.Casualties.Where(c => c.Heard).ToList();
        double height = AxisHeight + (Math.Max(1, casualties.Count) * row) + 6;
        Dictionary<int, string> zoneNames = r.Zones.ToDictionary(z => z.Id, z => z.Name);
        var svg = Open("casualty-chart", height, "Each casualty's triage colour and zone over time");
        axis.Draw(svg, height);
        double y = AxisHeight;
        foreach (CasualtyReview c in casualties)
        {
            string what = c.Label ?? $"tag {c.Tag}";
            Label(svg, y + (row / 2), Shorten(what, 30));
            long from = axis.T0;
            TriageColour colour = c.ColourAtT0;
            bool committed = c.ColourAtT0 != TriageColour.Untagged;
            foreach (TriageStep step in c.Triage)
            {
                TriageBar(svg, axis, from, step.AtMs, y + 3, colour, committed, what);
                from = Math.Max(from, step.AtMs);
                colour = step.Colour;
                committed = step.Committed;
            }

            TriageBar(svg, axis, from, r.Drill.EndMs, y + 3, colour, committed, what);
            foreach (ZoneSpan s in c.Path)
            {
                string zone = s.Zone == 0 ? "unknown zone" : zoneNames.GetValueOrDefault(s.Zone, $"zone {s.Zone}");
                Bar(svg, axis, s.FromMs, s.ToMs, y + 15, 6, StatusClass(s.Status), null,
                    $"{what}: {zone}{(s.Status != null ? $" ({ReviewText.Status(s.Status)})" : "")} {ReviewText.Offset(s.FromMs - axis.T0)} to {ReviewText.Offset(s.ToMs - axis.T0)}");
            }

            if (c.ReachedCcpMs is long ccp)
            {
                double x = axis.X(ccp);
                svg.Append("<path d=\"M").Append(N(x)).Append(' ').Append(N(y + 1)).Append(" l5 8 l-5 8 l-5 -8 z\" class=\"at-ccp\" stroke-width=\"1\"><title>")
                    .Append(E($"{what} at the CCP {ReviewText.Offset(ccp - axis.T0)}" + (c.RedToCcpMs is long wait ? $", {ReviewText.Duration(wait)} after being tagged red" : ""))).Append("</title></path>");
            }

            y += row;
        }

        if (casualties.Count == 0)
        {
            svg.Append("<text x=\"").Append(N(PlotLeft + 4)).Append("\" y=\"").Append(N(AxisHeight + 12)).Append("\" font-size=\"11\" class=\"note\">no casualty heard</text>");
        }

        return Close(svg);
    }

    /// <summary>Each reference median beside this drill's figure, in minutes (the drill's from T0, the reference's from dispatch).</summary>
    public static string References(DrillReview r)
    {
        const double row = 34;
        double max = Math.Max(1, r.References.Max(x => Math.Max(x.ReferenceMinutes, x.DrillMinutes ?? 0)) * 1.1);
        double height = 24 + (r.References.Count * row);
        var svg = Open("reference-chart", height, "Key times beside the reference medians");
        double scale = (PlotRight - 100 - PlotLeft) / max;
        svg.Append("<rect x=\"").Append(N(PlotLeft)).Append("\" y=\"4\" width=\"12\" height=\"10\" class=\"drill\"/><text x=\"").Append(N(PlotLeft + 16))
            .Append("\" y=\"13\" font-size=\"11\">this drill, minutes from T0</text>")
            .Append("<rect x=\"").Append(N(PlotLeft + 200)).Append("\" y=\"4\" width=\"12\" height=\"10\" class=\"reference\"/><text x=\"").Append(N(PlotLeft + 216))
            .Append("\" y=\"13\" font-size=\"11\">reference median, minutes from dispatch</text>");
        double y = 24;
        foreach (ReferenceComparison c in r.References)
        {
            Label(svg, y + (row / 2) - 2, c.Measure);
            if (c.DrillMinutes is double drill)
            {
                double w = Math.Max(0, drill) * scale;
                svg.Append("<rect x=\"").Append(N(PlotLeft)).Append("\" y=\"").Append(N(y + 3)).Append("\" width=\"").Append(N(w)).Append("\" height=\"12\" class=\"drill\"/>")
                    .Append("<text x=\"").Append(N(PlotLeft + w + 4)).Append("\" y=\"").Append(N(y + 13)).Append("\" font-size=\"11\">").Append(ReviewText.Minutes(drill)).Append(" min</text>");
            }
            else
            {
                svg.Append("<text x=\"").Append(N(PlotLeft + 2)).Append("\" y=\"").Append(N(y + 13)).Append("\" font-size=\"11\" class=\"note\">not measured in this drill</text>");
            }

            double rw = c.ReferenceMinutes * scale;
            svg.Append("<rect x=\"").Append(N(PlotLeft)).Append("\" y=\"").Append(N(y + 17)).Append("\" width=\"").Append(N(rw)).Append("\" height=\"10\" class=\"reference\"/>")
                .Append("<text x=\"").Append(N(PlotLeft + rw + 4)).Append("\" y=\"").Append(N(y + 26)).Append("\" font-size=\"10\" class=\"note\">").Append(ReviewText.Minutes(c.ReferenceMinutes)).Append(" min (reference)</text>");
            y += row;
        }

        return Close(svg);
    }

    /// <summary>The key times that happened during the drill, numbered as in the key-times table.</summary>
    public static List<(int Number, KeyTime Key)> NumberedKeyTimes(DrillReview r)
    {
        var result = new List<(int, KeyTime)>();
        int n = 0;
        foreach (KeyTime k in r.KeyTimes)
        {
            n++;
            if (k.AtMs is long at && at >= r.Drill.T0Ms && at <= r.Drill.EndMs)
            {
                result.Add((n, k));
            }
        }

        return result;
    }

    private static void KeyTimeMarkers(StringBuilder svg, Axis axis, DrillReview r, double height)
    {
        foreach ((int number, KeyTime k) in NumberedKeyTimes(r))
        {
            double x = axis.X(k.AtMs!.Value);
            svg.Append("<g><title>").Append(E($"{number}. {k.Label} {ReviewText.Offset(k.SinceT0Ms!.Value)}: {k.Detail}")).Append("</title>")
                .Append("<line x1=\"").Append(N(x)).Append("\" y1=\"").Append(N(AxisHeight - 8)).Append("\" x2=\"").Append(N(x)).Append("\" y2=\"").Append(N(height - 4))
                .Append("\" class=\"key-line\" stroke-width=\"1\" stroke-dasharray=\"3 3\"/>")
                .Append("<circle cx=\"").Append(N(x)).Append("\" cy=\"").Append(N(AxisHeight - 9)).Append("\" r=\"6.5\" class=\"key-dot\"/>")
                .Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(AxisHeight - 5.5)).Append("\" font-size=\"9\" class=\"key-number\" text-anchor=\"middle\">").Append(number).Append("</text></g>");
        }
    }

    private static void TriageBar(StringBuilder svg, Axis axis, long from, long to, double y, TriageColour colour, bool committed, string what)
    {
        if (to <= from)
        {
            return;
        }

        string title = $"{what}: {WireNames.Of(colour)}{(committed || colour == TriageColour.Untagged ? "" : " (being chosen)")} {ReviewText.Offset(from - axis.T0)} to {ReviewText.Offset(to - axis.T0)}";
        svg.Append("<rect x=\"").Append(N(axis.X(from))).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(Math.Max(0.5, axis.X(to) - axis.X(from))))
            .Append("\" height=\"10\" class=\"triage ").Append(TriageClass(colour)).Append('"')
            .Append(committed || colour == TriageColour.Untagged ? "" : " fill-opacity=\"0.4\"")
            .Append(" stroke-width=\"0.5\"><title>").Append(E(title)).Append("</title></rect>");
    }

    private static void Bar(StringBuilder svg, Axis axis, long from, long to, double y, double height, string paint, string? text, string title)
    {
        double x0 = axis.X(from), x1 = axis.X(to);
        double w = Math.Max(0.5, x1 - x0);
        svg.Append("<rect x=\"").Append(N(x0)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(w)).Append("\" height=\"").Append(N(height))
            .Append("\" class=\"bar ").Append(paint).Append("\" stroke-width=\"0.5\"><title>").Append(E(title)).Append("</title></rect>");
        int fits = (int)((w - 4) / 5.6);
        if (text != null && fits >= 4)
        {
            svg.Append("<text x=\"").Append(N(x0 + 3)).Append("\" y=\"").Append(N(y + height - 3.5)).Append("\" font-size=\"9.5\" class=\"on-")
                .Append(paint).Append("\" pointer-events=\"none\">").Append(E(Shorten(text, fits))).Append("</text>");
        }
    }

    private static void Label(StringBuilder svg, double yMiddle, string text) =>
        svg.Append("<text x=\"").Append(N(PlotLeft - 8)).Append("\" y=\"").Append(N(yMiddle + 4)).Append("\" font-size=\"11\" text-anchor=\"end\">").Append(E(text)).Append("</text>");

    private static StringBuilder Open(string id, double height, string title) =>
        new StringBuilder(4096)
            .Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").Append(id).Append("\" viewBox=\"0 0 ").Append(N(Width)).Append(' ').Append(N(height))
            .Append("\" width=\"100%\" role=\"img\" aria-label=\"").Append(E(title)).Append("\" font-family=\"Helvetica, Arial, sans-serif\">");

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static int RoleOrder(OfficerRole role) => role switch
    {
        OfficerRole.Command => 0,
        OfficerRole.Contact => 1,
        OfficerRole.RtfOfficer => 2,
        OfficerRole.RtfMedic => 3,
        OfficerRole.Evaluator => 5,
        _ => 4,
    };

    private static string RoleShort(OfficerRole role) => role switch
    {
        OfficerRole.RtfOfficer => "RTF",
        OfficerRole.RtfMedic => "RTF medic",
        _ => WireNames.Of(role),
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..Math.Max(1, max - 1)] + "…";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The shared time axis: T0 at the plot's left edge, the end of the drill at its right.</summary>
    private sealed class Axis(long t0, long end)
    {
        private static readonly long[] Steps = [10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 14400, 28800, 86400];

        public readonly long T0 = t0;
        private readonly long _span = Math.Max(1000, end - t0);

        public double X(long at) => PlotLeft + (Math.Clamp(at - T0, 0, _span) * (PlotRight - PlotLeft) / _span);

        public void Draw(StringBuilder svg, double height)
        {
            long step = Steps.FirstOrDefault(s => _span / (s * 1000) <= 12, Steps[^1]) * 1000;
            for (long t = 0; t <= _span; t += step)
            {
                double x = X(T0 + t);
                svg.Append("<line x1=\"").Append(N(x)).Append("\" y1=\"").Append(N(AxisHeight - 4)).Append("\" x2=\"").Append(N(x)).Append("\" y2=\"").Append(N(height - 4))
                    .Append("\" class=\"grid\" stroke-width=\"1\"/>")
                    .Append("<text x=\"").Append(N(x)).Append("\" y=\"11\" font-size=\"10\" class=\"note\" text-anchor=\"").Append(x > PlotRight - 20 ? "end" : "middle").Append("\">")
                    .Append(ReviewText.Offset(t)).Append("</text>");
            }
        }
    }
}
