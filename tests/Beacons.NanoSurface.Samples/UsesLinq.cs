using System.Linq;

namespace Beacons.NanoSurface.Samples
{
    /// <summary>LINQ: generic extension methods over IEnumerable&lt;T&gt;, absent on the device.</summary>
    public static class UsesLinq
    {
        public static int Positives(int[] values)
        {
            return values.Where(v => v > 0).Count();
        }
    }
}
