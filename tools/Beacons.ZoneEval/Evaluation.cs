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
    /// <summary>
    /// Another kind of estimator, for comparison: a position instead of a zone vote. Each beacon keeps a
    /// running average of its readings (weight <paramref name="alpha"/> for the newest) and drops out when
    /// not heard for <paramref name="staleMs"/>; the answer is the zone at the beacons' positions averaged
    /// with each beacon's power (mW) as its weight.
    /// </summary>
    public static Score WeightedCentroid(RssiDataset data, ZoneMap map, double alpha, long staleMs)
    {
        var tally = new Tally("Position: power-weighted centroid of the beacons", map.ZoneCount);
        var positions = data.Beacons.Select(map.PositionOfBeacon).ToArray();
        var averageDbm = new double[data.Beacons.Count];
        var heardMs = new long[data.Beacons.Count];
        foreach (Cell cell in data.Cells)
        {
            tally.StartCell();
            Array.Fill(heardMs, long.MinValue);
            foreach (Row row in cell.Rows)
            {
                foreach (Reading reading in row.Readings)
                {
                    bool remembered = heardMs[reading.Beacon] != long.MinValue && row.TimeMs - heardMs[reading.Beacon] <= staleMs;
                    averageDbm[reading.Beacon] = remembered ? averageDbm[reading.Beacon] + (alpha * (reading.Rssi - averageDbm[reading.Beacon])) : reading.Rssi;
                    heardMs[reading.Beacon] = row.TimeMs;
                }

                double weights = 0, column = 0, rowNumber = 0;
                for (int b = 0; b < averageDbm.Length; b++)
                {
                    if (heardMs[b] != long.MinValue && row.TimeMs - heardMs[b] <= staleMs)
                    {
                        double weight = Math.Pow(10, averageDbm[b] / 10);
                        weights += weight;
                        column += weight * positions[b].Column;
                        rowNumber += weight * positions[b].Row;
                    }
                }

                tally.Add(cell.Zone, weights == 0 ? (byte)0 : map.ZoneAt(column / weights, rowNumber / weights));
            }
        }

        return tally.ToScore(withChanges: true);
    }

    /// <summary>
    /// Another kind, for comparison: fingerprinting, as after a site survey of the floor. Each row is
    /// compared with every row of the other cells (a beacon not heard counts as
    /// <see cref="FingerprintNotHeardDbm"/>, distance is Euclidean over the beacons) and answered with the
    /// zone of most of the <paramref name="k"/> nearest (rows tied with the k-th vote too; equal votes go to
    /// the zone whose voters are nearer in sum). The row's own
    /// cell is left out of the survey, so a row never matches itself or its neighbours in time.
    /// </summary>
    public static Score NearestSurveyRows(RssiDataset data, int zoneCount, int k)
    {
        var tally = new Tally("Fingerprint: " + k + " nearest rows of the other cells", zoneCount);
        var survey = data.Cells.SelectMany(c => c.Rows.Select(r => (c.Name, c.Zone, Vector: Fingerprint(r, data.Beacons.Count)))).ToArray();
        var distances = new (double Distance, byte Zone)[survey.Length];
        int next = 0; // the survey holds the rows in this same order
        foreach (Cell cell in data.Cells)
        {
            tally.StartCell();
            foreach (Row row in cell.Rows)
            {
                double[] vector = survey[next++].Vector;
                int n = 0;
                foreach (var entry in survey)
                {
                    if (entry.Name != cell.Name)
                    {
                        double sum = 0;
                        for (int b = 0; b < vector.Length; b++)
                        {
                            sum += (vector[b] - entry.Vector[b]) * (vector[b] - entry.Vector[b]);
                        }

                        distances[n++] = (sum, entry.Zone);
                    }
                }

                // Rows as far as the k-th nearest all vote: many rows read alike (one beacon at the same
                // RSSI), and an arbitrary cut among them would favour whichever zone sorts first.
                Array.Sort(distances, 0, n);
                int voters = Math.Min(k, n);
                while (voters < n && voters > 0 && distances[voters].Distance == distances[voters - 1].Distance)
                {
                    voters++;
                }

                var votes = new int[zoneCount + 1];
                var closeness = new double[zoneCount + 1];
                for (int i = 0; i < voters; i++)
                {
                    votes[distances[i].Zone]++;
                    closeness[distances[i].Zone] += distances[i].Distance;
                }

                byte answer = 0;
                for (byte z = 1; z <= zoneCount; z++)
                {
                    if (votes[z] > 0 && (answer == 0 || votes[z] > votes[answer] || (votes[z] == votes[answer] && closeness[z] < closeness[answer])))
                    {
                        answer = z;
                    }
                }

                tally.Add(cell.Zone, answer);
            }
        }

        return tally.ToScore(withChanges: true);
    }

    /// <summary>What an unheard beacon counts as in a fingerprint: well below the weakest reading in the data (-88 dBm).</summary>
    public const double FingerprintNotHeardDbm = -105;

    private static double[] Fingerprint(Row row, int beacons)
    {
        var vector = new double[beacons];
        Array.Fill(vector, FingerprintNotHeardDbm);
        foreach (Reading reading in row.Readings)
        {
            vector[reading.Beacon] = reading.Rssi;
        }

        return vector;
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
