namespace Beacons.Zones
{
    /// <summary>
    /// The candidate zone estimator of issue 17 (docs/zones.md, "Candidate: the evidence estimator"; how it decides: docs/zones-tried.md; not live). The
    /// same interface as <see cref="ZoneEstimator"/>, one instance per tracked device, nothing allocated
    /// after construction, the nanoFramework subset only.
    ///
    /// Readings are gathered into steps on a fixed grid of the caller's clock (every
    /// <see cref="EvidenceEstimatorSettings.StepMs"/>). At each step each source's level takes the mean of
    /// its readings in the step; a zone's score is its strongest source's level. Every zone other than
    /// the current one sums its lead over the current zone, less a bias, as evidence (a CUSUM: the sum
    /// never drops below 0); the zone whose evidence first reaches the switching cost takes over. A big
    /// lead wins in a step or two, a small one in more, and a zone only as strong as the current one
    /// never. From unknown, the loudest reading before the first step names the zone at once.
    ///
    /// The steps depend only on the readings and their times, never on the calls, so a gateway asking
    /// after every report and a badge asking twice a second get the same decisions.
    /// </summary>
    public sealed class EvidenceEstimator
    {
        private const byte NoZone = Beacons.Protocol.Zone.None;

        // The score of a current zone whose every source was forgotten: a zone heard at all is ahead.
        private const double ForgottenDbm = -100;

        private readonly StepSources _sources;
        private readonly long _stepMs;
        private readonly double _biasDb;
        private readonly double _quickLeadDb; // 0: off
        private readonly double _switchDb;
        private readonly double _farSwitchDb;
        private readonly long _staleMs;
        private readonly ZoneNeighbours _neighbours; // null: every zone is a neighbour
        private readonly double _risingLeadDb; // 0: off
        private readonly double _riseDb;
        private readonly bool _slow;
        private readonly double _slowLeadDb;
        private readonly int _slowMinSteps;
        private int _slowSteps; // steps since the slow level started over

        // Each challenger zone's evidence against the current zone.
        private readonly byte[] _evidenceZones;
        private readonly double[] _evidenceDb;
        private int _evidenceCount;

        private byte _zone;
        private long _zoneSinceMs;
        private bool _provisional; // named by a reading from unknown, not yet by a step
        private int _provisionalRssi;
        private bool _stepped;
        private long _lastStepMs;
        private bool _heardAny;
        private long _newestHeardMs;

        public EvidenceEstimator(EvidenceEstimatorSettings settings)
            : this(settings, null)
        {
        }

        /// <summary>
        /// An estimator that knows which zones are next to which (the gateway's, from the venue): a zone
        /// farther away needs <see cref="EvidenceEstimatorSettings.FarSwitchDb"/>. Null makes every zone a
        /// neighbour, as on a badge. The table is used as it is, not copied.
        /// </summary>
        public EvidenceEstimator(EvidenceEstimatorSettings settings, ZoneNeighbours neighbours)
        {
            if (settings == null)
            {
                settings = new EvidenceEstimatorSettings();
            }

            double alpha = settings.SmoothingAlpha > 0 && settings.SmoothingAlpha <= 1 ? settings.SmoothingAlpha : EvidenceEstimatorSettings.DefaultSmoothingAlpha;
            _stepMs = settings.StepMs < 1 ? 1 : settings.StepMs;
            _staleMs = settings.StaleMs < 1 ? 1 : settings.StaleMs;
            _sources = new StepSources(settings.MaxSources, alpha, settings.HoldMs, settings.DecayDbPerSecond, _staleMs);
            _biasDb = settings.BiasDb < 0 ? 0 : settings.BiasDb;
            _quickLeadDb = settings.QuickLeadDb > 0 ? settings.QuickLeadDb : 0;
            _switchDb = settings.SwitchDb < 0 ? 0 : settings.SwitchDb;
            _farSwitchDb = settings.FarSwitchDb < _switchDb ? _switchDb : settings.FarSwitchDb;
            _neighbours = neighbours;
            _risingLeadDb = settings.RisingLeadDb > 0 ? settings.RisingLeadDb : 0;
            _riseDb = settings.RiseDb;
            if (_risingLeadDb > 0)
            {
                _sources.UseTrend(settings.TrendAlpha);
            }

            _slow = settings.SlowAlpha > 0 && settings.SlowAlpha <= 1;
            if (_slow)
            {
                _sources.UseSlowLevel(settings.SlowAlpha, settings.MissDbm);
            }

            _slowLeadDb = settings.SlowLeadDb;
            _slowMinSteps = settings.SlowMinSteps;
            _evidenceZones = new byte[_sources.Capacity];
            _evidenceDb = new double[_sources.Capacity];
            Reset();
        }

