using Beacons.Protocol;
using Beacons.Simulator.Devices;
using Beacons.Simulator.Drill;
using Beacons.Simulator.Network;
using Beacons.Simulator.Scenario;
using Beacons.Triage;
using Xunit;

namespace Beacons.Simulator.Tests;

public class DeviceTests
{
    private static string Scenario(string people, string casualties, string actions) => $$"""
        { "name": "devices", "start": "-0:10", "end": "3:00", {{Drills.DemoDoors()}}
          "people": [ {{people}} ], "casualties": [ {{casualties}} ], "actions": [ {{actions}} ] }
        """;

    [Fact]
    public void A_medic_triages_and_retriages_through_the_tag_buttons_and_the_gateway_sees_each_committed_colour()
    {
        string json = Scenario(
            """{ "badge": 131, "start": { "zone": "Cafeteria", "position": [46, 25] } }""",
            """{ "tag": 504, "start": { "zone": "Cafeteria", "position": [46, 24] } }""",
            """
            { "at": "0:10", "do": "triage", "tag": 504, "colour": "red", "by": 131 },
            { "at": "1:00", "do": "triage", "tag": 504, "colour": "yellow", "by": 131 }
            """);
        var truth = new StringWriter();
        (DrillEngine engine, MemoryDatagramSink sink) = Drills.Run(Drills.Scenario(json), new SimulationOptions { Seed = 2, GroundTruth = truth }, untilSeconds: 120);

        TriageTag tag = engine.Devices.OfType<TagDevice>().Single().State;
        Assert.Equal(TagMode.Committed, tag.Mode);
        Assert.Equal(TriageColour.Yellow, tag.Committed);
        Assert.Equal(2, tag.Changes);

        // What reached the gateway: red committed, then yellow committed, in that order, never another committed colour.
        var committed = Frames(sink, FrameKind.Tag).Where(f => f.Tag.Committed).Select(f => f.Tag.Colour).Distinct().ToList();
        Assert.Equal([TriageColour.Red, TriageColour.Yellow], committed);
        Assert.Contains("\"colour\":\"yellow\",\"mode\":\"committed\"", truth.ToString());
    }

    [Fact]
    public void An_officer_holding_the_badge_button_raises_and_then_clears_the_emergency_on_the_air()
    {
        string json = Scenario(
            """{ "badge": 104, "start": "Central corridor, first" }""",
            "",
            """{ "at": "0:20", "do": "emergency", "badge": 104 }, { "at": "1:20", "do": "emergency-clear", "badge": 104 }""");
        (DrillEngine engine, MemoryDatagramSink sink) = Drills.Run(Drills.Scenario(json), new SimulationOptions { Seed = 4 }, untilSeconds: 150);

        double startMs = -engine.Scenario.StartSeconds * 1000;
        var flags = Frames(sink, FrameKind.Badge, withTime: true).Select(x => (AtSeconds: (x.SimMs - startMs) / 1000, x.Frame.Badge.Emergency)).ToList();
        Assert.DoesNotContain(flags, f => f.Emergency && f.AtSeconds < 20 + 3);
        Assert.Contains(flags, f => f.Emergency && f.AtSeconds < 20 + 5);
        Assert.DoesNotContain(flags, f => !f.Emergency && f.AtSeconds > 25 && f.AtSeconds < 80);
        Assert.DoesNotContain(flags, f => f.Emergency && f.AtSeconds > 80 + 5);
        Assert.False(engine.Devices.OfType<BadgeDevice>().Single().Emergency);
    }

    [Fact]
    public void A_self_locating_badge_finds_its_zone_from_the_anchors_and_sends_it()
    {
        string json = Scenario(
            """{ "badge": 150, "start": { "zone": "Entrance lobby", "position": [34, 25] }, "selfLocate": true }""", "", "");
        (DrillEngine engine, MemoryDatagramSink sink) = Drills.Run(Drills.Scenario(json), new SimulationOptions { Seed = 6 }, untilSeconds: 150);

        Assert.Equal(12, engine.Devices.OfType<BadgeDevice>().Single().AirZone);
        Assert.Contains(Frames(sink, FrameKind.Badge), f => f.Badge.Zone == 12);
    }

    [Fact]
    public void Controller_actions_reach_the_caller_in_time_order_starting_with_t0()
    {
        var seen = new List<ControllerAction>();
        (DrillEngine engine, _) = Drills.Run(Drills.Demo.Scenario, new SimulationOptions { OnControllerAction = seen.Add }, untilSeconds: 345);

        Assert.IsType<StartClockAction>(seen[0]);
        Assert.Equal(0, seen[0].At);
        Assert.Equal(seen.Select(a => a.At).Order(), seen.Select(a => a.At));
        Assert.Contains(seen, a => a is AnnotationAction { Type: "threat-neutralized" });
        Assert.Contains(seen, a => a is ZoneStatusAction { Status: Venue.ZoneStatus.Warm });
        Assert.All(seen, a => Assert.True(a.At <= engine.Seconds));
    }

    private static IEnumerable<Frame> Frames(MemoryDatagramSink sink, FrameKind kind) => Frames(sink, kind, withTime: true).Select(x => x.Frame);

    private static IEnumerable<(long SimMs, Frame Frame)> Frames(MemoryDatagramSink sink, FrameKind kind, bool withTime)
    {
        var datagram = new Datagram();
        var report = new HeardReport();
        foreach (SentDatagram d in sink.Datagrams)
        {
            if (DatagramReader.Read(d.Bytes, d.Bytes.Length, datagram) != DatagramStatus.Ok || datagram.Kind != DatagramKind.Reports)
            {
                continue;
            }

            int position = datagram.ReportsOffset;
            for (int i = 0; i < datagram.ReportCount; i++)
            {
                DatagramReader.NextReport(d.Bytes, ref position, report);
                var frame = new Frame();
                if (AdvertDecoder.Decode(d.Bytes, report.AdvertOffset, report.AdvertLength, Drills.Demo.Exercise.CompanyId, frame, new IBeacon()) == DecodeStatus.Ours && frame.Kind == kind)
                {
                    yield return (d.SimMs - report.AgeMs, frame);
                }
            }
        }
    }
}
