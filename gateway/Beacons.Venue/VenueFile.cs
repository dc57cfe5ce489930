using System.Text.Json;
using System.Text;
using Beacons.Protocol;

namespace Beacons.Venue;

/// <summary>Reads, validates and writes venue files. docs/venue.md documents the format field by field.</summary>
public static class VenueFile
{
    /// <summary>Loads and validates a venue file; throws <see cref="ConfigFileException"/> naming every problem.</summary>
    public static Venue Load(string path)
    {
        return Parse(ConfigText.Read(path), Path.GetFileName(path));
    }

    /// <summary>Validates venue JSON; <paramref name="fileName"/> is what error messages call it.</summary>
    public static Venue Parse(string json, string fileName)
    {
        var f = new JsonFields(fileName);
        JsonElement? rootOrNull = f.Root(json);
        if (rootOrNull is not JsonElement root)
        {
            f.ThrowIfErrors();
            throw new InvalidOperationException("unreachable");
        }

        f.OnlyKnown(root, "$", "name", "floors", "zones", "receivers", "anchors", "walls", "floorLossDb");
        string name = f.String(root, "$", "name", "", required: true)!;

        var floors = new List<Floor>();
        foreach ((JsonElement e, string p) in f.Array(root, "$", "floors", required: true))
        {
            if (!f.IsObject(e, p))
            {
                continue;
            }

            f.OnlyKnown(e, p, "id", "name", "width", "height", "image");
            int? id = f.Int(e, p, "id", 0, 255, null);
            string floorName = f.String(e, p, "name", null, required: false) ?? $"Floor {id}";
            double? width = f.Number(e, p, "width", 0.1, 100_000, null);
            double? height = f.Number(e, p, "height", 0.1, 100_000, null);
            string? image = f.String(e, p, "image", null, required: false);
            if (id == null || width == null || height == null)
            {
                continue;
            }

            if (floors.Any(x => x.Id == id))
            {
                f.Error($"{p}.id", $"duplicate floor ID {id}");
                continue;
            }

            floors.Add(new Floor(id.Value, floorName, width.Value, height.Value, image));
        }

        var zones = new List<VenueZone>();
        var zonePaths = new List<string>(); // each zone's path in the file, for its problems
        foreach ((JsonElement e, string p) in f.Array(root, "$", "zones", required: true))
        {
            if (!f.IsObject(e, p))
            {
                continue;
            }

            f.OnlyKnown(e, p, "id", "name", "floor", "outline", "status", "ccp", "outside", "stairs");
            int? id = f.Int(e, p, "id", Zone.None + 1, 255, null);
            string zoneName = f.String(e, p, "name", "", required: true)!;
            Floor? floor = FloorField(f, e, p, floors);
            var outline = new List<PlanPoint>();
            foreach ((JsonElement pe, string pp) in f.Array(e, p, "outline", required: true))
            {
                if (f.PointValue(pe, pp) is PlanPoint point)
                {
                    CheckOnFloor(f, pp, point, floor);
                    outline.Add(point);
                }
            }

            if (e.TryGetProperty("outline", out _) && outline.Count is > 0 and < 3)
            {
                f.Error($"{p}.outline", $"an outline needs at least 3 corners, not {outline.Count}");
            }
            else if (outline.Count >= 3 && PlanGeometry.SelfCrossing(outline) is (int edge, int other))
            {
                f.Error($"{p}.outline", $"the outline crosses itself (its edge from corner {edge} meets its edge from corner {other}, counting from 0): "
                    + "give the corners in order around the zone");
            }

            ZoneStatus status = StatusField(f, e, p);
            bool ccp = f.Bool(e, p, "ccp", false);
            bool outside = f.Bool(e, p, "outside", false);
            bool stairs = f.Bool(e, p, "stairs", false);
            if (id == null || floor == null)
            {
                continue;
            }

            if (zones.Any(z => z.Id == id))
            {
                f.Error($"{p}.id", $"duplicate zone ID {id}");
                continue;
            }

            var zone = new VenueZone(id.Value, zoneName, floor.Id, outline, status, ccp, outside, stairs);
            zones.Add(zone);
            zonePaths.Add(p);
        }

        CheckOverlaps(f, zones, zonePaths);

        int ccps = zones.Count(z => z.Ccp);
        if (zones.Count > 0 && ccps != 1)
        {
            f.Error("$.zones", ccps == 0
                ? "no zone is the casualty collection point: mark exactly one with \"ccp\": true"
                : $"{ccps} zones are marked \"ccp\": true ({string.Join(", ", zones.Where(z => z.Ccp).Select(z => z.Id))}); exactly one must be");
        }

        var receivers = new List<VenueReceiver>();
        foreach ((JsonElement e, string p) in f.Array(root, "$", "receivers", required: false))
        {
            if (!f.IsObject(e, p))
            {
                continue;
            }

            f.OnlyKnown(e, p, "id", "name", "zone", "floor", "position");
            int? id = f.Int(e, p, "id", 1, ushort.MaxValue, null);
            string receiverName = f.String(e, p, "name", null, required: false) ?? $"R{id}";
            (VenueZone? zone, Floor? floor) = ZoneAndFloor(f, e, p, zones, floors);
            PlanPoint? position = f.Point(e, p, "position", required: true);
            if (position != null)
            {
                CheckOnFloor(f, $"{p}.position", position.Value, floor);
            }

            if (id == null || zone == null || floor == null || position == null)
            {
                continue;
            }

            if (receivers.Any(r => r.Id == id))
            {
                f.Error($"{p}.id", $"duplicate receiver ID {id}");
                continue;
            }

            receivers.Add(new VenueReceiver(id.Value, receiverName, zone.Id, floor.Id, position.Value));
        }

        var anchors = new List<VenueAnchor>();
        foreach ((JsonElement e, string p) in f.Array(root, "$", "anchors", required: false))
        {
            if (!f.IsObject(e, p))
            {
                continue;
            }

            f.OnlyKnown(e, p, "id", "zone", "floor", "position", "rssiAt1m", "ibeacon");
            int? id = f.Int(e, p, "id", 1, ushort.MaxValue, null);
            (VenueZone? zone, Floor? floor) = ZoneAndFloor(f, e, p, zones, floors);
            PlanPoint? position = f.Point(e, p, "position", required: true);
            if (position != null)
            {
                CheckOnFloor(f, $"{p}.position", position.Value, floor);
            }

            int? rssiAt1m = f.Int(e, p, "rssiAt1m", -127, 0, VenueAnchor.DefaultRssiAt1m);
            IBeaconIdentity? iBeacon = IBeaconField(f, e, p);
            if (id == null || zone == null || floor == null || position == null || rssiAt1m == null)
            {
                continue;
            }

            if (anchors.Any(a => a.Id == id))
            {
                f.Error($"{p}.id", $"duplicate anchor ID {id}");
                continue;
            }

            if (iBeacon != null && anchors.Any(a => iBeacon.Equals(a.IBeacon)))
            {
                f.Error($"{p}.ibeacon", $"another anchor already has iBeacon {iBeacon.UuidText} major {iBeacon.Major} minor {iBeacon.Minor}");
                continue;
            }

            anchors.Add(new VenueAnchor(id.Value, zone.Id, floor.Id, position.Value, rssiAt1m.Value, iBeacon));
        }

        var walls = new List<Wall>();
        foreach ((JsonElement e, string p) in f.Array(root, "$", "walls", required: false))
        {
            if (!f.IsObject(e, p))
            {
                continue;
            }

            f.OnlyKnown(e, p, "floor", "from", "to", "lossDb");
            Floor? floor = FloorField(f, e, p, floors);
            PlanPoint? from = f.Point(e, p, "from", required: true);
            PlanPoint? to = f.Point(e, p, "to", required: true);
            double? loss = f.Number(e, p, "lossDb", 0, 100, Wall.DefaultLossDb);
            if (floor != null && from != null && to != null && loss != null)
            {
                walls.Add(new Wall(floor.Id, from.Value, to.Value, loss.Value));
            }
        }

        double? floorLoss = f.Number(root, "$", "floorLossDb", 0, 200, Venue.DefaultFloorLossDb);
        f.ThrowIfErrors();
        return new Venue(name, floors, zones, receivers, anchors, walls, floorLoss!.Value);
    }