        /// <summary>The zone last decided; Zone.None while unknown.</summary>
        public byte Zone
        {
            get { return _zone; }
        }

        /// <summary>When the current zone (or unknown) began, on the caller's clock.</summary>
        public long ZoneSinceMs
        {
            get { return _zoneSinceMs; }
        }

        /// <summary>One reading of one source; Zone.None, or an RSSI outside -127..20 dBm, is ignored.</summary>
        public void Observe(int sourceId, byte zone, int rssi, long nowMs)
        {
            if (zone == NoZone || rssi < -127 || rssi > 20)
            {
                return;
            }

            // The steps up to this reading come first, so each step sees exactly the readings stamped
            // before it, however the calls were spread.
            Advance(nowMs);
            ExpireIfStale(nowMs);

            // From unknown, the loudest reading before the first step names the zone at once: a device
            // just switched on or back in range is placed without waiting. Readings decide this, not calls.
            if (_zone == NoZone || (_provisional && rssi > _provisionalRssi))
            {
                if (_zone != zone)
                {
                    _zone = zone;
                    _zoneSinceMs = nowMs;
                }

                _provisional = true;
                _provisionalRssi = rssi;
            }

            _sources.Add(sourceId, zone, rssi, nowMs);
            if (!_heardAny || nowMs > _newestHeardMs)
            {
                _newestHeardMs = nowMs;
            }

            _heardAny = true;
        }

        /// <summary>The zone at <paramref name="nowMs"/> (Zone.None when unknown), after every step up to then.</summary>
        public byte Update(long nowMs)
        {
            Advance(nowMs);
            ExpireIfStale(nowMs);
            return _zone;
        }

        /// <summary>Forgets every source and the zone, as if just made.</summary>
        public void Reset()
        {
            _sources.Clear();
            _evidenceCount = 0;
            _zone = NoZone;
            _zoneSinceMs = 0;
            _provisional = false;
            _provisionalRssi = 0;
            _stepped = false;
            _lastStepMs = 0;
            _heardAny = false;
            _newestHeardMs = 0;
            _slowSteps = 0;
        }

        // Takes every grid step after the last one taken, up to and including nowMs.
        private void Advance(long nowMs)
        {
            if (!_heardAny)
            {
                return;
            }

            long last = StepSources.LastStepAtOrBefore(nowMs, _stepMs);
            long first = _stepped ? _lastStepMs + _stepMs : StepSources.FirstStepAfter(_newestHeardMs, _stepMs);
            for (long t = first; t <= last; t += _stepMs)
            {
                if (t - _newestHeardMs > _staleMs + _stepMs)
                {
                    // Every source is forgotten by now: the steps in between would change nothing.
                    t = last;
                }

                Step(t);
                _stepped = true;
                _lastStepMs = t;
            }
        }

        private void Step(long t)
        {
            _sources.Fold();
            int zones = _sources.Score(t);
            byte[] zoneIds = _sources.Zones;
            double[] scores = _sources.ScoresDbm;
            if (zones == 0)
            {
                return;
            }

            if (_zone == NoZone || _provisional)
            {
                int leader = 0;
                for (int i = 1; i < zones; i++)
                {
                    if (scores[i] > scores[leader] || (scores[i] == scores[leader] && zoneIds[i] < zoneIds[leader]))
                    {
                        leader = i;
                    }
                }

                SetZone(zoneIds[leader], t);
                return;
            }

            double current = ForgottenDbm;
            for (int i = 0; i < zones; i++)
            {
                if (zoneIds[i] == _zone)
                {
                    current = scores[i];
                }
            }

            _slowSteps++;
            int rising = RisingLeader(zones, t);
            if (rising >= 0)
            {
                Moved(zoneIds[rising], t);
                return;
            }

            // Ties go to the zone with more evidence beyond its cost, then to the lower zone ID, so the
            // answer never depends on the order of the slots.
            byte winner = NoZone;
            double winnerExcess = 0;
            for (int i = 0; i < zones; i++)
            {
                byte zone = zoneIds[i];
                if (zone == _zone)
                {
                    continue;
                }

                int e = EvidenceSlot(zone);
                double lead = scores[i] - current;
                double sum = _evidenceDb[e] + lead - _biasDb + (_quickLeadDb > 0 && lead > _quickLeadDb ? lead - _quickLeadDb : 0);
                _evidenceDb[e] = sum > 0 ? sum : 0;
                double cost = _neighbours == null || _neighbours.AreNeighbours(_zone, zone) ? _switchDb : _farSwitchDb;
                double excess = _evidenceDb[e] - cost;
                if (excess >= 0 && (winner == NoZone || excess > winnerExcess || (excess == winnerExcess && zone < winner)))
                {
                    winner = zone;
                    winnerExcess = excess;
                }
            }

            if (winner != NoZone)
            {
                Moved(winner, t);
                return;
            }

            int slowLeader = SlowLeader(zones);
            if (slowLeader >= 0)
            {
                SetZone(zoneIds[slowLeader], t);
            }
        }

