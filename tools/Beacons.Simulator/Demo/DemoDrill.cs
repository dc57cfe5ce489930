using Beacons.Simulator.Scenario;
using Beacons.Venue;

namespace Beacons.Simulator.Demo;

/// <summary>A venue, an exercise and a scenario that belong together.</summary>
public sealed record DrillFiles(Venue.Venue Venue, Exercise Exercise, DrillScenario Scenario);

/// <summary>
/// The default demo drill: a two-floor school wing, fifteen officers, fifteen casualties, a full
/// active-shooter timeline. Its files are copied beside the simulator's assembly (Demo/). The exercise
/// file's keys are public demo keys: never use them for a real drill.
/// </summary>
public static class DemoDrill
{
    public const string VenueFileName = "venue.json";
    public const string ExerciseFileName = "exercise.json";
    public const string ScenarioFileName = "scenario.json";

    /// <summary>
    /// Where the demo files are: Demo/ beside the program. The build copies them beside every program that
    /// references the simulator; a single-file release has no assembly location, only its own folder.
    /// </summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Demo");

    /// <summary>Loads and checks the three files from <paramref name="folder"/> (the demo's own by default); throws <see cref="ConfigFileException"/> naming every problem.</summary>
    public static DrillFiles Load(string? folder = null)
    {
        folder ??= Folder;
        Venue.Venue venue = VenueFile.Load(Path.Combine(folder, VenueFileName));
        Exercise exercise = ExerciseFile.Load(Path.Combine(folder, ExerciseFileName), venue);
        DrillScenario scenario = ScenarioFile.Load(Path.Combine(folder, ScenarioFileName), venue, exercise);
        return new DrillFiles(venue, exercise, scenario);
    }
}
