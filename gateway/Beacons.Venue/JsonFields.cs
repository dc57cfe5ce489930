using System.Globalization;
using System.Text.Json;
using Beacons.Protocol;

namespace Beacons.Venue;

/// <summary>
/// Reads the fields of a configuration file one by one, collecting every problem with its JSON path
/// instead of stopping at the first, so a controller fixes a file in one pass. The simulator's
/// scenario file reads its fields with it too (ScenarioFields), so every file reports errors alike.
/// </summary>
public class JsonFields
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly string _file;
    private readonly List<ConfigError> _errors = new();

    public JsonFields(string file)
    {
        _file = file;
    }

    public bool HasErrors => _errors.Count > 0;

    public void Error(string path, string problem) => _errors.Add(new ConfigError(_file, path, problem));

    public void ThrowIfErrors()
    {
        if (_errors.Count > 0)
        {
            throw new ConfigFileException(_errors.ToArray());
        }
    }

    /// <summary>The root object, or null (with the error recorded) when the text is not a JSON object.</summary>
    public JsonElement? Root(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                Error("$", $"must be a JSON object, not {Kind(document.RootElement)}");
                return null;
            }

            Duplicates(document.RootElement, "$");
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Error("$", $"not valid JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1})");
            return null;
        }
    }

    /// <summary>
    /// Records every field given twice in one object. JSON readers disagree on which one wins (here the
    /// last would, silently), so a file that says two things is refused rather than half-read.
    /// </summary>
    private void Duplicates(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    Error($"{path}.{property.Name}", "given twice in the same object (remove one)");
                }

                Duplicates(property.Value, $"{path}.{property.Name}");
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (JsonElement item in element.EnumerateArray())
            {
                Duplicates(item, $"{path}[{i++}]");
            }
        }
    }

    /// <summary>Records an error for every property not in <paramref name="known"/>: a misspelt field would otherwise be silently ignored.</summary>
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

    public string? String(JsonElement obj, string path, string name, string? fallback, bool required)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error($"{path}.{name}", "missing (a string is required)");
            }

            return fallback;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Error($"{path}.{name}", $"must be a string, not {Kind(value)}");
            return fallback;
        }

        string text = value.GetString()!;
        if (required && text.Trim().Length == 0)
        {
            Error($"{path}.{name}", "must not be empty");
        }

        return text;
    }

    /// <summary>A whole number in [min, max]; <paramref name="fallback"/> null makes it required.</summary>
    public int? Int(JsonElement obj, string path, string name, int min, int max, int? fallback)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            if (fallback == null)
            {
                Error($"{path}.{name}", $"missing (a whole number in {min}..{max} is required)");
            }

            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long n))
        {
            Error($"{path}.{name}", $"must be a whole number in {min}..{max}, not {Describe(value)}");
            return null;
        }

        if (n < min || n > max)
        {
            Error($"{path}.{name}", $"{n} is out of {min}..{max}");
            return null;
        }

        return (int)n;
    }

    public double? Number(JsonElement obj, string path, string name, double min, double max, double? fallback)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            if (fallback == null)
            {
                Error($"{path}.{name}", "missing (a number is required)");
            }

            return fallback;
        }

        return NumberValue(value, $"{path}.{name}", min, max);
    }

    public bool Bool(JsonElement obj, string path, string name, bool fallback)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.True && value.ValueKind != JsonValueKind.False)
        {
            Error($"{path}.{name}", $"must be true or false, not {Describe(value)}");
            return fallback;
        }

        return value.GetBoolean();
    }

    /// <summary>The elements of an array field with their paths; empty (with an error when required) if it is missing or not an array.</summary>
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
            Error($"{path}.{name}", $"must be a list [...], not {Kind(value)}");
            return [];
        }

        var items = new List<(JsonElement, string)>();
        int i = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            items.Add((item, $"{path}.{name}[{i}]"));
            i++;
        }

        if (required && items.Count == 0)
        {
            Error($"{path}.{name}", "must not be empty");
        }

        return items;
    }

    public bool IsObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Error(path, $"must be an object {{...}}, not {Kind(element)}");
        return false;
    }

    /// <summary>An [x, y] position in metres.</summary>
    public PlanPoint? Point(JsonElement obj, string path, string name, bool required)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Error($"{path}.{name}", "missing (a position [x, y] in metres is required)");
            }

            return null;
        }

        return PointValue(value, $"{path}.{name}");
    }

    public PlanPoint? PointValue(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2)
        {
            Error(path, $"must be a position [x, y] in metres, not {Describe(value)}");
            return null;
        }

        double? x = NumberValue(value[0], $"{path}[0]", -1e6, 1e6);
        double? y = NumberValue(value[1], $"{path}[1]", -1e6, 1e6);
        return x != null && y != null ? new PlanPoint(x.Value, y.Value) : null;
    }

    /// <summary>A 128-bit key as 32 hex digits.</summary>
    public byte[]? Key(JsonElement obj, string path, string name)
    {
        string? text = String(obj, path, name, null, required: true);
        if (text == null)
        {
            return null;
        }

        byte[]? key = Hex.TryParse(text);
        if (key == null || key.Length != MacKey.Length)
        {
            Error($"{path}.{name}", $"must be 32 hex digits (a 128-bit key; `beacons keys new` makes one), not {Quote(text)}");
            return null;
        }

        return key;
    }

    private double? NumberValue(JsonElement value, string path, double min, double max)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            Error(path, $"must be a number, not {Describe(value)}");
            return null;
        }

        double d = value.GetDouble();
        if (!double.IsFinite(d) || d < min || d > max)
        {
            Error(path, $"{d.ToString(CultureInfo.InvariantCulture)} is out of {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }

        return d;
    }

    public static string Quote(string text) => text.Length > 40 ? $"\"{text[..40]}...\"" : $"\"{text}\"";

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Quote(value.GetString()!),
        JsonValueKind.Number => value.GetRawText(),
        _ => Kind(value),
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        _ => "null",
    };
}
