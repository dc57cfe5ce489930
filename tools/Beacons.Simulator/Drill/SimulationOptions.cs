using Beacons.Simulator.Devices;
using Beacons.Simulator.Radio;
using Beacons.Simulator.Scenario;

namespace Beacons.Simulator.Drill;

/// <summary>How to run a simulated drill. The same seed and settings give the same drill, byte for byte.</summary>
public sealed record SimulationOptions
{
    /// <summary>Virtual seconds per real second (1 = real time, 10 = ten times faster); 0 or less runs as fast as it can.</summary>
    public double Speed { get; init; } = 1;

    public ulong Seed { get; init; } = 1;

    public RadioSettings Radio { get; init; } = new();

    public ReceiverSettings Receivers { get; init; } = new();

    /// <summary>
    /// Added devices beyond the scenario's, to load the air (40% officers wandering between zones, 60%
    /// casualties lying still). They are not in the exercise file: a gateway ignores them, the air does not.
    /// </summary>
    public int ExtraDevices { get; init; }

    /// <summary>
    /// Where every frame counter and datagram sequence starts. Runs against a gateway that remembers earlier
    /// runs need a value above the last run's (e.g. seconds since 2020); 0 keeps runs reproducible.
    /// </summary>
    public uint CounterBase { get; init; }

    /// <summary>Simulation step. Must divide 1000; adverts and datagrams keep their exact times within a step.</summary>
    public int StepMs { get; init; } = 50;

    /// <summary>Ground truth as JSON lines (one sample per badge and tag per second, and the events), or null.</summary>
    public TextWriter? GroundTruth { get; init; }

    /// <summary>Keep the ground truth in memory (the evaluation and tests read it); off for a drill that runs until stopped.</summary>
    public bool KeepTruth { get; init; } = true;

    /// <summary>
    /// Called, on the simulation's thread, for each controller action when its time comes (T0, zone status,
    /// annotations): the demo wiring applies them to the gateway.
    /// </summary>
    public Action<ControllerAction>? OnControllerAction { get; init; }
}
