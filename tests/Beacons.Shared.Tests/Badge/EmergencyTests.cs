using Beacons.Badge;
using Beacons.Indicator;
using static Beacons.Shared.Tests.Triage.ButtonModel;

namespace Beacons.Shared.Tests.Badge;

/// <summary>The badge's only gesture: a long hold raises the emergency, another clears it; the LED says which.</summary>
public class EmergencyTests
{
    private const int Hold = BadgeButtonTimings.EmergencyHoldMs;

    private static void Feed(EmergencySwitch emergency, params Touch[] touches)
    {
        foreach (Event e in Events(touches, Hold, BadgeButtonTimings.DoublePressMs, doublePressEnabled: false))
        {
            emergency.Handle(e.Gesture, e.AtMs);
        }
    }

    [Fact]
    public void ALongHoldRaisesTheEmergencyAsSoonAsTheHoldRegisters()
    {
        var emergency = new EmergencySwitch();
        Feed(emergency, new Touch(1000, 1000 + Hold + 2000));

        Assert.True(emergency.Active);
        Assert.Equal(1000 + Hold, emergency.RaisedMs);
        Assert.True(emergency.TakeChange());
        Assert.False(emergency.TakeChange());
    }

    [Fact]
    public void AnotherLongHoldClearsIt()
    {
        var emergency = new EmergencySwitch();
        Feed(emergency, new Touch(1000, 1000 + Hold + 100), new Touch(20_000, 20_000 + Hold + 100));

        Assert.False(emergency.Active);
        Assert.Equal(20_000 + Hold, emergency.ClearedMs);
        Assert.True(emergency.TakeChange());
    }

    [Fact]
    public void TapsAndShortPressesDoNothing()
    {
        var emergency = new EmergencySwitch();
        var rng = new Random(3);
        var touches = Sequence(0, Enumerable.Range(0, 2000).Select(_ => (rng.Next(20, 3000), rng.Next(20, Hold - 1))));
        foreach (Event e in Events(touches, Hold, BadgeButtonTimings.DoublePressMs))
        {
            emergency.Handle(e.Gesture, e.AtMs);
            Assert.False(emergency.Active);
        }

        Assert.False(emergency.TakeChange());
    }

    [Fact]
    public void OneHoldIsOneToggleHoweverLongTheFingerStays()
    {
        var emergency = new EmergencySwitch();
        emergency.Handle(Gesture.HoldStarted, 3000);
        emergency.Handle(Gesture.HoldStarted, 6000); // a repeat without a release in between
        Assert.True(emergency.Active);

        emergency.Handle(Gesture.Press, 9000);
        emergency.Handle(Gesture.HoldCompleted, 9000);
        emergency.Handle(Gesture.HoldStarted, 15_000);
        Assert.False(emergency.Active);
    }

    [Fact]
    public void InRandomHandlingTheEmergencyIsOnAfterAnOddNumberOfLongHolds()
    {
        for (int seed = 0; seed < 30; seed++)
        {
            var rng = new Random(seed);
            var emergency = new EmergencySwitch();
            int holds = 0;
            long t = 0;
            for (int i = 0; i < 1000; i++)
            {
                long down = t + rng.Next(20, 6000);
                long up = down + (rng.Next(4) == 0 ? Hold + rng.Next(0, 10_000) : rng.Next(20, Hold - 1));
                bool longHold = up - down >= Hold;
                holds += longHold ? 1 : 0;
                Feed(emergency, new Touch(down, up));
                Assert.Equal(holds % 2 == 1, emergency.Active);
                Assert.Equal(longHold, emergency.TakeChange());
                t = up;
            }
        }
    }

    [Fact]
    public void TheLedBlinksRedFromTheMomentOfTheRaise()
    {
        var emergency = new EmergencySwitch();
        emergency.Handle(Gesture.HoldStarted, 10_000);

        for (long t = 10_000; t < 20_000; t++)
        {
            int led = BadgeLed.Show(emergency, false, false, t);
            bool on = (t - 10_000) % BadgeLed.EmergencyPeriodMs < BadgeLed.EmergencyOnMs;
            Assert.Equal(on ? Rgb.Red : Rgb.Off, led);
        }
    }

    [Fact]
    public void AClearedEmergencyShowsSteadyGreenThenTheNormalBlip()
    {
        var emergency = new EmergencySwitch();
        emergency.Handle(Gesture.HoldStarted, 10_000);
        emergency.Handle(Gesture.Press, 12_000);
        emergency.Handle(Gesture.HoldStarted, 30_000);

        Assert.Equal(Rgb.Green, BadgeLed.Show(emergency, false, false, 30_000));
        Assert.Equal(Rgb.Green, BadgeLed.Show(emergency, false, false, 30_000 + BadgeLed.ClearedShowMs - 1));
        Assert.Equal(Rgb.Off, BadgeLed.Show(emergency, false, false, 30_000 + BadgeLed.ClearedShowMs));
    }

    [Fact]
    public void AWorkingBadgeOnlyBlipsGreenOrYellowWhenLow()
    {
        var emergency = new EmergencySwitch();
        int lit = 0;
        for (long t = 0; t < 60_000; t++)
        {
            int normal = BadgeLed.Show(emergency, false, false, t);
            int low = BadgeLed.Show(emergency, true, false, t);
            Assert.True(normal == Rgb.Green || normal == Rgb.Off);
            Assert.True(low == Rgb.Yellow || low == Rgb.Off);
            Assert.Equal(normal == Rgb.Off, low == Rgb.Off);
            lit += normal == Rgb.Off ? 0 : 1;
        }

        // Light discipline: lit about 1 % of the time.
        Assert.Equal(12 * BadgeLed.BlipMs, lit);
    }

    [Fact]
    public void AFaultOverridesTheEmergency()
    {
        var emergency = new EmergencySwitch();
        emergency.Handle(Gesture.HoldStarted, 0);
        for (long t = 0; t < 2000; t++)
        {
            int led = BadgeLed.Show(emergency, true, true, t);
            Assert.True(led == Rgb.Magenta || led == Rgb.Off);
        }
    }

    [Fact]
    public void TheLedIsRedExactlyWhenTheEmergencyIsRaised()
    {
        var rng = new Random(11);
        var emergency = new EmergencySwitch();
        var touches = Sequence(0, Enumerable.Range(0, 300).Select(_ => (rng.Next(20, 8000), rng.Next(3) == 0 ? Hold + rng.Next(0, 4000) : rng.Next(20, 1000))));
        List<Event> events = Events(touches, Hold, BadgeButtonTimings.DoublePressMs, doublePressEnabled: false);
        int next = 0;
        long end = touches[^1].UpMs + 5000;
        for (long now = 0; now < end; now += 20)
        {
            while (next < events.Count && events[next].AtMs <= now)
            {
                emergency.Handle(events[next].Gesture, events[next].AtMs);
                next++;
            }

            int led = BadgeLed.Show(emergency, rng.Next(2) == 0, false, now);
            if (emergency.Active)
            {
                bool on = (now - emergency.RaisedMs) % BadgeLed.EmergencyPeriodMs < BadgeLed.EmergencyOnMs;
                Assert.Equal(on ? Rgb.Red : Rgb.Off, led);
            }
            else
            {
                Assert.NotEqual(Rgb.Red, led);
            }
        }
    }
}
