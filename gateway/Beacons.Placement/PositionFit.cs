using Beacons.Placement.Scoring;
using Beacons.Zones;

namespace Beacons.Placement;

/// <summary>
/// A candidate gateway-side locator (docs/zones.md, "Position fit"): at each half-second step of the caller's
/// clock, each receiver's smoothed level; a log-distance path-loss model <c>P0 - 10 n log10(d)</c>, less the
/// walls between the point and the receiver (<see cref="PositionFitMap.WallLosses"/>), fitted at every point of the venue's grid (P0
/// by least squares per step, pulled towards the device's running value); a receiver that does not hear the device counts as the chance that it missed it, or that its
/// level fell below the floor (a censored reading); each zone's best fit becomes a likelihood, and a forward
/// filter (a hidden Markov model over the zones along the venue's neighbours) shows the most likely zone,
/// moving only when the new zone is clearly more likely than the shown one. Needs the receivers' positions:
/// it runs at the gateway. One per device. The steps depend only on the readings and their times, not on
/// when Update is called.
/// </summary>
public sealed class PositionFitLocator : IZoneLocator
{
    private readonly PositionFitSettings _s;
    private readonly int[] _receiverIds;
    private readonly Dictionary<int, int> _receiverIndex;
    private readonly Func<int, long, bool>? _receiverDead; // by receiver id, at a time
    private readonly double _exponent; // the law's, on this map (PositionFitMap.ExponentOf)
    private readonly double[,] _logDistance; // point x receiver: 10 log10(distance), and floors (the map's, shared)
    private readonly byte[] _pointZone;
    private readonly int[] _zoneIndexOfPoint;
    private readonly byte[] _zones;
    private readonly bool[,] _next; // zone x zone: a device can walk straight between them (or stay)
    private readonly double[] _sum;
    private readonly int[] _count;
    private readonly double[] _level; // what the fit takes: the receiver's level, its first step discounted (EntryAlpha)
    private readonly double[] _raw; // the level its readings give
    private readonly long[] _heardMs;
    private readonly int[] _steps; // steps heard in since the receiver entered (it was not heard within HoldMs)
    private readonly long[] _lastStepHeardMs; // the last step the receiver heard the device in, whatever the hold did since
    private readonly double[] _probability;
    private readonly double[] _zoneError;
    private readonly double[] _scratch;
    private readonly double[,] _wallLoss; // point x receiver: what the walls between them take, dB (the map's, shared)
    private readonly double[] _censoredTable; // -log(miss + (1 - miss) Φ(x)) on a fine grid of x
    private readonly Lazy<PositionFitNotHeard?> _notHeard; // the map's (null on a map of few receivers), once a step has needed it
    private readonly ZoneSurveyTable? _survey;
    private readonly double[] _stepLevels; // this step's mean reading of each receiver, NaN where it heard nothing (the survey)
    private readonly PositionFitStillness _stillness;
    private readonly double[] _heldLevels; // this step's level of each receiver held, NaN where it is not (the stillness)
    private long _nextStepMs = long.MinValue;
    private long _newestHeardMs = long.MinValue;
    private double _p0 = double.NaN;
    private int _shown = -1;
    private int _loudestRssi = int.MinValue;
    private byte _loudestZone;

    /// <param name="receiverDead">
    /// Whether a receiver (by id) is taken for dead at a time (the gateway's <see cref="BlindZones.IsSilent"/>): a dead
    /// receiver that does not hear the device says nothing of where it is, so it drops out of the censored term. Null: none dies.
    /// </param>
    /// <summary>Told of every change of the zone shown (not the first), with what the fit heard then: for a tool that asks why a device moved.</summary>
    public Action<PositionFitSwitch>? Switched { get; set; }

