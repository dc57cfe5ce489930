namespace Beacons.Venue;

/// <summary>
/// A drill venue: its floors, zones, fixed receivers, zone anchors and the walls a signal crosses (the simulator's
/// radio model and the gateway's position fit count them, <see cref="VenueWalls"/>). Loaded and validated by <see cref="VenueFile"/>; immutable once loaded.
/// </summary>
public sealed record Venue(
    string Name,
    IReadOnlyList<Floor> Floors,
    IReadOnlyList<VenueZone> Zones,
    IReadOnlyList<VenueReceiver> Receivers,
    IReadOnlyList<VenueAnchor> Anchors,
    IReadOnlyList<Wall> Walls,
    double FloorLossDb)
{
    public const double DefaultFloorLossDb = 15;

    /// <summary>The one zone with "ccp": true (validation guarantees exactly one).</summary>
    public VenueZone Ccp => Zones.First(z => z.Ccp);

    public VenueZone? FindZone(int id) => Zones.FirstOrDefault(z => z.Id == id);

    public VenueReceiver? FindReceiver(int id) => Receivers.FirstOrDefault(r => r.Id == id);

    public VenueAnchor? FindAnchor(int id) => Anchors.FirstOrDefault(a => a.Id == id);

    /// <summary>The anchor an iBeacon advert comes from, matched by UUID, major and minor.</summary>
    public VenueAnchor? FindIBeaconAnchor(ReadOnlySpan<byte> uuid, ushort major, ushort minor)
    {
        foreach (VenueAnchor anchor in Anchors)
        {
            IBeaconIdentity? id = anchor.IBeacon;
            if (id != null && id.Major == major && id.Minor == minor && uuid.SequenceEqual(id.Uuid.Span))
            {
                return anchor;
            }
        }

        return null;
    }
}

public sealed record Floor(int Id, string Name, double Width, double Height, string? Image);

/// <summary>Hot: a threat may be present. Warm: cleared, not secured. Cold: secure.</summary>
public enum ZoneStatus
{
    Hot,
    Warm,
    Cold,
}

/// <summary>
/// A zone of the venue. <see cref="Status"/> is the status at the start of the drill; the controller changes it live.
/// <see cref="Stairs"/> marks a stairwell or lift: the only way between floors (see Beacons.Placement.NeighbouringZones).
/// </summary>
public sealed record VenueZone(int Id, string Name, int Floor, IReadOnlyList<PlanPoint> Outline, ZoneStatus Status, bool Ccp, bool Outside, bool Stairs = false)
{
    /// <summary>Zone IDs are one byte on the air, and 0 means "no zone".</summary>
    public byte WireId => (byte)Id;

    /// <summary>True when <paramref name="p"/> lies inside the outline (even-odd rule; the floor is not checked).</summary>
    public bool Contains(PlanPoint p)
    {
        bool inside = false;
        for (int i = 0, j = Outline.Count - 1; i < Outline.Count; j = i++)
        {
            PlanPoint a = Outline[i];
            PlanPoint b = Outline[j];
            if ((a.Y > p.Y) != (b.Y > p.Y) && p.X < ((b.X - a.X) * (p.Y - a.Y) / (b.Y - a.Y)) + a.X)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}

/// <summary>A fixed receiver: reports what it hears to the gateway over UDP. Its zone is where the gateway places what it hears best.</summary>
public sealed record VenueReceiver(int Id, string Name, int Zone, int Floor, PlanPoint Position);

/// <summary>A zone anchor: one of our anchor frames (matched by <see cref="Id"/>), or a commercial iBeacon (matched by <see cref="IBeacon"/>).</summary>
public sealed record VenueAnchor(int Id, int Zone, int Floor, PlanPoint Position, int RssiAt1m, IBeaconIdentity? IBeacon)
{
    public const int DefaultRssiAt1m = -59;
}

public sealed record IBeaconIdentity(ReadOnlyMemory<byte> Uuid, ushort Major, ushort Minor)
{
    /// <summary>The UUID in its usual text form, 8-4-4-4-12 lowercase hex digits.</summary>
    public string UuidText => new Guid(Uuid.Span, bigEndian: true).ToString();

    public bool Equals(IBeaconIdentity? other) =>
        other != null && Major == other.Major && Minor == other.Minor && Uuid.Span.SequenceEqual(other.Uuid.Span);

    public override int GetHashCode() => HashCode.Combine(Major, Minor, Uuid.Length > 0 ? Uuid.Span[0] : 0);
}

/// <summary>A wall on a floor plan: a signal crossing it loses <see cref="LossDb"/> (<see cref="VenueWalls"/>).</summary>
public sealed record Wall(int Floor, PlanPoint From, PlanPoint To, double LossDb)
{
    public const double DefaultLossDb = 6;
}

/// <summary>A position on a floor plan in metres, origin top-left, y down.</summary>
public readonly record struct PlanPoint(double X, double Y);
