using System.Text.Json;
using Beacons.Protocol;

namespace Beacons.Venue;

/// <summary>
/// An exercise objective in the HSEEP sense: what the drill is meant to show, the core capability it
/// tests, and the measures the after-action review checks against the record. docs/venue.md gives the form.
/// </summary>
public sealed record ExerciseObjective(string Name, string Capability, IReadOnlyList<ObjectiveMeasure> Measures);

/// <summary>
/// One measure of an objective, met when the record shows it within <see cref="WithinMs"/> of T0
/// (for red-to-ccp: of each casualty's red). Fields not used by a kind are null.
/// </summary>
/// <param name="Kind">first-entry, annotated, casualties-at-ccp, triage or red-to-ccp.</param>
/// <param name="Role">first-entry: a role, "rtf" (rtf-officer or rtf-medic) or "any".</param>
/// <param name="ZoneStatus">first-entry: the status of the zone entered; null for any zone inside the building.</param>
/// <param name="Type">annotated: the annotation type (e.g. unified-command).</param>
/// <param name="Count">casualties-at-ccp: how many; null for all (black excluded).</param>
/// <param name="Colour">triage: only casualties whose committed colour at the end is this; null for all.</param>
public sealed record ObjectiveMeasure(string Kind, long WithinMs, string? Role, ZoneStatus? ZoneStatus, string? Type, int? Count, TriageColour? Colour)
{
    public const string FirstEntry = "first-entry";
    public const string Annotated = "annotated";
    public const string CasualtiesAtCcp = "casualties-at-ccp";
    public const string Triage = "triage";
    public const string RedToCcp = "red-to-ccp";

    public static readonly IReadOnlyList<string> Kinds = [FirstEntry, Annotated, CasualtiesAtCcp, Triage, RedToCcp];

    /// <summary>The roles a first-entry measure can name beyond the officer roles.</summary>
    public const string AnyRole = "any";
    public const string RtfRole = "rtf";
}

/// <summary>Reads and writes the exercise file's optional "objectives" list.</summary>
internal static class ExerciseObjectives
{
    public static List<ExerciseObjective> Parse(JsonFields f, JsonElement root)
    {
        var objectives = new List<ExerciseObjective>();
        foreach ((JsonElement e, string p) in f.Array(root, "$", "objectives", required: false))
        {
            if (!f.IsObject(e, p))
            {
                continue;
            }

            f.OnlyKnown(e, p, "name", "capability", "measures");
            string name = f.String(e, p, "name", "", required: true)!;
            string capability = f.String(e, p, "capability", "", required: true)!;
            var measures = new List<ObjectiveMeasure>();
            foreach ((JsonElement m, string mp) in f.Array(e, p, "measures", required: true))
            {
                if (f.IsObject(m, mp) && Measure(f, m, mp) is ObjectiveMeasure measure)
                {
                    measures.Add(measure);
                }
            }

            if (objectives.Any(o => o.Name == name))
            {
                f.Error($"{p}.name", $"duplicate objective {JsonFields.Quote(name)}");
            }

            objectives.Add(new ExerciseObjective(name, capability, measures));
        }

        return objectives;
    }

    public static void Write(Utf8JsonWriter w, IReadOnlyList<ExerciseObjective> objectives)
    {
        if (objectives.Count == 0)
        {
            return;
        }

        w.WriteStartArray("objectives");
        foreach (ExerciseObjective o in objectives)
        {
            w.WriteStartObject();
            w.WriteString("name", o.Name);
            w.WriteString("capability", o.Capability);
            w.WriteStartArray("measures");
            foreach (ObjectiveMeasure m in o.Measures)
            {
                w.WriteStartObject();
                w.WriteString("measure", m.Kind);
                if (m.Role != null)
                {
                    w.WriteString("role", m.Role);
                }

                if (m.ZoneStatus is ZoneStatus status)
                {
                    w.WriteString("zoneStatus", WireNames.Of(status));
                }

                if (m.Type != null)
                {
                    w.WriteString("type", m.Type);
                }

                if (m.Count is int count)
                {
                    w.WriteNumber("count", count);
                }

                if (m.Colour is TriageColour colour)
                {
                    w.WriteString("colour", WireNames.Of(colour));
                }

                w.WriteNumber("withinMs", m.WithinMs);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static ObjectiveMeasure? Measure(JsonFields f, JsonElement m, string p)
    {
        string? kind = f.String(m, p, "measure", null, required: true);
        if (kind != null && !ObjectiveMeasure.Kinds.Contains(kind))
        {
            f.Error($"{p}.measure", $"unknown measure {JsonFields.Quote(kind)} (expected one of: {string.Join(", ", ObjectiveMeasure.Kinds)})");
            return null;
        }

        int? within = f.Int(m, p, "withinMs", 1, int.MaxValue, null);
        string? role = null, type = null;
        TriageColour? colour = null;
        ZoneStatus? status = null;
        int? count = null;
        switch (kind)
        {
            case ObjectiveMeasure.FirstEntry:
                f.OnlyKnown(m, p, "measure", "withinMs", "role", "zoneStatus");
                role = f.String(m, p, "role", ObjectiveMeasure.AnyRole, required: false)!;
                if (role != ObjectiveMeasure.AnyRole && role != ObjectiveMeasure.RtfRole && !(WireNames.TryParse(role, out OfficerRole named) && named != OfficerRole.Unknown))
                {
                    f.Error($"{p}.role", $"unknown role {JsonFields.Quote(role)} (expected any, rtf or one of: {string.Join(", ", Enum.GetValues<OfficerRole>().Where(x => x != OfficerRole.Unknown).Select(WireNames.Of))})");
                }

                string? statusText = f.String(m, p, "zoneStatus", null, required: false);
                if (statusText != null)
                {
                    if (WireNames.TryParse(statusText, out ZoneStatus parsed))
                    {
                        status = parsed;
                    }
                    else
                    {
                        f.Error($"{p}.zoneStatus", $"unknown zone status {JsonFields.Quote(statusText)} (expected one of: {WireNames.Choices<ZoneStatus>()})");
                    }
                }

                break;
            case ObjectiveMeasure.Annotated:
                f.OnlyKnown(m, p, "measure", "withinMs", "type");
                type = f.String(m, p, "type", null, required: true);
                break;
            case ObjectiveMeasure.CasualtiesAtCcp:
                f.OnlyKnown(m, p, "measure", "withinMs", "count");
                count = f.Int(m, p, "count", 1, ushort.MaxValue, 0) is int n and > 0 ? n : null;
                break;
            case ObjectiveMeasure.Triage:
                f.OnlyKnown(m, p, "measure", "withinMs", "colour");
                string? colourText = f.String(m, p, "colour", null, required: false);
                if (colourText != null)
                {
                    // Untagged is no colour a casualty can be triaged to.
                    if (WireNames.TryParse(colourText, out TriageColour parsedColour) && parsedColour != TriageColour.Untagged)
                    {
                        colour = parsedColour;
                    }
                    else
                    {
                        f.Error($"{p}.colour", $"unknown colour {JsonFields.Quote(colourText)} (expected one of: {string.Join(", ", Enum.GetValues<TriageColour>().Where(x => x != TriageColour.Untagged).Select(WireNames.Of))})");
                    }
                }

                break;
            case ObjectiveMeasure.RedToCcp:
                f.OnlyKnown(m, p, "measure", "withinMs");
                break;
        }

        return kind == null || within == null ? null : new ObjectiveMeasure(kind, within.Value, role, status, type, count, colour);
    }
}