    /// <param name="survey">A site survey of the venue, weighed by <see cref="PositionFitSettings.SurveyWeight"/>; null: none.</param>
    public PositionFitLocator(PositionFitMap map, PositionFitSettings settings, Func<int, long, bool>? receiverDead = null, ZoneSurvey? survey = null)
    {
        _s = settings;
        _receiverDead = receiverDead;
        _p0 = settings.P0Dbm;
        _receiverIds = map.Receivers.Keys.OrderBy(r => r).ToArray();
        _receiverIndex = _receiverIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        _zones = map.Zones;
        int points = map.Points.Count, receivers = _receiverIds.Length, zones = _zones.Length;
        _exponent = map.ExponentOf(settings);
        _logDistance = map.LogDistances(settings.HeightOffset, _exponent);
        _pointZone = new byte[points];
        _zoneIndexOfPoint = new int[points];
        for (int p = 0; p < points; p++)
        {
            var point = map.Points[p];
            _pointZone[p] = point.Zone;
            _zoneIndexOfPoint[p] = Array.IndexOf(_zones, point.Zone);
        }

        _wallLoss = map.WallLosses(settings);
        _censoredTable = PositionFitNotHeard.CensoredTableOf(settings.MissChance);
        _notHeard = new(() => map.NotHeard(settings), LazyThreadSafetyMode.None);

        _next = new bool[zones, zones];
        for (int a = 0; a < zones; a++)
        {
            for (int b = 0; b < zones; b++)
            {
                _next[a, b] = a == b || map.Neighbours == null || map.Neighbours.AreNeighbours(_zones[a], _zones[b]);
            }
        }

        _sum = new double[receivers];
        _count = new int[receivers];
        _level = new double[receivers];
        _heardMs = Enumerable.Repeat(long.MinValue, receivers).ToArray();
        _steps = new int[receivers];
        _raw = new double[receivers];
        _lastStepHeardMs = Enumerable.Repeat(long.MinValue, receivers).ToArray();
        _probability = new double[zones];
        _zoneError = new double[zones];
        _scratch = new double[zones];
        _survey = survey != null && settings.SurveyWeight > 0 ? survey.For(_zones, _receiverIds) : null;
        _stepLevels = new double[receivers];
        _heldLevels = new double[receivers];
        _stillness = new PositionFitStillness(receivers, settings);
    }

    /// <summary>
    /// True (the default): a step where most counted receivers do not hear the device sums their "not heard" terms
    /// from the map's shared table (<see cref="PositionFitNotHeard"/>), the same fit to a few 1e-6 in a zone's error; false: always
    /// receiver by receiver, the table's reference in tests and benchmarks.
    /// </summary>
    public bool UseNotHeardTable { get; init; } = true;

    /// <summary>The last step's fit error of each zone, in the order of the map's <see cref="PositionFitMap.Zones"/>.</summary>
    internal IReadOnlyList<double> ZoneErrors => _zoneError;

    /// <summary>The steps at which some receiver was held and the fit ran, since the locator was made.</summary>
    public long FittedSteps { get; private set; }

    /// <summary>Of <see cref="FittedSteps"/>, those at which the device was taken to stand still (<see cref="PositionFitStillness"/>): what the tools print as the rule's share.</summary>
    public long StillSteps { get; private set; }

    /// <summary>At how many points, over all steps, the "not heard" terms were summed from the table.</summary>
    internal long TabledPoints { get; private set; }

    /// <summary>The censored term at x = (floor - predicted) / σ.</summary>
    private double Censored(double x) => PositionFitNotHeard.Censored(_censoredTable, x);

    public void Observe(int receiver, byte zone, int rssi, long tMs)
    {
        if (!_receiverIndex.TryGetValue(receiver, out int r) || rssi < -127 || rssi > 20)
        {
            return;
        }

        StepUntil(tMs);
        if (_nextStepMs == long.MinValue)
        {
            _nextStepMs = tMs - (((tMs % _s.StepMs) + _s.StepMs) % _s.StepMs) + _s.StepMs;
        }

        _sum[r] += rssi;
        _count[r]++;
        _newestHeardMs = tMs;
        if (_shown < 0 && (rssi > _loudestRssi || (rssi == _loudestRssi && zone < _loudestZone)))
        {
            // Until the first step, the loudest reading's zone (as the live estimator does from unknown).
            _loudestRssi = rssi;
            _loudestZone = zone;
        }
    }

