using System;

namespace Beacons.Zones
{
    /// <summary>
    /// Turns RSSI readings of fixed sources into one zone, the same way on a badge (its anchors) and at
    /// the gateway (the receivers that hear a badge). One instance per tracked device.
    ///
    /// Each source keeps a running average of its readings and a slower trend average. A zone's score is
    /// its strongest source's score, so a zone with two receivers is not favoured over one with one. A
    /// source that falls silent keeps its score for <see cref="ZoneEstimatorSettings.HoldMs"/>, then fades by
    /// <see cref="ZoneEstimatorSettings.DecayDbPerSecond"/> and is forgotten after
    /// <see cref="ZoneEstimatorSettings.StaleMs"/>.
    ///
    /// The zone changes to the leading zone in one of three ways: at once when the leader is rising and
    /// ahead of every other zone (someone walking in), at once when it is clearly ahead of every other zone
    /// while the current zone is still heard (both quick ways only to a neighbouring zone, when the
    /// estimator is told which zones are neighbours), or, patiently, when it has led the current zone by
    /// the margin at every decision for the dwell time (someone standing between two rooms never gets this
    /// far). The zone becomes unknown when every source is forgotten. From unknown, the first leader is
    /// taken at once.
    ///
    /// The caller passes the time (milliseconds, monotonic) and calls Update as often as it likes (at
    /// least about once a second): the zone is re-decided at most every
    /// <see cref="ZoneEstimatorSettings.DecisionIntervalMs"/>. Nothing is allocated after construction.
    /// </summary>
    public sealed class ZoneEstimator
    {
        private const byte NoZone = Beacons.Protocol.Zone.None;

        /// <summary>
        /// A calibrated reading (<see cref="Observe(int, byte, int, int, long)"/>) is brought to what a
        /// source whose RSSI at one metre is this would give: the ESP32 default that badges, receivers and
        /// our anchors share, so calibrated and uncalibrated sources stay comparable.
        /// </summary>
        public const int ReferenceRssiAt1m = -59;

        // BLE reports RSSI from -127 to +20 dBm; anything else is a "not available" marker or garbage.
        private const int LowestRssi = -127;
        private const int HighestRssi = 20;

        // A calibrated 1 m RSSI outside this range is a missing or broken calibration (iBeacons send 0
        // when none was set): the reading is then taken as it is.
        private const int LowestRssiAt1m = -100;
        private const int HighestRssiAt1m = -20;

        // Weight of one reading's scatter in the device's noise estimate: about the last twenty readings.
        private const double NoiseWeight = 0.05;

        private readonly int _capacity;
        private readonly double _alpha;
        private readonly double _trendAlpha;
        private readonly long _holdMs;
        private readonly double _decayDbPerMs;
        private readonly double _marginFactor;
        private readonly long _dwellMs;
        private readonly double _risingLeadFactor; // 0: that way is off
        private readonly double _riseFactor;
        private readonly double _clearLeadDb;      // 0: that way is off
        private readonly double _noiseReferenceDb; // 0: the clear lead does not follow the noise
        private readonly long _decisionIntervalMs;
        private readonly long _staleMs;
        private readonly ZoneNeighbours _neighbours; // null: every zone is a neighbour

        private readonly bool[] _used;
        private readonly int[] _sourceIds;
        private readonly byte[] _sourceZones;
        private readonly double[] _smoothedDbm;
        private readonly double[] _trendDbm;
        private readonly long[] _lastHeardMs;

        // Scratch for Update: one entry per distinct zone among the remembered sources.
        private readonly byte[] _scoreZones;
        private readonly double[] _scorePower;
        private readonly double[] _trendPower;
        private readonly long[] _zoneHeardMs;

        private byte _zone;
        private long _zoneSinceMs;
        private byte _challenger;
        private long _challengerSinceMs;
        private long _decidedMs;
        private double _noiseDb; // how far readings land from their source's running average (dB), on average
        private bool _heardAny;
        private long _newestHeardMs;

        public ZoneEstimator(ZoneEstimatorSettings settings)
            : this(settings, null)
        {
        }

