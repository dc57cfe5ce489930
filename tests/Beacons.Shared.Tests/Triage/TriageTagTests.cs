using Beacons.Indicator;
using Beacons.Protocol;
using Beacons.Triage;
using static Beacons.Shared.Tests.Triage.ButtonModel;

namespace Beacons.Shared.Tests.Triage;

/// <summary>The medic's gestures one by one, as the button library reports them.</summary>
public class TriageTagTests
{
    private const int Hold = TagButtonTimings.HoldMs;

    private static TriageTag NewTag(long nowMs = 0) => new(new TriageTagSettings(), nowMs);

    /// <summary>Feeds what the library raises for these touches; returns the time of the last release.</summary>
    private static long Touch(TriageTag tag, params Touch[] touches)
    {
        foreach (Event e in Events(touches, Hold, TagButtonTimings.DoublePressMs))
        {
            tag.Handle(e.Gesture, e.AtMs);
        }

        return touches[^1].UpMs;
    }

    private static Touch Tap(long at) => new(at, at + 120);

    private static Touch HoldAt(long at) => new(at, at + Hold + 300);

    /// <summary>A tag committed to <paramref name="colour"/> by taps and a hold; returns it and the time the hold ended.</summary>
    private static (TriageTag Tag, long Now) Committed(TriageColour colour)
    {
        var tag = NewTag();
        long t = 1000;
        for (int i = 0; i < (int)colour; i++)
        {
            t = Touch(tag, Tap(t)) + 400;
        }

        t = Touch(tag, HoldAt(t));
        Assert.Equal(TagMode.Committed, tag.Mode);
        Assert.Equal(colour, tag.Committed);
        return (tag, t);
    }

    public static IEnumerable<object[]> Runs() => TriageCases.Runs.Select(r => new object[] { r.Name });

    /// <summary>The gesture runs of ../Beacons.Shared.Cases/TriageCases.cs, which the nanoCLR tests play too.</summary>
    [Theory]
    [MemberData(nameof(Runs))]
    public void A_gesture_run_leaves_the_tag_where_it_should(string name)
    {
        GestureRun run = TriageCases.Runs.Single(r => r.Name == name);
        TriageTag tag = run.Play();
        Assert.Equal((run.Mode, run.Pending, run.Committed, run.Changes), (tag.Mode, tag.Pending, tag.Committed, (int)tag.Changes));
    }

    [Fact]
    public void ANewTagIsUntaggedAndSaysSoOnTheAir()
    {
        var tag = NewTag();
        var body = new TagBody();
        tag.FillBody(body, 90, 5000);

        Assert.Equal(TagMode.Untagged, tag.Mode);
        Assert.Equal(TriageColour.Untagged, body.Colour);
        Assert.False(body.Committed);
        Assert.Equal(0, body.Changes);
        Assert.Equal(5, body.SecondsSinceChange);
        Assert.Equal(Zone.None, body.Zone);
        Assert.Equal(90, body.BatteryPercent);
    }

    [Fact]
    public void PressesCycleGreenYellowRedBlackAndBackToGreen()
    {
        var tag = NewTag();
        var seen = new List<TriageColour>();
        long t = 1000;
        for (int i = 0; i < 6; i++)
        {
            t = Touch(tag, Tap(t)) + 900;
            seen.Add(tag.Pending);
        }

        Assert.Equal([TriageColour.Green, TriageColour.Yellow, TriageColour.Red, TriageColour.Black, TriageColour.Green, TriageColour.Yellow], seen);
        Assert.Equal(TagMode.Choosing, tag.Mode);
    }

    [Fact]
    public void AFirstChoiceGoesOnTheAirUncommitted()
    {
        var tag = NewTag();
        tag.TakePayloadChange();
        Touch(tag, Tap(1000), Tap(2000));

        Assert.True(tag.TakePayloadChange());
        Assert.Equal(TriageColour.Yellow, tag.AirColour);
        Assert.False(tag.AirCommitted);
        Assert.Equal(0, tag.Changes);
    }

    [Fact]
    public void AHoldCommitsWhileTheFingerIsStillDown()
    {
        var tag = NewTag();
        long t = Touch(tag, Tap(1000), Tap(2000), Tap(3000));
        tag.TakePayloadChange();

        tag.Handle(Gesture.HoldStarted, t + 1000 + Hold);

        Assert.Equal(TagMode.Committed, tag.Mode);
        Assert.Equal(TriageColour.Red, tag.Committed);
        Assert.True(tag.AirCommitted);
        Assert.Equal(1, tag.Changes);
        Assert.Equal(t + 1000 + Hold, tag.LastChangeMs);
        Assert.True(tag.TakePayloadChange());

        // The release that ends the hold is not a tap.
        tag.Handle(Gesture.Press, t + 1000 + Hold + 400);
        tag.Handle(Gesture.HoldCompleted, t + 1000 + Hold + 400);
        Assert.Equal(TriageColour.Red, tag.Committed);
        Assert.Equal(long.MinValue, tag.LockedPressMs);
        Assert.False(tag.TakePayloadChange());
    }

