using Beacons.Indicator;

namespace Beacons.Simulator.Devices;

/// <summary>
/// A finger on a device's one button: turns timed presses into the gesture stream the button library
/// (Iot.Device.Button) raises on the device, as Beacons.Indicator.Gesture documents it: Press on every
/// release, DoublePress after the second of two releases within the double-press window, HoldStarted
/// once the button has been down for the hold time, HoldCompleted after the Press that ends a hold.
/// The device's state machine then gets exactly what it would get from the hardware.
/// </summary>
public sealed class ButtonFinger
{
    private readonly int _holdMs;
    private readonly int _doublePressMs;
    private readonly bool _doublePress;
    private readonly List<(long AtMs, Gesture Gesture)> _pending = new();
    private long _lastReleaseMs = long.MinValue;

    public ButtonFinger(int holdMs, int doublePressMs, bool doublePressEnabled)
    {
        _holdMs = holdMs;
        _doublePressMs = doublePressMs;
        _doublePress = doublePressEnabled;
    }

    /// <summary>When the last scheduled release happens: the next press should start after it.</summary>
    public long FreeAtMs { get; private set; } = long.MinValue;

    /// <summary>The button goes down at <paramref name="downMs"/> and comes up <paramref name="durationMs"/> later.</summary>
    public void Press(long downMs, int durationMs)
    {
        long upMs = downMs + durationMs;
        bool held = durationMs >= _holdMs;
        if (held)
        {
            _pending.Add((downMs + _holdMs, Gesture.HoldStarted));
        }

        _pending.Add((upMs, Gesture.Press));
        if (held)
        {
            _pending.Add((upMs, Gesture.HoldCompleted));
        }

        if (_doublePress)
        {
            if (_lastReleaseMs != long.MinValue && upMs - _lastReleaseMs <= _doublePressMs)
            {
                _pending.Add((upMs, Gesture.DoublePress));
                _lastReleaseMs = long.MinValue;
            }
            else
            {
                _lastReleaseMs = upMs;
            }
        }

        FreeAtMs = upMs;
    }

    /// <summary>The next gesture due by <paramref name="nowMs"/>, in the order the library raises them.</summary>
    public bool TryTake(long nowMs, out Gesture gesture, out long atMs)
    {
        int best = -1;
        for (int i = 0; i < _pending.Count; i++)
        {
            if (_pending[i].AtMs <= nowMs && (best < 0 || _pending[i].AtMs < _pending[best].AtMs))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            gesture = Gesture.None;
            atMs = 0;
            return false;
        }

        (atMs, gesture) = _pending[best];
        _pending.RemoveAt(best);
        return true;
    }
}
