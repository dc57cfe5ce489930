using System.Text;
using Beacons.Venue;

namespace Beacons.Gateway.Review;

/// <summary>
/// The review as CSV (RFC 4180, comma-separated, UTF-8), for spreadsheets: the timeline, the figures
/// (key times and findings), and the tracks behind the charts. Times are seconds since T0.
/// </summary>
public static class ReviewCsv
{
    public static string Timeline(DrillReview r)
    {
        var csv = new StringBuilder("since_t0_s,since_t0,at_utc,kind,badge,tag,zone,text\r\n");
        foreach (TimelineEntry t in r.Timeline)
        {
            Row(csv, ReviewText.Seconds(t.SinceT0Ms), Since(t.SinceT0Ms), ReviewText.Utc(t.AtMs), t.Kind,
                t.Badge?.ToString(), t.Tag?.ToString(), t.Zone?.ToString(), Text(t.Text));
        }

        return csv.ToString();
    }

    /// <summary>One row per figure: figure, subject, when (since T0), how long, the reference median, details.</summary>
    public static string Figures(DrillReview r)
    {
        long t0 = r.Drill.T0Ms;
        var csv = new StringBuilder("figure,subject,since_t0_s,since_t0,duration_s,duration,reference_median_min,detail\r\n");
        void Figure(string figure, string subject, long? atMs, long? durationMs, double? reference, string detail) =>
            Row(csv, figure, Text(subject),
                atMs is long a ? ReviewText.Seconds(a - t0) : null, atMs is long b ? Since(b - t0) : null,
                durationMs is long d ? ReviewText.Seconds(d) : null, durationMs is long e ? ReviewText.Duration(e) : null,
                reference is double m ? ReviewText.Minutes(m) : null, Text(detail));

        foreach (KeyTime k in r.KeyTimes)
        {
            ReferenceComparison? reference = r.References.FirstOrDefault(x => x.KeyTime == k.Id);
            Figure(k.Id, k.Label, k.AtMs, null, reference?.ReferenceMinutes, k.Detail);
        }

        foreach (ZoneReview z in r.Zones)
        {
            foreach (StatusChange c in z.Changes)
            {
                Figure("zone-status", z.Name, c.AtMs, null, null, $"{ReviewText.Status(c.Previous)} to {ReviewText.Status(c.Status)}");
            }

            if (z.ClearedAtMs != null)
            {
                Figure("zone-cleared", z.Name, z.ClearedAtMs, null, null, "first change from hot");
            }
        }

        foreach (CasualtyReview c in r.Casualties.Where(c => c.RedMs != null))
        {
            Figure("red-to-ccp", Name(c), c.RedMs, c.RedToCcpMs, null,
                c.ReachedCcpMs is long at ? $"tagged red {ReviewText.Offset(c.RedMs!.Value - t0)}, at the CCP {ReviewText.Offset(at - t0)}" : "not at the CCP by the end of the drill");
        }

        foreach (HotZoneEntry h in r.Safety.MedicsInHotZones)
        {
            Figure("medic-in-hot-zone", h.Name ?? $"badge {h.Badge}", h.FromMs, h.DurationMs, null, h.ZoneName + (h.StillThere ? " (still there at the end)" : ""));
        }

        foreach (EmergencyResponse e in r.Safety.Emergencies)
        {
            Figure("emergency", e.Name ?? $"badge {e.Badge}", e.AtMs, e.ResponseMs, null,
                e.ReachedByName != null ? $"{e.ZoneName}; reached by {e.ReachedByName}{(e.AlreadyThere ? " (already there)" : "")}" : $"{e.ZoneName}; no other officer reached it");
        }

        foreach (ContactGap g in r.Safety.OutOfContact)
        {
            Figure("out-of-contact", g.Name ?? $"badge {g.Badge}", g.FromMs, g.DurationMs, null,
                $"last in {g.LastZoneName}" + (g.ToMs == null ? "; not heard again" : "") + (g.AlertId is long id ? $"; alert {id}" : ""));
        }

        foreach (ColourChange c in r.Safety.ColoursChangedAfterCommit)
        {
            Figure("colour-changed-after-commit", c.Label ?? $"tag {c.Tag}", c.AtMs, null, null, $"{c.From} to {c.To} (change {c.Changes})");
        }

        return csv.ToString();
    }

    /// <summary>Every piece of every officer's and casualty's track: the data behind the charts.</summary>
    public static string Tracks(DrillReview r)
    {
        long t0 = r.Drill.T0Ms;
        Dictionary<int, string> zones = r.Zones.ToDictionary(z => z.Id, z => z.Name);
        var csv = new StringBuilder("who,id,name,role,from_s,to_s,zone,zone_name,status\r\n");
        foreach (OfficerReview o in r.Officers)
        {
            foreach (ZoneSpan s in o.Track)
            {
                Row(csv, "officer", o.Badge.ToString(), Text(o.Name), WireNames.Of(o.Role), ReviewText.Seconds(s.FromMs - t0), ReviewText.Seconds(s.ToMs - t0),
                    s.Zone.ToString(), Text(zones.GetValueOrDefault(s.Zone)), ReviewText.Status(s.Status));
            }
        }

        foreach (CasualtyReview c in r.Casualties)
        {
            foreach (ZoneSpan s in c.Path)
            {
                Row(csv, "casualty", c.Tag.ToString(), Text(c.Label), null, ReviewText.Seconds(s.FromMs - t0), ReviewText.Seconds(s.ToMs - t0),
                    s.Zone.ToString(), Text(zones.GetValueOrDefault(s.Zone)), ReviewText.Status(s.Status));
            }
        }

        return csv.ToString();
    }

    private static string Name(CasualtyReview c) => c.Label ?? $"tag {c.Tag}";

    /// <summary>12:05 since T0 (no leading +: spreadsheets would take it for a formula).</summary>
    private static string Since(long ms) => ReviewText.Offset(ms).TrimStart('+');

    /// <summary>Free text (names, notes) that a spreadsheet would run as a formula gets a leading apostrophe.</summary>
    private static string? Text(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static void Row(StringBuilder csv, params string?[] fields)
    {
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            string field = fields[i] ?? "";
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                csv.Append('"').Append(field.Replace("\"", "\"\"")).Append('"');
            }
            else
            {
                csv.Append(field);
            }
        }

        csv.Append("\r\n");
    }
}
