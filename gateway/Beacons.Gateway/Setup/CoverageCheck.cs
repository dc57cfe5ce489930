using System.Globalization;
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
            VenueReceiver? nearest = venue.Receivers.Where(r => r.Floor == zone.Floor).MinBy(r => Distance(r.Position, centre));
            if (nearest == null)
            {
                warnings.Add(new CoverageWarning(CoverageGap.ZoneOutOfReach, zone.Id,
                    $"{name} has no receiver on its floor ({zone.Floor}) at all: nobody there may be heard; receivers on other floors hear little through a floor"));
            }
            else if (Distance(nearest.Position, centre) is double metres && metres > reachMetres)
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

        return warnings;
    }

    /// <summary>The mean of the outline's corners: inside any outline a controller is likely to draw, and cheap.</summary>
    private static PlanPoint Centre(IReadOnlyList<PlanPoint> outline) =>
        new(outline.Average(p => p.X), outline.Average(p => p.Y));

    private static double Distance(PlanPoint a, PlanPoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
