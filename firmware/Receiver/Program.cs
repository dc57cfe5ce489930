using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Beacons.Configuration;
using Beacons.Devices;
using Beacons.Indicator;
using Beacons.Protocol;
using Beacons.Receiver;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Beacons.ReceiverApp
{
    /// <summary>
    /// The receiver: hears badges and tags over BLE and relays them to the gateway over Wi-Fi/UDP.
    /// Hardware in, shared logic out: the watcher, the radio, the socket and the LED live here; when to
    /// restart the scan, what goes in a datagram, when to retry Wi-Fi, all of it is in Beacons.Receiver
    /// and tested on the host. docs/receiver.md describes the behaviour.
    /// </summary>
    public static class Program
    {
        private const int LoopMs = 20;
        private const int LinkCheckMs = 1000;
        private const int FirstRetryMs = 1000;
        private const int MaxRetryMs = 60000;
        private const int StopWaitMs = 500;

        // The watcher's callback and the main loop both touch the relay; this serialises them.
        private static readonly object Gate = new object();
        private static readonly AdvertBytes Sections = new AdvertBytes();
        private static readonly byte[] Heard = new byte[FrameLayout.MaxAdvertisingData];
        private static AdvertRelay _relay;
        private static string _ssid;
        private static string _password;
        private static bool _connected;

        public static void Main()
        {
            int faultPin = -1;
            LedType faultType = LedType.None;
            DeviceConfiguration config = ConfigurationFile.LoadFor(DeviceKind.Receiver, ref faultPin, ref faultType);
            if (config == null)
            {
                new StatusLed(faultPin, faultType).ShowFaultForever();
            }

            StatusLed led = new StatusLed(config.LedPin, config.LedType);
            FileCounterStore counterStore = new FileCounterStore(DeviceStorage.CounterPathA, DeviceStorage.CounterPathB);
            RisingCounter sequence = new RisingCounter(counterStore, RisingCounter.DefaultBlock);
            long now = Environment.TickCount64;
            _relay = new AdvertRelay(config.ExerciseId, config.DeviceId, config.CompanyId, config.ReceiverKey, sequence,
                config.FlushMs, config.HeartbeatMs, config.QueueDatagrams, now);
            ScanCycle cycle = new ScanCycle(config.ScanCycleMs, config.ScanRestartMs);
            ReconnectBackoff wifi = new ReconnectBackoff(FirstRetryMs, MaxRetryMs, config.DeviceId);
            IPEndPoint gateway = new IPEndPoint(IPAddress.Parse(config.GatewayAddress), config.GatewayPort);
            Socket socket = null;
            byte[] outgoing = new byte[DatagramLayout.MaxLength];
            long nextLinkCheckMs = 0;
            Thread connecting = null;
            _ssid = config.WifiSsid;
            _password = config.WifiPassword;

            BluetoothLEAdvertisementWatcher watcher = new BluetoothLEAdvertisementWatcher();
            watcher.ScanningMode = BluetoothLEScanningMode.Passive; // adverts only: no scan requests on the air
            watcher.Received += OnReceived;

            Debug.WriteLine("beacons: receiver " + config.DeviceId.ToString() + " of exercise " + config.ExerciseId.ToString()
                + " relaying to " + config.GatewayAddress + ":" + config.GatewayPort.ToString());

            while (true)
            {
                now = Environment.TickCount64;

                if (now >= nextLinkCheckMs && connecting == null)
                {
                    nextLinkCheckMs = now + LinkCheckMs;
                    if (WifiLink.IsUp())
                    {
                        wifi.Connected(now);
                    }
                    else
                    {
                        wifi.Lost(now);
                    }
                }

                // An attempt blocks for up to 15 s: it runs on its own thread so the scan keeps cycling.
                if (connecting == null && wifi.ShouldConnect(now))
                {
                    _connected = false;
                    connecting = new Thread(Connect);
                    connecting.Start();
                }
                else if (connecting != null && !connecting.IsAlive)
                {
                    connecting = null;
                    if (_connected)
                    {
                        wifi.Connected(now);
                        if (socket == null)
                        {
                            socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                        }
                    }
                    else
                    {
                        wifi.ConnectFailed(now);
                    }
                }

                RunWatcher(watcher, cycle, now);

                Monitor.Enter(Gate);
                try
                {
                    _relay.Reconnects = (ushort)(wifi.Reconnects > 0xFFFF ? 0xFFFF : wifi.Reconnects);
                    _relay.Poll(now);
                }
                finally
                {
                    Monitor.Exit(Gate);
                }

                if (wifi.IsUp && socket != null)
                {
                    if (!SendQueued(socket, gateway, outgoing))
                    {
                        nextLinkCheckMs = 0; // a failed send often means the link went: look now
                    }
                }

                led.Show(connecting != null ? Rgb.Yellow : Status(wifi.IsUp, cycle.Running, now));
                Thread.Sleep(LoopMs);
            }
        }

        private static void RunWatcher(BluetoothLEAdvertisementWatcher watcher, ScanCycle cycle, long now)
        {
            ScanAction action = cycle.Next(now);
            if (action == ScanAction.None)
            {
                return;
            }

            try
            {
                if (action == ScanAction.Restart)
                {
                    watcher.Stop();
                    long deadline = Environment.TickCount64 + StopWaitMs;
                    while (watcher.Status != BluetoothLEAdvertisementWatcherStatus.Stopped && Environment.TickCount64 < deadline)
                    {
                        Thread.Sleep(1);
                    }

                    watcher.Start();
                    cycle.Restarted(now, Environment.TickCount64);
                }
                else
                {
                    watcher.Start();
                    cycle.Started(Environment.TickCount64);
                }
            }
            catch (Exception e)
            {
                Debug.WriteLine("beacons: watcher failed to start: " + e.Message);
                cycle.StartFailed(Environment.TickCount64);
            }
        }

        /// <summary>Sends every queued datagram; false when a send failed.</summary>
        private static bool SendQueued(Socket socket, IPEndPoint gateway, byte[] outgoing)
        {
            while (true)
            {
                int length;
                Monitor.Enter(Gate);
                try
                {
                    length = _relay.Take(outgoing, Environment.TickCount64);
                }
                finally
                {
                    Monitor.Exit(Gate);
                }

                if (length == 0)
                {
                    return true;
                }

                bool sent;
                try
                {
                    sent = socket.SendTo(outgoing, 0, length, SocketFlags.None, gateway) == length;
                }
                catch (Exception)
                {
                    sent = false;
                }

                Monitor.Enter(Gate);
                try
                {
                    _relay.Delivered(sent);
                }
                finally
                {
                    Monitor.Exit(Gate);
                }

                if (!sent)
                {
                    return false;
                }
            }
        }

        private static void Connect()
        {
            _connected = WifiLink.Connect(_ssid, _password);
        }

        private static void OnReceived(BluetoothLEAdvertisementWatcher sender, BluetoothLEAdvertisementReceivedEventArgs args)
        {
            int length = Sections.Write(args.Advertisement, Heard);
            if (length <= 0)
            {
                return;
            }

            Monitor.Enter(Gate);
            try
            {
                _relay.Hear(args.BluetoothAddress, args.RawSignalStrengthInDBm, Heard, 0, length, Environment.TickCount64);
            }
            finally
            {
                Monitor.Exit(Gate);
            }
        }

        // A short green wink every two seconds: scanning and connected. Yellow: no Wi-Fi. Red: no scanning.
        private static int Status(bool wifiUp, bool scanning, long now)
        {
            if (!scanning)
            {
                return Blink.Pattern(Rgb.Red, now, 0, 500, 1000);
            }

            return Blink.Pattern(wifiUp ? Rgb.Green : Rgb.Yellow, now, 0, 100, 2000);
        }
    }
}
