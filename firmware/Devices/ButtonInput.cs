using System;
using System.Device.Gpio;
using Beacons.Indicator;
using Iot.Device.Button;

namespace Beacons.Devices
{
    /// <summary>
    /// The device's one button, through Iot.Device.Button, into a <see cref="GestureQueue"/>. The
    /// library raises its events on its own threads; each gesture is queued with the time it happened
    /// and the main loop hands it to the state machine. Shared by the tag and badge apps.
    /// </summary>
    public sealed class ButtonInput
    {
        private readonly GestureQueue _queue;
        private readonly GpioButton _button;

        /// <summary>
        /// The button pulls its pin low when pressed. GpioButton only reads active-low with
        /// PinMode.InputPullUp, so that mode is used on every board: on GPIO34-39 (the ATOM Lite's 39)
        /// the ESP32 has no internal pull-up and the board's own resistor does the work.
        /// Double press stays off: the tag times double taps itself (see Beacons.Triage.TriageTag).
        /// </summary>
        public ButtonInput(int pin, int holdMs, int doublePressMs, int debounceMs, GestureQueue queue)
        {
            _queue = queue;
            _button = new GpioButton(pin, TimeSpan.FromMilliseconds(doublePressMs), TimeSpan.FromMilliseconds(holdMs),
                new GpioController(), true, PinMode.InputPullUp, TimeSpan.FromMilliseconds(debounceMs));
            _button.IsHoldingEnabled = true;
            _button.IsDoublePressEnabled = false;
            _button.Press += OnPress;
            _button.Holding += OnHolding;
        }

        private void OnPress(object sender, EventArgs e)
        {
            _queue.Add(Gesture.Press, Environment.TickCount64);
        }

        private void OnHolding(object sender, ButtonHoldingEventArgs e)
        {
            long now = Environment.TickCount64;
            switch (e.HoldingState)
            {
                case ButtonHoldingState.Started:
                    _queue.Add(Gesture.HoldStarted, now);
                    break;
                case ButtonHoldingState.Completed:
                    _queue.Add(Gesture.HoldCompleted, now);
                    break;
                default:
                    _queue.Add(Gesture.HoldCanceled, now);
                    break;
            }
        }
    }
}
