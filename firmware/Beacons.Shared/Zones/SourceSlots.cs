namespace Beacons.Zones
{
    /// <summary>
    /// The fixed slots in which an estimator keeps what it knows of each source it hears (<see cref="ZoneEstimator"/>,
    /// <see cref="StepSources"/>): arrays made up front, so a badge never allocates while it listens. A source the table
    /// has no room for takes the slot heard longest ago.
    /// </summary>
    internal static class SourceSlots
    {
        /// <summary>The slot that holds <paramref name="sourceId"/>, or -1.</summary>
        public static int Find(bool[] used, int[] sourceIds, int sourceId)
        {
            for (int i = 0; i < used.Length; i++)
            {
                if (used[i] && sourceIds[i] == sourceId)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>A free slot, or else the one whose source was heard longest ago.</summary>
        public static int FreeOrOldest(bool[] used, long[] lastHeardMs)
        {
            int oldest = 0;
            for (int i = 0; i < used.Length; i++)
            {
                if (!used[i])
                {
                    return i;
                }

                if (lastHeardMs[i] < lastHeardMs[oldest])
                {
                    oldest = i;
                }
            }

            return oldest;
        }
    }
}
