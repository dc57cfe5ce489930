#nullable disable
using System;
using Beacons.Zones;

namespace Beacons.ZoneEval
{
    /// <summary>
    /// A candidate zone estimator, scored beside the live one (docs/zones.md, "Candidate: the forward
    /// filter"). Not live: with its hysteresis it beats the live estimator on every real set and is quieter
    /// at a wall, but it loses the simulated drill. Written in the nanoFramework subset, as the live one,
    /// so it can replace it once it holds on every set (branch live-swap has that swap made). One instance
    /// per device.
    ///
    /// The sources (<see cref="StepSources"/>) keep a level each, from their readings on a fixed grid of the
    /// caller's clock (every <see cref="ForwardFilterSettings.DecisionIntervalMs"/>, at whole multiples of
    /// it); a silent source holds its level for <see cref="ForwardFilterSettings.HoldMs"/>, then fades and is
    /// forgotten after <see cref="ForwardFilterSettings.StaleMs"/>. A zone's score is its strongest source's.
    ///
    /// At each step a forward filter (a hidden Markov model over the zones heard) updates how likely each
    /// zone is: the device stays, or moves with <see cref="ForwardFilterSettings.MoveChance"/>; then each zone
    /// is weighed by its score, every <see cref="ForwardFilterSettings.EvidenceDb"/> below the leader dividing
    /// its weight by e. The zone shown changes only when another zone is
    /// <see cref="ForwardFilterSettings.SwitchRatio"/> times as likely as it (hysteresis), once the zone shown
    /// has been <see cref="ForwardFilterSettings.ConfirmProbability"/> likely; before that, the most likely
    /// zone is shown. From unknown, the zone of the first reading is shown at once. A zone not next door
    /// (when the estimator is told the neighbours) must also have had the strongest score at every step for
    /// <see cref="ForwardFilterSettings.DwellMs"/>. The zone is unknown when every source is forgotten.
    ///
    /// The steps depend only on the readings and their times, never on when Update is called, so a gateway
    /// asking after every report and a badge asking once a second get the same answers. Nothing is
    /// allocated after construction.
    /// </summary>
    public sealed class ForwardFilter
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

        private readonly StepSources _sources;
        private readonly double _moveChance;
        private readonly double _evidenceDb;
        private readonly double _switchRatio;
        private readonly double _confirmProbability;
        private readonly long _dwellMs;
        private readonly long _stepMs;
        private readonly long _staleMs;
        private readonly ZoneNeighbours _neighbours; // null: every zone is a neighbour

        // The filter: one entry per zone among the remembered sources, its probability kept from step to
        // step. The scratch arrays are refilled at each step.
        private readonly byte[] _zones;
        private readonly double[] _probability;
        private int _zoneCount;
        private readonly double[] _nextProbability;

        private byte _zone;
        private long _zoneSinceMs;
        private bool _confirmed; // the zone shown has been at least ConfirmProbability likely since it was shown
        private byte _challenger;
        private long _challengerSinceMs;
        private bool _stepped;
        private long _lastStepMs;
        private bool _heardAny;
        private long _newestHeardMs;

        public ForwardFilter(ForwardFilterSettings settings)
            : this(settings, null)
        {
        }

        /// <summary>
        /// An estimator that knows which zones are next to which (the gateway's, from the venue): a zone
        /// farther away must lead for the dwell first. Null makes every zone a neighbour, as on a badge.
        /// The table is used as it is, not copied: fill it before.
        /// </summary>
        public ForwardFilter(ForwardFilterSettings settings, ZoneNeighbours neighbours)
        {
            if (settings == null)
            {
                settings = new ForwardFilterSettings();
            }

            double alpha = settings.SmoothingAlpha > 0 && settings.SmoothingAlpha <= 1 ? settings.SmoothingAlpha : ForwardFilterSettings.DefaultSmoothingAlpha;
            _staleMs = settings.StaleMs < 1 ? 1 : settings.StaleMs;
            _sources = new StepSources(settings.MaxSources, alpha, settings.HoldMs, settings.DecayDbPerSecond, _staleMs);
            _moveChance = settings.MoveChance > 0 && settings.MoveChance < 1 ? settings.MoveChance : ForwardFilterSettings.DefaultMoveChance;
            _evidenceDb = settings.EvidenceDb > 0 ? settings.EvidenceDb : ForwardFilterSettings.DefaultEvidenceDb;
            _switchRatio = settings.SwitchRatio < 1 ? 1 : settings.SwitchRatio;
            _confirmProbability = settings.ConfirmProbability;
            _dwellMs = settings.DwellMs < 0 ? 0 : settings.DwellMs;
            _stepMs = settings.DecisionIntervalMs < 1 ? 1 : settings.DecisionIntervalMs;
            _neighbours = neighbours;

            int capacity = _sources.Capacity;
            _zones = new byte[capacity];
            _probability = new double[capacity];
            _nextProbability = new double[capacity];
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
            _zoneCount = 0;
            _zone = NoZone;
            _zoneSinceMs = 0;
            _challenger = NoZone;
            _challengerSinceMs = 0;
            _stepped = false;
            _lastStepMs = 0;
            _heardAny = false;
            _newestHeardMs = 0;
        }