    [Fact]
    public void AHoldOnAnUntaggedTagCommitsNothing()
    {
        var tag = NewTag();
        tag.TakePayloadChange();
        Touch(tag, HoldAt(1000));

        Assert.Equal(TagMode.Untagged, tag.Mode);
        Assert.Equal(0, tag.Changes);
        Assert.False(tag.TakePayloadChange());
    }

    [Fact]
    public void TapsOnACommittedTagChangeNothingButAreAcknowledged()
    {
        (TriageTag tag, long t) = Committed(TriageColour.Yellow);
        tag.TakePayloadChange();

        for (int i = 0; i < 20; i++)
        {
            t = Touch(tag, Tap(t + 800 + (i * 37)));
            Assert.Equal(TriageColour.Yellow, tag.Committed);
            Assert.Equal(TagMode.Committed, tag.Mode);
            Assert.Equal(t, tag.LockedPressMs);
        }

        Assert.False(tag.TakePayloadChange());
        Assert.Equal(1, tag.Changes);
    }

    [Fact]
    public void ADoubleTapUnlocksAndAHoldCommitsTheNewColour()
    {
        (TriageTag tag, long t) = Committed(TriageColour.Green);
        tag.TakePayloadChange();

        t = Touch(tag, Tap(t + 3000), Tap(t + 3400));
        Assert.Equal(TagMode.Changing, tag.Mode);
        Assert.Equal(TriageColour.Green, tag.Pending);

        t = Touch(tag, Tap(t + 500), Tap(t + 1500));
        Assert.Equal(TriageColour.Red, tag.Pending);

        // Until the hold, the air keeps the committed colour.
        Assert.False(tag.TakePayloadChange());
        Assert.Equal(TriageColour.Green, tag.AirColour);
        Assert.True(tag.AirCommitted);

        Touch(tag, HoldAt(t + 800));
        Assert.Equal(TagMode.Committed, tag.Mode);
        Assert.Equal(TriageColour.Red, tag.Committed);
        Assert.Equal(2, tag.Changes);
        Assert.True(tag.TakePayloadChange());
    }

    [Fact]
    public void AStrayBumpDoesNotSpoilTheNextDoubleTap()
    {
        // The library's own DoublePress pairs releases two by two: after one stray bump it pairs the
        // bump with the first tap (too far apart) and the second tap with nothing. The tag times taps itself.
        (TriageTag tag, long t) = Committed(TriageColour.Yellow);
        var events = Events([Tap(t + 5000), Tap(t + 9000), Tap(t + 9400)], Hold, TagButtonTimings.DoublePressMs);
        Assert.DoesNotContain(events, e => e.Gesture == Gesture.DoublePress);

        foreach (Event e in events)
        {
            tag.Handle(e.Gesture, e.AtMs);
        }

        Assert.Equal(TagMode.Changing, tag.Mode);
    }

    [Fact]
    public void TheLibrarysDoublePressEventAloneNeverUnlocks()
    {
        (TriageTag tag, long t) = Committed(TriageColour.Black);
        tag.Handle(Gesture.DoublePress, t + 1000);
        tag.Handle(Gesture.DoublePress, t + 1100);

        Assert.Equal(TagMode.Committed, tag.Mode);
    }

    [Fact]
    public void AnUnlockLeftAloneFallsBackToTheCommittedColour()
    {
        (TriageTag tag, long t) = Committed(TriageColour.Yellow);
        int timeout = new TriageTagSettings().ChangeTimeoutMs;
        t = Touch(tag, Tap(t + 1000), Tap(t + 1300), Tap(t + 2000));
        Assert.Equal(TriageColour.Red, tag.Pending);

        tag.Tick(t + timeout - 1);
        Assert.Equal(TagMode.Changing, tag.Mode);

        tag.Tick(t + timeout);
        Assert.Equal(TagMode.Committed, tag.Mode);
        Assert.Equal(TriageColour.Yellow, tag.Pending);
        Assert.Equal(TriageColour.Yellow, tag.Committed);
        Assert.Equal(1, tag.Changes);
    }

    [Fact]
    public void AHoldAfterTheTimeoutFindsTheTagLockedEvenWithoutATick()
    {
        (TriageTag tag, long t) = Committed(TriageColour.Green);
        t = Touch(tag, Tap(t + 1000), Tap(t + 1300), Tap(t + 2000));
        Assert.Equal(TriageColour.Yellow, tag.Pending);

        // The loop stalled: no Tick until the hold arrives, long after the unlock expired.
        Touch(tag, HoldAt(t + 20000));

        Assert.Equal(TriageColour.Green, tag.Committed);
        Assert.Equal(1, tag.Changes);
    }

