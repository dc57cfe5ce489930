using Beacons.Gateway.Record;
using Beacons.Venue;

namespace Beacons.Gateway.Review;

/// <summary>Reads a drill record (<see cref="EventStore"/>) page by page straight into a <see cref="ReviewFold"/>.</summary>
public static class ReviewSource
{
    private const int PageSize = 10_000;

    /// <param name="upToId">Stop after this event (the gateway passes its last committed event); null for the whole record.</param>
    /// <exception cref="ReviewException">The record is empty or belongs to another exercise.</exception>
    public static DrillReview FromStore(EventStore store, Beacons.Venue.Venue venue, Exercise exercise, ReviewSettings? settings = null, long? upToId = null)
    {
        var fold = new ReviewFold(venue, exercise, settings);
        long after = 0;
        int unreadable = 0;
        bool first = true;
        while (true)
        {
            List<StoredEvent> page = store.Read(after, PageSize);
            if (page.Count == 0)
            {
                break;
            }

            foreach (StoredEvent s in page)
            {
                if (upToId is long last && s.Id > last)
                {
                    return Finish(fold, unreadable);
                }

                EventBody? body = EventJson.BodyFromJson(s.Kind, s.Data);
                if (first && body is ExerciseOpened opened && opened.ExerciseId != exercise.ExerciseId)
                {
                    throw new ReviewException(
                        $"{Path.GetFileName(store.Path)} is the record of exercise {opened.ExerciseId} \"{opened.ExerciseName}\", not of exercise {exercise.ExerciseId} \"{exercise.Name}\"");
                }

                first = false;
                if (body == null)
                {
                    unreadable++; // a kind a later gateway added: the review goes on without it
                }
                else
                {
                    fold.Add(new DrillEvent(s.Id, s.AtMs, body));
                }

                after = s.Id;
            }
        }

        return Finish(fold, unreadable);
    }

    private static DrillReview Finish(ReviewFold fold, int unreadable)
    {
        DrillReview review = fold.Result();
        if (unreadable == 0)
        {
            return review;
        }

        string remark = $"{unreadable} event{(unreadable == 1 ? " is" : "s are")} of a kind this version cannot read and {(unreadable == 1 ? "was" : "were")} left out.";
        return review with { Drill = review.Drill with { Remarks = [.. review.Drill.Remarks, remark] } };
    }
}
