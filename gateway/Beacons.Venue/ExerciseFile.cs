using System.Text.Json;
using Beacons.Protocol;

namespace Beacons.Venue;

/// <summary>Reads and validates exercise files. docs/venue.md documents the format field by field.</summary>
public static class ExerciseFile
{
    /// <summary>
    /// Loads and validates an exercise file; with <paramref name="venue"/> it also checks that every
    /// receiver the venue places has a key and every keyed receiver is placed in the venue.
    /// Throws <see cref="ConfigFileException"/> naming every problem.
    /// </summary>
    public static Exercise Load(string path, Venue? venue = null)
    {
        return Parse(ConfigText.Read(path), Path.GetFileName(path), venue);
    }

    public static Exercise Parse(string json, string fileName, Venue? venue = null) => Parse(json, fileName, venue, withKeys: true);

    /// <summary>
    /// Reads an exercise without its keys (<see cref="FormatWithoutKeys"/>, what the gateway serves and keeps in
    /// its record): names, roles and tags for the after-action review. Its <see cref="Exercise.Key"/> is empty
    /// and it has no receivers, so it can check no MAC: it can never run a gateway.
    /// </summary>
    public static Exercise ParseWithoutKeys(string json, string fileName) => Parse(json, fileName, null, withKeys: false);

    /// <summary>The exercise without its keys, as compact JSON: `GET /api/exercise` and the record's copy (docs/gateway-api.md).</summary>
    public static string FormatWithoutKeys(Exercise exercise) => Format(exercise, withKeys: false, indented: false);

    /// <summary>
    /// The whole exercise file, keys included, indented: what the roster import and the Setup page save
    /// (with <see cref="ConfigText.WriteAtomic"/>). A secret: never serve it.
    /// </summary>
    public static string Format(Exercise exercise) => Format(exercise, withKeys: true, indented: true);

