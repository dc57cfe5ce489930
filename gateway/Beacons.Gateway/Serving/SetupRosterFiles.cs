using Beacons.Gateway.Setup;
using Beacons.Venue;

namespace Beacons.Gateway.Serving;

/// <summary>
/// The setup folder's venue and exercise as the Devices step and the start need them: both loaded exactly as
/// `beacons gateway` loads them, or what the controller must do first. The Plan step may place receivers after
/// the roster was saved: their keys are made here (<see cref="RosterImport"/>) before anything uses the files.
/// </summary>
public static class SetupRosterFiles
{
    /// <summary>
    /// Loads both files, first saving the exercise with a key for every receiver the venue now places (and
    /// without the keys of receivers it no longer places) when <paramref name="save"/>; without it the keys are
    /// made in memory only, and what is returned is what saving would give. Throws <see cref="SetupNotReadyException"/>.
    /// </summary>
    public static (Beacons.Venue.Venue Venue, Exercise Exercise) Load(SetupFolder folder, bool save)
    {
        if (!folder.HasVenue)
        {
            throw new SetupNotReadyException("There is no venue yet: draw the plan and save it first (step 1, Plan).", []);
        }

        Beacons.Venue.Venue venue;
        try
        {
            venue = VenueFile.Load(folder.VenuePath);
        }
        catch (ConfigFileException e)
        {
            throw new SetupNotReadyException("The venue does not load: fix the problems the Plan step lists, and save it.", e.Errors);
        }

        if (!folder.HasExercise)
        {
            throw new SetupNotReadyException("There is no roster yet: give the exercise its ID and name, add the officers and tags, and save them (step 2, Roster).", []);
        }

        try
        {
            // Without the venue: receiver keys out of step with it are put right below, not refused.
            Exercise existing = ExerciseFile.Load(folder.ExercisePath);
            Exercise keyed = RosterImport.KeysFor(existing, venue);
            bool changed = !keyed.Receivers.Select(r => r.Id).SequenceEqual(existing.Receivers.Select(r => r.Id));
            if (changed && save)
            {
                RosterImport.Save(keyed, venue, folder.ExercisePath);
                return (venue, ExerciseFile.Load(folder.ExercisePath, venue));
            }

            // The same check the gateway makes, whether or not anything was saved.
            return (venue, ExerciseFile.Parse(ExerciseFile.Format(keyed), SetupFolder.ExerciseFileName, venue));
        }
        catch (ConfigFileException e)
        {
            throw new SetupNotReadyException("The roster does not load: fix the problems below in the Roster step, and save it.", e.Errors);
        }
    }
}

/// <summary>The folder is not ready for what was asked: what to do first (<see cref="Exception.Message"/>) and the files' problems.</summary>
public sealed class SetupNotReadyException(string todo, IReadOnlyList<ConfigError> problems) : Exception(todo)
{
    public IReadOnlyList<ConfigError> Problems { get; } = problems;
}
