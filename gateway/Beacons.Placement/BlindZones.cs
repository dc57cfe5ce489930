using Beacons.Venue;

namespace Beacons.Placement;

/// <summary>
/// Which receivers are dead, which zones no working receiver covers, and where the receivers that still work
/// place a device. One per venue: <see cref="ZonePlacement"/> tells every device's position fit which receivers
/// are dead (their silence says nothing of where a device is); the former estimator's <see cref="BlindZoneFallback"/>,
/// which the tools still score, reads the blind zones. docs/zones.md ("When a receiver dies") states the rules.
/// </summary>
public sealed class BlindZones
{
    /// <summary>A receiver sends a heartbeat every 10 s even when it hears nobody: two missed, it is taken for dead.</summary>
    public const long SilentMs = 20_000;

    private readonly VenueReceiver[] _receivers;
    private readonly Dictionary<int, int> _slots = new();
    private readonly long[] _lastHeardMs;
    private readonly VenueZone[] _zones;
    private readonly int[][] _zoneSlots;
    private readonly int[] _zoneIndex = new int[256];
    private long _firstHeardMs = long.MinValue;

    public BlindZones(Beacons.Venue.Venue venue)
    {
        _receivers = venue.Receivers.ToArray();
        _lastHeardMs = new long[_receivers.Length];
        for (int i = 0; i < _receivers.Length; i++)
        {
            _slots[_receivers[i].Id] = i;
            _lastHeardMs[i] = long.MinValue;
        }

        _zones = venue.Zones.ToArray();
        Array.Fill(_zoneIndex, -1);
        for (int z = 0; z < _zones.Length; z++)
        {
            _zoneIndex[_zones[z].WireId] = z;
        }

        _zoneSlots = _zones.Select(z => Enumerable.Range(0, _receivers.Length).Where(i => _receivers[i].Zone == z.Id).ToArray()).ToArray();
    }

    /// <summary>How many receivers the venue places; slots run from 0 to this.</summary>
    public int Count => _receivers.Length;

    /// <summary>The slot of a venue receiver, or -1 for a receiver the venue does not place.</summary>
    public int SlotOf(int receiverId) => _slots.TryGetValue(receiverId, out int slot) ? slot : -1;

    public VenueReceiver ReceiverAt(int slot) => _receivers[slot];

    /// <summary>Anything authentic from the receiver: a datagram of reports, a heartbeat, an advert its adapter heard.</summary>
    public void Heard(int receiverId, long atMs)
    {
        int slot = SlotOf(receiverId);
        if (slot < 0)
        {
            return;
        }

        if (atMs > _lastHeardMs[slot])
        {
            _lastHeardMs[slot] = atMs;
        }

        if (_firstHeardMs == long.MinValue || atMs < _firstHeardMs)
        {
            _firstHeardMs = atMs;
        }
    }

    /// <summary>
    /// Silent for <see cref="SilentMs"/>. A receiver never heard counts from the first moment any receiver was;
    /// before that nothing is known, and no receiver is taken for dead.
    /// </summary>
    public bool IsSilent(int slot, long nowMs)
    {
        if (_firstHeardMs == long.MinValue)
        {
            return false;
        }

        long last = _lastHeardMs[slot] == long.MinValue ? _firstHeardMs : _lastHeardMs[slot];
        return nowMs - last >= SilentMs;
    }

    /// <summary>True when every receiver of the zone is silent, or the venue places none there (false for a zone the venue lacks).</summary>
    public bool IsBlind(byte zone, long nowMs) => _zoneIndex[zone] >= 0 && IsBlindAt(_zoneIndex[zone], nowMs);

    private bool IsBlindAt(int zoneIndex, long nowMs)
    {
        if (_firstHeardMs == long.MinValue)
        {
            return false;
        }

        foreach (int slot in _zoneSlots[zoneIndex])
        {
            if (!IsSilent(slot, nowMs))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when at least one of the venue's zones is blind now.</summary>
    public bool AnyBlind(long nowMs)
    {
        for (int z = 0; z < _zones.Length; z++)
        {
            if (IsBlindAt(z, nowMs))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The blind zone whose outline holds the point on that floor, or 0 when the zone there is covered (or there is none).</summary>
    public byte BlindZoneAt(int floor, PlanPoint point, long nowMs)
    {
        for (int z = 0; z < _zones.Length; z++)
        {
            if (_zones[z].Floor == floor && _zones[z].Contains(point))
            {
                return IsBlindAt(z, nowMs) ? _zones[z].WireId : (byte)0;
            }
        }

        return 0;
    }
}
