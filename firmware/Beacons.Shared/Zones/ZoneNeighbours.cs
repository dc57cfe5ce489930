namespace Beacons.Zones
{
    /// <summary>
    /// Which zones a person can walk straight between (a shared wall or door, open ground, a stairwell
    /// to the floor above). The gateway builds it from the venue's outlines; the zone estimator lets a
    /// device jump at once only to a neighbour of its current zone, and asks anything farther away to win
    /// the patient way. A flap to the room below, or across a corridor, is then no longer one noisy
    /// second away. Every zone is its own neighbour. Build it before making the estimators that use it.
    /// </summary>
    public sealed class ZoneNeighbours
    {
        // One bit per ordered pair of zone IDs: 256 x 256 bits, 8 KB, looked up in constant time.
        private readonly int[] _bits = new int[256 * 256 / 32];

        /// <summary>Makes <paramref name="a"/> and <paramref name="b"/> neighbours of each other.</summary>
        public void Add(byte a, byte b)
        {
            Set(a, b);
            Set(b, a);
        }

        /// <summary>True when a device can walk from one zone straight into the other (or they are the same zone).</summary>
        public bool AreNeighbours(byte a, byte b)
        {
            if (a == b)
            {
                return true;
            }

            int bit = (a * 256) + b;
            return (_bits[bit >> 5] & (1 << (bit & 31))) != 0;
        }

        private void Set(byte a, byte b)
        {
            int bit = (a * 256) + b;
            _bits[bit >> 5] |= 1 << (bit & 31);
        }
    }
}
