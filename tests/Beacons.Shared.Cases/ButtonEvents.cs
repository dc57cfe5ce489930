// The host tests compile this with nullable checks on; these tables are written for nanoFramework, which has none.
#nullable disable

using Beacons.Indicator;

namespace Beacons.Cases
{
    /// <summary>
    /// What Iot.Device.Button (nanoFramework.Iot.Device.Button, ButtonBase) raises for a physical press
    /// pattern, so tests drive the state machines with the event stream the device really sees:
    /// HoldStarted while still down once the hold time has passed; on every release Press, then
    /// HoldCompleted if a hold had started, then the library's double-press check, which pairs releases
    /// strictly two by two (a release that is too late for its partner does not start a new pair).
    /// </summary>
    public static class ButtonEvents
    {
        /// <summary>
        /// The events for touches given as down, up, down, up, ... (ms); fills <paramref name="gestures"/>
        /// and <paramref name="atMs"/> (each at least 4 per touch long) and returns how many there are.
        /// </summary>
        public static int Raise(long[] downUp, int holdMs, int doublePressMs, bool doublePressEnabled, Gesture[] gestures, long[] atMs)
        {
            int n = 0;
            long lastRelease = long.MinValue;
            for (int i = 0; i + 1 < downUp.Length; i += 2)
            {
                long down = downUp[i];
                long up = downUp[i + 1];
                bool held = up - down >= holdMs;
                if (held)
                {
                    gestures[n] = Gesture.HoldStarted;
                    atMs[n++] = down + holdMs;
                }

                gestures[n] = Gesture.Press;
                atMs[n++] = up;
                if (held)
                {
                    gestures[n] = Gesture.HoldCompleted;
                    atMs[n++] = up;
                }

                if (doublePressEnabled)
                {
                    if (lastRelease == long.MinValue)
                    {
                        lastRelease = up;
                    }
                    else
                    {
                        if (up - lastRelease <= doublePressMs)
                        {
                            gestures[n] = Gesture.DoublePress;
                            atMs[n++] = up;
                        }

                        lastRelease = long.MinValue;
                    }
                }
            }

            return n;
        }
    }
}
