using System.Globalization;
using Beacons.Placement;
using Beacons.Venue;

namespace Beacons.Gateway.Setup;

/// <summary>What a coverage warning is about; the page groups by it, the command line prints the message.</summary>
public enum CoverageGap
{
    /// <summary>A zone with no receiver of its own.</summary>
    ZoneWithoutReceiver,

    /// <summary>The casualty collection point with no receiver of its own.</summary>
    CcpWithoutReceiver,

    /// <summary>A zone without a receiver, and no receiver near enough to hear it from outside.</summary>
    ZoneOutOfReach,

    /// <summary>Anchors in the venue while no badge is provisioned to locate itself from them.</summary>
    AnchorsUnused,

    /// <summary>A zone with no wall drawn on any of its borders, in a venue that lists walls elsewhere.</summary>
    ZoneWithoutWalls,
}

/// <summary>One gap in a venue's coverage: which zone or anchors (0 when about the venue), and why it matters.</summary>
public sealed record CoverageWarning(CoverageGap Gap, int Zone, string Message);

/// <summary>
/// Where a drill would lose sight of people, found from the venue before anyone switches a device on.
/// Warnings, never refusals: a small drill may choose to leave a store room bare. docs/venue.md
/// ("Coverage") lists them; `beacons check` prints them and the Setup page shows them beside the drawing.
/// </summary>
public static class CoverageCheck
{
    /// <summary>
    /// How far a receiver reliably hears a badge across a building's inner walls: a badge's advert at its
    /// power reaches further in the open, but two or three walls or a fire door take it down to about this.
    /// </summary>
    public const double ReachMetres = 15;

    /// <param name="badgesLocate">Whether badges are provisioned to locate themselves from anchors (beacons provision --locate).</param>
    public static IReadOnlyList<CoverageWarning> Of(Beacons.Venue.Venue venue, bool badgesLocate, double reachMetres = ReachMetres)
    {
        var warnings = new List<CoverageWarning>();
        foreach (VenueZone zone in venue.Zones)
        {
            if (venue.Receivers.Any(r => r.Zone == zone.Id))
            {
                continue;
            }

            string name = $"zone {zone.Id} ({zone.Name})";
            warnings.Add(zone.Ccp
                ? new CoverageWarning(CoverageGap.CcpWithoutReceiver, zone.Id,
                    $"the casualty collection point, {name}, has no receiver: casualties arriving there are placed only by what other zones' receivers overhear, so the CCP tally and the red-to-CCP alert may lag or miss them")
                : new CoverageWarning(CoverageGap.ZoneWithoutReceiver, zone.Id,
                    $"{name} has no receiver: officers and casualties there are placed only by what receivers in other zones overhear, so they may show in a neighbouring zone"));

            PlanPoint centre = Centre(zone.Outline);
            VenueReceiver? nearest = venue.Receivers.Where(r => r.Floor == zone.Floor).MinBy(r => PlanGeometry.Distance(r.Position, centre));
            if (nearest == null)
            {
                warnings.Add(new CoverageWarning(CoverageGap.ZoneOutOfReach, zone.Id,
                    $"{name} has no receiver on its floor ({zone.Floor}) at all: nobody there may be heard; receivers on other floors hear little through a floor"));
            }
            else if (PlanGeometry.Distance(nearest.Position, centre) is double metres && metres > reachMetres)
            {
                warnings.Add(new CoverageWarning(CoverageGap.ZoneOutOfReach, zone.Id,
                    $"{name} is {metres.ToString("0", CultureInfo.InvariantCulture)} m from the nearest receiver ({nearest.Name}): beyond about {reachMetres.ToString("0", CultureInfo.InvariantCulture)} m through walls, people there may not be heard at all; put a receiver in it or nearer"));
            }
        }

        if (venue.Anchors.Count > 0 && !badgesLocate)
        {
            warnings.Add(new CoverageWarning(CoverageGap.AnchorsUnused, 0,
                $"anchor{(venue.Anchors.Count == 1 ? "" : "s")} {string.Join(", ", venue.Anchors.Select(a => a.Id))} will go unused: only badges provisioned with locate (beacons provision --locate) listen to anchors, and none are"));
        }

        warnings.AddRange(ZonesWithoutWalls(venue));
        return warnings;
    }

    /// <summary>
    /// Where a venue lists walls, the placement takes a level to fall by those walls and nothing else, so a zone whose
    /// borders are all left undrawn reads as open air to every zone around it and can pull people in from them (docs/venue.md,
    /// "Wall"). A border counts as drawn when a short path across it, at a quarter, half or three quarters of any stretch
    /// the two outlines share, crosses a wall. A zone with some border drawn is not warned of: corridors split into zones
    /// are open between them. Two outside zones stand on open ground, so a border between them is not asked for.
    /// </summary>
    private static IEnumerable<CoverageWarning> ZonesWithoutWalls(Beacons.Venue.Venue venue)
    {
        var walls = new VenueWalls(venue.Walls);
        if (!walls.Any)
        {
            yield break;
        }

        var borders = new Dictionary<int, List<bool>>(); // zone id: whether each of its borders is drawn
        foreach ((int aId, int bId) in NeighbouringZones.Of(venue))
        {
            VenueZone a = venue.Zones.First(z => z.Id == aId), b = venue.Zones.First(z => z.Id == bId);
            if (a.Floor != b.Floor || (a.Outside && b.Outside))
            {
                continue;
            }

            bool drawn = NeighbouringZones.SharedStretches(a.Outline, b.Outline).Any(s => Walled(walls, a.Floor, s.From, s.To));
            foreach (int id in (int[])[aId, bId])
            {
                (borders.TryGetValue(id, out List<bool>? list) ? list : borders[id] = []).Add(drawn);
            }
        }

        foreach (VenueZone zone in venue.Zones.Where(z => borders.TryGetValue(z.Id, out List<bool>? drawn) && !drawn.Contains(true)))
        {
            yield return new CoverageWarning(CoverageGap.ZoneWithoutWalls, zone.Id,
                $"zone {zone.Id} ({zone.Name}) has no wall drawn on any border, though the venue lists walls elsewhere: placement takes it as open to every zone beside it and may show people there who are not; list its walls in the venue file, with their losses (a door does not make a gap in a wall)");
        }
    }

    /// <summary>How far either side of a border the path across it starts and ends: a wall drawn a little off the zones' edge still counts.</summary>
    private const double AcrossMetres = 0.5;

    private static bool Walled(VenueWalls walls, int floor, PlanPoint from, PlanPoint to)
    {
        double length = PlanGeometry.Distance(from, to);
        double nx = -(to.Y - from.Y) / length * AcrossMetres, ny = (to.X - from.X) / length * AcrossMetres;
        foreach (double share in (double[])[0.25, 0.5, 0.75])
        {
            double x = from.X + ((to.X - from.X) * share), y = from.Y + ((to.Y - from.Y) * share);
            if (walls.LossDb(floor, new PlanPoint(x - nx, y - ny), new PlanPoint(x + nx, y + ny)) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The mean of the outline's corners: inside any outline a controller is likely to draw, and cheap.</summary>
    private static PlanPoint Centre(IReadOnlyList<PlanPoint> outline) =>
        new(outline.Average(p => p.X), outline.Average(p => p.Y));
}
