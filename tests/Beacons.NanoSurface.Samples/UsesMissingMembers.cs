namespace Beacons.NanoSurface.Samples
{
    /// <summary>Non-generic code that still reaches for members the device lacks.</summary>
    public static class UsesMissingMembers
    {
        // String interpolation compiles to String.Format(string, object): only Format(string, object[]) exists.
        public static string Describe(int zone)
        {
            return $"zone {zone}";
        }

        // A type that nanoFramework does not have at all.
        public static long Elapsed()
        {
            return System.Diagnostics.Stopwatch.GetTimestamp();
        }
    }
}
