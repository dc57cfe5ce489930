namespace Beacons.Gateway.Roster;

/// <summary>What an exercise controller can do to the drill. Each accepted action becomes one event.</summary>
public abstract record ControllerAction;

/// <param name="Confirmed">The controller knows what the readiness board has missing and starts anyway.</param>
public sealed record StartClock(bool Confirmed = false) : ControllerAction;

public sealed record StopClock() : ControllerAction;

public sealed record SetZoneStatus(int Zone, string Status) : ControllerAction;

public sealed record Annotate(string Type, string Text) : ControllerAction;

public sealed record AcknowledgeAlert(long Alert) : ControllerAction;

/// <summary>Why an action was not done. Serving says it in HTTP; nothing here knows HTTP.</summary>
public enum RefusalReason
{
    /// <summary>The action names a zone or an alert the drill does not have.</summary>
    NotFound,

    /// <summary>The drill is not in a state the action can apply to (clock already running, alert already acknowledged).</summary>
    Conflict,

    /// <summary>A field of the action is not valid (status, annotation type or text), or the action is not one the gateway knows.</summary>
    Invalid,

    /// <summary>The gateway cannot take the action now: the record cannot be written, or the gateway is overloaded.</summary>
    Unavailable,

    /// <summary>A bug in the gateway.</summary>
    Failed,
}

/// <param name="Message">Says why in words a controller can act on.</param>
/// <param name="NotReady">When T0 is refused for devices that are not ready: one line per device, for a page to list.</param>
public sealed record Refusal(RefusalReason Reason, string Message, IReadOnlyList<string>? NotReady = null);
