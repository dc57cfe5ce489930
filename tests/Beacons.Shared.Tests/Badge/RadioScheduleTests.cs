using Beacons.Badge;

namespace Beacons.Shared.Tests.Badge;

/// <summary>Scan and advertise windows: their lengths, the switching cost, and the early end of a scan.</summary>
public class RadioScheduleTests
{
    private static BadgeSettings Locating() => new() { SelfLocation = true };

    [Fact]
    public void WithoutSelfLocationTheBadgeNeverLeavesTheAir()
    {
        var schedule = new RadioSchedule(new BadgeSettings(), 0);
        for (long t = 0; t < 3_600_000; t += 100)
        {
            Assert.Equal(RadioMode.Advertise, schedule.Update(t));
            Assert.False(schedule.ScanRestartDue(t));
        }

        Assert.False(schedule.TakeScanEnded());
    }

    [Fact]
    public void WindowsCountFromWhenTheRadioRunsNotFromTheDecision()
    {
        BadgeSettings s = Locating();
        var schedule = new RadioSchedule(s, 0);
        schedule.Switched(0);

        Assert.Equal(RadioMode.Advertise, schedule.Update(s.AdvertiseWindowMs - 1));
        Assert.Equal(RadioMode.Scan, schedule.Update(s.AdvertiseWindowMs));

        // The stack restart takes 2.5 s; the scan window starts when the watcher runs.
        long running = s.AdvertiseWindowMs + 2500;
        Assert.Equal(RadioMode.Scan, schedule.Update(running - 1));
        schedule.Switched(running);
        Assert.Equal(RadioMode.Scan, schedule.Update(running + s.ScanWindowMs - 1));
        Assert.False(schedule.TakeScanEnded());
        Assert.Equal(RadioMode.Advertise, schedule.Update(running + s.ScanWindowMs));
        Assert.True(schedule.TakeScanEnded());
        Assert.False(schedule.TakeScanEnded());
    }

    [Fact]
    public void TheWatcherIsRestartedInsideTheScanWindowOnly()
    {
        BadgeSettings s = Locating();
        s.ScanWindowMs = 2000;
        var schedule = new RadioSchedule(s, 0);
        schedule.Switched(0);
        var restarts = new List<long>();
        for (long t = 0; t <= s.AdvertiseWindowMs + 3000; t += 10)
        {
            RadioMode before = schedule.Mode;
            if (schedule.Update(t) != before)
            {
                schedule.Switched(t);
            }

            if (schedule.ScanRestartDue(t))
            {
                restarts.Add(t);
            }
        }

        long scanStart = s.AdvertiseWindowMs;
        Assert.Equal([scanStart + 500, scanStart + 1000, scanStart + 1500], restarts);
    }

    [Fact]
    public void ARestartPeriodAsLongAsTheScanWindowNeverRestartsInsideIt()
    {
        // What the badge app configures: each restart is a whole Bluetooth stack restart, so one session per window.
        BadgeSettings s = Locating();
        s.ScanRestartMs = s.ScanWindowMs;
        var schedule = new RadioSchedule(s, 0);
        schedule.Switched(0);
        int restarts = 0;
        int scans = 0;
        for (long t = 0; t <= 5 * (s.AdvertiseWindowMs + s.ScanWindowMs); t += 10)
        {
            // The badge's loop order: the schedule first, then the restart question.
            RadioMode before = schedule.Mode;
            if (schedule.Update(t) != before)
            {
                schedule.Switched(t);
                scans += schedule.Mode == RadioMode.Scan ? 1 : 0;
            }

            restarts += schedule.ScanRestartDue(t) ? 1 : 0;
        }

        Assert.True(scans >= 4);
        Assert.Equal(0, restarts);
    }

    [Fact]
    public void AnUrgentPayloadCutsTheScanShort()
    {
        BadgeSettings s = Locating();
        var schedule = new RadioSchedule(s, 0);
        schedule.Switched(0);
        schedule.Update(s.AdvertiseWindowMs);
        schedule.Switched(s.AdvertiseWindowMs + 1000);

        schedule.EndScanNow(s.AdvertiseWindowMs + 1200);

        Assert.Equal(RadioMode.Advertise, schedule.Mode);
        Assert.True(schedule.TakeScanEnded());

        // While advertising it changes nothing.
        schedule.EndScanNow(s.AdvertiseWindowMs + 1300);
        Assert.Equal(RadioMode.Advertise, schedule.Mode);
        Assert.False(schedule.TakeScanEnded());
    }

    [Fact]
    public void OverHoursWithRandomSwitchingCostsEveryWindowHasItsLength()
    {
        // A device loop every 20 ms; each stack restart costs 0.2-4 s during which the loop is blocked.
        BadgeSettings s = Locating();
        var rng = new Random(5);
        var schedule = new RadioSchedule(s, 0);
        schedule.Switched(0);
        long runningSince = 0;
        RadioMode running = RadioMode.Advertise;
        int windows = 0;
        long now = 0;
        while (now < 4 * 3_600_000L)
        {
            now += 20;
            RadioMode wanted = schedule.Update(now);
            if (wanted == running)
            {
                continue;
            }

            long length = now - runningSince;
            int expected = running == RadioMode.Advertise ? s.AdvertiseWindowMs : s.ScanWindowMs;
            Assert.InRange(length, expected, expected + 20);
            windows++;

            now += rng.Next(200, 4000);
            schedule.Switched(now);
            running = wanted;
            runningSince = now;
        }

        Assert.True(windows > 1000);
    }

    [Fact]
    public void SettingsThatCannotWorkAreNamed()
    {
        Assert.Null(new BadgeSettings().Problem());
        Assert.Null(Locating().Problem());
        Assert.NotNull(new BadgeSettings { SelfLocation = true, ScanWindowMs = 100 }.Problem());
        Assert.NotNull(new BadgeSettings { SelfLocation = true, AdvertiseWindowMs = 500 }.Problem());
        Assert.NotNull(new BadgeSettings { SelfLocation = true, FixMaxAgeMs = 9000 }.Problem());
        Assert.NotNull(new BadgeSettings { RefreshIntervalMs = 10 }.Problem());
    }
}
