using System.Collections.Generic;

namespace Beacons.NanoSurface.Samples
{
    /// <summary>Code the device could not run: List&lt;T&gt; does not exist in stable nanoFramework.</summary>
    public static class UsesGenerics
    {
        public static int Count(int n)
        {
            var list = new List<int>();
            for (int i = 0; i < n; i++)
            {
                list.Add(i);
            }

            return list.Count;
        }
    }
}
