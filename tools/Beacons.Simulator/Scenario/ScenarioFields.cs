using System.Globalization;
using System.Text.Json;
using Beacons.Venue;

namespace Beacons.Simulator.Scenario;

/// <summary>
/// Reads a scenario file's fields, collecting every problem with its JSON path (the same error form as the
/// venue and exercise files), so an author fixes the file in one pass.
/// </summary>
internal sealed class ScenarioFields
{
    private readonly string _file;
    private readonly List<ConfigError> _errors = new();

    public ScenarioFields(string file)
    {
        _file = file;
    }

    public void Error(string path, string problem) => _errors.Add(new ConfigError(_file, path, problem));

    public void ThrowIfErrors()
    {
        if (_errors.Count > 0)
        {
            throw new ConfigFileException(_errors.ToArray());
        }
    }

    public JsonElement? Root(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                Error("$", "must be a JSON object");
                return null;
            }

            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Error("$", $"not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})");
            return null;
        }
    }

    public void OnlyKnown(JsonElement obj, string path, params string[] known)
    {
        foreach (JsonProperty property in obj.EnumerateObject())
        {
            if (System.Array.IndexOf(known, property.Name) < 0)
            {
                Error($"{path}.{property.Name}", $"unknown field (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    public bool IsObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Error(path, "must be an object {...}");
        return false;
    }

    public bool Has(JsonElement obj, string name) => obj.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null;

    public string? String(JsonElement obj, string path, string name, bool required)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error($"{path}.{name}", "missing (a string is required)");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Trim().Length == 0)
        {
            Error($"{path}.{name}", "must be a non-empty string");
            return null;
        }

        return value.GetString();
    }

    public int? Int(JsonElement obj, string path, string name, int min, int max, bool required)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error($"{path}.{name}", $"missing (a whole number in {min}..{max} is required)");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long n) || n < min || n > max)
        {
            Error($"{path}.{name}", $"must be a whole number in {min}..{max}, not {value.GetRawText()}");
            return null;
        }

        return (int)n;
    }

    public double? Number(JsonElement obj, string path, string name, double min, double max, bool required)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error($"{path}.{name}", "missing (a number is required)");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || value.GetDouble() < min || value.GetDouble() > max)
        {
            Error($"{path}.{name}", $"must be a number in {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}, not {value.GetRawText()}");
            return null;
        }

        return value.GetDouble();
    }

    public bool Bool(JsonElement obj, string path, string name, bool fallback)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error($"{path}.{name}", "must be true or false");
            return fallback;
        }

        return value.GetBoolean();
    }

    /// <summary>A time from T0: seconds as a number, or "m:ss" / "h:mm:ss" text, either optionally negative.</summary>
    public double? Time(JsonElement obj, string path, string name, bool required)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error($"{path}.{name}", "missing (a time from T0 is required: seconds, or \"m:ss\")");
            }

            return null;
        }

        double? t = ParseTime(value);
        if (t == null)
        {
            Error($"{path}.{name}", $"must be a time from T0 (seconds, or \"m:ss\", \"-0:30\"), not {value.GetRawText()}");
        }

        return t;
    }

    public static double? ParseTime(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            double s = value.GetDouble();
            return Math.Abs(s) <= 86400 ? s : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        string text = value.GetString()!.Trim();
        bool negative = text.StartsWith('-');
        string[] parts = (negative ? text[1..] : text).Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return null;
        }

        double total = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            bool last = i == parts.Length - 1;
            if (!double.TryParse(parts[i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v) || (i > 0 && v >= 60) || (!last && v != Math.Floor(v)))
            {
                return null;
            }

            total = (total * 60) + v;
        }

        return total <= 86400 ? (negative ? -total : total) : null;
    }

    public IEnumerable<(JsonElement Element, string Path)> Array(JsonElement obj, string path, string name, bool required)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error($"{path}.{name}", "missing (a list is required)");
            }

            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error($"{path}.{name}", "must be a list [...]");
            return [];
        }

        return value.EnumerateArray().Select((e, i) => (e, $"{path}.{name}[{i}]")).ToList();
    }

    public PlanPoint? Point(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2
            || value[0].ValueKind != JsonValueKind.Number || value[1].ValueKind != JsonValueKind.Number)
        {
            Error(path, $"must be a position [x, y] in metres, not {value.GetRawText()}");
            return null;
        }

        return new PlanPoint(value[0].GetDouble(), value[1].GetDouble());
    }
}
