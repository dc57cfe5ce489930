using Beacons.Gateway.Record;
using Beacons.Gateway.Review;

namespace Beacons.Gateway.Tests.Review;

/// <summary>What was not ready when the controller started anyway is a remark of the review and of the printed report.</summary>
public class NotReadyAtT0Tests
{
    private const long Base = 1_700_000_000_000;

    private static DrillReview Review(int? run) => ReviewFold.Of(TestDrill.Venue(), TestDrill.Exercise(),
        [
            new DrillEvent(1, Base, new ClockStarted(["receiver 2 (R2): no heartbeat", "badge 103 (Medic C. Diaz): not heard"])),
            new DrillEvent(2, Base + 60_000, new ClockStopped()),
            new DrillEvent(3, Base + 120_000, new ClockStarted()),
        ],
        new ReviewSettings { Run = run });

    [Fact]
    public void The_run_started_with_devices_missing_names_them_and_a_run_with_nothing_missing_does_not()
    {
        const string remark = "At T0, 2 devices were not ready: receiver 2 (R2): no heartbeat; badge 103 (Medic C. Diaz): not heard.";

        DrillReview first = Review(1);
        DrillReview second = Review(2);

        Assert.Contains(remark, first.Drill.Remarks);
        Assert.Contains(remark, ReviewHtml.Render(first));
        Assert.DoesNotContain(second.Drill.Remarks, m => m.Contains("not ready"));
    }
}
