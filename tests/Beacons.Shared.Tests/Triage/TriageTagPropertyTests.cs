using Beacons.Indicator;
using Beacons.Protocol;
using Beacons.Triage;
using FsCheck;
using FsCheck.Fluent;
using static Beacons.Shared.Tests.Triage.ButtonModel;

namespace Beacons.Shared.Tests.Triage;

/// <summary>
/// Long random gesture sequences: thousands of taps, fast double taps, holds, cancels and pauses.
/// Whatever happens, a committed colour changes only by the deliberate gesture, every change is on
/// the air at once, and the counters saturate instead of wrapping.
/// </summary>
public class TriageTagPropertyTests
{
    private const int Hold = TagButtonTimings.HoldMs;
    private static readonly TriageTagSettings Settings = new();

    // ---- Abstract streams: any gesture in any order, including ones the library never produces. ----

    private enum Step
    {
        Press,
        DoublePress,
        HoldStarted,
        HoldCompleted,
        HoldCanceled,
        Tick,
    }

    private static Gen<(Step Step, int GapMs)> AnyStep =>
        from step in Gen.Frequency(
            (6, Gen.Constant(Step.Press)),
            (2, Gen.Constant(Step.DoublePress)),
            (3, Gen.Constant(Step.HoldStarted)),
            (2, Gen.Constant(Step.HoldCompleted)),
            (1, Gen.Constant(Step.HoldCanceled)),
            (2, Gen.Constant(Step.Tick)))
        from gap in Gen.Frequency(
            (5, Gen.Choose(0, 800)),
            (3, Gen.Choose(800, 3000)),
            (1, Gen.Choose(3000, 15000)))
        select (step, gap);

    private static Gen<(int Start, (Step Step, int GapMs)[] Steps)> AnyRun =>
        from start in Gen.Choose(0, 4)
        from steps in Gen.ArrayOf(AnyStep, 300)
        select (start, steps);

