using System.Text.Json;
using System.Text.Json.Serialization;

namespace Beacons.Venue;

/// <summary>
/// How the files, the record, the API and the review spell an enum value: its name in lower-case words
/// joined by '-' (<see cref="ZoneStatus.Hot"/> is "hot"). The one naming policy: code keeps enums and
/// turns them into words only here, at the edge; JSON does it through <see cref="Converter"/>.
/// </summary>
public static class WireNames
{
    public static readonly JsonNamingPolicy Policy = JsonNamingPolicy.KebabCaseLower;

    /// <summary>For <see cref="JsonSerializerOptions.Converters"/>: enums as their wire names, never as numbers.</summary>
    public static JsonConverter Converter { get; } = new JsonStringEnumConverter(Policy, allowIntegerValues: false);

    public static string Of<T>(T value)
        where T : struct, Enum => Table<T>.Names.TryGetValue(value, out string? name) ? name : Policy.ConvertName(value.ToString());

    /// <summary>The value a wire name stands for; false for anything else (case counts).</summary>
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        return text != null && Table<T>.Values.TryGetValue(text, out value);
    }

    /// <summary>Every name, for messages: "\"hot\", \"warm\" or \"cold\"".</summary>
    public static string Choices<T>()
        where T : struct, Enum
    {
        string[] quoted = Table<T>.Names.Values.Select(n => $"\"{n}\"").ToArray();
        return quoted.Length == 1 ? quoted[0] : $"{string.Join(", ", quoted[..^1])} or {quoted[^1]}";
    }

    private static class Table<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Names = Enum.GetValues<T>().ToDictionary(v => v, v => Policy.ConvertName(v.ToString()));
        public static readonly Dictionary<string, T> Values = Names.ToDictionary(p => p.Value, p => p.Key);
    }
}
