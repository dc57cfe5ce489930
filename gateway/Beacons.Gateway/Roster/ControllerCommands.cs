using Beacons.Gateway.Record;
using Beacons.Gateway.Setup;
using Beacons.Venue;

namespace Beacons.Gateway.Roster;

/// <summary>Decides what a controller action becomes against the roster: the event to record, or a refusal.</summary>
public static class ControllerCommands
{
    /// <summary>The type of an evaluator's annotations, and of an annotation given without one by an evaluator.</summary>
    public const string Observation = "observation";

    /// <summary>The type of a controller's annotation given with a text and no type.</summary>
    public const string Note = "note";

    public const int MaxText = 2000;
    public const int MaxName = 100;

    /// <summary>The event the action becomes, or null and <paramref name="refusal"/> saying why not.</summary>
    public static EventBody? Decide(DrillRoster r, ControllerAction action, long nowMs, out Refusal? refusal)
    {
        // T0 with devices still off goes ahead only when the controller says so, and the record keeps what was off.
        IReadOnlyList<string> notReady = action is StartClock ? Readiness.Of(r, nowMs).Missing : [];
        refusal = Refuse(r, action, notReady);
        if (refusal != null)
        {
            return null;
        }

        string? by = action.By.IsEvaluator ? action.By.Name!.Trim() : null;
        return action switch
        {
            StartClock => new ClockStarted(notReady.Count > 0 ? notReady : null),
            StopClock => new ClockStopped(),
            SetZoneStatus s when WireNames.TryParse(s.Status, out ZoneStatus status) => new ZoneStatusSet(s.Zone, status, r.Zones[s.Zone].Status),
            Annotate a => new Annotation(TypeOf(a.Type, action.By), a.Text ?? "", by, a.Objective),
            CorrectAnnotation c => new AnnotationCorrected(c.Annotation, TypeOf(c.Type, action.By), c.Text ?? "", by),
            WithdrawAnnotation w => new AnnotationWithdrawn(w.Annotation, by),
            _ => new AlertAcknowledged(((AcknowledgeAlert)action).Alert),
        };
    }

    private static Refusal? Refuse(DrillRoster r, ControllerAction action, IReadOnlyList<string> notReady)
    {
        if (action.By.IsEvaluator && action is StartClock or StopClock or SetZoneStatus or AcknowledgeAlert)
        {
            return new Refusal(RefusalReason.Forbidden,
                "an evaluator reads the drill and adds observations; changing the clock, zones or alerts needs the controller token");
        }

        return action switch
        {
            StartClock when r.Clock.StartedAtMs != null && r.Clock.StoppedAtMs == null =>
                new Refusal(RefusalReason.Conflict, "the exercise clock is already running"),
            StartClock { Confirmed: false } when notReady.Count > 0 =>
                new Refusal(RefusalReason.Conflict, NotReadyMessage(notReady), notReady),
            StartClock { Confirmed: false } when notReady.Count > 0 =>
                new Refusal(RefusalReason.Conflict, NotReadyMessage(notReady), notReady),
            StopClock when r.Clock.StartedAtMs == null || r.Clock.StoppedAtMs != null =>
                new Refusal(RefusalReason.Conflict, "the exercise clock is not running"),
            SetZoneStatus s when !r.Zones.ContainsKey(s.Zone) =>
                new Refusal(RefusalReason.NotFound, $"no zone {s.Zone} in the venue"),
            SetZoneStatus s when !WireNames.TryParse(s.Status, out ZoneStatus _) =>
                new Refusal(RefusalReason.Invalid, $"status must be {WireNames.Choices<ZoneStatus>()}"),
            Annotate a when a.Objective is { } objective && (objective.Trim().Length == 0 || objective.Length > 200) =>
                new Refusal(RefusalReason.Invalid, "objective must be 1-200 characters, or absent"),
            Annotate a => Content(a.Type, a.Text, action.By),
            CorrectAnnotation c => Existing(r, c.Annotation, action.By) ?? Content(c.Type, c.Text, action.By),
            WithdrawAnnotation w => Existing(r, w.Annotation, action.By),
            AcknowledgeAlert k when !r.Alerts.ContainsKey(k.Alert) =>
                new Refusal(RefusalReason.NotFound, $"no alert {k.Alert}"),
            AcknowledgeAlert k when r.Alerts[k.Alert].AcknowledgedAtMs != null =>
                new Refusal(RefusalReason.Conflict, $"alert {k.Alert} is already acknowledged"),
            StartClock or StopClock or SetZoneStatus or AcknowledgeAlert => null,
            _ => new Refusal(RefusalReason.Invalid, "unknown action"),
        };
    }

    /// <summary>What an annotation (new or corrected) says: a type or a text at least, and an evaluator's signed observation.</summary>
    private static Refusal? Content(string? type, string? text, Actor by)
    {
        bool typed = !string.IsNullOrEmpty(type);
        if (!typed && string.IsNullOrWhiteSpace(text))
        {
            return new Refusal(RefusalReason.Invalid, "an annotation needs a text or a chosen type: both are empty");
        }

        if (typed && !IsAnnotationType(type))
        {
            return new Refusal(RefusalReason.Invalid, "type must be 1-64 characters of a-z, 0-9 and -");
        }

        if (text is { Length: > MaxText })
        {
            return new Refusal(RefusalReason.Invalid, $"text must be at most {MaxText} characters");
        }

        if (by.IsEvaluator && typed && type != Observation)
        {
            return new Refusal(RefusalReason.Forbidden, $"an evaluator adds observations only (type {Observation})");
        }

        return Signature(by);
    }

    private static Refusal? Signature(Actor by) =>
        by.IsEvaluator && (string.IsNullOrWhiteSpace(by.Name) || by.Name.Trim().Length > MaxName)
            ? new Refusal(RefusalReason.Invalid, $"an evaluator signs each observation: give your name (by), at most {MaxName} characters")
            : null;

    /// <summary>The annotation to correct or withdraw stands, and the one acting may change it.</summary>
    private static Refusal? Existing(DrillRoster r, long id, Actor by)
    {
        Note? note = r.Notes.Find(n => n.Id == id && n.WithdrawnAtMs == null);
        if (note == null)
        {
            return new Refusal(RefusalReason.NotFound, $"no annotation {id} (never made, or withdrawn)");
        }

        if (Signature(by) is Refusal unsigned)
        {
            return unsigned;
        }

        if (by.IsEvaluator && (note.By == null || !string.Equals(note.By, by.Name?.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            return new Refusal(RefusalReason.Forbidden, $"an evaluator corrects and withdraws only their own observations; annotation {id} is {(note.By == null ? "the controller's" : $"{note.By}'s")}");
        }

        return null;
    }

    private static string TypeOf(string? type, Actor by) => !string.IsNullOrEmpty(type) ? type : by.IsEvaluator ? Observation : Note;

    private static string NotReadyMessage(IReadOnlyList<string> notReady) =>
        $"{notReady.Count} device{(notReady.Count == 1 ? " is" : "s are")} not ready: {string.Join("; ", notReady)}. "
        + "Start anyway with {\"confirm\": true}; the record keeps what was not ready.";

    private static bool IsAnnotationType(string? type) =>
        type is { Length: > 0 and <= 64 } && type.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
