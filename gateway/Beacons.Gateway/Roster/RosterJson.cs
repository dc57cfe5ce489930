using System.Text.Json;
using Beacons.Gateway.Record;

namespace Beacons.Gateway.Roster;

/// <summary>
/// The roster as the API sends it: lists sorted by ID, each officer and casualty with its zone's name
/// and status beside the zone ID. Two rosters are equal exactly when their JSON is.
/// </summary>
public static class RosterJson
{
    public static readonly JsonSerializerOptions Options = EventJson.Options;

    public static string Serialize(DrillRoster r) => JsonSerializer.Serialize(View(r), Options);

    public static object View(DrillRoster r) => new
    {
        lastEventId = r.LastEventId,
        clock = r.Clock,
        zones = r.Zones.Values,
        officers = r.Officers.Values.Select(o => OfficerView(r, o)),
        casualties = r.Casualties.Values.Select(c => CasualtyView(r, c)),
        receivers = r.Receivers.Values,
        anchors = r.Anchors.Values,
        alerts = r.Alerts.Values,
        notes = r.Notes,
    };

    internal static object OfficerView(DrillRoster r, OfficerState o) => new
    {
        o.Badge, o.Name, o.Agency, o.Role, o.Listed, o.Zone,
        zoneName = ZoneName(r, o.Zone), zoneStatus = ZoneStatusName(r, o.Zone),
        o.ZoneSinceMs, o.SelfLocated, o.FirstHeardMs, o.LastHeardMs, o.Battery, o.Emergency, o.EmergencySinceMs, o.Counter,
    };

    internal static object CasualtyView(DrillRoster r, CasualtyState c) => new
    {
        c.Tag, c.Label, c.Listed, c.Colour, c.Committed, c.Changes, c.ColourChangedAtMs, c.Zone,
        zoneName = ZoneName(r, c.Zone), zoneStatus = ZoneStatusName(r, c.Zone),
        c.ZoneSinceMs, c.FirstSeenMs, c.LastHeardMs, c.Battery, c.ReachedCcpMs, c.Counter,
    };

    private static string? ZoneName(DrillRoster r, int zone) => r.Zones.TryGetValue(zone, out ZoneState? z) ? z.Name : null;

    private static string? ZoneStatusName(DrillRoster r, int zone) =>
        r.Zones.TryGetValue(zone, out ZoneState? z) ? Beacons.Venue.WireNames.Of(z.Status) : null;
}
