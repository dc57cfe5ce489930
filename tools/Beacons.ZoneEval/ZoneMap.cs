using System.Text.Json;

namespace Beacons.ZoneEval;

/// <summary>
/// zones.json of the UCI data: zones drawn as column/row ranges over the grid, and the cell of each
/// beacon. Zones are numbered 1..N in file order (the estimator's zone IDs are bytes).
/// </summary>
public sealed class ZoneMap
{
    private readonly string _columns;
    private readonly List<(string Name, int FirstColumn, int LastColumn, int FirstRow, int LastRow)> _zones;
    private readonly Dictionary<string, (int Column, int Row)> _beaconCells = new(StringComparer.OrdinalIgnoreCase);

    private ZoneMap(string columns, List<(string, int, int, int, int)> zones)
    {
        _columns = columns;
        _zones = zones;
    }

    public int ZoneCount => _zones.Count;

    public string ZoneName(byte zone) => zone >= 1 && zone <= _zones.Count ? _zones[zone - 1].Name : "unknown";

    /// <summary>The zone of a beacon named in zones.json ("b3001"), or 0 when the map does not place it.</summary>
    public byte ZoneOfBeacon(string beacon) =>
        _beaconCells.TryGetValue(beacon, out var cell) ? ZoneOf(cell.Column, cell.Row) : (byte)0;

    /// <summary>Where a beacon stands on the grid (column index from 0, row number), for the methods that estimate a position.</summary>
    public (double Column, double Row) PositionOfBeacon(string beacon) => _beaconCells[beacon];

    /// <summary>The zone of a grid cell ("F09": column letter, row number), or 0 when no zone covers it.</summary>
    public byte ZoneOfCell(string cell)
    {
        if (cell.Length < 2 || !int.TryParse(cell.AsSpan(1), out int row))
        {
            return 0;
        }

        int column = _columns.IndexOf(char.ToUpperInvariant(cell[0]));
        return column < 0 ? (byte)0 : ZoneOf(column, row);
    }

    /// <summary>The zone of the cell nearest a position on the grid (column index from 0, row number), or 0 when no zone covers it.</summary>
    public byte ZoneAt(double column, double row) =>
        ZoneOf((int)Math.Round(Math.Clamp(column, 0, _columns.Length - 1)), (int)Math.Round(row));

    private byte ZoneOf(int column, int row)
    {
        for (int i = 0; i < _zones.Count; i++)
        {
            var z = _zones[i];
            if (column >= z.FirstColumn && column <= z.LastColumn && row >= z.FirstRow && row <= z.LastRow)
            {
                return (byte)(i + 1);
            }
        }

        return 0;
    }

    /// <summary>Reads the map; throws <see cref="FormatException"/> with a one-line reason when it is not one.</summary>
    public static ZoneMap Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException("not JSON: " + e.Message);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            string columns = RequiredString(root, "columns", "$.columns");
            if (!root.TryGetProperty("zones", out JsonElement zonesElement) || zonesElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("$.zones: missing or not an array");
            }

            var zones = new List<(string, int, int, int, int)>();
            int index = 0;
            foreach (JsonElement zone in zonesElement.EnumerateArray())
            {
                string path = "$.zones[" + index + "]";
                string name = RequiredString(zone, "id", path + ".id");
                (int firstColumn, int lastColumn) = Range(RequiredString(zone, "columns", path + ".columns"), path + ".columns", s => ColumnIndex(columns, s));
                (int firstRow, int lastRow) = Range(RequiredString(zone, "rows", path + ".rows"), path + ".rows", s => int.TryParse(s, out int r) ? r : -1);
                zones.Add((name, firstColumn, lastColumn, firstRow, lastRow));
                index++;
            }

            if (zones.Count == 0 || zones.Count > 255)
            {
                throw new FormatException("$.zones: needs 1..255 zones, found " + zones.Count);
            }

            var map = new ZoneMap(columns, zones);
            if (!root.TryGetProperty("beacons", out JsonElement beacons) || beacons.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("$.beacons: missing or not an object");
            }

            foreach (JsonProperty beacon in beacons.EnumerateObject())
            {
                string cell = beacon.Value.ValueKind == JsonValueKind.String ? beacon.Value.GetString()! : "";
                byte zone = map.ZoneOfCell(cell);
                if (zone == 0)
                {
                    throw new FormatException("$.beacons." + beacon.Name + ": cell '" + cell + "' is in no zone");
                }

                map._beaconCells[beacon.Name] = (ColumnIndex(columns, cell[..1]), int.Parse(cell.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture));
            }

            return map;
        }
    }

    private static string RequiredString(JsonElement element, string name, string path)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out JsonElement value) || value.ValueKind != JsonValueKind.String)
        {
            throw new FormatException(path + ": missing or not a string");
        }

        return value.GetString()!;
    }

    private static int ColumnIndex(string columns, string letter) =>
        letter.Length == 1 ? columns.IndexOf(char.ToUpperInvariant(letter[0])) : -1;

    private static (int, int) Range(string text, string path, Func<string, int> parse)
    {
        string[] parts = text.Split('-');
        int first = parse(parts[0].Trim());
        int last = parts.Length == 2 ? parse(parts[1].Trim()) : (parts.Length == 1 ? first : -1);
        if (first < 0 || last < first)
        {
            throw new FormatException(path + ": '" + text + "' is not a range like 'A-H' or '1-18'");
        }

        return (first, last);
    }
}
