namespace Beacons.Gateway.Roster;

/// <summary>What an exercise controller (or an evaluator) can do to the drill. Each accepted action becomes one event.</summary>
public abstract record ControllerAction
{
    /// <summary>Who takes it: the controller unless said otherwise.</summary>
    public Actor By { get; init; } = Actor.Controller;
}

/// <summary>
/// Who acts: the controller, or an evaluator, who reads everything and adds observations signed with
/// <paramref name="Name"/> (null when they gave none), but changes nothing else.
/// </summary>
public sealed record Actor(bool IsEvaluator, string? Name)
{
    public static readonly Actor Controller = new(false, null);

    public static Actor Evaluator(string? name) => new(true, name);
}

/// <param name="Confirmed">The controller knows what the readiness board has missing and starts anyway.</param>
public sealed record StartClock(bool Confirmed = false) : ControllerAction;

public sealed record StopClock() : ControllerAction;

public sealed record SetZoneStatus(int Zone, string Status) : ControllerAction;

/// <param name="Type">Null or empty: a note, or an evaluator's observation.</param>
/// <param name="Objective">For an observation, the exercise objective it bears on (by name); null otherwise.</param>
public sealed record Annotate(string? Type, string? Text, string? Objective = null) : ControllerAction;

public sealed record CorrectAnnotation(long Annotation, string? Type, string? Text) : ControllerAction;

public sealed record WithdrawAnnotation(long Annotation) : ControllerAction;

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

    /// <summary>The one acting may not take this action: an evaluator changing the clock, zones or alerts.</summary>
    Forbidden,

    /// <summary>The gateway cannot take the action now: the record cannot be written, or the gateway is overloaded.</summary>
    Unavailable,

    /// <summary>A bug in the gateway.</summary>
    Failed,
}

/// <param name="Message">Says why in words a controller can act on.</param>
/// <param name="NotReady">When T0 is refused for devices that are not ready: one line per device, for a page to list.</param>
public sealed record Refusal(RefusalReason Reason, string Message, IReadOnlyList<string>? NotReady = null);
