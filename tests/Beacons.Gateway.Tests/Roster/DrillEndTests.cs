using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Protocol;

namespace Beacons.Gateway.Tests.Roster;

/// <summary>
/// Once the exercise clock stops the drill is over (issue 16: after the demo's stop about 50 alerts were raised,
/// every officer went stale and "At CCP 0 of 15" showed though 13 casualties were there).
/// </summary>
public class DrillEndTests
{
    private const long T = 1_700_000_000_000;
    private readonly Air _air = new();

    [Fact]
    public void The_stop_closes_every_active_alert_in_its_own_batch()
    {
        var p = new TestPipeline();
        p.Pipeline.Act(new StartClock(Confirmed: true), T);
        p.Datagram(Air.Datagram(1, 1, (_air.Badge(101, 1, emergency: true), -60), (_air.Badge(103, 1, role: OfficerRole.RtfMedic), -60)), T + 1000);
        p.Take();
        Assert.Equal(2, p.Roster.Alerts.Values.Count(a => a.Active)); // an emergency and a medic in the hot zone

        p.Pipeline.Act(new StopClock(), T + 2000);
        List<DrillEvent> batch = p.Take();

        Assert.IsType<ClockStopped>(batch[0].Body);
        Assert.Equal(2, batch.Skip(1).Count(e => e.Body is AlertCleared));
        Assert.DoesNotContain(p.Roster.Alerts.Values, a => a.Active);
    }

    [Fact]
    public void After_the_stop_nothing_raises_an_alert_not_silence_nor_an_emergency()
    {
        var p = new TestPipeline(new PipelineSettings { Alerts = new AlertSettings { OfficerSilentMs = 30_000, ReceiverSilentMs = 30_000, RedToCcpMs = 60_000 } });
        p.Pipeline.Act(new StartClock(Confirmed: true), T);
        p.Datagram(Air.Datagram(1, 1, (_air.Badge(101, 1), -60), (_air.Tag(501, 1, TriageColour.Red), -60)), T + 1000);
        p.Datagram(Air.Heartbeat(1, 2), T + 1000);
        p.Pipeline.Act(new StopClock(), T + 2000);
        p.Take();

        // Everything falls silent, a tag stays red away from the CCP, and a badge even says emergency.
        for (long t = T + 3000; t <= T + 600_000; t += 10_000)
        {
            p.Tick(t);
        }

        p.Datagram(Air.Datagram(1, 3, (_air.Badge(102, 1, emergency: true), -60)), T + 601_000);
        p.Tick(T + 602_000);

        Assert.Empty(p.Bodies<AlertRaised>());
    }

    [Fact]
    public void After_the_stop_silent_devices_keep_the_zone_they_were_last_placed_in_so_the_ccp_keeps_its_casualties()
    {
        var p = new TestPipeline();
        p.Pipeline.Act(new StartClock(Confirmed: true), T);
        p.Datagram(Air.Datagram(3, 1, (_air.Tag(501, 1, TriageColour.Red), -55), (_air.Tag(502, 1, TriageColour.Green), -55), (_air.Badge(101, 1), -55)), T + 1000);
        p.Tick(T + 2000);
        Assert.Equal(3, p.Roster.Casualties[501].Zone); // the CCP
        p.Pipeline.Act(new StopClock(), T + 5000);

        for (long t = T + 6000; t <= T + 300_000; t += 1000)
        {
            p.Tick(t);
        }

        Assert.Equal(3, p.Roster.Casualties[501].Zone);
        Assert.Equal(3, p.Roster.Casualties[502].Zone);
        Assert.Equal(3, p.Roster.Officers[101].Zone);
        Assert.DoesNotContain(p.Bodies<CasualtyZoneChanged>(), z => z.Zone == 0);
    }

    [Fact]
    public void While_the_clock_runs_a_silent_device_still_loses_its_zone()
    {
        var p = new TestPipeline();
        p.Pipeline.Act(new StartClock(Confirmed: true), T);
        p.Datagram(Air.Datagram(3, 1, (_air.Tag(501, 1, TriageColour.Red), -55)), T + 1000);

        for (long t = T + 2000; t <= T + 300_000; t += 1000)
        {
            p.Tick(t);
        }

        Assert.Equal(0, p.Roster.Casualties[501].Zone);
    }

    [Fact]
    public void A_new_t0_after_a_stop_brings_the_alerts_back()
    {
        var p = new TestPipeline();
        p.Pipeline.Act(new StartClock(Confirmed: true), T);
        p.Pipeline.Act(new StopClock(), T + 1000);
        p.Datagram(Air.Datagram(1, 1, (_air.Badge(101, 1, emergency: true), -60)), T + 2000);
        Assert.Empty(p.Bodies<AlertRaised>());

        p.Pipeline.Act(new StartClock(Confirmed: true), T + 3000);
        p.Take();

        Assert.Equal(AlertType.Emergency, Assert.Single(p.Bodies<AlertRaised>()).Type);
    }
}
