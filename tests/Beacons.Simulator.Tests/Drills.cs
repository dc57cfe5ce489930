using Beacons.Simulator.Demo;
using Beacons.Simulator.Drill;
using Beacons.Simulator.Network;
using Beacons.Simulator.Scenario;

namespace Beacons.Simulator.Tests;

/// <summary>The demo files (copied beside the tests) and small scenarios written against the demo venue.</summary>
internal static class Drills
{
    private static readonly Lazy<DrillFiles> DemoFiles = new(() => DemoDrill.Load());

    public static DrillFiles Demo => DemoFiles.Value;

    /// <summary>A scenario in the demo venue and exercise, from JSON text (doors are the demo's).</summary>
    public static DrillScenario Scenario(string json) => ScenarioFile.Parse(json, "test-scenario.json", Demo.Venue, Demo.Exercise);

    /// <summary>The demo's doors as JSON, for small scenarios that walk people around.</summary>
    public static string DemoDoors()
    {
        string text = File.ReadAllText(Path.Combine(DemoDrill.Folder, DemoDrill.ScenarioFileName));
        int start = text.IndexOf("\"doors\"", StringComparison.Ordinal);
        int end = text.IndexOf("\"people\"", StringComparison.Ordinal);
        return text[start..end];
    }

    /// <summary>Runs a drill to <paramref name="untilSeconds"/> (seconds from T0) with every datagram kept in memory.</summary>
    public static (DrillEngine Engine, MemoryDatagramSink Sink) Run(DrillScenario scenario, SimulationOptions options, double untilSeconds)
    {
        var sink = new MemoryDatagramSink();
        var engine = new DrillEngine(Demo.Venue, Demo.Exercise, scenario, options, sink);
        while (!engine.Finished && engine.Seconds < untilSeconds)
        {
            engine.Step();
        }

        return (engine, sink);
    }
}