        /// <summary>
        /// An estimator that knows which zones are next to which (the gateway's, from the venue): its quick
        /// ways only move a device to a neighbour of its current zone. Null makes every zone a neighbour,
        /// as on a badge. The table is used as it is, not copied: fill it before.
        /// </summary>
        public ZoneEstimator(ZoneEstimatorSettings settings, ZoneNeighbours neighbours)
        {
            if (settings == null)
            {
                settings = new ZoneEstimatorSettings();
            }

            _capacity = settings.MaxSources < 1 ? 1 : settings.MaxSources;
            _alpha = settings.SmoothingAlpha > 0 && settings.SmoothingAlpha <= 1 ? settings.SmoothingAlpha : ZoneEstimatorSettings.DefaultSmoothingAlpha;
            _trendAlpha = settings.TrendAlpha > 0 && settings.TrendAlpha <= 1 ? settings.TrendAlpha : ZoneEstimatorSettings.DefaultTrendAlpha;
            _holdMs = settings.HoldMs < 0 ? 0 : settings.HoldMs;
            _decayDbPerMs = settings.DecayDbPerSecond < 0 ? 0 : settings.DecayDbPerSecond / 1000.0;
            _marginFactor = Factor(settings.MarginDb < 0 ? 0 : settings.MarginDb);
            _dwellMs = settings.DwellMs < 0 ? 0 : settings.DwellMs;
            _risingLeadFactor = settings.RisingLeadDb > 0 ? Factor(settings.RisingLeadDb) : 0;
            _riseFactor = Factor(settings.RiseDb < 0 ? 0 : settings.RiseDb);
            _clearLeadDb = settings.ClearLeadDb > 0 ? settings.ClearLeadDb : 0;
            _noiseReferenceDb = settings.NoiseReferenceDb > 0 ? settings.NoiseReferenceDb : 0;
            _decisionIntervalMs = settings.DecisionIntervalMs < 0 ? 0 : settings.DecisionIntervalMs;
            _staleMs = settings.StaleMs < 1 ? 1 : settings.StaleMs;
            _neighbours = neighbours;

            _used = new bool[_capacity];
            _sourceIds = new int[_capacity];
            _sourceZones = new byte[_capacity];
            _smoothedDbm = new double[_capacity];
            _trendDbm = new double[_capacity];
            _lastHeardMs = new long[_capacity];
            _scoreZones = new byte[_capacity];
            _scorePower = new double[_capacity];
            _trendPower = new double[_capacity];
            _zoneHeardMs = new long[_capacity];
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

        /// <summary>
        /// One reading of one source. Zone.None as the zone, or an RSSI outside -127..20 dBm, is ignored:
        /// a source without a zone says nothing about where the device is.
        /// </summary>
        public void Observe(int sourceId, byte zone, int rssi, long nowMs)
        {
            if (zone == NoZone || rssi < LowestRssi || rssi > HighestRssi)
            {
                return;
            }

            Add(sourceId, zone, rssi, nowMs);
        }

        /// <summary>
        /// One reading of a source whose RSSI at one metre is known (an anchor's calibration, an iBeacon's
        /// measured power): the reading is brought to <see cref="ReferenceRssiAt1m"/> first, so a weak
        /// transmitter nearby is not taken for a strong one farther away. A calibration outside
        /// -100..-20 dBm is taken as missing and the reading is used as it is.
        /// </summary>
        public void Observe(int sourceId, byte zone, int rssi, int rssiAt1m, long nowMs)
        {
            if (zone == NoZone || rssi < LowestRssi || rssi > HighestRssi)
            {
                return;
            }

            if (rssiAt1m >= LowestRssiAt1m && rssiAt1m <= HighestRssiAt1m)
            {
                rssi += ReferenceRssiAt1m - rssiAt1m;
            }

            Add(sourceId, zone, rssi, nowMs);
        }

        private void Add(int sourceId, byte zone, int rssi, long nowMs)
        {
            // If the device went quiet long enough to be unknown, it was unknown from that moment on,
            // whether or not anyone called Update in between.
            ExpireIfStale(nowMs);

            int slot = SourceSlots.Find(_used, _sourceIds, sourceId);
            if (slot >= 0 && nowMs - _lastHeardMs[slot] <= _staleMs)
            {
                _noiseDb += NoiseWeight * (Math.Abs(rssi - _smoothedDbm[slot]) - _noiseDb);
                _smoothedDbm[slot] += _alpha * (rssi - _smoothedDbm[slot]);
                _trendDbm[slot] += _trendAlpha * (rssi - _trendDbm[slot]);
            }
            else
            {
                if (slot < 0)
                {
                    slot = SourceSlots.FreeOrOldest(_used, _lastHeardMs);
                }

                // A new source, or one forgotten: its old average says nothing about now.
                _used[slot] = true;
                _sourceIds[slot] = sourceId;
                _smoothedDbm[slot] = rssi;
                _trendDbm[slot] = rssi;
                _lastHeardMs[slot] = nowMs;
            }

            _sourceZones[slot] = zone;
            if (nowMs > _lastHeardMs[slot])
            {
                _lastHeardMs[slot] = nowMs;
            }

            if (!_heardAny || nowMs > _newestHeardMs)
            {
                _newestHeardMs = nowMs;
            }

            _heardAny = true;
        }

        /// <summary>Re-evaluates the zone at <paramref name="nowMs"/> and returns it (Zone.None when unknown).</summary>
        public byte Update(long nowMs)
        {
            ExpireIfStale(nowMs);

            int zones = Score(nowMs);
            if (zones == 0)
            {
                if (_zone != NoZone)
                {
                    BecomeUnknown(_newestHeardMs + _staleMs);
                }

                return _zone;
            }

            int leader = 0;
            for (int i = 1; i < zones; i++)
            {
                if (Leads(i, leader))
                {
                    leader = i;
                }
            }

            byte leaderZone = _scoreZones[leader];
            if (_zone == NoZone)
            {
                SetZone(leaderZone, nowMs);
                return _zone;
            }

            // However often the caller asks, the zone is decided on a steady rhythm, so a gateway that
            // asks on every report gets the same answers as a badge that asks once a second.
            if (nowMs >= _decidedMs && nowMs - _decidedMs < _decisionIntervalMs)
            {
                return _zone;
            }

            _decidedMs = nowMs;
            if (leaderZone == _zone)
            {
                _challenger = NoZone;
                return _zone;
            }

            double leaderPower = _scorePower[leader];
            double currentPower = 0; // a current zone with no source left scores nothing
            bool currentHeard = false;
            double runnerUpPower = 0;
            for (int i = 0; i < zones; i++)
            {
                if (_scoreZones[i] == _zone)
                {
                    currentPower = _scorePower[i];
                    currentHeard = nowMs - _zoneHeardMs[i] <= _holdMs;
                }

                if (i != leader && _scorePower[i] > runnerUpPower)
                {
                    runnerUpPower = _scorePower[i];
                }
            }

            // Someone walking into a room: that room's signal climbs above its own recent trend and
            // pulls ahead of every other zone. Someone standing near a wall: nothing climbs.
            bool rising = _risingLeadFactor > 0
                && leaderPower >= runnerUpPower * _risingLeadFactor
                && leaderPower >= _trendPower[leader] * _riseFactor;

            // Far ahead of everything, while the current zone is still heard (weaker, not silent): a
            // silent zone may be a dead receiver, and is outlasted instead (no snap). "Far" grows with the
            // noise, so a fluke of scattered readings is not taken for a clear lead.
            bool clear = _clearLeadDb > 0 && currentHeard && leaderPower >= runnerUpPower * Factor(ClearLeadDb());

            // A quick way only leads next door. A jump to the room below or across the corridor is what a
            // noisy second looks like; a real one (a zone passed through unseen) still wins the patient way.
            bool nextDoor = _neighbours == null || _neighbours.AreNeighbours(_zone, leaderZone);
            if ((rising || clear) && nextDoor)
            {
                SetZone(leaderZone, nowMs);
                return _zone;
            }

            if (leaderPower >= currentPower * _marginFactor)
            {
                if (_challenger != leaderZone)
                {
                    _challenger = leaderZone;
                    _challengerSinceMs = nowMs;
                }

                if (nowMs - _challengerSinceMs >= _dwellMs)
                {
                    SetZone(leaderZone, nowMs);
                }
            }
            else
            {
                _challenger = NoZone;
            }

            return _zone;
        }

        /// <summary>Forgets every source and the zone, as if just made.</summary>
        public void Reset()
        {
            for (int i = 0; i < _capacity; i++)
            {
                _used[i] = false;
            }

            _zone = NoZone;
            _zoneSinceMs = 0;
            _challenger = NoZone;
            _challengerSinceMs = 0;
            _decidedMs = 0;
            // Until the readings say otherwise, they are taken to scatter as the reference says.
            _noiseDb = _noiseReferenceDb;
            _heardAny = false;
            _newestHeardMs = 0;
        }

        // Fills the scratch arrays with each zone's power (mW, its strongest source's), its trend power (the
        // strongest of its sources' trends) at nowMs, and when it was last heard, dropping forgotten
        // sources; returns how many zones have a score.
        private int Score(long nowMs)
        {
            int zones = 0;
            for (int s = 0; s < _capacity; s++)
            {
                if (!_used[s])
                {
                    continue;
                }

                long age = nowMs - _lastHeardMs[s];
                if (age < 0)
                {
                    age = 0;
                }

                if (age > _staleMs)
                {
                    _used[s] = false;
                    continue;
                }

                double fadeDb = age > _holdMs ? (age - _holdMs) * _decayDbPerMs : 0;
                double power = Math.Pow(10.0, (_smoothedDbm[s] - fadeDb) / 10.0);
                double trend = Math.Pow(10.0, (_trendDbm[s] - fadeDb) / 10.0);
                byte zone = _sourceZones[s];
                int z = 0;
                while (z < zones && _scoreZones[z] != zone)
                {
                    z++;
                }

                if (z == zones)
                {
                    _scoreZones[z] = zone;
                    _scorePower[z] = 0;
                    _trendPower[z] = 0;
                    _zoneHeardMs[z] = _lastHeardMs[s];
                    zones++;
                }

                // The strongest source speaks for its zone. A sum would favour zones with more receivers:
                // two at -72 dBm would beat a neighbour's one at -70.
                if (power > _scorePower[z])
                {
                    _scorePower[z] = power;
                }

                if (trend > _trendPower[z])
                {
                    _trendPower[z] = trend;
                }

                if (_lastHeardMs[s] > _zoneHeardMs[z])
                {
                    _zoneHeardMs[z] = _lastHeardMs[s];
                }
            }

            return zones;
        }

        // Ties go to the current zone, then to the lower zone ID, so the answer never depends on slot order.
        private bool Leads(int a, int b)
        {
            if (_scorePower[a] != _scorePower[b])
            {
                return _scorePower[a] > _scorePower[b];
            }

            if (_scoreZones[b] == _zone)
            {
                return false;
            }

            return _scoreZones[a] == _zone || _scoreZones[a] < _scoreZones[b];
        }

        private void ExpireIfStale(long nowMs)
        {
            if (_zone != NoZone && _heardAny && nowMs - _newestHeardMs > _staleMs)
            {
                BecomeUnknown(_newestHeardMs + _staleMs);
            }
        }

        private void SetZone(byte zone, long nowMs)
        {
            _zone = zone;
            _zoneSinceMs = nowMs;
            _decidedMs = nowMs;
            _challenger = NoZone;
        }

        private double ClearLeadDb()
        {
            if (_noiseReferenceDb > 0 && _noiseDb > _noiseReferenceDb)
            {
                return _clearLeadDb * _noiseDb / _noiseReferenceDb;
            }

            return _clearLeadDb;
        }

        private static double Factor(double db)
        {
            return Math.Pow(10.0, db / 10.0);
        }

        private void BecomeUnknown(long sinceMs)
        {
            _zone = NoZone;
            _zoneSinceMs = sinceMs;
            _challenger = NoZone;
        }
    }
}
