using System;
using System.Threading;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Beacons.Devices
{
    /// <summary>
    /// The two facts of nanoFramework.Device.Bluetooth (1.1.123, ESP32) that the apps must respect when they
    /// start the radio. A publisher runs the stack as a server; Watcher.Start asks for client mode, and the
    /// firmware will not start a stack that is already running, so starting a watcher after advertising
    /// throws unless the server is stopped first. And Publisher.Start() does not throw when the firmware
    /// refuses to advertise: its Status just stays Waiting, so only the status says whether it is on air.
    /// </summary>
    public static class BleStack
    {
        /// <summary>How long a publisher may take to say Started before it counts as refused.</summary>
        public const int AdvertiseWaitMs = 500;

        /// <summary>
        /// Starts a scan session whatever ran before: stops the server role (a no-op when the stack is not
        /// in it; otherwise the stack goes down and Start brings it up as a client, which takes time).
        /// </summary>
        public static void StartScanning(BluetoothLEAdvertisementWatcher watcher)
        {
            BluetoothLEServer.Instance.Stop();
            watcher.Start();
        }

        /// <summary>Starts the publisher; true once it reports Started, false when it did not within <see cref="AdvertiseWaitMs"/>.</summary>
        public static bool StartAdvertising(BluetoothLEAdvertisementPublisher publisher)
        {
            publisher.Start();
            long deadline = Environment.TickCount64 + AdvertiseWaitMs;
            while (publisher.Status != BluetoothLEAdvertisementPublisherStatus.Started && Environment.TickCount64 < deadline)
            {
                Thread.Sleep(10);
            }

            return publisher.Status == BluetoothLEAdvertisementPublisherStatus.Started;
        }
    }
}
