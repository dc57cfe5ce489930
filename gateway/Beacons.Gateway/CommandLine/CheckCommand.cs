using System.CommandLine;
using Beacons.Gateway.Setup;
using Beacons.Venue;

namespace Beacons.Gateway.CommandLine;

/// <summary>
/// `beacons check`: a drill's files checked as the gateway would load them (every problem, one line each), then
/// the venue's coverage warnings. docs/venue.md ("Checking", "Coverage").
/// </summary>
public static class CheckCommand
{
    public static Command Create()
    {
        var venue = new Option<string>("--venue") { Description = "The venue file (docs/venue.md).", Required = true };
        var exercise = new Option<string?>("--exercise") { Description = "The exercise file, checked against the venue." };
        var locate = new Option<bool>("--locate") { Description = "Badges will be provisioned to locate themselves from anchors (beacons provision --locate)." };
        var command = new Command("check", "Check a venue (and exercise) file: every problem at once, then where coverage is thin (warnings).") { venue, exercise, locate };
        command.SetAction(parse => Run(parse.GetValue(venue)!, parse.GetValue(exercise), parse.GetValue(locate), Console.Out, Console.Error));
        return command;
    }

    /// <returns>0 when the files are usable (warnings or not), 1 when they are not.</returns>
    public static int Run(string venuePath, string? exercisePath, bool locate, TextWriter output, TextWriter error)
    {
        Beacons.Venue.Venue venue;
        try
        {
            venue = VenueFile.Load(venuePath);
            if (exercisePath != null)
            {
                ExerciseFile.Load(exercisePath, venue);
            }
        }
        catch (ConfigFileException e)
        {
            e.WriteTo(error, "beacons check");
            return 1;
        }

        IReadOnlyList<CoverageWarning> warnings = CoverageCheck.Of(venue, locate);
        string files = exercisePath == null ? Path.GetFileName(venuePath) : $"{Path.GetFileName(venuePath)} and {Path.GetFileName(exercisePath)}";
        output.WriteLine($"beacons check: {files} can run a drill; {warnings.Count} coverage warning{(warnings.Count == 1 ? "" : "s")}");
        foreach (CoverageWarning w in warnings)
        {
            output.WriteLine($"  warning: {w.Message}");
        }

        return 0;
    }
}
