using Beacons.Indicator;

namespace Beacons.Shared.Tests.Triage;

/// <summary>
/// The button library's events (modelled once, by <see cref="ButtonEvents"/>) in the shapes the host tests use.
/// </summary>
internal static class ButtonModel
{
    public readonly record struct Event(Gesture Gesture, long AtMs);

    /// <summary>One physical press: the button goes down at <paramref name="DownMs"/> and up at <paramref name="UpMs"/>.</summary>
    public readonly record struct Touch(long DownMs, long UpMs);

    public static List<Event> Events(IEnumerable<Touch> touches, int holdMs, int doublePressMs, bool doublePressEnabled = true)
    {
        long[] downUp = touches.SelectMany(t => new[] { t.DownMs, t.UpMs }).ToArray();
        var gestures = new Gesture[downUp.Length * 2];
        var atMs = new long[downUp.Length * 2];
        int n = ButtonEvents.Raise(downUp, holdMs, doublePressMs, doublePressEnabled, gestures, atMs);
        return Enumerable.Range(0, n).Select(i => new Event(gestures[i], atMs[i])).ToList();
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
