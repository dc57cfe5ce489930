using System.Text;
using Beacons.Gateway.Ingest;
using Beacons.Gateway.Review;

namespace Beacons.Gateway.Serving;

/// <summary>
/// The after-action review over HTTP, from the gateway's own record: the review JSON for the dashboard's
/// review page, the printable report and the CSV exports. It covers the events committed so far, so it
/// also works while the drill goes on. docs/review.md describes the content.
/// </summary>
public static class ReviewApi
{
    /// <param name="venueFolder">The venue file's folder, where the report finds the floors' plan images (null: none drawn).</param>
    public static void Map(WebApplication app, DrillRuntime runtime, string? venueFolder)
    {
        var cache = new ReviewCache(runtime);
        IngestCounters counters = runtime.Counters;
        app.MapGet("/api/review", (HttpContext c) => Answer(c, cache, counters, r => Results.Text(ReviewJson.Serialize(r), "application/json")));
        app.MapGet("/api/review/report.html", (HttpContext c) => Answer(c, cache, counters, r => Results.Text(ReviewHtml.Render(r, null, ReportPlans.For(runtime.Venue, venueFolder)), "text/html", Encoding.UTF8)));
        app.MapGet("/api/review/timeline.csv", (HttpContext c) => Answer(c, cache, counters, r => Csv(ReviewCsv.Timeline(r), "timeline.csv")));
        app.MapGet("/api/review/figures.csv", (HttpContext c) => Answer(c, cache, counters, r => Csv(ReviewCsv.Figures(r), "figures.csv")));
        app.MapGet("/api/review/tracks.csv", (HttpContext c) => Answer(c, cache, counters, r => Csv(ReviewCsv.Tracks(r), "tracks.csv")));
    }

    private static IResult Answer(HttpContext context, ReviewCache cache, IngestCounters counters, Func<DrillReview, IResult> form)
    {
        string run = context.Request.Query["run"].ToString();
        int? wanted = null;
        if (run.Length > 0)
        {
            if (!int.TryParse(run, out int n) || n < 1)
            {
                return Problems.Answer(counters, Counter.ApiMalformed, 400, "run must be a whole number, at least 1");
            }

            wanted = n;
        }

        try
        {
            return form(cache.Get(wanted));
        }
        catch (ReviewException e)
        {
            return Problems.Answer(counters, Counter.ApiNotFound, 404, e.Message);
        }
    }

    private static IResult Csv(string text, string name) =>
        Results.File(Encoding.UTF8.GetBytes(text), "text/csv; charset=utf-8", name);

    /// <summary>The last review made, reused while no event has been committed since (the page asks for several forms at once).</summary>
    private sealed class ReviewCache(DrillRuntime runtime)
    {
        private Entry? _last;

        public DrillReview Get(int? run)
        {
            long last = runtime.Feed.Current.LastEventId;
            Entry? cached = Volatile.Read(ref _last);
            if (cached != null && cached.LastEventId == last && cached.Run == run)
            {
                return cached.Review;
            }

            DrillReview review = ReviewSource.FromStore(runtime.Store, runtime.Venue, runtime.Exercise, new ReviewSettings { Run = run }, last);
            Volatile.Write(ref _last, new Entry(last, run, review));
            return review;
        }

        private sealed record Entry(long LastEventId, int? Run, DrillReview Review);
    }
}
