using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Protocol;

namespace Beacons.Gateway.Tests.Roster;

public class AlertTests
{
    private const long T = 1_700_000_000_000;
    private const long Never = long.MaxValue / 4;
    private readonly Air _air = new();

    [Fact]
    public void An_emergency_raises_an_alert_at_once_that_clears_when_the_button_is_released_and_stays_in_the_record()
    {
        var p = new TestPipeline();

        p.Datagram(Air.Datagram(1, 1, (_air.Badge(101, 1, emergency: true), -60)), T);
        AlertRaised raised = Assert.Single(p.Bodies<AlertRaised>());
        long id = p.Events.Single(e => e.Body is AlertRaised).Id;
        p.Pipeline.Act(new AcknowledgeAlert(id), T + 100);
        p.Datagram(Air.Datagram(1, 2, (_air.Badge(101, 2, emergency: false), -60)), T + 200);

        Assert.Equal(AlertType.Emergency, raised.Type);
        Assert.Equal(101, raised.Badge);
        Assert.Contains("Sgt. A. Ruiz", raised.Message);
        Alert alert = p.Roster.Alerts[id];
        Assert.False(alert.Active);
        Assert.Equal(T + 100, alert.AcknowledgedAtMs);
        Assert.Equal(T + 200, alert.ClearedAtMs);
        Assert.Equal(RefusalReason.Conflict, p.Pipeline.Act(new AcknowledgeAlert(id), T + 300).Refusal?.Reason);
    }

    [Fact]
    public void An_officer_not_heard_for_the_configured_time_raises_an_alert_until_heard_again()
    {
        var p = new TestPipeline(new PipelineSettings { Alerts = new AlertSettings { OfficerSilentMs = 45_000, ReceiverSilentMs = Never } });
        p.Datagram(Air.Datagram(1, 1, (_air.Badge(101, 1), -60)), T);

        p.Tick(T + 44_000);
        Assert.Empty(p.Bodies<AlertRaised>());
        p.Tick(T + 45_000);
        Assert.Equal(AlertType.OfficerSilent, Assert.Single(p.Bodies<AlertRaised>()).Type);
        p.Tick(T + 46_000);
        Assert.Single(p.Bodies<AlertRaised>()); // not raised twice
        p.Datagram(Air.Datagram(1, 2, (_air.Badge(101, 2), -60)), T + 50_000);

        Assert.Single(p.Bodies<AlertCleared>());
    }

    [Fact]
    public void An_rtf_medic_in_a_hot_zone_raises_an_alert_that_clears_when_the_zone_is_declared_warm()
    {
        var p = new TestPipeline();

        p.Datagram(Air.Datagram(1, 1, (_air.Badge(103, 1, role: OfficerRole.RtfMedic), -60)), T); // zone 1 is hot
        AlertRaised raised = Assert.Single(p.Bodies<AlertRaised>());
        p.Pipeline.Act(new SetZoneStatus(1, "warm"), T + 1000);
        p.Take();

        Assert.Equal((AlertType.MedicInHotZone, 103, (int?)1), (raised.Type, raised.Badge!.Value, raised.Zone));
        Assert.Single(p.Bodies<AlertCleared>());
    }

    [Fact]
    public void A_contact_officer_in_a_hot_zone_raises_nothing()
    {
        var p = new TestPipeline();

        p.Datagram(Air.Datagram(1, 1, (_air.Badge(101, 1), -60)), T);

        Assert.Empty(p.Bodies<AlertRaised>());
    }

    [Fact]
    public void A_red_casualty_not_at_the_ccp_in_time_raises_an_alert_that_clears_when_it_arrives()
    {
        var p = new TestPipeline(new PipelineSettings { Alerts = new AlertSettings { RedToCcpMs = 5 * 60_000, OfficerSilentMs = Never, ReceiverSilentMs = Never } });
        p.Datagram(Air.Datagram(1, 1, (_air.Tag(501, 1, TriageColour.Red, secondsSinceChange: 60), -60)), T);

        p.Datagram(Air.Datagram(1, 2, (_air.Tag(501, 2, TriageColour.Red, secondsSinceChange: 230), -60)), T + 170_000);
        p.Tick(T + 239_000);
        Assert.Empty(p.Bodies<AlertRaised>());
        p.Tick(T + 240_000);
        AlertRaised raised = Assert.Single(p.Bodies<AlertRaised>());
        Assert.Equal((AlertType.RedNotAtCcp, 501), (raised.Type, raised.Tag!.Value));

        p.Datagram(Air.Datagram(1, 3, (_air.Tag(501, 3, TriageColour.Red, zone: 3), -60)), T + 250_000); // the CCP

        Assert.Single(p.Bodies<AlertCleared>());
        Assert.Equal(T + 250_000, p.Roster.Casualties[501].ReachedCcpMs);
    }

    [Fact]
    public void A_low_battery_raises_an_alert_with_hysteresis()
    {
        var p = new TestPipeline();
        p.Datagram(Air.Datagram(1, 1, (_air.Badge(101, 1, battery: 19), -60)), T);
        p.Tick(T + 5000);
        Assert.Equal(AlertType.LowBattery, Assert.Single(p.Bodies<AlertRaised>()).Type);

        p.Datagram(Air.Datagram(1, 2, (_air.Badge(101, 2, battery: 23), -60)), T + 6000);
        p.Tick(T + 11_000);
        Assert.Empty(p.Bodies<AlertCleared>()); // 23 is within 5 points of 20

        p.Datagram(Air.Datagram(1, 3, (_air.Badge(101, 3, battery: 60), -60)), T + 12_000);
        p.Tick(T + 17_000);
        Assert.Single(p.Bodies<AlertCleared>());
    }

    [Fact]
    public void A_receiver_heard_before_and_silent_for_the_configured_time_raises_an_alert()
    {
        var p = new TestPipeline(new PipelineSettings { Alerts = new AlertSettings { ReceiverSilentMs = 30_000 } });
        p.Datagram(Air.Heartbeat(2, 1), T);

        p.Tick(T + 29_000);
        Assert.Empty(p.Bodies<AlertRaised>());
        p.Tick(T + 30_000);

        AlertRaised raised = Assert.Single(p.Bodies<AlertRaised>());
        Assert.Equal((AlertType.ReceiverSilent, 2), (raised.Type, raised.Receiver!.Value));
        p.Datagram(Air.Heartbeat(2, 2), T + 31_000);
        p.Tick(T + 31_000);
        Assert.Single(p.Bodies<AlertCleared>());
    }
}