    public byte Update(long tMs)
    {
        StepUntil(tMs);
        return _nextStepMs == long.MinValue || tMs - _newestHeardMs > _s.StaleMs ? (byte)0 : _shown < 0 ? _loudestZone : _zones[_shown];
    }

    private void StepUntil(long tMs)
    {
        while (_nextStepMs != long.MinValue && _nextStepMs <= tMs)
        {
            Step(_nextStepMs);
            _nextStepMs += _s.StepMs;
            if (_nextStepMs - _newestHeardMs > _s.StaleMs)
            {
                // Everything is forgotten: start afresh at the next reading.
                _nextStepMs = long.MinValue;
                _shown = -1;
                _loudestRssi = int.MinValue;
                _p0 = _s.P0Dbm;
                Array.Fill(_heardMs, long.MinValue);
                Array.Clear(_steps);
                Array.Fill(_lastStepHeardMs, long.MinValue);
                _stillness.Reset();
            }
        }
    }

    private void Step(long stepMs)
    {
        bool news = false;
        Array.Fill(_stepLevels, double.NaN);
        for (int r = 0; r < _level.Length; r++)
        {
            if (_count[r] > 0)
            {
                double mean = _sum[r] / _count[r];
                _stepLevels[r] = mean;
                bool fresh = _heardMs[r] == long.MinValue || stepMs - _heardMs[r] > _s.HoldMs;
                _steps[r] = fresh ? 1 : _steps[r] + 1;
                // Only once the device is placed: at its first step every receiver is new, and the readings are all there is.
                bool fromFloor = _shown >= 0 && (_lastStepHeardMs[r] == long.MinValue || stepMs - _lastStepHeardMs[r] > _s.EntryAfterMs);
                _raw[r] = fresh ? mean : _raw[r] + (_s.SmoothingAlpha * (mean - _raw[r]));
                // A newly heard receiver's first step counts from the floor; from its second step on, as its readings give.
                _level[r] = fresh && fromFloor ? _s.FloorDbm + (_s.EntryAlpha * (_raw[r] - _s.FloorDbm)) : _raw[r];
                _lastStepHeardMs[r] = stepMs;
                _heardMs[r] = stepMs;
                _sum[r] = 0;
                _count[r] = 0;
                news = true;
            }
            else if (_s.SingleHoldMs > 0 && _steps[r] == 1 && _heardMs[r] != long.MinValue && stepMs - _heardMs[r] > _s.SingleHoldMs)
            {
                _heardMs[r] = long.MinValue; // heard in one step only: let go before HoldMs
            }
        }

        for (int r = 0; r < _level.Length; r++)
        {
            _heldLevels[r] = Held(r, stepMs) ? _level[r] : double.NaN;
        }

        _stillness.Step(_heldLevels);
        if (!Fit(stepMs))
        {
            return;
        }

        FittedSteps++;
        StillSteps += _stillness.Still ? 1 : 0;
        if (news && _survey != null)
        {
            _survey.AddCost(_stepLevels, _s.SurveyWeight, _s.SurveyLevelWeight, _shown < 0 ? _s.SurveyPrior : 0, _zoneError);
        }

        FilterZones();

        int leader = 0;
        for (int z = 0; z < _zones.Length; z++)
        {
            leader = _probability[z] > _probability[leader] ? z : leader;
        }

        if (_shown < 0 || (leader != _shown && _probability[leader] > _s.SwitchRatio * _probability[_shown]))
        {
            if (_shown >= 0 && Switched != null)
            {
                Switched(new PositionFitSwitch(stepMs, _zones[_shown], _zones[leader], HeardNow(stepMs)));
            }

            _shown = leader;
        }
    }

