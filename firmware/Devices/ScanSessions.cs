using System;
using System.Diagnostics;
using System.Threading;
using Beacons.Receiver;
using nanoFramework.Device.Bluetooth;

namespace Beacons.Devices
{
    /// <summary>
    /// Carries out what a <see cref="ScanCycle"/> asks of the watcher and tells it how that went. Stop()
    /// shuts the whole Bluetooth stack down and Start() brings it up again (up to 10 s); the caller waits
    /// in them, outside <paramref name="gate"/>, so the watcher's thread can still hand over adverts.
    /// Stop() is done when it returns: there is no status to wait for. Used by the receiver and its soak test.
    /// </summary>
    public static class ScanSessions
    {
        /// <summary>One turn: the action the cycle asked for (None when nothing was due).</summary>
        public static ScanAction Step(BluetoothLEAdvertisementWatcher watcher, ScanCycle cycle, object gate, long nowMs)
        {
            ScanAction action;
            Monitor.Enter(gate);
            try
            {
                action = cycle.Next(nowMs);
            }
            finally
            {
                Monitor.Exit(gate);
            }

            if (action == ScanAction.None)
            {
                return action;
            }

            bool started;
            try
            {
                if (action == ScanAction.Restart)
                {
                    watcher.Stop();
                }

                watcher.Start();
                started = true;
            }
            catch (Exception e)
            {
                Debug.WriteLine("beacons: watcher failed to start: " + e.Message);
                started = false;
            }

            long done = Environment.TickCount64;
            Monitor.Enter(gate);
            try
            {
                if (!started)
                {
                    cycle.StartFailed(done);
                }
                else if (action == ScanAction.Restart)
                {
                    cycle.Restarted(nowMs, done);
                }
                else
                {
                    cycle.Started(done);
                }
            }
            finally
            {
                Monitor.Exit(gate);
            }

            return action;
        }
    }
}
