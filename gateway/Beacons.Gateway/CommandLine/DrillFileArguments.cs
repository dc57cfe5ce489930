using Beacons.Venue;

namespace Beacons.Gateway.CommandLine;

/// <summary>A drill's venue and exercise files, loaded for a command that needs both.</summary>
public static class DrillFileArguments
{
    /// <summary>
    /// Loads and checks both files; null when they cannot be used, after writing every problem on a line of its own
    /// ("<paramref name="who"/>: venue.json: $.zones[2].id: ...") so a controller fixes them in one pass.
    /// </summary>
    public static (Beacons.Venue.Venue Venue, Exercise Exercise)? Load(string venuePath, string exercisePath, string who, TextWriter error)
    {
        try
        {
            Beacons.Venue.Venue venue = VenueFile.Load(venuePath);
            return (venue, ExerciseFile.Load(exercisePath, venue));
        }
        catch (ConfigFileException e)
        {
            e.WriteTo(error, who);
            return null;
        }
    }
}