    /// <summary>Whether receiver <paramref name="r"/> counts as hearing the device at a step: heard within <see cref="PositionFitSettings.HoldMs"/>.</summary>
    private bool Held(int r, long stepMs) => _heardMs[r] != long.MinValue && stepMs - _heardMs[r] <= _s.HoldMs;

    /// <summary>The receivers the fit takes as hearing the device at a step: what a switch was made of.</summary>
    private PositionFitSwitch.Receiver[] HeardNow(long stepMs)
    {
        var heard = new List<PositionFitSwitch.Receiver>();
        for (int r = 0; r < _level.Length; r++)
        {
            if (Held(r, stepMs))
            {
                heard.Add(new PositionFitSwitch.Receiver(_receiverIds[r], _level[r], _steps[r], stepMs - _heardMs[r]));
            }
        }

        return [.. heard];
    }

    /// <summary>The forward filter over the zones: stay, or move to a neighbour; then weigh by each zone's fit (its best point's).</summary>
    private void FilterZones()
    {
        int zones = _zones.Length;
        double best = _zoneError.Min();
        double move = _s.MoveChance;
        double evidence = _s.EvidenceWeight * (_stillness.Still ? _s.StillEvidence : 1);
        if (_shown < 0)
        {
            for (int z = 0; z < zones; z++)
            {
                _probability[z] = 1.0 / zones;
            }
        }

        for (int z = 0; z < zones; z++)
        {
            double moved = 0;
            int ways = 0;
            for (int y = 0; y < zones; y++)
            {
                if (y != z && _next[y, z])
                {
                    moved += _probability[y];
                    ways++;
                }
            }

            _scratch[z] = (((1 - move) * _probability[z]) + (ways == 0 ? 0 : move * moved / ways))
                * Math.Exp(-evidence * (_zoneError[z] - best));
        }

        double total = _scratch.Sum();
        for (int z = 0; z < zones; z++)
        {
            _probability[z] = Math.Max(_scratch[z] / total, 1e-9);
        }
    }

