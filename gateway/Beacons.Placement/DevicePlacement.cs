using Beacons.Zones;

namespace Beacons.Placement;

/// <summary>
/// Where the receivers that hear one device place it: the <see cref="ZoneEstimator"/>, then the
/// <see cref="BlindZoneFallback"/> for a zone whose receiver died. One per device, kept by
/// <see cref="ZonePlacement"/>.
/// </summary>
/// <remarks>
/// Both are asked only at whole multiples of the decision interval (500 ms), each decision taking the
/// readings stamped up to it, however often the caller asks: the gateway asks after every report, a
/// replay or the simulator twice a second, and all see the same decisions. Asked when a reading came,
/// the estimator would name a device's first zone from that one reading (issue 17).
/// </remarks>
internal sealed class DevicePlacement(ZoneEstimatorSettings settings, ZoneNeighbours neighbours, BlindZones blindZones)
{
    // Past this long without a reading, estimator and fallback have both let go: every further step is the same.
    private readonly long _quietMs = settings.StaleMs + (2 * BlindZoneFallback.LetGoMs);

    private readonly ZoneEstimator _estimator = new(settings, neighbours);
    private readonly BlindZoneFallback _fallback = new(blindZones, neighbours);
    private readonly long _stepMs = Math.Max(1, settings.DecisionIntervalMs);
    private long _decidedMs = long.MinValue;
    private long _lastReadingMs = long.MinValue;
    private byte _zone;

    public void Observe(int receiverId, byte receiverZone, int rssi, long heardAtMs)
    {
        DecideBefore(heardAtMs);
        _estimator.Observe(receiverId, receiverZone, rssi, heardAtMs);
        _fallback.Observe(receiverId, rssi, heardAtMs);
        _lastReadingMs = Math.Max(_lastReadingMs, heardAtMs);
    }

    /// <summary>The zone decided at the last step, <see cref="Beacons.Zones.Zone.None"/> when the receivers can no longer say.</summary>
    public byte Zone(long nowMs)
    {
        DecideBefore(nowMs + 1);
        return _zone;
    }

    // Every step before t not yet taken, in order.
    private void DecideBefore(long t)
    {
        long last = Floor(t - 1);
        if (_decidedMs == long.MinValue)
        {
            _decidedMs = last; // nothing to decide before the first reading
        }

        for (long step = _decidedMs + _stepMs; step <= last; step += _stepMs)
        {
            if (step - _lastReadingMs > _quietMs)
            {
                step = last; // long quiet: both have let go, and the steps in between change nothing
            }

            _zone = _fallback.Update(_estimator.Update(step), step);
            _decidedMs = step;
        }
    }

    private long Floor(long t) => t - (((t % _stepMs) + _stepMs) % _stepMs);
}
