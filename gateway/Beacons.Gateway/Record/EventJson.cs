using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Beacons.Venue;

namespace Beacons.Gateway.Record;

/// <summary>
/// Events as JSON: the body alone (stored in the record's data column) and the whole event
/// {"id","at","kind","data"} as the API and the stream send it.
/// </summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { WireNames.Converter },
    };

    public static string BodyToJson(EventBody body) => JsonSerializer.Serialize(body, body.GetType(), Options);

    /// <summary>Reads a stored body; null when the kind is unknown to this build or the data does not fit it.</summary>
    public static EventBody? BodyFromJson(string kind, string data)
    {
        if (!EventKinds.ByName.TryGetValue(kind, out Type? type))
        {
            return null;
        }

        try
        {
            return (EventBody?)JsonSerializer.Deserialize(data, type, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The whole event as one JSON object: {"id":1,"at":1731600000000,"kind":"...","data":{...}}.</summary>
    public static string ToJson(DrillEvent e) => Wrap(e.Id, e.AtMs, e.Kind, BodyToJson(e.Body));

    public static string Wrap(long id, long atMs, string kind, string data) =>
        $"{{\"id\":{id},\"at\":{atMs},\"kind\":\"{kind}\",\"data\":{data}}}";
}
