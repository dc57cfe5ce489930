using Beacons.Placement;
using Beacons.Placement.Scoring;

namespace Beacons.ZoneEval;

/// <summary>
/// The UCI rows as a trace and truth for the scoring library: each visit to a cell (rows no more than
/// <see cref="VisitGapMs"/> apart) is one device standing still; each heard beacon of a row is a reading
/// at the row's time, from a "receiver" numbered by the beacon's column; the truth is the cell's zone every
/// 100 ms from the visit's first row until <see cref="RssiDataset.NominalRowSpacingMs"/> after its last,
/// so each row's answer counts for about the time it stands for. <see cref="Map"/> is the floor's map for the
/// position fit (<see cref="PositionFitRun.Uci"/>), which <c>beacons</c> runs on.
/// </summary>
public sealed record UciTrace(IReadOnlyList<TraceReading> Trace, IReadOnlyList<TruthSample> Truth, IReadOnlyDictionary<int, byte> ReceiverZones, IReadOnlyDictionary<int, int> VisitCells,
    PositionFitMap? Map)
{
    /// <summary>The floor as scoring takes it: no venue file, so <c>beacons</c> is the position fit on <see cref="Map"/>, per device.</summary>
    public ScoringVenue Venue => new(null, ReceiverZones, ReceiverZones.Values.ToHashSet(), Map);

    public const long VisitGapMs = 20000;

    /// <param name="map">The floor's map for the position fit; null when only per-device locators are scored (no <c>beacons</c>).</param>
    /// <param name="visitsJoined">
    /// Each cell one device, its visits end to end with no gap, so a locator carries what it learned from one visit into the
    /// next: how the brief's prototype scored the floor (<see cref="UciLimits"/>), not what a live placement sees.
    /// </param>
    public static UciTrace From(RssiDataset data, PositionFitMap? map, bool visitsJoined = false)
    {
        var trace = new List<TraceReading>();
        var truth = new List<TruthSample>();
        var cells = new Dictionary<int, int>(); // visit (device) -> its cell's index, for leave-one-cell-out
        int device = 0;
        long offset = 0; // devices are laid end to end, a minute apart, so times only grow
        for (int c = 0; c < data.Cells.Count; c++)
        {
            Cell cell = data.Cells[c];
            int start = 0;
            for (int i = 1; i <= cell.Rows.Count; i++)
            {
                if (i < cell.Rows.Count && cell.Rows[i].TimeMs - cell.Rows[i - 1].TimeMs <= VisitGapMs)
                {
                    continue;
                }

                if (!visitsJoined || start == 0)
                {
                    device++;
                    cells[device] = c;
                }

                long first = cell.Rows[start].TimeMs;
                for (int r = start; r < i; r++)
                {
                    foreach (Reading reading in cell.Rows[r].Readings)
                    {
                        trace.Add(new TraceReading(offset + cell.Rows[r].TimeMs - first, reading.Beacon, device, reading.Rssi));
                    }
                }

                long end = cell.Rows[i - 1].TimeMs - first + RssiDataset.NominalRowSpacingMs;
                for (long t = 0; t < end; t += Scorer.SampleMs)
                {
                    truth.Add(new TruthSample(offset + t, device, cell.Zone));
                }

                offset += end + (visitsJoined ? 0 : 60000);
                start = i;
            }

            offset += visitsJoined ? 60000 : 0;
        }

        var zones = new Dictionary<int, byte>();
        for (int b = 0; b < data.BeaconZones.Count; b++)
        {
            zones[b] = data.BeaconZones[b];
        }

        return new UciTrace(trace, truth, zones, cells, map);
    }
}
