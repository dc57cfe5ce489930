using System.Text.Json.Nodes;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Setup;

namespace Beacons.Gateway.Serving;

/// <summary>The Setup page's Plan step: the venue as drawn, its floor plans, its check and its save. docs/gateway-api.md, "Setup".</summary>
public static class SetupPlanApi
{
    public static void Map(RouteGroupBuilder api, SetupFolder folder, IngestCounters counters)
    {
        // The venue file as it is on the disk (null in an empty folder): the page opens it for editing.
        api.MapGet("/venue", () =>
        {
            string? text = folder.ReadVenue();
            return Results.Json(new JsonObject { ["venue"] = text == null ? null : JsonNode.Parse(text) });
        });
    }
}
