namespace Beacons.Gateway.Drills;

/// <summary>
/// The one well-known folder per user where drill records go unless --db names another file, so a gateway
/// restarted from any folder reaches the same record, and `beacons drills` finds them all. It is .NET's
/// per-user local application data: %LOCALAPPDATA%\Beacons\drills on Windows, $XDG_DATA_HOME/Beacons/drills
/// (default ~/.local/share/Beacons/drills) on Linux, ~/Library/Application Support/Beacons/drills on macOS.
/// </summary>
public static class DataFolder
{
    public const string RecordExtension = ".db";

    /// <summary>The drills folder (not created: see <see cref="CreateDrills"/>).</summary>
    public static string Drills
    {
        get
        {
            string local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(local))
            {
                // No HOME (a service account, a bare container): nowhere well-known to keep records.
                throw new DrillNotFoundException("this account has no per-user data folder (HOME or LOCALAPPDATA is not set): name the record with --db FILE");
            }

            return Path.Combine(local, "Beacons", "drills");
        }
    }

    /// <summary>The drills folder, created on first use.</summary>
    public static string CreateDrills()
    {
        string folder = Drills;
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Where the gateway keeps an exercise's record by default: one per exercise ID, so a restart resumes it.</summary>
    public static string ExerciseRecord(int exerciseId) => Path.Combine(CreateDrills(), $"exercise-{exerciseId}{RecordExtension}");

    /// <summary>A new record for one demo run (each run starts again from T0).</summary>
    public static string DemoRecord(DateTime now) => Path.Combine(CreateDrills(), $"demo-{now:yyyyMMdd-HHmmss}{RecordExtension}");

    /// <summary>A drill's name: its record's file name without the extension.</summary>
    public static string NameOf(string recordPath) => Path.GetFileNameWithoutExtension(recordPath);

    /// <summary>
    /// The record a command was given: an existing file as is, otherwise a drill's name (as `beacons drills`
    /// lists it, with or without .db) in the drills folder.
    /// </summary>
    public static string Find(string drill)
    {
        if (File.Exists(drill))
        {
            return drill;
        }

        bool looksLikeName = drill.IndexOfAny(['/', '\\']) < 0;
        if (looksLikeName)
        {
            string name = drill.EndsWith(RecordExtension, StringComparison.OrdinalIgnoreCase) ? drill[..^RecordExtension.Length] : drill;
            string path = Path.Combine(Drills, name + RecordExtension);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new DrillNotFoundException(looksLikeName
            ? $"no drill named {drill} in {Drills} and no such file (beacons drills lists the drills)"
            : $"{drill}: no such file");
    }
}

/// <summary>A drill that cannot be found or kept; the message is one line for the controller.</summary>
public sealed class DrillNotFoundException(string message) : Exception(message);
