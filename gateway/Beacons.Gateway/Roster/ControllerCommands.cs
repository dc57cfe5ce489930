using Beacons.Gateway.Record;
using Beacons.Gateway.Setup;
using Beacons.Venue;

namespace Beacons.Gateway.Roster;

/// <summary>Decides what a controller action becomes against the roster: the event to record, or a refusal.</summary>
public static class ControllerCommands
{
    /// <summary>The event the action becomes, or null and <paramref name="refusal"/> saying why not.</summary>
    public static EventBody? Decide(DrillRoster r, ControllerAction action, long nowMs, out Refusal? refusal)
    {
        // T0 with devices still off goes ahead only when the controller says so, and the record keeps what was off.
        IReadOnlyList<string> notReady = action is StartClock ? Readiness.Of(r, nowMs).Missing : [];
        refusal = action switch
        {
            StartClock when r.Clock.StartedAtMs != null && r.Clock.StoppedAtMs == null =>
                new Refusal(RefusalReason.Conflict, "the exercise clock is already running"),
            StartClock { Confirmed: false } when notReady.Count > 0 =>
                new Refusal(RefusalReason.Conflict, NotReadyMessage(notReady), notReady),
            StopClock when r.Clock.StartedAtMs == null || r.Clock.StoppedAtMs != null =>
                new Refusal(RefusalReason.Conflict, "the exercise clock is not running"),
            SetZoneStatus s when !r.Zones.ContainsKey(s.Zone) =>
                new Refusal(RefusalReason.NotFound, $"no zone {s.Zone} in the venue"),
            SetZoneStatus s when !WireNames.TryParse(s.Status, out ZoneStatus _) =>
                new Refusal(RefusalReason.Invalid, $"status must be {WireNames.Choices<ZoneStatus>()}"),
            Annotate a when !IsAnnotationType(a.Type) =>
                new Refusal(RefusalReason.Invalid, "type must be 1-64 characters of a-z, 0-9 and -"),
            Annotate a when a.Text == null || a.Text.Length > 2000 =>
                new Refusal(RefusalReason.Invalid, "text must be given, at most 2000 characters"),
            AcknowledgeAlert k when !r.Alerts.ContainsKey(k.Alert) =>
                new Refusal(RefusalReason.NotFound, $"no alert {k.Alert}"),
            AcknowledgeAlert k when r.Alerts[k.Alert].AcknowledgedAtMs != null =>
                new Refusal(RefusalReason.Conflict, $"alert {k.Alert} is already acknowledged"),
            StartClock or StopClock or SetZoneStatus or Annotate or AcknowledgeAlert => null,
            _ => new Refusal(RefusalReason.Invalid, "unknown action"),
        };
        if (refusal != null)
        {
            return null;
        }

        return action switch
        {
            StartClock => new ClockStarted(notReady.Count > 0 ? notReady : null),
            StopClock => new ClockStopped(),
            SetZoneStatus s when WireNames.TryParse(s.Status, out ZoneStatus status) => new ZoneStatusSet(s.Zone, status, r.Zones[s.Zone].Status),
            Annotate a => new Annotation(a.Type, a.Text),
            _ => new AlertAcknowledged(((AcknowledgeAlert)action).Alert),
        };
    }

    private static string NotReadyMessage(IReadOnlyList<string> notReady) =>
        $"{notReady.Count} device{(notReady.Count == 1 ? " is" : "s are")} not ready: {string.Join("; ", notReady)}. "
        + "Start anyway with {\"confirm\": true}; the record keeps what was not ready.";

    private static bool IsAnnotationType(string? type) =>
        type is { Length: > 0 and <= 64 } && type.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