    [Fact]
    public void EachPressWhileChangingRestartsTheTimeout()
    {
        (TriageTag tag, long t) = Committed(TriageColour.Green);
        int timeout = new TriageTagSettings().ChangeTimeoutMs;
        t = Touch(tag, Tap(t + 1000), Tap(t + 1300));
        for (int i = 0; i < 5; i++)
        {
            t = Touch(tag, Tap(t + timeout - 500));
            tag.Tick(t);
            Assert.Equal(TagMode.Changing, tag.Mode);
        }
    }

    [Fact]
    public void RecommittingTheSameColourIsNotAChange()
    {
        (TriageTag tag, long t) = Committed(TriageColour.Red);
        tag.TakePayloadChange();
        t = Touch(tag, Tap(t + 1000), Tap(t + 1300));
        Touch(tag, HoldAt(t + 500));

        Assert.Equal(TagMode.Committed, tag.Mode);
        Assert.Equal(1, tag.Changes);
        Assert.False(tag.TakePayloadChange());
    }

    [Fact]
    public void ChangesSaturateAt255()
    {
        (TriageTag tag, long t) = Committed(TriageColour.Green);
        for (int i = 0; i < 300; i++)
        {
            t = Touch(tag, Tap(t + 1000), Tap(t + 1300), Tap(t + 1800), HoldAt(t + 2500));
        }

        Assert.Equal(255, tag.Changes);
        Assert.Equal(TagMode.Committed, tag.Mode);
    }

    [Fact]
    public void AChangeAfterSaturationIsStillOnTheAir()
    {
        (TriageTag tag, long t) = Committed(TriageColour.Green);
        for (int i = 0; i < 260; i++)
        {
            t = Touch(tag, Tap(t + 1000), Tap(t + 1300), Tap(t + 1800), HoldAt(t + 2500));
        }

        tag.TakePayloadChange();
        TriageColour before = tag.Committed;
        Touch(tag, Tap(t + 1000), Tap(t + 1300), Tap(t + 1800), HoldAt(t + 2500));

        Assert.NotEqual(before, tag.Committed);
        Assert.True(tag.TakePayloadChange());
    }

    [Fact]
    public void SecondsSinceChangeCountsFromTheCommitAndSaturates()
    {
        (TriageTag tag, long t) = Committed(TriageColour.Yellow);
        long change = tag.LastChangeMs;

        Assert.Equal(0, tag.SecondsSinceChange(change + 999));
        Assert.Equal(1, tag.SecondsSinceChange(change + 1000));
        Assert.Equal(3600, tag.SecondsSinceChange(change + 3_600_000));
        Assert.Equal(ushort.MaxValue, tag.SecondsSinceChange(change + (65535L * 1000)));
        Assert.Equal(ushort.MaxValue, tag.SecondsSinceChange(change + (10L * 24 * 3_600_000)));
        Assert.Equal(0, tag.SecondsSinceChange(change - 5000));
    }

    [Fact]
    public void TheFilledBodyRoundTripsThroughTheWireFormat()
    {
        (TriageTag tag, long t) = Committed(TriageColour.Black);
        var frame = new Frame { Kind = FrameKind.Tag, ExerciseId = 42, DeviceId = 501, Counter = 77 };
        tag.FillBody(frame.Tag, 64, t + 95_000);
        var key = new MacKey(Enumerable.Range(0, 16).Select(i => (byte)i).ToArray());
        var advert = new byte[FrameLayout.MaxAdvertisingData];
        int length = FrameWriter.WriteAdvertisement(frame, FrameLayout.DefaultCompanyId, key, advert, 0);

        var decoded = new Frame();
        Assert.Equal(DecodeStatus.Ours, AdvertDecoder.Decode(advert, 0, length, FrameLayout.DefaultCompanyId, decoded, new IBeacon()));
        Assert.True(FrameMac.Verify(key, advert, decoded));
        Assert.Equal(TriageColour.Black, decoded.Tag.Colour);
        Assert.True(decoded.Tag.Committed);
        Assert.Equal(1, decoded.Tag.Changes);
        Assert.Equal(tag.SecondsSinceChange(t + 95_000), decoded.Tag.SecondsSinceChange);
        Assert.Equal(64, decoded.Tag.BatteryPercent);
    }

    [Fact]
    public void ARestoredTagIsCommittedAndLocked()
    {
        var tag = NewTag(0);
        tag.TakePayloadChange();
        tag.Restore(TriageColour.Red, 3, 500);

        Assert.Equal(TagMode.Committed, tag.Mode);
        Assert.Equal(TriageColour.Red, tag.Committed);
        Assert.Equal(3, tag.Changes);
        Assert.True(tag.TakePayloadChange());

        Touch(tag, Tap(1000));
        Assert.Equal(TriageColour.Red, tag.Committed);
    }

    [Fact]
    public void RestoringNothingOrNonsenseLeavesTheTagUntagged()
    {
        var tag = NewTag(0);
        tag.Restore(TriageColour.Untagged, 4, 10);
        tag.Restore((TriageColour)7, 4, 10);

        Assert.Equal(TagMode.Untagged, tag.Mode);
        Assert.Equal(0, tag.Changes);
    }
}
