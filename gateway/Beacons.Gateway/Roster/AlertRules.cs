using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Roster;

/// <summary>When alerts fire. The times are configurable per drill (command line).</summary>
public sealed record AlertSettings
{
    /// <summary>An officer heard before and silent this long raises officer-silent.</summary>
    public long OfficerSilentMs { get; init; } = 60_000;

    /// <summary>A casualty tagged red and still not at the CCP this long after raises red-not-at-ccp.</summary>
    public long RedToCcpMs { get; init; } = 10 * 60_000;

    /// <summary>A battery at or under this raises low-battery; it clears 5 points above.</summary>
    public int LowBatteryPercent { get; init; } = 20;

    /// <summary>A receiver heard before and silent this long raises receiver-silent.</summary>
    public long ReceiverSilentMs { get; init; } = 30_000;
}

/// <summary>
/// Compares what should be alerting with the alerts active in the roster, and answers with the events
/// that make them agree: alert-raised for a new condition, alert-cleared for one that ended. Idempotent,
/// so it can run whenever the roster changes and on every tick.
/// </summary>
public static class AlertRules
{
    /// <param name="devices">When each officer was last heard, to the millisecond.</param>
    /// <param name="receivers">When each receiver last sent anything since the gateway started.</param>
    public static List<EventBody> Evaluate(DrillRoster r, long nowMs, AlertSettings settings, DeviceTracker devices, DatagramGate receivers)
    {
        var active = new Dictionary<(AlertType, int), Alert>();
        foreach (Alert a in r.Alerts.Values)
        {
            if (a.Active)
            {
                active[Key(a)] = a;
            }
        }

        // Runs after most batches of input, so it allocates as little as it can: an alert's message is
        // only built when the alert is new.
        var holding = new HashSet<(AlertType, int)>();
        var raised = new List<EventBody>();
        bool Holds((AlertType, int) key)
        {
            holding.Add(key);
            return !active.ContainsKey(key);
        }

        foreach (OfficerState o in r.Officers.Values)
        {
            if (o.Emergency && Holds((AlertType.Emergency, o.Badge)))
            {
                raised.Add(new AlertRaised(AlertType.Emergency, o.Badge, null, null, o.Zone == 0 ? null : o.Zone, $"Emergency: {Who(o)} in {Where(r, o.Zone)}"));
            }

            long? heard = devices.LastHeard(FrameKind.Badge, o.Badge);
            if (heard != null && nowMs - heard.Value >= settings.OfficerSilentMs && Holds((AlertType.OfficerSilent, o.Badge)))
            {
                raised.Add(new AlertRaised(AlertType.OfficerSilent, o.Badge, null, null, null, $"{Who(o)} not heard for {(nowMs - heard.Value) / 1000} s"));
            }

            if (o.Zone != 0 && o.Role == OfficerRole.RtfMedic && r.StatusOf(o.Zone) == ZoneStatus.Hot && Holds((AlertType.MedicInHotZone, o.Badge)))
            {
                raised.Add(new AlertRaised(AlertType.MedicInHotZone, o.Badge, null, null, o.Zone, $"EMS {Who(o)} in hot zone {Where(r, o.Zone)}"));
            }

            if (o.Battery != null && Low(o.Battery, settings, active.ContainsKey((AlertType.LowBattery, o.Badge))) && Holds((AlertType.LowBattery, o.Badge)))
            {
                raised.Add(new AlertRaised(AlertType.LowBattery, o.Badge, null, null, null, $"Battery {o.Battery}% on {Who(o)}"));
            }
        }

        int ccp = r.CcpZone;
        foreach (CasualtyState c in r.Casualties.Values)
        {
            if (c.Colour == TriageColour.Red && c.Committed && c.Zone != ccp && c.ColourChangedAtMs is long tagged && nowMs - tagged >= settings.RedToCcpMs
                && Holds((AlertType.RedNotAtCcp, -c.Tag)))
            {
                raised.Add(new AlertRaised(AlertType.RedNotAtCcp, null, c.Tag, null, c.Zone == 0 ? null : c.Zone, $"Red casualty {Who(c)} not at the CCP {(nowMs - tagged) / 60000} min after tagging"));
            }

            if (c.Battery != null && Low(c.Battery, settings, active.ContainsKey((AlertType.LowBattery, -c.Tag))) && Holds((AlertType.LowBattery, -c.Tag)))
            {
                raised.Add(new AlertRaised(AlertType.LowBattery, null, c.Tag, null, null, $"Battery {c.Battery}% on {Who(c)}"));
            }
        }

        foreach (ReceiverState receiver in r.Receivers.Values)
        {
            long? last = receivers.LastDatagram(receiver.Id) ?? receiver.LastHeartbeatMs;
            if (last != null && nowMs - last.Value >= settings.ReceiverSilentMs && Holds((AlertType.ReceiverSilent, 100_000 + receiver.Id)))
            {
                raised.Add(new AlertRaised(AlertType.ReceiverSilent, null, null, receiver.Id, receiver.Zone, $"Receiver {receiver.Name} silent for {(nowMs - last.Value) / 1000} s"));
            }
        }

        var result = new List<EventBody>();
        foreach (KeyValuePair<(AlertType, int), Alert> a in active)
        {
            if (!holding.Contains(a.Key))
            {
                result.Add(new AlertCleared(a.Value.Id));
            }
        }

        result.AddRange(raised);
        return result;
    }

    // Tags and receivers get their own key ranges so a badge, a tag and a receiver with the same number never share an alert.
    private static (AlertType, int) Key(Alert a) => (a.Type, a.Badge ?? (a.Tag != null ? -a.Tag.Value : 100_000 + (a.Receiver ?? 0)));

    private static string Who(OfficerState o) => o.Name != null ? $"{o.Name} (badge {o.Badge})" : $"badge {o.Badge}";

    private static string Who(CasualtyState c) => c.Label != null ? $"{c.Label} (tag {c.Tag})" : $"tag {c.Tag}";

    private static string Where(DrillRoster r, int zone) => zone != 0 && r.Zones.TryGetValue(zone, out ZoneState? z) ? z.Name : "unknown zone";

    private static bool Low(int? battery, AlertSettings settings, bool alreadyActive) =>
        battery is int b && b <= settings.LowBatteryPercent + (alreadyActive ? 5 : 0);
}
