using System.Collections.Immutable;
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

    /// <summary>
    /// What changed from <paramref name="before"/> to <paramref name="after"/>, as a JSON object in the roster's own
    /// shapes: <c>clock</c> if it changed, and each zone, officer, casualty, receiver, anchor, alert and note whose JSON
    /// differs, whole; a list with nothing in it is left out. The fold never removes an entity and makes a new record
    /// only for what an event changes, so a changed entity is simply a different object; an officer or casualty in a
    /// zone whose status changed is sent too, since its <c>zoneStatus</c> did.
    /// </summary>
    public static string Changes(DrillRoster before, DrillRoster after)
    {
        var changes = new Dictionary<string, object>();
        if (!ReferenceEquals(before.Clock, after.Clock))
        {
            changes["clock"] = after.Clock;
        }

        List<ZoneState> zones = Changed(before.Zones, after.Zones, null);
        HashSet<int> restated = zones.Where(z => before.StatusOf(z.Id) != z.Status).Select(z => z.Id).ToHashSet();
        Add(changes, "zones", zones);
        Add(changes, "officers", Changed(before.Officers, after.Officers, restated.Count == 0 ? null : o => restated.Contains(o.Zone)).Select(o => OfficerView(after, o)).ToList());
        Add(changes, "casualties", Changed(before.Casualties, after.Casualties, restated.Count == 0 ? null : c => restated.Contains(c.Zone)).Select(c => CasualtyView(after, c)).ToList());
        Add(changes, "receivers", Changed(before.Receivers, after.Receivers, null));
        Add(changes, "anchors", Changed(before.Anchors, after.Anchors, null));
        Add(changes, "alerts", Changed(before.Alerts, after.Alerts, null));
        Add(changes, "notes", after.Notes.Where((n, i) => i >= before.Notes.Count || !ReferenceEquals(before.Notes[i], n)).ToList());
        return JsonSerializer.Serialize(changes, Options);
    }

    private static object OfficerView(DrillRoster r, OfficerState o) => new
    {
        o.Badge, o.Name, o.Agency, o.Role, o.Listed, o.Zone,
        zoneName = ZoneName(r, o.Zone), zoneStatus = ZoneStatusName(r, o.Zone),
        o.ZoneSinceMs, o.SelfLocated, o.FirstHeardMs, o.LastHeardMs, o.Battery, o.Emergency, o.EmergencySinceMs, o.Counter,
    };

    private static object CasualtyView(DrillRoster r, CasualtyState c) => new
    {
        c.Tag, c.Label, c.Listed, c.Colour, c.Committed, c.Changes, c.ColourChangedAtMs, c.Zone,
        zoneName = ZoneName(r, c.Zone), zoneStatus = ZoneStatusName(r, c.Zone),
        c.ZoneSinceMs, c.FirstSeenMs, c.LastHeardMs, c.Battery, c.ReachedCcpMs, c.Counter,
    };

    /// <summary>The entries of <paramref name="after"/> that are new or other objects than in <paramref name="before"/>, or that <paramref name="also"/> picks.</summary>
    private static List<T> Changed<TKey, T>(ImmutableSortedDictionary<TKey, T> before, ImmutableSortedDictionary<TKey, T> after, Func<T, bool>? also)
        where TKey : notnull
        where T : class
    {
        var changed = new List<T>();
        if (ReferenceEquals(before, after) && also == null)
        {
            return changed;
        }

        foreach ((TKey key, T value) in after)
        {
            if (!before.TryGetValue(key, out T? old) || !ReferenceEquals(old, value) || also?.Invoke(value) == true)
            {
                changed.Add(value);
            }
        }

        return changed;
    }

    private static void Add<T>(Dictionary<string, object> changes, string name, List<T> items)
    {
        if (items.Count > 0)
        {
            changes[name] = items;
        }
    }

    private static string? ZoneName(DrillRoster r, int zone) => r.Zones.TryGetValue(zone, out ZoneState? z) ? z.Name : null;

    private static string? ZoneStatusName(DrillRoster r, int zone) =>
        r.Zones.TryGetValue(zone, out ZoneState? z) ? Beacons.Venue.WireNames.Of(z.Status) : null;
}
