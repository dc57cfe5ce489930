using Beacons.Simulator.World;
using Beacons.Venue;

namespace Beacons.Simulator.Radio;

/// <summary>
/// The deterministic part of the radio model: log-distance path loss from the transmitter's RSSI at one
/// metre, plus the loss of every wall the straight path crosses and of every floor between the two ends
/// (a multi-wall model in the manner of COST 231). Shadowing and fading are added by <see cref="Links"/>.
/// </summary>
public sealed class Propagation
{
    private readonly RadioSettings _settings;
    private readonly double _floorLossDb;
    private readonly VenueWalls _walls;

    public Propagation(Venue.Venue venue, RadioSettings settings)
    {
        _settings = settings;
        _floorLossDb = venue.FloorLossDb;
        _walls = new VenueWalls(venue.Walls);
    }

    public RadioSettings Settings => _settings;

    /// <summary>Mean received power (dBm) at <paramref name="rx"/> from a transmitter at <paramref name="tx"/>.</summary>
    public double MeanRssi(double rssiAt1m, Spot tx, Spot rx, out bool lineOfSight)
    {
        double obstruction = ObstructionDb(tx, rx);
        lineOfSight = obstruction == 0;
        return rssiAt1m - PathLossDb(Distance(tx, rx)) - obstruction;
    }

    /// <summary>Loss beyond one metre for a distance (never a gain: closer than 0.5 m counts as 0.5 m).</summary>
    public double PathLossDb(double metres) => 10 * _settings.PathLossExponent * Math.Log10(Math.Max(metres, 0.5));

    public double Distance(Spot a, Spot b)
    {
        double dz = (a.Floor - b.Floor) * _settings.FloorHeightMetres;
        double dx = a.Point.X - b.Point.X, dy = a.Point.Y - b.Point.Y;
        return Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz));
    }

    /// <summary>Walls and floors between two spots (the walls as the venue's <see cref="VenueWalls"/> count them).</summary>
    public double ObstructionDb(Spot a, Spot b) =>
        (Math.Abs(a.Floor - b.Floor) * _floorLossDb) + _walls.LossDb(a.Floor, a.Point, b.Floor, b.Point);
}
