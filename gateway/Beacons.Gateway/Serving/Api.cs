using System.Text;
using System.Text.Json;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Gateway.Setup;
using Beacons.Venue;

namespace Beacons.Gateway.Serving;

/// <summary>The JSON API and the live stream. docs/gateway-api.md is the reference for clients.</summary>
public static class Api
{
    public const int MaxBodyBytes = 4096;
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void Map(WebApplication app, DrillRuntime runtime, ControllerToken token, int udpPort, long startedAtMs)
    {
        IngestCounters counters = runtime.Counters;
        string venueJson = VenueFile.Format(runtime.Venue);
        string exerciseJson = ExerciseFile.FormatWithoutKeys(runtime.Exercise);

        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                if (token.RoleOf(context.Request) is not Role role)
                {
                    await Problems.Answer(counters, Counter.ApiUnauthorized, StatusCodes.Status401Unauthorized, "a controller token is required (Authorization: Bearer <token>, or ?token=)").ExecuteAsync(context);
                    return;
                }

                context.Items[typeof(Role)] = role;
            }

            await next(context);
        });

        app.MapGet("/api/status", (HttpContext c) => Json(new
        {
            role = RoleOf(c) == Role.Evaluator ? "evaluator" : "controller",
            exerciseId = runtime.Exercise.ExerciseId,
            exerciseName = runtime.Exercise.Name,
            venueName = runtime.Venue.Name,
            lastEventId = runtime.Feed.Current.LastEventId,
            udpPort,
            tokenRequired = token.Required,
            startedAtMs,
            recordingRaw = runtime.RecordingRaw,
            fault = runtime.Fault,
            udpKernelDrops = counters[Counter.UdpKernelDrops],
        }));
        app.MapGet("/api/venue", () => Results.Text(venueJson, "application/json"));
        app.MapGet("/api/exercise", () => Results.Text(exerciseJson, "application/json"));
        app.MapGet("/api/roster", () => Results.Text(RosterJson.Serialize(runtime.Feed.Current.Roster), "application/json"));
        app.MapGet("/api/alerts", (bool? active) =>
        {
            IEnumerable<Alert> alerts = runtime.Feed.Current.Roster.Alerts.Values;
            return Json(new { alerts = active == true ? alerts.Where(a => a.Active) : alerts });
        });
        app.MapGet("/api/readiness", () => Json(Readiness.Of(runtime.Feed.Current.Roster, runtime.Now)));
        app.MapGet("/api/counters", () => Json(new { counters = counters.Snapshot(), rejected = counters.Rejected }));
        app.MapGet("/api/events", (HttpContext context) =>
        {
            if (!TryLong(context.Request.Query["after"], 0, out long after) || !TryLong(context.Request.Query["limit"], 1000, out long limit) || after < 0 || limit < 1)
            {
                return Problems.Answer(counters, Counter.ApiMalformed, 400, "after and limit must be whole numbers (after >= 0, limit >= 1)");
            }

            List<StoredEvent> events = runtime.Feed.Read(after, (int)Math.Min(limit, 10_000));
            var json = new StringBuilder("{\"events\":[");
            for (int i = 0; i < events.Count; i++)
            {
                json.Append(i == 0 ? "" : ",").Append(events[i].Json);
            }

            json.Append("],\"lastEventId\":").Append(runtime.Feed.Current.LastEventId).Append('}');
            return Results.Text(json.ToString(), "application/json");
        });
        app.MapGet("/api/stream", (HttpContext context) => Stream(context, runtime.Feed, counters));

        app.MapPost("/api/clock/start", (Delegate)((HttpContext c) => Act(c, runtime, Start)));
        app.MapPost("/api/clock/stop", (Delegate)((HttpContext c) => Act(c, runtime, _ => new StopClock())));
        app.MapPost("/api/zones/{id:int}/status", (HttpContext c, int id) => Act(c, runtime, body =>
            body?.TryGetProperty("status", out JsonElement status) == true && status.ValueKind == JsonValueKind.String
                ? new SetZoneStatus(id, status.GetString()!)
                : null));
        // A handler taking only HttpContext would bind as a RequestDelegate and drop its result: cast to Delegate.
        app.MapPost("/api/annotations", (Delegate)((HttpContext c) => Act(c, runtime, body =>
            Text(body, "type", out string? type) && Text(body, "text", out string? text) && Text(body, "objective", out string? objective)
                ? new Annotate(type, text, objective)
                : null)));
        app.MapPost("/api/annotations/{id:long}/correct", (HttpContext c, long id) => Act(c, runtime, body =>
            Text(body, "type", out string? type) && Text(body, "text", out string? text) ? new CorrectAnnotation(id, type, text) : null));
        app.MapPost("/api/annotations/{id:long}/withdraw", (HttpContext c, long id) => Act(c, runtime, _ => new WithdrawAnnotation(id)));
        app.MapPost("/api/alerts/{id:long}/acknowledge", (HttpContext c, long id) => Act(c, runtime, _ => new AcknowledgeAlert(id)));
    }

    /// <summary>An annotation's optional objective (an observation's, docs/review.md); a non-string is refused as empty.</summary>
    private static async Task<IResult> Act(HttpContext context, DrillRuntime runtime, Func<JsonElement?, ControllerAction?> make)
    {
        IngestCounters counters = runtime.Counters;
        (JsonElement? body, IResult? problem) = await ReadBody(context, counters);
        if (problem != null)
        {
            return problem;
        }

        ControllerAction? action = make(body);
        if (action == null || !Text(body, "by", out string? by))
        {
            return Problems.Answer(counters, Counter.ApiMalformed, 400, "the body is missing a field this action needs, or a field is not a string (see docs/gateway-api.md)");
        }

        // The evaluator signs with the name the body gives (one evaluator token is shared); the controller's actions are the controller's.
        action = action with { By = RoleOf(context) == Role.Evaluator ? Actor.Evaluator(by) : Actor.Controller };

        ActionOutcome outcome = await runtime.ActAsync(action);
        if (outcome.Event != null)
        {
            return Results.Text(EventJson.ToJson(outcome.Event), "application/json");
        }

        int status = HttpStatus(outcome.Refusal!.Reason);
        // A page lists what is not ready from the member rather than parsing the detail.
        Dictionary<string, object?>? extensions = outcome.Refusal.NotReady == null ? null : new() { ["notReady"] = outcome.Refusal.NotReady };
        return Problems.Answer(counters, status >= 500 ? Counter.ApiFailed : Counter.ApiRejected, status, outcome.Refusal.Message, extensions);
    }

    /// <summary>T0; {"confirm": true} starts although devices are not ready. A confirm that is not true or false is malformed.</summary>
    private static StartClock? Start(JsonElement? body)
    {
        if (body?.TryGetProperty("confirm", out JsonElement confirm) != true)
        {
            return new StartClock();
        }

        return confirm.ValueKind switch
        {
            JsonValueKind.True => new StartClock(Confirmed: true),
            JsonValueKind.False => new StartClock(),
            _ => null,
        };
    }

    internal static int HttpStatus(RefusalReason reason) => reason switch
    {
        RefusalReason.NotFound => StatusCodes.Status404NotFound,
        RefusalReason.Conflict => StatusCodes.Status409Conflict,
        RefusalReason.Invalid => StatusCodes.Status400BadRequest,
        RefusalReason.Forbidden => StatusCodes.Status403Forbidden,
        RefusalReason.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Reads a small JSON body; an empty body is null. Too large is 413, not JSON is 400, both counted.</summary>
    internal static async Task<(JsonElement?, IResult?)> ReadBody(HttpContext context, IngestCounters counters)
    {
        HttpRequest request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, Problems.Answer(counters, Counter.ApiOversized, 413, $"the body is over {MaxBodyBytes} bytes"));
        }

        var buffer = new byte[MaxBodyBytes + 1];
        int total = 0;
        while (total < buffer.Length)
        {
            int n = await request.Body.ReadAsync(buffer.AsMemory(total), context.RequestAborted);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        if (total > MaxBodyBytes)
        {
            return (null, Problems.Answer(counters, Counter.ApiOversized, 413, $"the body is over {MaxBodyBytes} bytes"));
        }

        if (total == 0 || buffer.AsSpan(0, total).Trim(" \t\r\n"u8).Length == 0)
        {
            return (null, null);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(buffer.AsMemory(0, total));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.Answer(counters, Counter.ApiMalformed, 400, "the body must be a JSON object"));
            }

            if (!HoldsOnlyText(document.RootElement))
            {
                return (null, Problems.Answer(counters, Counter.ApiMalformed, 400, "the body is not valid JSON text: a string holds a lone surrogate (such as \\ud800) or bytes that are not UTF-8"));
            }

            return (document.RootElement.Clone(), null);
        }
        catch (JsonException)
        {
            return (null, Problems.Answer(counters, Counter.ApiMalformed, 400, "the body is not valid JSON"));
        }
    }

    // JsonDocument checks the grammar only: a lone surrogate or bytes that are not UTF-8 would throw when an action reads the string.
    private static bool HoldsOnlyText(JsonElement root)
    {
        try
        {
            ReadEveryString(root);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void ReadEveryString(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                element.GetString();
                break;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    _ = property.Name;
                    ReadEveryString(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    ReadEveryString(item);
                }

                break;
        }
    }

    /// <summary>
    /// Server-Sent Events: committed events after Last-Event-ID (or ?after=, or now), then live; each message is
    /// <c>{"event": ..., "changed": ...}</c>, the event with what it changed in the roster (null when the feed no longer
    /// holds that: the client reads the roster again).
    /// </summary>
    private static async Task Stream(HttpContext context, EventFeed feed, IngestCounters counters)
    {
        string lastEventId = context.Request.Headers["Last-Event-ID"].ToString();
        long after;
        if (lastEventId.Length > 0)
        {
            if (!long.TryParse(lastEventId, out after) || after < 0)
            {
                await Problems.Answer(counters, Counter.ApiMalformed, 400, "Last-Event-ID must be an event ID").ExecuteAsync(context);
                return;
            }
        }
        else if (!TryLong(context.Request.Query["after"], feed.Current.LastEventId, out after) || after < 0)
        {
            await Problems.Answer(counters, Counter.ApiMalformed, 400, "after must be an event ID").ExecuteAsync(context);
            return;
        }

        HttpResponse response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        CancellationToken gone = context.RequestAborted;
        await response.WriteAsync(": beacons event stream\n\n", gone);
        await response.Body.FlushAsync(gone);
        var text = new StringBuilder();
        try
        {
            while (!gone.IsCancellationRequested)
            {
                List<StoredEvent> events = feed.Read(after, 500);
                if (events.Count > 0)
                {
                    text.Clear();
                    foreach (StoredEvent e in events)
                    {
                        text.Append("id: ").Append(e.Id).Append("\ndata: {\"event\":").Append(e.Json)
                            .Append(",\"changed\":").Append(feed.ChangesOf(e.Id) ?? "null").Append("}\n\n");
                    }

                    after = events[^1].Id;
                    await response.WriteAsync(text.ToString(), gone);
                    await response.Body.FlushAsync(gone);
                    continue;
                }

                Task next = feed.WaitAfterAsync(after, gone);
                if (await Task.WhenAny(next, Task.Delay(KeepAlive, gone)) != next)
                {
                    await response.WriteAsync(": keepalive\n\n", gone);
                    await response.Body.FlushAsync(gone);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the client went away
        }
        catch (IOException)
        {
            // the connection broke
        }
    }

    private static bool TryLong(Microsoft.Extensions.Primitives.StringValues value, long fallback, out long result)
    {
        if (value.Count == 0 || string.IsNullOrEmpty(value.ToString()))
        {
            result = fallback;
            return true;
        }

        return long.TryParse(value.ToString(), out result);
    }

    internal static Role RoleOf(HttpContext context) => context.Items[typeof(Role)] as Role? ?? Role.Controller;

    /// <summary>An optional string field of the body: false when it is there but not a string (nor null).</summary>
    private static bool Text(JsonElement? body, string name, out string? value)
    {
        value = null;
        if (body?.TryGetProperty(name, out JsonElement field) != true || field.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = field.ValueKind == JsonValueKind.String ? field.GetString() : null;
        return field.ValueKind == JsonValueKind.String;
    }

    internal static IResult Json(object value) => Results.Text(JsonSerializer.Serialize(value, RosterJson.Options), "application/json");
}
