using System.Globalization;
using System.Text.Json;
using Beacons.Venue;

namespace Beacons.Simulator.Scenario;

/// <summary>
/// Reads a scenario file's fields: the venue library's <see cref="JsonFields"/> (every problem collected with
/// its JSON path, as for the venue and exercise files), plus times from T0 and fields that are optional
/// without a default.
/// </summary>
internal sealed class ScenarioFields(string file) : JsonFields(file)
{
    public bool Has(JsonElement obj, string name) => obj.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null;

    /// <summary>A non-empty string; null when absent (an error too when <paramref name="required"/>).</summary>
    public string? String(JsonElement obj, string path, string name, bool required)
    {
        string? text = String(obj, path, name, null, required);
        if (text != null && text.Trim().Length == 0)
        {
            Error($"{path}.{name}", "must not be empty");
            return null;
        }

        return text;
    }

    /// <summary>A whole number in [min, max]; null when absent (an error too when <paramref name="required"/>).</summary>
    public int? Int(JsonElement obj, string path, string name, int min, int max, bool required) =>
        Has(obj, name) || required ? Int(obj, path, name, min, max, (int?)null) : null;

    /// <summary>A number in [min, max]; null when absent (an error too when <paramref name="required"/>).</summary>
    public double? Number(JsonElement obj, string path, string name, double min, double max, bool required) =>
        Has(obj, name) || required ? Number(obj, path, name, min, max, (double?)null) : null;

    public PlanPoint? Point(JsonElement value, string path) => PointValue(value, path);

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
}
