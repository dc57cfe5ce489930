using System.Text.Json;
using System.Text.Json.Nodes;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Setup;
using Beacons.Placement;
using Beacons.Venue;

namespace Beacons.Gateway.Serving;

/// <summary>
/// The Setup page's Plan step: the venue as drawn, its floors' plans, its check (every problem and coverage
/// warning at once) and its save. docs/gateway-api.md, "Setup".
/// </summary>
public static class SetupPlanApi
{
    private static readonly Lock Saving = new();

    public static void Map(RouteGroupBuilder api, SetupFolder folder, IngestCounters counters)
    {
        // The venue file as it is on the disk, for the page to edit: null in an empty folder, with why when it is not JSON.
        api.MapGet("/venue", () =>
        {
            string? text;
            try
            {
                text = folder.ReadVenue();
            }
            catch (ConfigFileException e)
            {
                return Results.Json(new JsonObject { ["venue"] = null, ["problem"] = e.Errors[0].Problem });
            }

            if (text == null)
            {
                return Results.Json(new JsonObject { ["venue"] = null });
            }

            try
            {
                return Results.Json(new JsonObject { ["venue"] = JsonNode.Parse(text) });
            }
            catch (JsonException e)
            {
                return Results.Json(new JsonObject { ["venue"] = null, ["problem"] = $"{SetupFolder.VenueFileName} is not JSON ({e.Message}); saving from this page replaces it" });
            }
        });

        // A floor's plan, as the venue's image field names it (the dashboard's FloorImages rules: only inside the folder).
        api.MapGet("/image", (string path) =>
            FloorImages.Resolve(folder.Root, path) is (string file, string type) ? Results.File(file, type) : Results.NotFound());

        api.MapPost("/floors/{id:int}/plan", async (int id, HttpRequest request) =>
        {
            if (id is < 0 or > 255)
            {
                return Refused(counters, "a floor's ID is 0..255", [new("$.floors.id", $"{id} is not a floor ID")]);
            }

            byte[]? bytes = null;
            try
            {
                JsonNode? body = await JsonNode.ParseAsync(request.Body);
                string? data = body?["data"]?.GetValue<string>();
                bytes = data == null ? null : Convert.FromBase64String(data);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                // bytes stays null
            }

            if (bytes == null)
            {
                return Refused(counters, "the body must be JSON {\"data\": the file's bytes in base64}", [new("image", "the upload did not arrive whole: try again")]);
            }

            if (PlanImageCheck.Inspect(bytes, out string problem) is not PlanImageInfo info)
            {
                return Refused(counters, $"the plan for floor {id} is refused: {problem}", [new("image", problem)]);
            }

            string image = folder.WritePlan(id, info.Extension, bytes);
            return Results.Json(new { image, kind = info.Extension, width = info.Width, height = info.Height });
        });

        api.MapPost("/venue/check", async (HttpRequest request) =>
        {
            (Beacons.Venue.Venue? venue, List<FieldProblem> problems) = await ReadVenue(request);
            if (venue == null)
            {
                return Results.Json(new { loads = false, problems, warnings = Array.Empty<object>(), links = Array.Empty<object>() });
            }

            return Results.Json(new
            {
                loads = true,
                problems = Array.Empty<object>(),
                // Whether badges will locate from anchors is chosen when provisioning: until then anchors count as unused.
                warnings = CoverageCheck.Of(venue, badgesLocate: false).Select(w => new { gap = w.Gap.ToString(), zone = w.Zone, message = w.Message }),
                links = StairLinks(venue),
            });
        });

        api.MapPut("/venue", async (HttpRequest request) =>
        {
            (Beacons.Venue.Venue? venue, List<FieldProblem> problems) = await ReadVenue(request);
            if (venue == null)
            {
                return Refused(counters, $"nothing was saved: the venue has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}", problems);
            }

            try
            {
                lock (Saving)
                {
                    return Results.Json(Save(folder, venue));
                }
            }
            catch (ConfigFileException e)
            {
                return Problems.Answer(counters, Counter.ApiFailed, StatusCodes.Status500InternalServerError, $"nothing was saved: {e.Errors[0].Problem}");
            }
        });
    }

    /// <summary>
    /// Writes the venue (and brings the exercise's receiver keys in line with it: a new receiver gets a key, a removed
    /// one loses its own), each file atomically. The exercise is checked against the new venue before either is written.
    /// </summary>
    private static object Save(SetupFolder folder, Beacons.Venue.Venue venue)
    {
        string? exerciseText = null;
        string exercise = "none";
        int keysMade = 0, keysDropped = 0;
        if (folder.HasExercise)
        {
            try
            {
                // Without the venue: keys of receivers it no longer places are dropped below, not refused.
                Exercise existing = ExerciseFile.Load(folder.ExercisePath);
                Exercise updated = RosterImport.KeysFor(existing, venue);
                exerciseText = ExerciseFile.Format(updated);
                ExerciseFile.Parse(exerciseText, SetupFolder.ExerciseFileName, venue);
                keysMade = updated.Receivers.Count(r => existing.FindReceiver(r.Id) == null);
                keysDropped = existing.Receivers.Count(r => updated.FindReceiver(r.Id) == null);
                exercise = "updated";
            }
            catch (ConfigFileException e)
            {
                exerciseText = null;
                exercise = $"not updated: {e.Errors[0].Path}: {e.Errors[0].Problem} (fix the roster, then save again)";
            }
        }

        folder.WriteVenue(VenueFile.Format(venue));
        if (exerciseText != null)
        {
            folder.WriteExercise(exerciseText);
        }

        return new { saved = true, exercise, keysMade, keysDropped };
    }

    /// <summary>Stairs zones that link floors (docs/venue.md, "Neighbouring zones"): the page says which each one reaches.</summary>
    private static IEnumerable<object> StairLinks(Beacons.Venue.Venue venue) =>
        NeighbouringZones.Of(venue)
            .Where(p => venue.FindZone(p.A) is { Stairs: true } a && venue.FindZone(p.B) is { Stairs: true } b && a.Floor != b.Floor)
            .Select(p => new { a = p.A, b = p.B });

    /// <summary>The venue in the body as the gateway would load it, or null and every problem it has.</summary>
    private static async Task<(Beacons.Venue.Venue?, List<FieldProblem>)> ReadVenue(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        string text = await reader.ReadToEndAsync();
        try
        {
            return (VenueFile.Parse(text, SetupFolder.VenueFileName), []);
        }
        catch (ConfigFileException e)
        {
            return (null, e.Errors.Select(x => new FieldProblem(x.Path, x.Problem)).ToList());
        }
    }

    /// <summary>422 with every problem at its field (the loader's JSON paths): the page shows each where it belongs.</summary>
    private static IResult Refused(IngestCounters counters, string detail, List<FieldProblem> problems) =>
        Problems.Answer(counters, Counter.ApiRejected, StatusCodes.Status422UnprocessableEntity, detail, new Dictionary<string, object?>
        {
            ["problems"] = problems,
        });
}

/// <summary>One problem at one field: a venue file's JSON path (e.g. $.zones[2].outline), or "image" for an upload.</summary>
public sealed record FieldProblem(string Path, string Problem);
