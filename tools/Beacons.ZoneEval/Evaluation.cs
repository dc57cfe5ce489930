using Beacons.Zones;

namespace Beacons.ZoneEval;

/// <summary>
/// How one method did over every row. A row is right when the answer is the zone of the row's cell;
/// an answer of "unknown" is wrong (it is counted apart as well, so it can be seen). Changes counts
/// how often the answer moved from one zone to another within a cell: the phone stood still in each
/// cell, so every change is a flap. Null for the references, which are not estimators.
/// </summary>
public sealed record Score(string Method, int Rows, int Right, int Unknown, int? Changes, int[] RowsByZone, int[] RightByZone)
{
    public int Wrong => Rows - Right;

    public double Accuracy => Rows == 0 ? 0 : (double)Right / Rows;
}

/// <summary>Runs the methods over the data, one cell at a time, each row in time order.</summary>
public static class Evaluation
{
    /// <summary>Between rows the estimator is re-evaluated this often, as a device does (about once a second).</summary>
    public const long UpdateIntervalMs = 1000;

    /// <summary>Baseline: the zone of the row's strongest beacon (ties: the first column), nothing remembered.</summary>
    public static Score StrongestBeacon(RssiDataset data, int zoneCount)
    {
        var tally = new Tally("Strongest beacon of the row", zoneCount);
        foreach (Cell cell in data.Cells)
        {
            tally.StartCell();
            foreach (Row row in cell.Rows)
            {
                byte answer = 0;
                int best = int.MinValue;
                foreach (Reading reading in row.Readings)
                {
                    if (reading.Rssi > best)
                    {
                        best = reading.Rssi;
                        answer = data.BeaconZones[reading.Beacon];
                    }
                }

                tally.Add(cell.Zone, answer);
            }
        }

        return tally.ToScore(withChanges: true);
    }

    /// <summary>
    /// A fresh <see cref="ZoneEstimator"/> per cell fed the cell's rows in time order, as a device
    /// standing there would hear them: beacons are the sources, Update every second between rows and
    /// once after each row's readings; that last answer is the row's.
    /// </summary>
    public static Score Estimator(RssiDataset data, int zoneCount, ZoneEstimatorSettings settings, string method)
    {
        var tally = new Tally(method, zoneCount);
        var estimator = new ZoneEstimator(settings);
        foreach (Cell cell in data.Cells)
        {
            estimator.Reset();
            tally.StartCell();
            long previous = long.MinValue;
            foreach (Row row in cell.Rows)
            {
                if (previous != long.MinValue)
                {
                    // Past the stale time nothing more happens until the next reading: stop ticking there.
                    long lastTick = previous + settings.StaleMs + UpdateIntervalMs;
                    for (long t = previous + UpdateIntervalMs; t < row.TimeMs && t <= lastTick; t += UpdateIntervalMs)
                    {
                        estimator.Update(t);
                    }
                }

                foreach (Reading reading in row.Readings)
                {
                    estimator.Observe(reading.Beacon, data.BeaconZones[reading.Beacon], reading.Rssi, row.TimeMs);
                }

                tally.Add(cell.Zone, estimator.Update(row.TimeMs));
                previous = row.TimeMs;
            }
        }

        return tally.ToScore(withChanges: true);
    }

    /// <summary>
    /// Reference, in hindsight: each cell answered with one fixed zone, the one whose beacon was the
    /// strongest in most of the cell's rows (ties: the lower zone). Knows every row in advance: what
    /// the best possible smoothing of "strongest beacon" would reach on a device that never moves.
    /// </summary>
    public static Score BestFixedAnswerInHindsight(RssiDataset data, int zoneCount)
    {
        var tally = new Tally("Hindsight: cell's most frequent strongest zone", zoneCount);
        foreach (Cell cell in data.Cells)
        {
            var wins = new int[zoneCount + 1];
            foreach (Row row in cell.Rows)
            {
                int best = int.MinValue;
                byte zone = 0;
                foreach (Reading reading in row.Readings)
                {
                    if (reading.Rssi > best)
                    {
                        best = reading.Rssi;
                        zone = data.BeaconZones[reading.Beacon];
                    }
                }

                wins[zone]++;
            }

            byte answer = 0;
            int most = 0;
            for (int z = 1; z <= zoneCount; z++)
            {
                if (wins[z] > most)
                {
                    answer = (byte)z;
                    most = wins[z];
                }
            }

            tally.StartCell();
            foreach (Row row in cell.Rows)
            {
                tally.Add(cell.Zone, answer);
            }
        }

        return tally.ToScore(withChanges: false);
    }

    /// <summary>
    /// Bound for any estimator that only names zones it has heard: rows by which some beacon of the
    /// cell's own zone has been heard at least once in that cell (this row or an earlier one).
    /// </summary>
    public static Score TrueZoneHeardSoFar(RssiDataset data, int zoneCount)
    {
        var tally = new Tally("Bound: true zone heard so far in the cell", zoneCount);
        foreach (Cell cell in data.Cells)
        {
            tally.StartCell();
            bool heard = false;
            foreach (Row row in cell.Rows)
            {
                heard = heard || row.Readings.Any(r => data.BeaconZones[r.Beacon] == cell.Zone);
                tally.Add(cell.Zone, heard ? cell.Zone : (byte)0);
            }
        }

        return tally.ToScore(withChanges: false);
    }

    private sealed class Tally
    {
        private readonly string _method;
        private readonly int[] _rowsByZone;
        private readonly int[] _rightByZone;
        private int _rows;
        private int _right;
        private int _unknown;
        private int _changes;
        private byte _lastKnown;

        public Tally(string method, int zoneCount)
        {
            _method = method;
            _rowsByZone = new int[zoneCount + 1];
            _rightByZone = new int[zoneCount + 1];
        }

        public void StartCell() => _lastKnown = 0;

        public void Add(byte truth, byte answer)
        {
            _rows++;
            _rowsByZone[truth]++;
            if (answer == truth)
            {
                _right++;
                _rightByZone[truth]++;
            }

            if (answer == 0)
            {
                _unknown++;
                return;
            }

            if (_lastKnown != 0 && answer != _lastKnown)
            {
                _changes++;
            }

            _lastKnown = answer;
        }

        public Score ToScore(bool withChanges) =>
            new(_method, _rows, _right, _unknown, withChanges ? _changes : null, _rowsByZone, _rightByZone);
    }
}
