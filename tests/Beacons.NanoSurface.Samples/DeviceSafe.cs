using System.Collections;

namespace Beacons.NanoSurface.Samples
{
    /// <summary>What device code looks like: ArrayList, arrays, concatenation. The check must accept all of it.</summary>
    public sealed class DeviceSafe
    {
        private readonly ArrayList _items = new ArrayList();

        public int Add(string name, int zone)
        {
            _items.Add(name + " in zone " + zone.ToString());
            return _items.Count;
        }

        public string First()
        {
            return _items.Count == 0 ? string.Empty : (string)_items[0];
        }
    }
}