        private void Add(int sourceId, byte zone, int rssi, long nowMs)
        {
            // The steps up to this reading are taken first, so each step sees exactly the readings stamped
            // before it, however the calls were spread.
            Advance(nowMs);
            ExpireIfStale(nowMs);

            _sources.Add(sourceId, zone, rssi, nowMs);

            // From unknown, the first reading names its zone at once: a device just switched on, or back
            // in range, is placed without waiting for the next step. This depends on the readings only,
            // not on when Update is called; the next step may correct it.
            if (_zone == NoZone)
            {
                SetZone(zone, nowMs);
            }

            if (!_heardAny || nowMs > _newestHeardMs)
            {
                _newestHeardMs = nowMs;
            }

            _heardAny = true;
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
                if (_zoneCount == 0 && t - _newestHeardMs > _staleMs)
                {
                    // Every source was forgotten: the steps until now would change nothing.
                    t = last;
                }

                Step(t);
                _stepped = true;
                _lastStepMs = t;
            }
        }

        private void Step(long t)
        {
            // Each source's level takes the mean of its readings since the last step; a source that missed
            // the step keeps its level. Counting a miss as a weak reading (-95 dBm) was tried: it cost 2.6
            // points on the flat and 1.7 on the UCI floor, with more changes on both.
            _sources.Fold();
            int scored = _sources.Score(t);
            byte[] scoreZones = _sources.Zones;
            double[] scoreDbm = _sources.ScoresDbm;
            if (scored == 0)
            {
                _zoneCount = 0;
                if (_zone != NoZone)
                {
                    BecomeUnknown(_newestHeardMs + _staleMs);
                }

                return;
            }

            // The zones the filter keeps: those still scored, with their probability; new ones start at 0
            // and get their share from the move below.
            double best = scoreDbm[0];
            byte bestZone = scoreZones[0];
            double total = 0;
            for (int i = 0; i < scored; i++)
            {
                double p = 0;
                for (int z = 0; z < _zoneCount; z++)
                {
                    if (_zones[z] == scoreZones[i])
                    {
                        p = _probability[z];
                        break;
                    }
                }

                _nextProbability[i] = p;
                total += p;
                if (scoreDbm[i] > best)
                {
                    best = scoreDbm[i];
                    bestZone = scoreZones[i];
                }
            }

            // A zone not next door may only be taken once it has led on the readings themselves at every
            // step for the dwell: a jump across the corridor or to the room below is what a noisy moment
            // looks like; a real one (a zone passed through unseen) holds.
            if (_zone != NoZone && bestZone != _zone && _neighbours != null && !_neighbours.AreNeighbours(_zone, bestZone))
            {
                if (_challenger != bestZone)
                {
                    _challenger = bestZone;
                    _challengerSinceMs = t;
                }
            }
            else
            {
                _challenger = NoZone;
            }

            // Move: stay, or go to any other zone with MoveChance. Then weigh by the evidence.
            double sum = 0;
            for (int i = 0; i < scored; i++)
            {
                double p = total > 0 ? _nextProbability[i] / total : 1.0 / scored;
                if (scored > 1)
                {
                    p = ((1 - _moveChance) * p) + (_moveChance * (1 - p) / (scored - 1));
                }

                p *= Math.Exp((scoreDbm[i] - best) / _evidenceDb);
                _probability[i] = p;
                _zones[i] = scoreZones[i];
                sum += p;
            }

            _zoneCount = scored;
            int leader = 0;
            for (int i = 0; i < scored; i++)
            {
                _probability[i] /= sum;
                if (i > 0 && Leads(i, leader))
                {
                    leader = i;
                }
            }

            // Hysteresis: a zone that has once been ConfirmProbability likely is left only for a zone
            // SwitchRatio times as likely. A device standing between two rooms heard alike swings between
            // them in the filter; showing every swing was the flapping of other systems. Until the zone
            // shown has been that sure (a first reading, a few steps in), the most likely zone is shown:
            // guarding a guess would only keep a wrong first answer.
            double current = 0;
            for (int i = 0; i < scored; i++)
            {
                if (_zones[i] == _zone)
                {
                    current = _probability[i];
                }
            }

            if (current >= _confirmProbability)
            {
                _confirmed = true;
            }

            if (_zone == NoZone || _probability[leader] >= (_confirmed ? _switchRatio : 1) * current)
            {
                Decide(_zones[leader], t);
            }
        }

        private void Decide(byte leader, long t)
        {
            if (_zone == NoZone)
            {
                SetZone(leader, t);
                return;
            }

            if (leader == _zone)
            {
                return;
            }

            if (_neighbours == null || _neighbours.AreNeighbours(_zone, leader)
                || (leader == _challenger && t - _challengerSinceMs >= _dwellMs))
            {
                SetZone(leader, t);
            }
        }

        // Ties go to the current zone, then to the lower zone ID, so the answer never depends on slot order.
        private bool Leads(int a, int b)
        {
            if (_probability[a] != _probability[b])
            {
                return _probability[a] > _probability[b];
            }

            if (_zones[b] == _zone)
            {
                return false;
            }

            return _zones[a] == _zone || _zones[a] < _zones[b];
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
            _confirmed = false;
            _zone = zone;
            _zoneSinceMs = nowMs;
            _challenger = NoZone;
        }

        private void BecomeUnknown(long sinceMs)
        {
            _zone = NoZone;
            _zoneSinceMs = sinceMs;
            _challenger = NoZone;
            _zoneCount = 0;
        }
    }
}
