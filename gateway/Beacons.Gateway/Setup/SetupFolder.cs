using Beacons.Venue;

namespace Beacons.Gateway.Setup;

/// <summary>
/// A drill's setup folder (docs/setup.md): venue.json, exercise.json and the floors' plans in plans/. The one owner
/// of those paths; everything it writes goes through <see cref="ConfigText.WriteAtomic(string, byte[])"/>, so a crash
/// leaves the old file or the new one, never half of one.
/// </summary>
public sealed class SetupFolder
{
    public const string VenueFileName = "venue.json";
    public const string ExerciseFileName = "exercise.json";
    public const string PlansFolderName = "plans";

    public SetupFolder(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string VenuePath => Path.Combine(Root, VenueFileName);

    public string ExercisePath => Path.Combine(Root, ExerciseFileName);

    public string PlansPath => Path.Combine(Root, PlansFolderName);

    public bool HasVenue => File.Exists(VenuePath);

    public bool HasExercise => File.Exists(ExercisePath);

    /// <summary>The venue's image field for a floor's plan: a path relative to the folder, with '/' on every system.</summary>
    public static string PlanImage(int floorId, string extension) => $"{PlansFolderName}/floor-{floorId}.{extension}";

    /// <summary>The venue file's text, or null when there is none yet (an empty folder starts with nothing drawn).</summary>
    public string? ReadVenue() => HasVenue ? ConfigText.Read(VenuePath) : null;

    /// <summary>The exercise file's text, or null when there is none yet.</summary>
    public string? ReadExercise() => HasExercise ? ConfigText.Read(ExercisePath) : null;

    public void WriteVenue(string text) => ConfigText.WriteAtomic(VenuePath, text);

    public void WriteExercise(string text) => ConfigText.WriteAtomic(ExercisePath, text);

    /// <summary>
    /// Saves a floor's plan as plans/floor-ID.EXT; returns its image field. A plan of another kind for that floor stays:
    /// the venue on the disk may still name it until the venue is saved.
    /// </summary>
    public string WritePlan(int floorId, string extension, byte[] bytes)
    {
        Directory.CreateDirectory(PlansPath);
        string image = PlanImage(floorId, extension);
        ConfigText.WriteAtomic(Path.Combine(Root, image), bytes);
        return image;
    }
}
