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

    [Fact]
    public void The_receiver_offsets_of_a_calibration_walk_are_a_remark_once_however_often_applied()
    {
        var offsets = new ReceiverOffsetsApplied("walk-20261203-094512", [new ReceiverOffset(1, 2.5, 40, true), new ReceiverOffset(2, -2.5, 30, true), new ReceiverOffset(3, 0, 2, false)]);
        DrillReview review = ReviewFold.Of(TestDrill.Venue(), TestDrill.Exercise(),
            [
                new DrillEvent(1, Base - 60_000, offsets),
                new DrillEvent(2, Base, new ClockStarted()),
                new DrillEvent(3, Base + 30_000, offsets), // a gateway restart applies the same walk again
                new DrillEvent(4, Base + 60_000, new ClockStopped()),
            ],
            new ReviewSettings());

        Assert.Single(review.Drill.Remarks, m => m.Contains("calibration walk walk-20261203-094512 (learned for 2 of 3 receivers"));
    }
}