    /// <summary>The venue in its file format (indented JSON): what the gateway serves and the simulator can save.</summary>
    public static string Format(Venue venue)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(w, venue);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter w, Venue venue)
    {
        w.WriteStartObject();
        w.WriteString("name", venue.Name);
        w.WriteStartArray("floors");
        foreach (Floor floor in venue.Floors)
        {
            w.WriteStartObject();
            w.WriteNumber("id", floor.Id);
            w.WriteString("name", floor.Name);
            w.WriteNumber("width", floor.Width);
            w.WriteNumber("height", floor.Height);
            if (floor.Image != null)
            {
                w.WriteString("image", floor.Image);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("zones");
        foreach (VenueZone zone in venue.Zones)
        {
            w.WriteStartObject();
            w.WriteNumber("id", zone.Id);
            w.WriteString("name", zone.Name);
            w.WriteNumber("floor", zone.Floor);
            w.WriteStartArray("outline");
            foreach (PlanPoint point in zone.Outline)
            {
                WritePoint(w, point);
            }

            w.WriteEndArray();
            w.WriteString("status", WireNames.Of(zone.Status));
            w.WriteBoolean("ccp", zone.Ccp);
            w.WriteBoolean("outside", zone.Outside);
            if (zone.Stairs)
            {
                w.WriteBoolean("stairs", true);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("receivers");
        foreach (VenueReceiver receiver in venue.Receivers)
        {
            w.WriteStartObject();
            w.WriteNumber("id", receiver.Id);
            w.WriteString("name", receiver.Name);
            w.WriteNumber("zone", receiver.Zone);
            w.WriteNumber("floor", receiver.Floor);
            w.WritePropertyName("position");
            WritePoint(w, receiver.Position);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("anchors");
        foreach (VenueAnchor anchor in venue.Anchors)
        {
            w.WriteStartObject();
            w.WriteNumber("id", anchor.Id);
            w.WriteNumber("zone", anchor.Zone);
            w.WriteNumber("floor", anchor.Floor);
            w.WritePropertyName("position");
            WritePoint(w, anchor.Position);
            w.WriteNumber("rssiAt1m", anchor.RssiAt1m);
            if (anchor.IBeacon != null)
            {
                w.WriteStartObject("ibeacon");
                w.WriteString("uuid", anchor.IBeacon.UuidText);
                w.WriteNumber("major", anchor.IBeacon.Major);
                w.WriteNumber("minor", anchor.IBeacon.Minor);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("walls");
        foreach (Wall wall in venue.Walls)
        {
            w.WriteStartObject();
            w.WriteNumber("floor", wall.Floor);
            w.WritePropertyName("from");
            WritePoint(w, wall.From);
            w.WritePropertyName("to");
            WritePoint(w, wall.To);
            w.WriteNumber("lossDb", wall.LossDb);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("floorLossDb", venue.FloorLossDb);
        w.WriteEndObject();
    }

    private static void WritePoint(Utf8JsonWriter w, PlanPoint point)
    {
        w.WriteStartArray();
        w.WriteNumberValue(point.X);
        w.WriteNumberValue(point.Y);
        w.WriteEndArray();
    }

    private static ZoneStatus StatusField(JsonFields f, JsonElement e, string p)
    {
        // A zone nobody declared safe is treated as dangerous.
        string? text = f.String(e, p, "status", WireNames.Of(ZoneStatus.Hot), required: false);
        if (!WireNames.TryParse(text, out ZoneStatus status))
        {
            f.Error($"{p}.status", $"must be {WireNames.Choices<ZoneStatus>()}, not {JsonFields.Quote(text ?? "")}");
            return ZoneStatus.Hot;
        }

        return status;
    }

    private static Floor? FloorField(JsonFields f, JsonElement e, string p, List<Floor> floors)
    {
        int? id = f.Int(e, p, "floor", 0, 255, null);
        if (id == null)
        {
            return null;
        }

        Floor? floor = floors.FirstOrDefault(x => x.Id == id);
        if (floor == null)
        {
            f.Error($"{p}.floor", $"unknown floor {id} (floors are {string.Join(", ", floors.Select(x => x.Id))})");
        }

        return floor;
    }

    /// <summary>A receiver's or anchor's zone and floor; the floor defaults to the zone's and must match it when given.</summary>
    private static (VenueZone?, Floor?) ZoneAndFloor(JsonFields f, JsonElement e, string p, List<VenueZone> zones, List<Floor> floors)
    {
        int? zoneId = f.Int(e, p, "zone", Zone.None + 1, 255, null);
        VenueZone? zone = null;
        if (zoneId != null)
        {
            zone = zones.FirstOrDefault(z => z.Id == zoneId);
            if (zone == null)
            {
                f.Error($"{p}.zone", $"unknown zone {zoneId} (not in $.zones)");
            }
        }

        Floor? floor;
        if (e.TryGetProperty("floor", out JsonElement given) && given.ValueKind != JsonValueKind.Null)
        {
            floor = FloorField(f, e, p, floors);
            if (floor != null && zone != null && floor.Id != zone.Floor)
            {
                f.Error($"{p}.floor", $"floor {floor.Id} is not the floor of zone {zone.Id} ({zone.Floor})");
            }
        }
        else
        {
            floor = zone == null ? null : floors.FirstOrDefault(x => x.Id == zone.Floor);
        }

        return (zone, floor);
    }

    /// <summary>Zones on one floor must not share floor area: a device there would be in two zones at once.</summary>
    private static void CheckOverlaps(JsonFields f, List<VenueZone> zones, List<string> paths)
    {
        // Only outlines the loader took as they are: one that crosses itself already has its own problem.
        bool Simple(VenueZone z) => z.Outline.Count >= 3 && PlanGeometry.SelfCrossing(z.Outline) == null;
        for (int i = 0; i < zones.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                VenueZone zone = zones[i], other = zones[j];
                if (zone.Floor == other.Floor && Simple(zone) && Simple(other) && PlanGeometry.Overlap(zone.Outline, other.Outline))
                {
                    f.Error($"{paths[i]}.outline", $"overlaps zone {other.Id} ({JsonFields.Quote(other.Name)}) on floor {zone.Floor}: "
                        + "every place must be in one zone only, so zones may share walls and corners but not floor");
                }
            }
        }
    }

    private static void CheckOnFloor(JsonFields f, string path, PlanPoint point, Floor? floor)
    {
        if (floor != null && (point.X < 0 || point.Y < 0 || point.X > floor.Width || point.Y > floor.Height))
        {
            f.Error(path, $"[{point.X}, {point.Y}] is off floor {floor.Id}'s plan (0..{floor.Width} by 0..{floor.Height})");
        }
    }

    private static IBeaconIdentity? IBeaconField(JsonFields f, JsonElement e, string p)
    {
        if (!e.TryGetProperty("ibeacon", out JsonElement b) || b.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        string path = $"{p}.ibeacon";
        if (!f.IsObject(b, path))
        {
            return null;
        }

        f.OnlyKnown(b, path, "uuid", "major", "minor");
        string? uuidText = f.String(b, path, "uuid", null, required: true);
        int? major = f.Int(b, path, "major", 0, ushort.MaxValue, null);
        int? minor = f.Int(b, path, "minor", 0, ushort.MaxValue, null);
        byte[]? uuid = uuidText == null ? null : Hex.TryParse(uuidText);
        if (uuidText != null && (uuid == null || uuid.Length != IBeacon.UuidLength))
        {
            f.Error($"{path}.uuid", $"must be a UUID (32 hex digits, dashes allowed), not {JsonFields.Quote(uuidText)}");
            return null;
        }

        return uuid == null || major == null || minor == null ? null : new IBeaconIdentity(uuid, (ushort)major, (ushort)minor);
    }
}

/// <summary>Reads and saves configuration files, turning the usual I/O failures into one-line errors.</summary>
public static class ConfigText
{
    /// <summary>
    /// Saves <paramref name="text"/> (UTF-8, no byte-order mark) so that a crash or a full disk never leaves half
    /// a file: it goes to a temporary file beside <paramref name="path"/>, flushed to the disk, which then
    /// replaces the old file in one rename. The old file is untouched when anything fails.
    /// </summary>
    public static void WriteAtomic(string path, string text) => WriteAtomic(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));

    /// <summary>Saves <paramref name="bytes"/> the same way: the old file or the new one, never half of one.</summary>
    public static void WriteAtomic(string path, byte[] bytes)
    {
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():n}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            throw new ConfigFileException([new ConfigError(path, "$", $"cannot save the file: {(e is UnauthorizedAccessException ? "permission denied" : e.Message)}")]);
        }
    }

    // Throws on bytes that are not UTF-8, where File.ReadAllText would turn them into U+FFFD unseen.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            throw new ConfigFileException([new ConfigError(path, "$", $"cannot read the file: {why}")]);
        }

        int start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            int at = start + Math.Max(0, e.Index);
            int line = 1 + bytes.AsSpan(0, Math.Min(at, bytes.Length)).Count((byte)'\n');
            throw new ConfigFileException([new ConfigError(path, "$", $"not valid UTF-8 (line {line}, byte {at + 1} of the file): save it as UTF-8")]);
        }
    }
}
