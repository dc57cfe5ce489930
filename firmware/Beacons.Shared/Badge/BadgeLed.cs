using Beacons.Indicator;

namespace Beacons.Badge
{
    /// <summary>
    /// What the badge's RGB LED shows at a given millisecond. Officers in a tactical drill want
    /// light discipline, so a working badge only blips briefly; the emergency is the one loud state.
    /// <list type="table">
    /// <item>normal: green blip, 0.06 s every 5 s</item>
    /// <item>low battery: the blip is yellow instead</item>
    /// <item>emergency raised: red, 0.25 s on / 0.25 s off, from the moment the hold registers</item>
    /// <item>emergency cleared: steady green for 2 s, then normal</item>
    /// <item>fault: magenta strobe, overrides everything</item>
    /// </list>
    /// </summary>
    public static class BadgeLed
    {
        public const int BlipMs = 60;
        public const int BlipPeriodMs = 5000;
        public const int EmergencyOnMs = 250;
        public const int EmergencyPeriodMs = 500;
        public const int ClearedShowMs = 2000;

        public static int Show(EmergencySwitch emergency, bool lowBattery, bool fault, long nowMs)
        {
            return Show(emergency.Active, emergency.RaisedMs, emergency.ClearedMs, lowBattery, fault, nowMs);
        }

        public static int Show(bool emergency, long raisedMs, long clearedMs, bool lowBattery, bool fault, long nowMs)
        {
            if (fault)
            {
                return Fault.Show(nowMs);
            }

            if (emergency)
            {
                return Blink.Pattern(Rgb.Red, nowMs, raisedMs, EmergencyOnMs, EmergencyPeriodMs);
            }

            if (Blink.Within(nowMs, clearedMs, ClearedShowMs))
            {
                return Rgb.Green;
            }

            return Blink.Pattern(lowBattery ? Rgb.Yellow : Rgb.Green, nowMs, 0, BlipMs, BlipPeriodMs);
        }
    }
}
