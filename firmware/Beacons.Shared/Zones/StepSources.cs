namespace Beacons.Zones
{
    /// <summary>
    /// The sources of an estimator that takes its evidence on a fixed time grid (issue 17's badge-side
    /// candidate, <see cref="EvidenceEstimator"/>). Readings are summed per source until the next step; at a
    /// step each source's level takes the mean of its readings, smoothed; a silent source holds its level,
    /// then fades, and is forgotten. Arrays are made up front.
    /// </summary>
    public sealed class StepSources
    {
        private readonly int _capacity;
        private readonly double _alpha;
        private readonly long _holdMs;
        private readonly double _decayDbPerMs;
        private readonly long _staleMs;

        private readonly bool[] _used;
        private readonly int[] _sourceIds;
        private readonly byte[] _sourceZones;
        private readonly double[] _levelDbm;
        private readonly double[] _stepSumDbm;
        private readonly int[] _stepReadings;
        private readonly bool[] _fresh; // heard, not yet through a step: no level yet
        private readonly long[] _lastHeardMs;

        private readonly byte[] _scoreZones;
        private readonly double[] _scoreDbm;

        // The trend: a slower average of the step means, the reference a rise is measured against.
        private double _trendAlpha; // 0: no trend kept
        private readonly double[] _trendDbm;
        private readonly double[] _scoreTrendDbm;

        // The slow level: the mean of a source's steps since the last RestartSlow (a missed step counted
        // as the miss level when enabled), turning into an average with weight slowAlpha.
        private double _slowAlpha; // 0: no slow level kept
        private double _missDbm; // 0: a missed step is not counted
        private readonly double[] _slowDbm;
        private readonly int[] _slowSteps;
        private readonly double[] _scoreSlowDbm;

        /// <param name="capacity">Sources remembered at once; the one heard least recently makes room.</param>
        /// <param name="alpha">Weight of a step's mean reading in a source's level (0..1].</param>
        /// <param name="holdMs">How long a silent source keeps its level.</param>
        /// <param name="decayDbPerSecond">How fast it fades after that.</param>
        /// <param name="staleMs">When it is forgotten.</param>
        public StepSources(int capacity, double alpha, long holdMs, double decayDbPerSecond, long staleMs)
        {
            _capacity = capacity < 1 ? 1 : capacity;
            _alpha = alpha;
            _holdMs = holdMs < 0 ? 0 : holdMs;
            _decayDbPerMs = decayDbPerSecond < 0 ? 0 : decayDbPerSecond / 1000.0;
            _staleMs = staleMs < 1 ? 1 : staleMs;
            _used = new bool[_capacity];
            _sourceIds = new int[_capacity];
            _sourceZones = new byte[_capacity];
            _levelDbm = new double[_capacity];
            _stepSumDbm = new double[_capacity];
            _stepReadings = new int[_capacity];
            _fresh = new bool[_capacity];
            _lastHeardMs = new long[_capacity];
            _scoreZones = new byte[_capacity];
            _scoreDbm = new double[_capacity];
            _trendDbm = new double[_capacity];
            _scoreTrendDbm = new double[_capacity];
            _slowDbm = new double[_capacity];
            _slowSteps = new int[_capacity];
            _scoreSlowDbm = new double[_capacity];
        }

        /// <summary>
        /// Keeps a slow level per source (<see cref="SlowDbm"/>): the mean of its steps since
        /// <see cref="RestartSlow"/>, an average with weight <paramref name="slowAlpha"/> once it holds more
        /// than 1/slowAlpha steps. <paramref name="missDbm"/> (below 0) is counted for a source that missed a
        /// step in which another source was heard; 0 counts only the steps it was heard in.
        /// </summary>
        public void UseSlowLevel(double slowAlpha, double missDbm)
        {
            _slowAlpha = slowAlpha;
            _missDbm = missDbm < 0 ? missDbm : 0;
        }

        /// <summary>After <see cref="Score"/>: each zone's slow score (its strongest source's slow level; -200 when none has one yet).</summary>
        public double[] SlowDbm
        {
            get { return _scoreSlowDbm; }
        }

        /// <summary>Every source's slow level starts over at the next step: after a move, the old room's readings say nothing.</summary>
        public void RestartSlow()
        {
            for (int i = 0; i < _capacity; i++)
            {
                _slowSteps[i] = 0;
            }
        }

        /// <summary>Keeps a trend per source (<see cref="TrendsDbm"/>): an average of its step means with weight <paramref name="trendAlpha"/>.</summary>
        public void UseTrend(double trendAlpha)
        {
            _trendAlpha = trendAlpha;
        }

        /// <summary>After <see cref="Score"/>: each zone's trend (the highest of its sources' trends, faded like their levels).</summary>
        public double[] TrendsDbm
        {
            get { return _scoreTrendDbm; }
        }

        /// <summary>How many sources can be remembered: also the most zones <see cref="Score"/> can give.</summary>
        public int Capacity
        {
            get { return _capacity; }
        }

        /// <summary>After <see cref="Score"/>: the zones scored, in the order of their scores.</summary>
        public byte[] Zones
        {
            get { return _scoreZones; }
        }

        /// <summary>After <see cref="Score"/>: each zone's score (dBm, its strongest source's level, faded when silent).</summary>
        public double[] ScoresDbm
        {
            get { return _scoreDbm; }
        }

        /// <summary>Adds one reading, to be folded in at the next step.</summary>
        public void Add(int sourceId, byte zone, int rssi, long nowMs)
        {
            int slot = SourceSlots.Find(_used, _sourceIds, sourceId);
            if (slot < 0 || nowMs - _lastHeardMs[slot] > _staleMs)
            {
                if (slot < 0)
                {
                    slot = SourceSlots.FreeOrOldest(_used, _lastHeardMs);
                }

                // A new source, or one forgotten: its old level says nothing about now.
                _used[slot] = true;
                _sourceIds[slot] = sourceId;
                _fresh[slot] = true;
                _stepSumDbm[slot] = 0;
                _stepReadings[slot] = 0;
                _lastHeardMs[slot] = nowMs;
            }

            _sourceZones[slot] = zone;
            _stepSumDbm[slot] += rssi;
            _stepReadings[slot]++;
            if (nowMs > _lastHeardMs[slot])
            {
                _lastHeardMs[slot] = nowMs;
            }
        }

        /// <summary>
        /// Each source heard since the last step takes the mean of those readings into its level. A
        /// source that missed the step keeps its level (it fades with age in <see cref="Score"/>).
        /// </summary>
        public void Fold()
        {
            bool anyHeard = false;
            int slowSteps = 0;
            for (int s = 0; s < _capacity; s++)
            {
                if (_used[s])
                {
                    anyHeard |= _stepReadings[s] > 0;
                    if (_slowSteps[s] > slowSteps)
                    {
                        slowSteps = _slowSteps[s];
                    }
                }
            }

            for (int s = 0; s < _capacity; s++)
            {
                if (!_used[s])
                {
                    continue;
                }

                if (_stepReadings[s] > 0)
                {
                    double mean = _stepSumDbm[s] / _stepReadings[s];
                    if (_fresh[s])
                    {
                        // Heard for the first time while others have been: its silent steps so far were misses.
                        _slowSteps[s] = _missDbm < 0 ? slowSteps : 0;
                        _slowDbm[s] = _missDbm;
                    }

                    _levelDbm[s] = _fresh[s] ? mean : _levelDbm[s] + (_alpha * (mean - _levelDbm[s]));
                    _trendDbm[s] = _fresh[s] ? mean : _trendDbm[s] + (_trendAlpha * (mean - _trendDbm[s]));
                    _fresh[s] = false;
                    _stepSumDbm[s] = 0;
                    _stepReadings[s] = 0;
                    AddSlow(s, mean);
                }
                else if (anyHeard && _missDbm < 0 && !_fresh[s])
                {
                    AddSlow(s, _missDbm);
                }
            }
        }

        private void AddSlow(int s, double dbm)
        {
            if (_slowAlpha <= 0)
            {
                return;
            }

            int n = _slowSteps[s] + 1;
            double weight = 1.0 / n;
            if (weight < _slowAlpha)
            {
                weight = _slowAlpha;
            }
            else
            {
                _slowSteps[s] = n;
            }

            _slowDbm[s] = n == 1 ? dbm : _slowDbm[s] + (weight * (dbm - _slowDbm[s]));
        }

        /// <summary>
        /// Fills <see cref="Zones"/> and <see cref="ScoresDbm"/> at <paramref name="t"/>, dropping forgotten
        /// sources; returns how many zones have a score. A zone's score is its strongest source's: a sum
        /// would favour zones with more receivers.
        /// </summary>
        public int Score(long t)
        {
            int zones = 0;
            for (int s = 0; s < _capacity; s++)
            {
                if (!_used[s] || _fresh[s])
                {
                    continue;
                }

                long age = t - _lastHeardMs[s];
                if (age < 0)
                {
                    age = 0;
                }

                if (age > _staleMs)
                {
                    _used[s] = false;
                    continue;
                }

                double fade = age > _holdMs ? (age - _holdMs) * _decayDbPerMs : 0;
                double dbm = _levelDbm[s] - fade;
                double trend = _trendDbm[s] - fade;
                double slow = _slowSteps[s] > 0 ? _slowDbm[s] : -200;
                byte zone = _sourceZones[s];
                int z = 0;
                while (z < zones && _scoreZones[z] != zone)
                {
                    z++;
                }

                if (z == zones)
                {
                    _scoreZones[z] = zone;
                    _scoreDbm[z] = dbm;
                    _scoreTrendDbm[z] = trend;
                    _scoreSlowDbm[z] = slow;
                    zones++;
                }
                else
                {
                    if (dbm > _scoreDbm[z])
                    {
                        _scoreDbm[z] = dbm;
                    }

                    if (trend > _scoreTrendDbm[z])
                    {
                        _scoreTrendDbm[z] = trend;
                    }

                    if (slow > _scoreSlowDbm[z])
                    {
                        _scoreSlowDbm[z] = slow;
                    }
                }
            }

            return zones;
        }

        /// <summary>Forgets every source.</summary>
        public void Clear()
        {
            for (int i = 0; i < _capacity; i++)
            {
                _used[i] = false;
            }
        }

        /// <summary>The first grid step after <paramref name="t"/>, for a grid at whole multiples of <paramref name="stepMs"/>.</summary>
        public static long FirstStepAfter(long t, long stepMs)
        {
            return t - Modulo(t, stepMs) + stepMs;
        }

        /// <summary>The last grid step at or before <paramref name="t"/>.</summary>
        public static long LastStepAtOrBefore(long t, long stepMs)
        {
            return t - Modulo(t, stepMs);
        }

        private static long Modulo(long a, long b)
        {
            long m = a % b;
            return m < 0 ? m + b : m;
        }
    }
}
