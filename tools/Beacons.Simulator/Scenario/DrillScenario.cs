using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Simulator.Scenario;

/// <summary>
/// What happens in a simulated drill: who arrives when, where they walk, which casualties lie where, and
/// the timed actions (triage, carries, emergencies, failures, controller decisions). Times are seconds from
/// T0, the moment the exercise clock starts; negative times are the lead-in before it. Loaded and checked
/// against a venue and an exercise by <see cref="ScenarioFile"/>; docs/scenario.md is the reference.
/// </summary>
public sealed record DrillScenario(
    string Name,
    double StartSeconds,
    double EndSeconds,
    IReadOnlyList<Door> Doors,
    IReadOnlyList<ScenarioPerson> People,
    IReadOnlyList<ScenarioCasualty> Casualties,
    IReadOnlyList<ScenarioAction> Actions)
{
    public const double DefaultWalkSpeed = 1.4;

    public double DurationSeconds => EndSeconds - StartSeconds;
}

/// <summary>
/// A way between two zones: a doorway on one floor (one point on both zones' edges), a stair landing between
/// floors (the same plan position on both, taking <see cref="Seconds"/> to climb), or, outside, a walkway
/// across ground that is in no zone (a <see cref="Path"/> from zone A's edge to zone B's). People walk only
/// through doors, never through walls.
/// </summary>
public sealed record Door(int ZoneA, int ZoneB, IReadOnlyList<PlanPoint> Path, double Seconds)
{
    /// <summary>Where the way starts on zone A's side.</summary>
    public PlanPoint Position => Path[0];

    /// <summary>The end of the way on <paramref name="zone"/>'s side (where someone in that zone steps onto it).</summary>
    public PlanPoint EndIn(int zone) => zone == ZoneA ? Path[0] : Path[^1];

    /// <summary>The end of the way on the side away from <paramref name="zone"/>.</summary>
    public PlanPoint EndAwayFrom(int zone) => zone == ZoneA ? Path[^1] : Path[0];

    public double Length
    {
        get
        {
            double length = 0;
            for (int i = 1; i < Path.Count; i++)
            {
                length += Math.Sqrt(((Path[i].X - Path[i - 1].X) * (Path[i].X - Path[i - 1].X)) + ((Path[i].Y - Path[i - 1].Y) * (Path[i].Y - Path[i - 1].Y)));
            }

            return length;
        }
    }
}

/// <summary>A point on the venue: a zone and a position inside it (the zone's middle when the file gave none).</summary>
public sealed record Place(int Zone, int Floor, PlanPoint Position);

/// <summary>At <see cref="At"/>, start walking to <see cref="To"/> through the doors (speed 0: the walker's own).</summary>
public sealed record Move(double At, Place To, double Speed);

/// <summary>
/// An officer: their badge number (from the exercise file), when they arrive on site (before that the badge
/// is out of range), where they appear, and their moves.
/// </summary>
public sealed record ScenarioPerson(int Badge, double ArriveSeconds, Place Start, double Speed, bool SelfLocate, IReadOnlyList<Move> Moves);

/// <summary>A casualty wearing a triage tag, switched on and untagged from the start; walking wounded have moves.</summary>
public sealed record ScenarioCasualty(int Tag, Place Start, double Speed, IReadOnlyList<Move> Moves);

/// <summary>Something that happens at a time. Controller actions go to the gateway; the rest act on devices.</summary>
public abstract record ScenarioAction(double At);

/// <summary>A medic sets a tag's colour by pressing its button (the tag's own state machine decides what the presses mean).</summary>
public sealed record TriageAction(double At, int Tag, TriageColour Colour, int? By) : ScenarioAction(At);

/// <summary>The tag's casualty is carried (or escorted) by <see cref="By"/> until <see cref="Until"/>, then left where they are.</summary>
public sealed record CarryAction(double At, int Tag, int By, double Until) : ScenarioAction(At);

/// <summary>An officer holds the badge button to raise an emergency (<see cref="Raise"/>) or to clear it.</summary>
public sealed record EmergencyAction(double At, int Badge, bool Raise) : ScenarioAction(At);

/// <summary>A receiver loses power (<see cref="Fails"/>) or comes back (rebooting, so its uptime restarts).</summary>
public sealed record ReceiverAction(double At, int Receiver, bool Fails) : ScenarioAction(At);

/// <summary>What an exercise controller does at the gateway; the drill hands these to whoever runs it.</summary>
public abstract record ControllerAction(double At) : ScenarioAction(At);

/// <summary>T0: the exercise clock starts. Every scenario has one, at time 0.</summary>
public sealed record StartClockAction(double At) : ControllerAction(At);

/// <summary>The end of the drill on the exercise clock.</summary>
public sealed record StopClockAction(double At) : ControllerAction(At);

public sealed record ZoneStatusAction(double At, int Zone, ZoneStatus Status) : ControllerAction(At);

/// <summary>A note on the timeline; <see cref="Type"/> is a short tag such as "threat-neutralized" (a-z, 0-9, dashes).</summary>
public sealed record AnnotationAction(double At, string Type, string Text) : ControllerAction(At);