    /// <summary>Each zone's fit error at this step; false when no receiver is heard.</summary>
    private bool Fit(long stepMs)
    {
        int receivers = _level.Length;
        Span<bool> heard = stackalloc bool[receivers];
        Span<int> counted = stackalloc int[receivers]; // heard, or alive and not hearing the device
        Span<int> heardOnes = stackalloc int[receivers];
        Span<int> deadOnes = stackalloc int[receivers]; // taken for dead and not hearing the device
        int heardCount = 0, countedCount = 0, deadCount = 0;
        for (int r = 0; r < receivers; r++)
        {
            heard[r] = Held(r, stepMs);
            if (heard[r])
            {
                heardOnes[heardCount++] = r;
            }

            if (heard[r] || _receiverDead == null || !_receiverDead(_receiverIds[r], stepMs))
            {
                counted[countedCount++] = r;
            }
            else
            {
                deadOnes[deadCount++] = r;
            }
        }

        counted = counted[..countedCount];
        heardOnes = heardOnes[..heardCount];
        deadOnes = deadOnes[..deadCount];

        if (heardCount == 0)
        {
            return false;
        }

        // The table pays when the receivers not hearing the device outnumber the terms it must take back out.
        bool table = UseNotHeardTable && _s.Censored != 0 && countedCount - heardCount > (2 * heardCount) + deadCount + 4
            && _notHeard.Value != null;
        double n = _exponent;
        double twoSigma2 = 2 * _s.SigmaDb * _s.SigmaDb;
        double weight = 1 / twoSigma2; // a squared miss's
        Array.Fill(_zoneError, double.PositiveInfinity);
        double bestError = double.PositiveInfinity, bestP0 = 0;
        double floor = _s.FloorDbm, sigma = _s.SigmaDb;
        Span<double> loss = stackalloc double[heardCount]; // at this point, each heard receiver's n · logDistance
        Span<double> wall = stackalloc double[heardCount]; // and its wall
        for (int p = 0; p < _pointZone.Length; p++)
        {
            // P0 by least squares over the heard receivers, pulled towards the device's running P0.
            double sum = 0;
            for (int i = 0; i < heardOnes.Length; i++)
            {
                int r = heardOnes[i];
                loss[i] = n * _logDistance[p, r];
                wall[i] = _wallLoss[p, r];
                sum += _level[r] + loss[i] + wall[i];
            }

            double p0 = double.IsNaN(_p0) ? sum / heardCount : (sum + (_s.PriorWeight * _p0)) / (heardCount + _s.PriorWeight);
            double error = double.IsNaN(_p0) ? 0 : _s.PriorWeight * (p0 - _p0) * (p0 - _p0) / twoSigma2;
            if (table && _notHeard.Value!.TrySum(p, p0, out double notHeard))
            {
                // Every receiver's "not heard" term, less the heard receivers' and the dead ones'.
                TabledPoints++;
                for (int i = 0; i < heardOnes.Length; i++)
                {
                    int r = heardOnes[i];
                    double predicted = p0 - loss[i] - wall[i];
                    error += Squared(_level[r] - predicted, weight);
                    notHeard -= Censored((floor - predicted) / sigma);
                }

                foreach (int r in deadOnes)
                {
                    notHeard -= Censored((floor - (p0 - (n * _logDistance[p, r]) - _wallLoss[p, r])) / sigma);
                }

                error += notHeard;
            }
            else
            {
                foreach (int r in counted)
                {
                    double predicted = p0 - (n * _logDistance[p, r]) - _wallLoss[p, r];
                    if (heard[r] || _s.Censored == 0)
                    {
                        error += Squared(heard[r] ? _level[r] - predicted : Math.Max(0, predicted - _s.FloorDbm), weight);
                    }
                    else
                    {
                        error += Censored((_s.FloorDbm - predicted) / _s.SigmaDb);
                    }
                }
            }

            int z = _zoneIndexOfPoint[p];
            _zoneError[z] = Math.Min(_zoneError[z], error);
            if (error < bestError)
            {
                bestError = error;
                bestP0 = p0;
            }
        }

        _p0 = double.IsNaN(_p0) ? bestP0 : _p0 + (_s.P0Alpha * (bestP0 - _p0));
        return true;
    }

    /// <summary>A miss squared, times its weight.</summary>
    private static double Squared(double miss, double weight) => miss * miss * weight;

    /// <summary>log Φ(x), the standard normal's cumulative probability, from erfc (Numerical Recipes' erfcc, 1.2e-7).</summary>
    public static double LogNormalCdf(double x)
    {
        double z = Math.Abs(x) / Math.Sqrt(2);
        double t = 1 / (1 + (0.5 * z));
        double logErfc = Math.Log(t) - (z * z) - 1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806
            + (t * (0.27886807 + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        // Φ(x) = erfc(-x/√2)/2: for x < 0 that is erfc(z)/2; for x >= 0, 1 - erfc(z)/2.
        return x < 0 ? logErfc - Math.Log(2) : Math.Log(1 - (Math.Exp(logErfc) / 2));
    }
}

/// <summary>A change of the zone a <see cref="PositionFitLocator"/> shows, and the receivers it took as hearing the device at that step.</summary>
public sealed record PositionFitSwitch(long StepMs, byte From, byte To, PositionFitSwitch.Receiver[] Heard)
{
    /// <param name="Steps">The steps it was heard in since it entered (was not heard within the hold before).</param>
    /// <param name="AgeMs">How long before the step its last reading's step was.</param>
    public sealed record Receiver(int Id, double Level, int Steps, long AgeMs);
}
