using System.Collections.Immutable;
using System.Text.Json;

namespace Beacons.Gateway.Roster;

/// <summary>
/// What each event of a batch changed in the roster, as the stream sends it (docs/gateway-api.md, "Live stream"):
/// <c>clock</c> if it changed, and each zone, officer, casualty, receiver, anchor, alert and note whose JSON changed,
/// whole, in <see cref="RosterJson"/>'s shapes. The fold never removes an entity and makes a new record only for what
/// an event changes, so a changed entity is one that is another object after the event. Looking for those among a
/// thousand devices at every event would cost a scan per event; the batch is scanned once for the keys that differ
/// from its first roster to its last (an entity an event changed is among them: the fold never brings an old record
/// back), and each event looks at those keys only.
/// </summary>
public sealed class RosterChanges(DrillRoster first, DrillRoster last)
{
    private readonly List<int> _zones = Keys(first.Zones, last.Zones);
    private readonly List<int> _officers = Keys(first.Officers, last.Officers);
    private readonly List<int> _casualties = Keys(first.Casualties, last.Casualties);
    private readonly List<int> _receivers = Keys(first.Receivers, last.Receivers);
    private readonly List<int> _anchors = Keys(first.Anchors, last.Anchors);
    private readonly List<long> _alerts = Keys(first.Alerts, last.Alerts);

    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/> (two rosters of this batch, one event apart), as a JSON object.</summary>
    public string Json(DrillRoster before, DrillRoster after)
    {
        var changes = new Dictionary<string, object>();
        if (!ReferenceEquals(before.Clock, after.Clock))
        {
            changes["clock"] = after.Clock;
        }

        List<ZoneState> zones = Changed(before.Zones, after.Zones, _zones);
        Add(changes, "zones", zones);

        // An officer or casualty in a zone whose status changed: its record is the same, its zoneStatus is not.
        HashSet<int> restated = zones.Where(z => before.StatusOf(z.Id) != z.Status).Select(z => z.Id).ToHashSet();
        List<OfficerState> officers = Changed(before.Officers, after.Officers, _officers);
        List<CasualtyState> casualties = Changed(before.Casualties, after.Casualties, _casualties);
        if (restated.Count > 0)
        {
            officers = after.Officers.Values.Where(o => officers.Contains(o) || restated.Contains(o.Zone)).ToList();
            casualties = after.Casualties.Values.Where(c => casualties.Contains(c) || restated.Contains(c.Zone)).ToList();
        }

        Add(changes, "officers", officers.Select(o => RosterJson.OfficerView(after, o)).ToList());
        Add(changes, "casualties", casualties.Select(c => RosterJson.CasualtyView(after, c)).ToList());
        Add(changes, "receivers", Changed(before.Receivers, after.Receivers, _receivers));
        Add(changes, "anchors", Changed(before.Anchors, after.Anchors, _anchors));
        Add(changes, "alerts", Changed(before.Alerts, after.Alerts, _alerts));
        Add(changes, "notes", ReferenceEquals(before.Notes, after.Notes) ? [] : after.Notes.Where((n, i) => i >= before.Notes.Count || !ReferenceEquals(before.Notes[i], n)).ToList());
        return JsonSerializer.Serialize(changes, RosterJson.Options);
    }

    /// <summary>The keys, in order, whose entry in <paramref name="last"/> is new or another object than in <paramref name="first"/>.</summary>
    private static List<TKey> Keys<TKey, T>(ImmutableSortedDictionary<TKey, T> first, ImmutableSortedDictionary<TKey, T> last)
        where TKey : notnull
        where T : class
    {
        var keys = new List<TKey>();
        if (!ReferenceEquals(first, last))
        {
            foreach ((TKey key, T value) in last)
            {
                if (!first.TryGetValue(key, out T? old) || !ReferenceEquals(old, value))
                {
                    keys.Add(key);
                }
            }
        }

        return keys;
    }

    /// <summary>The entries among <paramref name="keys"/> that are new or other objects in <paramref name="after"/>, in key order.</summary>
    private static List<T> Changed<TKey, T>(ImmutableSortedDictionary<TKey, T> before, ImmutableSortedDictionary<TKey, T> after, List<TKey> keys)
        where TKey : notnull
        where T : class
    {
        var changed = new List<T>();
        if (ReferenceEquals(before, after))
        {
            return changed;
        }

        foreach (TKey key in keys)
        {
            if (after.TryGetValue(key, out T? value) && (!before.TryGetValue(key, out T? old) || !ReferenceEquals(old, value)))
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
}
