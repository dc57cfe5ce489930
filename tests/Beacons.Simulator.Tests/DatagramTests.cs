using Beacons.Protocol;
using Beacons.Simulator.Drill;
using Beacons.Simulator.Network;
using Beacons.Venue;
using Xunit;

namespace Beacons.Simulator.Tests;

public class DatagramTests
{
    [Fact]
    public void Every_datagram_reads_verifies_with_its_receiver_key_and_carries_verified_frames_of_the_exercise()
    {
        (DrillEngine _, MemoryDatagramSink sink) = Drills.Run(Drills.Demo.Scenario, new SimulationOptions { Seed = 11 }, untilSeconds: 200);
        Exercise exercise = Drills.Demo.Exercise;
        var datagram = new Datagram();
        var report = new HeardReport();
        var frame = new Frame();
        var iBeacon = new IBeacon();
        var kinds = new HashSet<FrameKind>();
        int reports = 0, heartbeats = 0, iBeacons = 0;

        foreach (SentDatagram sent in sink.Datagrams)
        {
            Assert.Equal(DatagramStatus.Ok, DatagramReader.Read(sent.Bytes, sent.Bytes.Length, datagram));
            Assert.Equal(sent.ReceiverId, datagram.ReceiverId);
            Assert.Equal(exercise.WireId, datagram.ExerciseId);
            Assert.True(DatagramReader.Verify(exercise.FindReceiver(sent.ReceiverId)!.MacKey, sent.Bytes, datagram));
            Assert.False(DatagramReader.Verify(exercise.FindReceiver(sent.ReceiverId == 1 ? 2 : 1)!.MacKey, sent.Bytes, datagram), "another receiver's key verified it");

            if (datagram.Kind == DatagramKind.Heartbeat)
            {
                heartbeats++;
                continue;
            }

            Assert.Equal(DatagramKind.Reports, datagram.Kind);
            Assert.InRange(datagram.ReportCount, 1, 255);
            int position = datagram.ReportsOffset;
            for (int i = 0; i < datagram.ReportCount; i++)
            {
                DatagramReader.NextReport(sent.Bytes, ref position, report);
                DecodeStatus status = AdvertDecoder.Decode(sent.Bytes, report.AdvertOffset, report.AdvertLength, exercise.CompanyId, frame, iBeacon);
                if (status == DecodeStatus.IBeacon)
                {
                    iBeacons++; // the demo venue's commercial anchor, forwarded for the gateway to place
                    continue;
                }

                Assert.Equal(DecodeStatus.Ours, status);
                Assert.True(FrameMac.Verify(exercise.MacKey, sent.Bytes, frame));
                Assert.Equal(exercise.WireId, frame.ExerciseId);
                Assert.InRange(report.Rssi, -95, -20);
                Assert.InRange(report.AgeMs, 0, 2000);
                kinds.Add(frame.Kind);
                reports++;
            }
        }

        Assert.Equal([FrameKind.Badge, FrameKind.Tag, FrameKind.Anchor], kinds.Order().ToArray());
        Assert.True(reports > 10_000, $"only {reports} reports");
        Assert.True(iBeacons > 0, "the demo's iBeacon anchor was never forwarded");
        Assert.True(heartbeats >= Drills.Demo.Venue.Receivers.Count * 20, $"only {heartbeats} heartbeats");
    }

    [Fact]
    public void Each_receiver_sends_rising_sequence_numbers_and_a_failed_receiver_falls_silent_then_reboots()
    {
        string json = $$"""
        { "name": "receiver outage", "start": "-0:10", "end": "1:30",
          "casualties": [ { "tag": 501, "start": "Cafeteria" } ],
          "actions": [ { "at": "0:20", "do": "receiver-fail", "receiver": 13 }, { "at": "0:50", "do": "receiver-restore", "receiver": 13 } ] }
        """;
        (DrillEngine engine, MemoryDatagramSink sink) = Drills.Run(Drills.Scenario(json), new SimulationOptions { Seed = 3 }, untilSeconds: 90);
        var datagram = new Datagram();
        double T0Ms = -engine.Scenario.StartSeconds * 1000;

        foreach (var byReceiver in sink.Datagrams.GroupBy(d => d.ReceiverId))
        {
            uint last = 0;
            foreach (SentDatagram d in byReceiver)
            {
                DatagramReader.Read(d.Bytes, d.Bytes.Length, datagram);
                Assert.True(datagram.Sequence > last || last == 0, $"receiver {byReceiver.Key}: sequence {datagram.Sequence} after {last}");
                last = datagram.Sequence;
            }
        }

        var cafeteria = sink.Datagrams.Where(d => d.ReceiverId == 13).ToList();
        Assert.DoesNotContain(cafeteria, d => d.SimMs > T0Ms + 20_000 && d.SimMs < T0Ms + 50_000);
        SentDatagram before = cafeteria.Last(d => d.SimMs <= T0Ms + 20_000);
        SentDatagram after = cafeteria.First(d => d.SimMs >= T0Ms + 50_000);
        DatagramReader.Read(before.Bytes, before.Bytes.Length, datagram);
        uint uptimeBefore = datagram.UptimeMs;
        DatagramReader.Read(after.Bytes, after.Bytes.Length, datagram);

        // Rebooted: it is back after its boot time, its uptime restarted, and its first word is a heartbeat.
        Assert.Equal(DatagramKind.Heartbeat, datagram.Kind);
        Assert.InRange(after.SimMs - (T0Ms + 50_000), 3000, 6000);
        Assert.True(datagram.UptimeMs < 10_000 && uptimeBefore > 600_000, $"uptime {datagram.UptimeMs} after, {uptimeBefore} before");
    }
}
