using System.CommandLine;
using Beacons.Gateway.Drills;
using Beacons.Gateway.Record;
using Beacons.Gateway.Review;
using Beacons.Venue;

namespace Beacons.Gateway.CommandLine;

/// <summary>`beacons report DRILL`: the after-action review of a drill record, as files. docs/review.md describes them.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var drill = new Argument<string>("drill") { Description = "The drill: its name as `beacons drills` lists it, or a record file (`beacons gateway --db`)." };
        var venue = new Option<string?>("--venue") { Description = "The venue file of the drill (docs/venue.md); default the one the record keeps." };
        var exercise = new Option<string?>("--exercise") { Description = "The exercise file of the drill (names, roles and tags); default the one the record keeps." };
        var output = new Option<string?>("--out") { Description = "The folder to write into; default <drill>-review beside a record file, or in the current folder for a drill named from the data folder." };
        var run = new Option<int?>("--run") { Description = "Which start of the exercise clock to review (1 = the first); default the last." };
        var outOfContact = new Option<int>("--out-of-contact")
        {
            Description = "Seconds without hearing an officer that count as out of contact.",
            DefaultValueFactory = _ => (int)(new ReviewSettings().OutOfContactMs / 1000),
        };
        var command = new Command("report", "Write the after-action review of a drill: a printable HTML report with charts, and JSON and CSV exports.")
        {
            drill, venue, exercise, output, run, outOfContact,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(run) is < 1 || parse.GetValue(outOfContact) < 1)
            {
                Console.Error.WriteLine("beacons report: --run and --out-of-contact must be at least 1");
                return 2;
            }

            var settings = new ReviewSettings { Run = parse.GetValue(run), OutOfContactMs = parse.GetValue(outOfContact) * 1000L };
            return Run(parse.GetValue(drill)!, parse.GetValue(venue), parse.GetValue(exercise), parse.GetValue(output), settings, Console.Out, Console.Error);
        });
        return command;
    }

    /// <param name="venuePath">A venue file instead of the one the record keeps (needed for records that keep none); null for the record's.</param>
    /// <param name="exercisePath">Likewise for the exercise file.</param>
    public static int Run(string drill, string? venuePath, string? exercisePath, string? outDirectory, ReviewSettings settings, TextWriter output, TextWriter error)
    {
        string drillPath;
        try
        {
            drillPath = DataFolder.Find(drill);
        }
        catch (DrillNotFoundException e)
        {
            error.WriteLine($"beacons report: {e.Message}");
            return 1;
        }

        DrillReview review;
        ReportPlans plans;
        try
        {
            using EventStore store = EventStore.OpenReadOnly(drillPath); // works beside a gateway writing it
            string? keptVenue = venuePath == null ? store.VenueJson : null;
            string? keptExercise = exercisePath == null ? store.ExerciseJson : null;
            if ((venuePath == null && keptVenue == null) || (exercisePath == null && keptExercise == null))
            {
                // Records written before the gateway kept its files in them.
                error.WriteLine($"beacons report: {Path.GetFileName(drillPath)} does not keep the drill's venue and exercise; give them: --venue FILE --exercise FILE");
                return 2;
            }

            Beacons.Venue.Venue venue;
            Exercise exercise;
            try
            {
                venue = venuePath != null ? VenueFile.Load(venuePath) : VenueFile.Parse(keptVenue!, $"the venue kept in {Path.GetFileName(drillPath)}");
                exercise = exercisePath != null
                    ? ExerciseFile.Load(exercisePath, venue)
                    : ExerciseFile.ParseWithoutKeys(keptExercise!, $"the exercise kept in {Path.GetFileName(drillPath)}");
            }
            catch (ConfigFileException e)
            {
                e.WriteTo(error, "beacons report");
                return 1;
            }

            review = ReviewSource.FromStore(store, venue, exercise, settings);

            // The plan images sit beside the venue file: the one given, or the one the gateway was started with.
            plans = ReportPlans.For(venue, venuePath != null ? Path.GetDirectoryName(Path.GetFullPath(venuePath)) : store.VenueFolder);
        }
        catch (Exception e) when (e is StoreException or ReviewException)
        {
            error.WriteLine($"beacons report: {e.Message}");
            return 1;
        }

        // A drill named from the data folder gets its review where the controller is, not hidden beside the record.
        string reviewName = Path.GetFileNameWithoutExtension(drillPath) + "-review";
        string directory = outDirectory ?? (drillPath == drill ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(drillPath))!, reviewName) : Path.GetFullPath(reviewName));
        IReadOnlyList<string> written;
        try
        {
            written = ReviewFiles.Write(review, directory, plans: plans);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"beacons report: cannot write into {directory}: {e.Message}");
            return 1;
        }

        Describe(review, output);
        foreach (string remark in plans.Remarks)
        {
            output.WriteLine($"  note       {remark}");
        }

        output.WriteLine($"  wrote      {string.Join(", ", written.Select(Path.GetFileName))} into {directory}");
        return 0;
    }

    private static void Describe(DrillReview r, TextWriter output)
    {
        DrillSummary d = r.Drill;
        output.WriteLine($"beacons report: exercise {d.ExerciseId} \"{d.ExerciseName}\" at {d.VenueName}, {ReviewText.Duration(d.DurationMs)} from T0{(d.Speed != 1 ? $" (compressed {ReviewWording.Speed(d.Speed)})" : "")}");
        foreach (string remark in d.Remarks)
        {
            output.WriteLine($"  note       {remark}");
        }

        foreach (KeyTime k in r.KeyTimes)
        {
            output.WriteLine($"  {(k.AtMs != null ? ReviewText.Offset(k.SinceT0Ms!.Value) : "-"),9}  {k.Label}: {k.Detail}");
        }

        output.WriteLine($"  findings   {ReviewWording.FindingsLine(r.Safety)}");
    }
}
