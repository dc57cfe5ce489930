using Beacons.Indicator;

namespace Beacons.Shared.Tests.Triage;

/// <summary>
/// What Iot.Device.Button (nanoFramework.Iot.Device.Button, ButtonBase) raises for a physical press
/// pattern, so tests drive the state machines with the event stream the device really sees:
/// HoldStarted while still down once the hold time has passed; on every release Press, then
/// HoldCompleted if a hold had started, then the library's double-press check, which pairs releases
/// strictly two by two (a release that is too late for its partner does not start a new pair).
/// </summary>
internal static class ButtonModel
{
    public readonly record struct Event(Gesture Gesture, long AtMs);

    /// <summary>One physical press: the button goes down at <paramref name="DownMs"/> and up at <paramref name="UpMs"/>.</summary>
    public readonly record struct Touch(long DownMs, long UpMs);

    public static List<Event> Events(IEnumerable<Touch> touches, int holdMs, int doublePressMs, bool doublePressEnabled = true)
    {
        var events = new List<Event>();
        long lastRelease = long.MinValue;
        foreach (Touch t in touches)
        {
            bool held = t.UpMs - t.DownMs >= holdMs;
            if (held)
            {
                events.Add(new Event(Gesture.HoldStarted, t.DownMs + holdMs));
            }

            events.Add(new Event(Gesture.Press, t.UpMs));
            if (held)
            {
                events.Add(new Event(Gesture.HoldCompleted, t.UpMs));
            }

            if (doublePressEnabled)
            {
                if (lastRelease == long.MinValue)
                {
                    lastRelease = t.UpMs;
                }
                else
                {
                    if (t.UpMs - lastRelease <= doublePressMs)
                    {
                        events.Add(new Event(Gesture.DoublePress, t.UpMs));
                    }

                    lastRelease = long.MinValue;
                }
            }
        }

        return events;
    }

    /// <summary>Touches laid end to end: each (gap before, duration) pair starts after the previous release.</summary>
    public static List<Touch> Sequence(long startMs, IEnumerable<(int GapMs, int DurationMs)> steps)
    {
        var touches = new List<Touch>();
        long t = startMs;
        foreach ((int gap, int duration) in steps)
        {
            long down = t + gap;
            touches.Add(new Touch(down, down + duration));
            t = down + duration;
        }

        return touches;
    }
}