    [Fact]
    public void InAnyGestureStreamTheCommittedColourChangesOnlyByACommittingHold()
    {
        Prop.ForAll(AnyRun.ToArbitrary(), run =>
        {
            var tag = new TriageTag(Settings, 0);
            tag.Restore((TriageColour)run.Start, 1, 0);
            long t = 0;
            foreach ((Step step, int gap) in run.Steps)
            {
                t += gap;
                TagMode modeBefore = tag.Mode;
                TriageColour committedBefore = tag.Committed;
                byte changesBefore = tag.Changes;
                tag.TakePayloadChange();

                if (step == Step.Tick)
                {
                    tag.Tick(t);
                }
                else
                {
                    tag.Handle((Gesture)(step + 1), t);
                }

                if (tag.Committed != committedBefore)
                {
                    // Only a hold commits, and only what was being chosen; the change is counted and on the air.
                    Assert.Equal(Step.HoldStarted, step);
                    Assert.True(modeBefore is TagMode.Choosing or TagMode.Changing);
                    Assert.True(tag.TakePayloadChange());
                    Assert.Equal(Math.Min(changesBefore + 1, 255), tag.Changes);
                }
                else
                {
                    Assert.Equal(changesBefore, tag.Changes);
                }

                if (tag.Mode == TagMode.Changing && modeBefore != TagMode.Changing)
                {
                    // Unlocking takes a tap on a committed tag (the second of a double tap).
                    Assert.Equal(Step.Press, step);
                    Assert.Equal(TagMode.Committed, modeBefore);
                }

                Assert.Equal(tag.Mode == TagMode.Choosing ? tag.Pending : tag.Committed, tag.AirColour);
                Assert.Equal(tag.Mode is TagMode.Committed or TagMode.Changing, tag.AirCommitted);
                Assert.True(tag.Mode != TagMode.Committed || tag.Pending == tag.Committed);
                Assert.True(tag.Mode == TagMode.Untagged || tag.Pending != TriageColour.Untagged);
            }

            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    public void WithoutAPressToChooseNoGestureStreamChangesACommittedColour()
    {
        // Holds, double presses, cancels and time alone can never change a committed colour.
        Gen<(Step, int)[]> noPresses = Gen.ArrayOf(AnyStep.Where(s => s.Step != Step.Press), 300);
        Prop.ForAll(noPresses.ToArbitrary(), steps =>
        {
            var tag = new TriageTag(Settings, 0);
            tag.Restore(TriageColour.Yellow, 1, 0);
            long t = 0;
            foreach ((Step step, int gap) in steps)
            {
                t += gap;
                if (step == Step.Tick)
                {
                    tag.Tick(t);
                }
                else
                {
                    tag.Handle((Gesture)(step + 1), t);
                }
            }

            return tag.Committed == TriageColour.Yellow && tag.Mode == TagMode.Committed && tag.Changes == 1;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    // ---- Physical streams: random touches turned into what the button library really raises. ----

    /// <summary>A random medic, casualty or stretcher: taps, quick double taps, holds, long pauses.</summary>
    private static List<Touch> RandomTouches(Random rng, int count, bool allowHolds, bool allowFastTaps)
    {
        var steps = new List<(int, int)>(count);
        for (int i = 0; i < count; i++)
        {
            int kind = rng.Next(10);
            int gap = kind switch
            {
                < 4 when allowFastTaps => rng.Next(40, 650),                 // inside the double-tap window
                < 8 => Settings.DoubleTapMs + rng.Next(1, 4000),            // separate bumps
                _ => rng.Next(5000, Settings.ChangeTimeoutMs + 8000),       // pauses, some past the timeout
            };
            int duration = allowHolds && rng.Next(5) == 0
                ? Hold + rng.Next(0, 4000)                                  // a hold (or a casualty lying on it)
                : rng.Next(30, Hold - 1);                                   // a tap or a bump
            steps.Add((gap, duration));
        }

        return Sequence(1000, steps);
    }

    private static TriageTag CommittedTag(Random rng)
    {
        var tag = new TriageTag(Settings, 0);
        tag.Restore((TriageColour)rng.Next(1, 5), (byte)rng.Next(1, 10), 0);
        return tag;
    }

    [Fact]
    public void ThousandsOfBumpsWithoutAHoldNeverChangeACommittedColour()
    {
        for (int seed = 0; seed < 40; seed++)
        {
            var rng = new Random(seed);
            TriageTag tag = CommittedTag(rng);
            TriageColour colour = tag.Committed;
            foreach (Event e in Events(RandomTouches(rng, 2500, allowHolds: false, allowFastTaps: true), Hold, TagButtonTimings.DoublePressMs))
            {
                tag.Handle(e.Gesture, e.AtMs);
                Assert.True(colour == tag.Committed, "seed " + seed + " at " + e.AtMs + ": " + e.Gesture + " changed the colour");
            }
        }
    }

    [Fact]
    public void SeparateBumpsAndHoldsNeverChangeACommittedColour()
    {
        // Without two taps inside the double-tap window the tag never unlocks, however often it is
        // bumped, leaned on or held.
        for (int seed = 100; seed < 140; seed++)
        {
            var rng = new Random(seed);
            TriageTag tag = CommittedTag(rng);
            TriageColour colour = tag.Committed;
            foreach (Event e in Events(RandomTouches(rng, 2500, allowHolds: true, allowFastTaps: false), Hold, TagButtonTimings.DoublePressMs))
            {
                tag.Handle(e.Gesture, e.AtMs);
                Assert.True(colour == tag.Committed, "seed " + seed + " at " + e.AtMs + ": " + e.Gesture + " changed the colour");
                Assert.NotEqual(TagMode.Changing, tag.Mode);
            }
        }
    }

    [Fact]
    public void InRandomHandlingEveryCommittedChangeFollowsADoubleTapChoiceAndHold()
    {
        // The deliberate gesture, checked from the outside on the event stream: a change of a
        // committed colour needs two taps at most DoubleTapMs apart on the locked tag, then at least
        // one tap to move off the committed colour, then a hold, with no pause of ChangeTimeoutMs in
        // between.
        int changesSeen = 0;
        for (int seed = 200; seed < 240; seed++)
        {
            var rng = new Random(seed);
            TriageTag tag = CommittedTag(rng);
            long lockedTap = long.MinValue;   // last tap on the locked tag
            long unlockedAt = long.MinValue;  // when a double tap unlocked it
            long lastActivity = long.MinValue;
            int tapsSinceUnlock = 0;
            bool holding = false;

            foreach (Event e in Events(RandomTouches(rng, 2500, allowHolds: true, allowFastTaps: true), Hold, TagButtonTimings.DoublePressMs))
            {
                if (unlockedAt != long.MinValue && e.AtMs - lastActivity >= Settings.ChangeTimeoutMs)
                {
                    unlockedAt = long.MinValue; // the unlock expired
                    lockedTap = long.MinValue;
                }

                TriageColour before = tag.Committed;
                tag.Handle(e.Gesture, e.AtMs);

                switch (e.Gesture)
                {
                    case Gesture.HoldStarted:
                        holding = true;
                        if (tag.Committed != before)
                        {
                            changesSeen++;
                            Assert.True(unlockedAt != long.MinValue && tapsSinceUnlock > 0, "seed " + seed + ": change at " + e.AtMs + " without unlock and choice");
                        }

                        unlockedAt = long.MinValue;
                        lockedTap = long.MinValue;
                        break;
                    case Gesture.Press when holding:
                        holding = false;
                        lockedTap = long.MinValue;
                        break;
                    case Gesture.Press when unlockedAt != long.MinValue:
                        tapsSinceUnlock++;
                        lastActivity = e.AtMs;
                        break;
                    case Gesture.Press when lockedTap != long.MinValue && e.AtMs - lockedTap <= Settings.DoubleTapMs:
                        unlockedAt = e.AtMs;
                        lastActivity = e.AtMs;
                        tapsSinceUnlock = 0;
                        break;
                    case Gesture.Press:
                        lockedTap = e.AtMs;
                        break;
                    case Gesture.HoldCompleted or Gesture.HoldCanceled:
                        holding = false;
                        break;
                }

                Assert.Equal(unlockedAt != long.MinValue, tag.Mode == TagMode.Changing);
            }
        }

        // The generator really exercises changes, not just refusals.
        Assert.True(changesSeen > 100, "only " + changesSeen + " changes happened");
    }

    [Fact]
    public void AFirstChoiceCanBeMadeByAnyNumberOfPressesThenAHold()
    {
        var rng = new Random(7);
        for (int i = 0; i < 500; i++)
        {
            var tag = new TriageTag(Settings, 0);
            int presses = rng.Next(1, 12);
            var steps = Enumerable.Range(0, presses).Select(_ => (rng.Next(40, 2000), rng.Next(30, Hold - 1))).ToList();
            steps.Add((rng.Next(40, 3000), Hold + rng.Next(0, 3000)));
            foreach (Event e in Events(Sequence(0, steps), Hold, TagButtonTimings.DoublePressMs))
            {
                tag.Handle(e.Gesture, e.AtMs);
            }

            Assert.Equal(TagMode.Committed, tag.Mode);
            Assert.Equal((TriageColour)(((presses - 1) % 4) + 1), tag.Committed);
            Assert.Equal(1, tag.Changes);
        }
    }

    [Fact]
    public void EveryChangeOnTheAirIsReportedInTheCallThatMadeIt()
    {
        // The device restarts its publisher when TakePayloadChange says so: anything the frame carries
        // (other than the seconds counter) must never change silently.
        for (int seed = 300; seed < 330; seed++)
        {
            var rng = new Random(seed);
            var tag = new TriageTag(Settings, 0);
            var body = new TagBody();
            tag.FillBody(body, 50, 0);
            (TriageColour Colour, bool Committed, byte Changes) air = (body.Colour, body.Committed, body.Changes);
            foreach (Event e in Events(RandomTouches(rng, 2000, allowHolds: true, allowFastTaps: true), Hold, TagButtonTimings.DoublePressMs))
            {
                tag.Handle(e.Gesture, e.AtMs);
                bool reported = tag.TakePayloadChange();
                tag.FillBody(body, 50, e.AtMs);
                var now = (body.Colour, body.Committed, body.Changes);
                Assert.Equal(now != air, reported);
                air = now;
            }
        }
    }
}
