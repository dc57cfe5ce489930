using Beacons.Gateway.Ingest;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Beacons.Gateway.Serving;

/// <summary>
/// Every HTTP error the gateway answers: an RFC 9457 problem body (application/problem+json with type,
/// title, status and detail), counted once in /api/counters. Handlers answer with <see cref="Answer"/>;
/// <see cref="Use"/> answers what no handler did: a route or file that is not there, a parameter that does
/// not bind, an exception. docs/gateway-api.md, "Errors".
/// </summary>
public static class Problems
{
    /// <summary>
    /// Counts <paramref name="counter"/> and answers <paramref name="status"/>, saying what was wrong in <paramref name="detail"/>;
    /// <paramref name="extensions"/> are extra members for programs (RFC 9457 3.2).
    /// </summary>
    public static IResult Answer(IngestCounters counters, Counter counter, int status, string detail, IDictionary<string, object?>? extensions = null)
    {
        counters.Add(counter);
        // about:blank: the status says it all, the title is its phrase (RFC 9457 4.2.1); detail is for people.
        var problem = new ProblemDetails { Type = "about:blank", Title = ReasonPhrases.GetReasonPhrase(status), Status = status, Detail = detail };
        foreach ((string name, object? value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return Results.Problem(problem);
    }

    /// <summary>Outermost: sees every request, so an error nobody wrote a body for still gets one.</summary>
    public static void Use(WebApplication app, IngestCounters counters)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                // A query parameter that does not bind (?active=maybe), a body cut short.
                Counter counter = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? Counter.ApiOversized : Counter.ApiMalformed;
                await Answer(counters, counter, e.StatusCode, e.Message).ExecuteAsync(context);
                return;
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                Console.Error.WriteLine($"beacons: {context.Request.Method} {context.Request.Path} failed: {e}");
                await Answer(counters, Counter.ApiFailed, StatusCodes.Status500InternalServerError,
                    $"the gateway failed on this request ({e.GetType().Name}: {e.Message}); the drill goes on").ExecuteAsync(context);
                return;
            }

            HttpResponse response = context.Response;
            if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength == null && string.IsNullOrEmpty(response.ContentType))
            {
                (Counter counter, string detail) = Unanswered(context.Request, response.StatusCode);
                await Answer(counters, counter, response.StatusCode, detail).ExecuteAsync(context);
            }
        });
    }

    /// <summary>What an error no handler wrote a body for was: routing's 404 and 405 mostly.</summary>
    private static (Counter, string) Unanswered(HttpRequest request, int status)
    {
        string what = $"{request.Method} {request.Path}";
        return status switch
        {
            StatusCodes.Status404NotFound => (Counter.ApiNotFound, $"{what}: no such route or file (an ID out of range matches no route; docs/gateway-api.md lists the API)"),
            StatusCodes.Status405MethodNotAllowed => (Counter.ApiNotFound, $"{what}: the route does not take {request.Method}"),
            >= 500 => (Counter.ApiFailed, $"{what}: {ReasonPhrases.GetReasonPhrase(status).ToLowerInvariant()}"),
            _ => (Counter.ApiMalformed, $"{what}: {ReasonPhrases.GetReasonPhrase(status).ToLowerInvariant()}"),
        };
    }
}