        // A move seen in the signals: the slow level's past is the old room's.
        private void Moved(byte zone, long t)
        {
            SetZone(zone, t);
            _sources.RestartSlow();
            _slowSteps = 0;
        }

        // The zone whose slow level leads the current zone's by the slow lead, if it is a neighbour; -1 when none.
        private int SlowLeader(int zones)
        {
            if (!_slow || _slowSteps < _slowMinSteps)
            {
                return -1;
            }

            byte[] zoneIds = _sources.Zones;
            double[] slow = _sources.SlowDbm;
            int leader = -1;
            double current = -200;
            for (int i = 0; i < zones; i++)
            {
                if (zoneIds[i] == _zone)
                {
                    current = slow[i];
                }
                else if (leader < 0 || slow[i] > slow[leader] || (slow[i] == slow[leader] && zoneIds[i] < zoneIds[leader]))
                {
                    leader = i;
                }
            }

            if (leader < 0 || slow[leader] - current < _slowLeadDb
                || (_neighbours != null && !_neighbours.AreNeighbours(_zone, zoneIds[leader])))
            {
                return -1;
            }

            return leader;
        }

        // The zone that leads every other by the rising lead and stands the rise above its own trend, if
        // it is a neighbour of the current one; -1 when none.
        private int RisingLeader(int zones, long t)
        {
            if (_risingLeadDb <= 0)
            {
                return -1;
            }

            byte[] zoneIds = _sources.Zones;
            double[] scores = _sources.ScoresDbm;
            double[] trends = _sources.TrendsDbm;
            int leader = 0;
            for (int i = 1; i < zones; i++)
            {
                if (scores[i] > scores[leader])
                {
                    leader = i;
                }
            }

            byte zone = zoneIds[leader];
            if (zone == _zone || scores[leader] - trends[leader] < _riseDb
                || (_neighbours != null && !_neighbours.AreNeighbours(_zone, zone)))
            {
                return -1;
            }

            for (int i = 0; i < zones; i++)
            {
                if (i != leader && scores[leader] - scores[i] < _risingLeadDb)
                {
                    return -1;
                }
            }

            return leader;
        }

        private int EvidenceSlot(byte zone)
        {
            for (int i = 0; i < _evidenceCount; i++)
            {
                if (_evidenceZones[i] == zone)
                {
                    return i;
                }
            }

            // There are never more challengers than sources; if the table is full, start it over.
            if (_evidenceCount == _evidenceDb.Length)
            {
                _evidenceCount = 0;
            }

            _evidenceZones[_evidenceCount] = zone;
            _evidenceDb[_evidenceCount] = 0;
            return _evidenceCount++;
        }

        private void ExpireIfStale(long nowMs)
        {
            if (_zone != NoZone && _heardAny && nowMs - _newestHeardMs > _staleMs)
            {
                _zone = NoZone;
                _zoneSinceMs = _newestHeardMs + _staleMs;
                _provisional = false;
                _evidenceCount = 0;
            }
        }

        private void SetZone(byte zone, long t)
        {
            _provisional = false;
            _evidenceCount = 0;
            if (zone != _zone)
            {
                _zone = zone;
                _zoneSinceMs = t;
            }
        }
    }
}
