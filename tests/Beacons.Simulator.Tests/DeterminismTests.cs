using Beacons.Simulator.Drill;
using Beacons.Simulator.Network;
using Xunit;

namespace Beacons.Simulator.Tests;

public class DeterminismTests
{
    private static (IReadOnlyList<SentDatagram> Datagrams, string Truth) RunDemo(ulong seed)
    {
        var truth = new StringWriter();
        (DrillEngine _, MemoryDatagramSink sink) = Drills.Run(Drills.Demo.Scenario, new SimulationOptions { Seed = seed, GroundTruth = truth }, untilSeconds: 10);
        return (sink.Datagrams, truth.ToString());
    }

    [Fact]
    public void The_same_seed_gives_the_same_datagrams_and_ground_truth_byte_for_byte()
    {
        var first = RunDemo(7);
        var second = RunDemo(7);

        Assert.True(first.Datagrams.Count > 500, $"only {first.Datagrams.Count} datagrams");
        Assert.Equal(first.Datagrams.Count, second.Datagrams.Count);
        for (int i = 0; i < first.Datagrams.Count; i++)
        {
            Assert.Equal(first.Datagrams[i].ReceiverId, second.Datagrams[i].ReceiverId);
            Assert.Equal(first.Datagrams[i].SimMs, second.Datagrams[i].SimMs);
            Assert.Equal(first.Datagrams[i].Bytes, second.Datagrams[i].Bytes);
        }

        Assert.Equal(first.Truth, second.Truth);
        Assert.Contains("\"device\":501", first.Truth);
    }

    [Fact]
    public void Another_seed_gives_other_radio_noise_but_the_same_ground_truth_positions()
    {
        var first = RunDemo(7);
        var other = RunDemo(8);

        bool differ = first.Datagrams.Count != other.Datagrams.Count
            || first.Datagrams.Zip(other.Datagrams).Any(p => !p.First.Bytes.AsSpan().SequenceEqual(p.Second.Bytes));
        Assert.True(differ, "two seeds gave identical datagrams");

        // Where people are is the scenario's, not the radio's: the positions in the ground truth agree.
        static IEnumerable<string> Positions(string truth) => truth.Split('\n').Where(l => l.Contains("\"x\":")).Select(l => l[..l.IndexOf(",\"zone\"", StringComparison.Ordinal)]);
        Assert.Equal(Positions(first.Truth), Positions(other.Truth));
    }
}
