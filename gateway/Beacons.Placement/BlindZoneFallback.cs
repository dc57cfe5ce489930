using Beacons.Protocol;
using Beacons.Venue;
using Beacons.Zones;

namespace Beacons.Placement;

/// <summary>
/// One device's way into a blind zone (<see cref="BlindZones"/>). The zone estimator can only name a zone
/// whose receiver hears the device; inside a room whose receiver died, it shows one of the rooms around
/// it, and moves between them. This places the device by the receivers that hear it best, and when that
/// place is inside a blind zone for <see cref="DwellMs"/>, shows the blind zone instead of the estimate.
/// Nothing changes while every zone is covered. Not live: the gateway's position fit places a device in such a room
/// by itself, and this rule on top of it changed no figure; the tools run it with the former estimator, as it ran
/// live before issue 17. docs/zones.md ("When a receiver dies").
/// </summary>
public sealed class BlindZoneFallback
{
    /// <summary>Each receiver's readings are averaged, this much for the newest.</summary>
    public const double SmoothingAlpha = 0.3;

    /// <summary>A receiver counts while it heard the device this recently; after a longer gap its average starts afresh.</summary>
    public const long FreshMs = 5_000;

    /// <summary>The place is the power-weighted middle of this many of the receivers that hear the device best.</summary>
    public const int Strongest = 5;

    /// <summary>How long the place must stay in the blind zone before it is shown, and stay out before it is left.</summary>
    public const long DwellMs = 3_000;

    /// <summary>The longest a blind zone is kept, once the place has left it, while the estimate is a zone that is not next door.</summary>
    public const long LetGoMs = 10_000;

    /// <summary>Decisions on the zone estimator's rhythm, however often the caller asks.</summary>
    public const long DecisionIntervalMs = 500;

    private readonly BlindZones _zones;
    private readonly ZoneNeighbours? _neighbours;
    private readonly double[] _average;
    private readonly long[] _heardMs;
    private readonly int[] _best = new int[Strongest];
    private long _decidedAtMs = long.MinValue;
    private byte _candidate;
    private long _candidateSinceMs;
    private byte _shown;
    private long _outSinceMs = long.MinValue;

    /// <param name="neighbours">The venue's neighbouring zones; null takes every zone as next door to every other.</param>
    public BlindZoneFallback(BlindZones zones, ZoneNeighbours? neighbours)
    {
        _zones = zones;
        _neighbours = neighbours;
        _average = new double[zones.Count];
        _heardMs = new long[zones.Count];
        Array.Fill(_heardMs, long.MinValue);
    }

    /// <summary>A reading of the device by a receiver; readings of receivers the venue does not place are ignored.</summary>
    public void Observe(int receiverId, int rssi, long atMs)
    {
        int slot = _zones.SlotOf(receiverId);
        if (slot < 0 || rssi < -127 || rssi > 20)
        {
            return;
        }

        if (_heardMs[slot] == long.MinValue || atMs - _heardMs[slot] > FreshMs)
        {
            _average[slot] = rssi;
        }
        else
        {
            _average[slot] += SmoothingAlpha * (rssi - _average[slot]);
        }

        if (atMs > _heardMs[slot])
        {
            _heardMs[slot] = atMs;
        }
    }

    /// <summary>The zone to show: the blind zone the device is in, or else <paramref name="estimate"/>, the zone estimator's answer.</summary>
    public byte Update(byte estimate, long nowMs)
    {
        if (_decidedAtMs == long.MinValue || nowMs - _decidedAtMs >= DecisionIntervalMs)
        {
            _decidedAtMs = nowMs;
            Decide(estimate, nowMs);
        }

        return _shown != Zone.None ? _shown : estimate;
    }

    private void Decide(byte estimate, long nowMs)
    {
        byte placed = _zones.AnyBlind(nowMs) ? Place(nowMs) : Zone.None;
        if (_shown != Zone.None)
        {
            if (placed == _shown)
            {
                _outSinceMs = long.MinValue;
                return;
            }

            if (_outSinceMs == long.MinValue)
            {
                _outSinceMs = nowMs;
            }

            // Inside a blind room the estimate was one of the rooms around it, or the room below; let go
            // to it only when it is a way out of the blind zone, or after a long while. The blind zone itself
            // counts as a way out (a zone is its own neighbour): its receiver is back and hears the device.
            long outMs = nowMs - _outSinceMs;
            bool wayOut = estimate == Zone.None || _neighbours == null || _neighbours.AreNeighbours(estimate, _shown);
            if (outMs >= DwellMs && (wayOut || outMs >= LetGoMs))
            {
                _shown = Zone.None;
                _outSinceMs = long.MinValue;
            }

            return;
        }

        if (placed != _candidate)
        {
            _candidate = placed;
            _candidateSinceMs = nowMs;
        }

        if (placed != Zone.None && nowMs - _candidateSinceMs >= DwellMs)
        {
            _shown = placed;
            _candidate = Zone.None;
            _outSinceMs = long.MinValue;
        }
    }

    /// <summary>The blind zone the receivers that hear the device best place it in, or 0.</summary>
    private byte Place(long nowMs)
    {
        int count = 0;
        for (int slot = 0; slot < _average.Length; slot++)
        {
            if (_heardMs[slot] == long.MinValue || nowMs - _heardMs[slot] > FreshMs)
            {
                continue;
            }

            // Insertion into the few best, strongest first.
            int at = count < Strongest ? count++ : Strongest;
            while (at > 0 && _average[_best[at - 1]] < _average[slot])
            {
                if (at < Strongest)
                {
                    _best[at] = _best[at - 1];
                }

                at--;
            }

            if (at < Strongest)
            {
                _best[at] = slot;
            }
        }

        if (count == 0)
        {
            return Zone.None;
        }

        // The floor most of them stand on (on a tie, the strongest one's), and the middle weighted by power in mW.
        int floor = _zones.ReceiverAt(_best[0]).Floor;
        int votes = 0;
        double x = 0, y = 0, weight = 0;
        for (int i = 0; i < count; i++)
        {
            VenueReceiver receiver = _zones.ReceiverAt(_best[i]);
            int onFloor = 0;
            for (int j = 0; j < count; j++)
            {
                onFloor += _zones.ReceiverAt(_best[j]).Floor == receiver.Floor ? 1 : 0;
            }

            if (onFloor > votes)
            {
                votes = onFloor;
                floor = receiver.Floor;
            }

            double mw = Math.Pow(10, _average[_best[i]] / 10);
            x += mw * receiver.Position.X;
            y += mw * receiver.Position.Y;
            weight += mw;
        }

        return _zones.BlindZoneAt(floor, new PlanPoint(x / weight, y / weight), nowMs);
    }
}
