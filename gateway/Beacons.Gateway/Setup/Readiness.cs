using Beacons.Gateway.Roster;
using Beacons.Placement;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Setup;

/// <summary>
/// One device on the readiness board: heard or not, when last, and why it is not ready (null when it is).
/// <see cref="Kind"/> is "receiver", "anchor", "badge" or "tag".
/// </summary>
public sealed record ReadinessItem(string Kind, int Id, string Name, bool Ready, long? LastHeardMs, int? Battery, long? Dropped, string? Problem);

/// <summary>"Ready <see cref="Ready"/> of <see cref="Total"/>", every device, and a line for each one missing.</summary>
public sealed record ReadinessReport(long AtMs, int Ready, int Total, IReadOnlyList<ReadinessItem> Devices, IReadOnlyList<string> Missing);

/// <summary>
/// Whether every device of the drill is on before T0, from the live roster: each receiver of the venue sending
/// heartbeats, each anchor, badge and tag of the exercise heard lately with battery to spare, and each tag
/// reset to untagged. `GET /api/readiness` serves it; docs/gateway-api.md ("Readiness").
/// </summary>
public static class Readiness
{
    /// <summary>A badge, tag or anchor heard within this counts as on: it advertises every few seconds.</summary>
    public const long HeardWithinMs = 30_000;

    /// <param name="lowBatteryPercent">At or under it a battery is not ready; default the low-battery alert's.</param>
    public static ReadinessReport Of(DrillRoster roster, long nowMs, int? lowBatteryPercent = null)
    {
        int low = lowBatteryPercent ?? new AlertSettings().LowBatteryPercent;
        var devices = new List<ReadinessItem>();
        foreach (ReceiverState r in roster.Receivers.Values)
        {
            // A receiver that misses two heartbeats is taken for dead by zone placement too.
            string? problem = Silent(r.LastHeartbeatMs, nowMs, BlindZones.SilentMs, "no heartbeat");
            devices.Add(new ReadinessItem("receiver", r.Id, r.Name, problem == null, r.LastHeartbeatMs, null, r.Dropped, problem));
        }

        foreach (AnchorState a in roster.Anchors.Values)
        {
            string? problem = Silent(a.LastHeardMs, nowMs, HeardWithinMs, "not heard");
            devices.Add(new ReadinessItem("anchor", a.Id, $"anchor in zone {a.Zone}", problem == null, a.LastHeardMs, null, null, problem));
        }

        foreach (OfficerState o in roster.Officers.Values.Where(o => o.Listed))
        {
            string? problem = Silent(o.LastHeardMs, nowMs, HeardWithinMs, "not heard") ?? Battery(o.Battery, low);
            devices.Add(new ReadinessItem("badge", o.Badge, o.Name ?? $"Badge {o.Badge}", problem == null, o.LastHeardMs, o.Battery, null, problem));
        }

        foreach (CasualtyState c in roster.Casualties.Values.Where(c => c.Listed))
        {
            string? problem = Silent(c.LastHeardMs, nowMs, HeardWithinMs, "not heard") ?? Battery(c.Battery, low)
                // A tag still showing a colour from a rehearsal would count as a casualty triaged before T0.
                ?? (c.Colour != TriageColour.Untagged ? $"shows {WireNames.Of(c.Colour)}: reset it to untagged" : null);
            devices.Add(new ReadinessItem("tag", c.Tag, c.Label ?? $"Tag {c.Tag}", problem == null, c.LastHeardMs, c.Battery, null, problem));
        }

        List<string> missing = devices.Where(d => !d.Ready).Select(d => $"{d.Kind} {d.Id} ({d.Name}): {d.Problem}").ToList();
        return new ReadinessReport(nowMs, devices.Count(d => d.Ready), devices.Count, devices, missing);
    }

    private static string? Silent(long? lastMs, long nowMs, long withinMs, string never) =>
        lastMs == null ? never
        : nowMs - lastMs.Value > withinMs ? $"last heard {(nowMs - lastMs.Value) / 1000} s ago"
        : null;

    private static string? Battery(int? percent, int low) => percent is int p && p <= low ? $"battery {p}%" : null;
}