    private static string Format(Exercise exercise, bool withKeys, bool indented)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("exerciseId", exercise.ExerciseId);
            w.WriteString("name", exercise.Name);
            w.WriteString("companyId", exercise.CompanyId.ToString("X4"));
            if (withKeys)
            {
                w.WriteString("key", Hex.Format(exercise.Key.ToArray(), 0, exercise.Key.Length));
                w.WriteStartArray("receivers");
                foreach (ExerciseReceiver r in exercise.Receivers)
                {
                    w.WriteStartObject();
                    w.WriteNumber("id", r.Id);
                    w.WriteString("key", Hex.Format(r.Key.ToArray(), 0, r.Key.Length));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteStartArray("officers");
            foreach (Officer o in exercise.Officers)
            {
                w.WriteStartObject();
                w.WriteNumber("badge", o.Badge);
                w.WriteString("name", o.Name);
                w.WriteString("agency", o.Agency);
                w.WriteString("role", WireNames.Of(o.Role));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("tags");
            foreach (CasualtyTag t in exercise.Tags)
            {
                w.WriteStartObject();
                w.WriteNumber("tag", t.Tag);
                w.WriteString("label", t.Label);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Exercise Parse(string json, string fileName, Venue? venue, bool withKeys)
    {
        var f = new JsonFields(fileName);
        JsonElement? rootOrNull = f.Root(json);
        if (rootOrNull is not JsonElement root)
        {
            f.ThrowIfErrors();
            throw new InvalidOperationException("unreachable");
        }

        f.OnlyKnown(root, "$", "exerciseId", "name", "companyId", "key", "receivers", "officers", "tags");
        int? exerciseId = f.Int(root, "$", "exerciseId", 0, ushort.MaxValue, null);
        string name = f.String(root, "$", "name", "", required: true)!;
        ushort companyId = CompanyField(f, root);
        byte[]? key = withKeys ? f.Key(root, "$", "key") : [];

        var receivers = new List<ExerciseReceiver>();
        foreach ((JsonElement e, string p) in withKeys ? f.Array(root, "$", "receivers", required: false) : [])
        {
            if (!f.IsObject(e, p))
            {
                continue;
            }

            f.OnlyKnown(e, p, "id", "key");
            int? id = f.Int(e, p, "id", 1, ushort.MaxValue, null);
            byte[]? receiverKey = f.Key(e, p, "key");
            if (id == null || receiverKey == null)
            {
                continue;
            }

            if (receivers.Any(r => r.Id == id))
            {
                f.Error($"{p}.id", $"duplicate receiver ID {id}");
                continue;
            }

            if (key != null && receiverKey.AsSpan().SequenceEqual(key))
            {
                // Every badge and tag carries the exercise key: with it as a receiver's key, anyone holding a
                // device could forge that receiver's datagrams.
                f.Error($"{p}.key", $"receiver {id} has the exercise key: give each receiver a key of its own (beacons keys new)");
            }

            if (venue != null && venue.FindReceiver(id.Value) == null)
            {
                f.Error($"{p}.id", $"receiver {id} is not in the venue file's receivers");
            }

            receivers.Add(new ExerciseReceiver(id.Value, receiverKey));
        }

        if (venue != null)
        {
            foreach (VenueReceiver placed in venue.Receivers.Where(r => receivers.All(k => k.Id != r.Id)))
            {
                f.Error("$.receivers", $"no key for receiver {placed.Id} ({placed.Name}) of the venue: its datagrams could not be verified");
            }
        }

        var officers = new List<Officer>();
        foreach ((JsonElement e, string p) in f.Array(root, "$", "officers", required: false))
        {
            if (!f.IsObject(e, p))
            {
                continue;
            }

            f.OnlyKnown(e, p, "badge", "name", "agency", "role");
            int? badge = f.Int(e, p, "badge", 1, ushort.MaxValue, null);
            string officerName = f.String(e, p, "name", "", required: true)!;
            string agency = f.String(e, p, "agency", "", required: false)!;
            string? roleText = f.String(e, p, "role", null, required: true);
            OfficerRole? role = null;
            if (roleText != null)
            {
                if (Officer.TryParseRole(roleText, out OfficerRole r))
                {
                    role = r;
                }
                else
                {
                    f.Error($"{p}.role", $"unknown role {JsonFields.Quote(roleText)} (expected one of: {Officer.RoleChoices})");
                }
            }

            if (badge == null || role == null)
            {
                continue;
            }

            if (officers.Any(o => o.Badge == badge))
            {
                f.Error($"{p}.badge", $"duplicate badge ID {badge}");
                continue;
            }

            officers.Add(new Officer(badge.Value, officerName, agency, role.Value));
        }

        var tags = new List<CasualtyTag>();
        foreach ((JsonElement e, string p) in f.Array(root, "$", "tags", required: false))
        {
            if (!f.IsObject(e, p))
            {
                continue;
            }

            f.OnlyKnown(e, p, "tag", "label");
            int? tag = f.Int(e, p, "tag", 1, ushort.MaxValue, null);
            string label = f.String(e, p, "label", null, required: false) ?? $"Tag {tag}";
            if (tag == null)
            {
                continue;
            }

            if (tags.Any(t => t.Tag == tag))
            {
                f.Error($"{p}.tag", $"duplicate tag ID {tag}");
                continue;
            }

            tags.Add(new CasualtyTag(tag.Value, label));
        }

        f.ThrowIfErrors();
        return new Exercise(exerciseId!.Value, name, companyId, key!, receivers, officers, tags);
    }

    private static ushort CompanyField(JsonFields f, JsonElement root)
    {
        string text = f.String(root, "$", "companyId", "FFFF", required: false)!;
        byte[]? bytes = Hex.TryParse(text);
        if (bytes == null || bytes.Length != 2)
        {
            f.Error("$.companyId", $"must be 4 hex digits (a Bluetooth company ID, e.g. \"FFFF\"), not {JsonFields.Quote(text)}");
            return FrameLayout.DefaultCompanyId;
        }

        return (ushort)((bytes[0] << 8) | bytes[1]);
    }
}
