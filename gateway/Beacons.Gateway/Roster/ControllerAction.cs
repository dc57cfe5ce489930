using Beacons.Gateway.Record;

namespace Beacons.Gateway.Roster;

/// <summary>What an exercise controller can do to the drill. Each accepted action becomes one event.</summary>
public abstract record ControllerAction;

public sealed record StartClock() : ControllerAction;

public sealed record StopClock() : ControllerAction;

public sealed record SetZoneStatus(int Zone, string Status) : ControllerAction;

public sealed record Annotate(string Type, string Text) : ControllerAction;

public sealed record AcknowledgeAlert(long Alert) : ControllerAction;

/// <summary>
/// The answer to an action: the event it became (acknowledged to the client only once committed), or
/// why it was refused, with the HTTP status that says so.
/// </summary>
public sealed record ActionOutcome(DrillEvent? Event, int Status, string? Error)
{
    public static ActionOutcome Done(DrillEvent e) => new(e, 200, null);

    public static ActionOutcome Refused(int status, string error) => new(null, status, error);
}
