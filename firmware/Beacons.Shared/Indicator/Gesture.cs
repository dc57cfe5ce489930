namespace Beacons.Indicator
{
    /// <summary>
    /// What the device's one button reported, as Iot.Device.Button raises it. That library raises
    /// <see cref="Press"/> on EVERY release (a short tap, the end of a hold, and each tap of a double
    /// press), <see cref="DoublePress"/> after the second tap's Press, <see cref="HoldStarted"/> while the
    /// button is still down once the hold time has passed, and <see cref="HoldCompleted"/> after the Press
    /// that ends a hold. The state machines are written for exactly that stream.
    /// </summary>
    public enum Gesture : byte
    {
        None = 0,
        Press = 1,
        DoublePress = 2,
        HoldStarted = 3,
        HoldCompleted = 4,

        /// <summary>Part of the library's enum; its current source never raises it, handled like a release.</summary>
        HoldCanceled = 5,
    }
}
