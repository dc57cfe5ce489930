using System.Text.Json;
using System.Text.Json.Nodes;

namespace Beacons.Gateway.Tests.Serving;

/// <summary>What a client of the stream does with a message: each changed entity replaces the one of its ID (docs/gateway-api.md, "Live stream").</summary>
internal static class PageRoster
{
    /// <param name="roster">/api/roster's JSON as of the event before <paramref name="eventId"/>; changed in place.</param>
    public static void Apply(JsonNode roster, long eventId, JsonElement changed)
    {
        Assert.Equal((long)roster["lastEventId"]! + 1, eventId);
        roster["lastEventId"] = eventId;
        foreach (JsonProperty part in changed.EnumerateObject())
        {
            if (part.Name == "clock")
            {
                roster["clock"] = JsonNode.Parse(part.Value.GetRawText());
                continue;
            }

            string key = part.Name switch { "officers" => "badge", "casualties" => "tag", _ => "id" };
            List<JsonNode> items = roster[part.Name]!.AsArray().Select(n => n!.DeepClone()).ToList();
            foreach (JsonElement entity in part.Value.EnumerateArray())
            {
                items.RemoveAll(n => (long)n[key]! == entity.GetProperty(key).GetInt64());
                items.Add(JsonNode.Parse(entity.GetRawText())!);
            }

            roster[part.Name] = new JsonArray(items.OrderBy(n => (long)n[key]!).ToArray());
        }
    }
}
