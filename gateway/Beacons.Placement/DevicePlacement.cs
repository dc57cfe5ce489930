namespace Beacons.Placement;

/// <summary>
/// Where the receivers that hear one device place it: the <see cref="PositionFitLocator"/> on the venue's shared
/// <see cref="PositionFitMap"/>, told which receivers the venue's <see cref="BlindZones"/> takes for dead (their
/// silence says nothing of where the device is). One per device, kept by <see cref="ZonePlacement"/>.
/// </summary>
/// <remarks>
/// The locator is asked only at whole multiples of its step (500 ms), however often the caller asks: the gateway
/// asks after every report, a replay or the simulator twice a second, and all see the same decisions. Each step
/// takes the readings stamped before it (one stamped exactly on a step counts for the next, except at a device's
/// first step, which the loudest reading so far names). Asked whenever a reading came, the locator would name a
/// device's first zone from however few readings had come by then (issue 17).
/// </remarks>
internal sealed class DevicePlacement(PositionFitMap map, PositionFitSettings settings, BlindZones blindZones)
{
    private readonly PositionFitLocator _locator = new(map, settings, (id, t) => blindZones.IsSilent(blindZones.SlotOf(id), t));
    private readonly long _stepMs = Math.Max(1, settings.StepMs);
    private long _decidedMs = long.MinValue;
    private long _lastReadingMs = long.MinValue;
    private byte _zone;

    public void Observe(int receiverId, byte receiverZone, int rssi, long heardAtMs)
    {
        DecideBefore(heardAtMs);
        _locator.Observe(receiverId, receiverZone, rssi, heardAtMs);
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
            if (step - _lastReadingMs > settings.StaleMs)
            {
                step = last; // long quiet: the locator has let go, and the steps in between change nothing
            }

            _zone = _locator.Update(step);
            _decidedMs = step;
        }
    }

    private long Floor(long t) => t - (((t % _stepMs) + _stepMs) % _stepMs);
}
