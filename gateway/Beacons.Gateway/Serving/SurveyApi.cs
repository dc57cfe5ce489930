using System.Text.Json;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Roster;

namespace Beacons.Gateway.Serving;

/// <summary>The calibration walk's endpoints (docs/gateway-api.md, "Calibration walk"): read by anyone, run by the controller only.</summary>
public static class SurveyApi
{
    public static void Map(WebApplication app, DrillRuntime runtime, SurveyWalk survey)
    {
        app.MapGet("/api/survey", () => Run(runtime, (p, _) => (survey.Status(p.Roster.Clock), (Refusal?)null)));
        // A handler taking only HttpContext would bind as a RequestDelegate and drop its result: cast to Delegate.
        app.MapPost("/api/survey/start", (Delegate)((HttpContext c) => Act(c, runtime, "badge", (p, now, badge) => (survey.Start(p.Roster.Clock, badge!.Value, now, out Refusal? r), r))));
        app.MapPost("/api/survey/tap", (Delegate)((HttpContext c) => Act(c, runtime, "zone", (p, now, zone) => (survey.Tap(p.Roster.Clock, zone!.Value, now, out Refusal? r), r))));
        app.MapPost("/api/survey/stop", (Delegate)((HttpContext c) => Act(c, runtime, null, (p, now, _) => (survey.Stop(p, now, out Refusal? r), r))));
    }

    /// <summary>A controller's step of the walk, with the whole number <paramref name="field"/> of the body when it needs one.</summary>
    private static async Task<IResult> Act(HttpContext context, DrillRuntime runtime, string? field, Func<DrillPipeline, long, int?, (object?, Refusal?)> step)
    {
        IngestCounters counters = runtime.Counters;
        if (Api.RoleOf(context) == Role.Evaluator)
        {
            return Problems.Answer(counters, Counter.ApiRejected, StatusCodes.Status403Forbidden, "the calibration walk needs the controller token; an evaluator reads it only");
        }

        (JsonElement? body, IResult? problem) = await Api.ReadBody(context, counters);
        if (problem != null)
        {
            return problem;
        }

        int? value = null;
        if (field != null)
        {
            if (body?.TryGetProperty(field, out JsonElement number) != true || number.ValueKind != JsonValueKind.Number || !number.TryGetInt32(out int n))
            {
                return Problems.Answer(counters, Counter.ApiMalformed, StatusCodes.Status400BadRequest, $"the body must give {field} as a whole number, e.g. {{\"{field}\": 3}}");
            }

            value = n;
        }

        return await Run(runtime, (p, now) => step(p, now, value));
    }

    private static async Task<IResult> Run(DrillRuntime runtime, Func<DrillPipeline, long, (object?, Refusal?)> step)
    {
        (object? answer, Refusal? refusal) result;
        try
        {
            result = await runtime.OnPipelineAsync(step);
        }
        catch (InvalidOperationException e)
        {
            return Problems.Answer(runtime.Counters, Counter.ApiFailed, StatusCodes.Status503ServiceUnavailable, e.Message);
        }

        if (result.refusal is Refusal refusal)
        {
            int status = Api.HttpStatus(refusal.Reason);
            return Problems.Answer(runtime.Counters, status >= 500 ? Counter.ApiFailed : Counter.ApiRejected, status, refusal.Message);
        }

        return Api.Json(result.answer!);
    }
}
