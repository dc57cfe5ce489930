namespace Beacons.Testing;

/// <summary>The real data sets in ../shared/data beside the repository (read-only; CI has them).</summary>
public static class SharedData
{
    /// <summary>../shared/data/flat-walks (venue.json, trace.csv, truth.csv), or null when it is not there.</summary>
    public static string? FlatWalks()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d != null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Beacons.sln")))
            {
                string dir = Path.Combine(d.FullName, "..", "shared", "data", "flat-walks");
                return File.Exists(Path.Combine(dir, "trace.csv")) ? dir : null;
            }
        }

        return null;
    }
}
