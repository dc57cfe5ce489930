using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;

namespace Beacons.Gateway.Ingest;

/// <summary>The answer to a controller action: the event it became (acknowledged to the client only once committed), or why not.</summary>
public sealed record ActionOutcome(DrillEvent? Event, Refusal? Refusal)
{
    public static ActionOutcome Done(DrillEvent e) => new(e, null);

    public static ActionOutcome Refused(RefusalReason reason, string message) => new(null, new Refusal(reason, message));
}
