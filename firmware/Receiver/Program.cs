using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using Beacons.Configuration;
using Beacons.Devices;
using Beacons.Protocol;
using Beacons.Receiver;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Beacons.ReceiverApp
{
    /// <summary>
    /// The receiver: hears badges and tags over BLE and relays them to the gateway over Wi-Fi/UDP.
    /// Hardware in, shared logic out: the watcher, the radio, the socket and the LED live here; when to
    /// restart the scan, what goes in a datagram, when to retry Wi-Fi, when to open the socket and what
    /// the LED shows are in Beacons.Receiver, tested on the host. docs/receiver.md describes the behaviour.
    /// </summary>
    public static class Program
    {
        private const int LoopMs = 20;
        private const int LinkCheckMs = 1000;
        private const int FirstRetryMs = 1000;
        private const int MaxRetryMs = 60000;

        // The watcher's callback and the main loop both touch the relay; this serialises them.
        private static readonly object Gate = new object();
        private static readonly byte[] Heard = new byte[FrameLayout.MaxAdvertisingData];
        private static AdvertBytes _sections;
        private static AdvertRelay _relay;
        private static ScanCycle _cycle;
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
            _cycle = new ScanCycle(config.ScanFreshMs);
            _sections = new AdvertBytes(config.CompanyId);
            ReconnectBackoff wifi = new ReconnectBackoff(FirstRetryMs, MaxRetryMs, config.DeviceId);
            RelayLink link = new RelayLink();
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

                // The firmware may have joined the network on its own (stored credentials): the check,
                // not the connect thread, says whether the link is up, and the socket follows it.
                if (now >= nextLinkCheckMs && connecting == null)
                {
                    nextLinkCheckMs = now + LinkCheckMs;
                    bool up = WifiLink.IsUp();
                    link.LinkChecked(up);
                    if (up)
                    {
                        wifi.Connected(now);
                    }
                    else
                    {
                        wifi.Lost(now);
                    }

                    socket = FollowLink(link, socket);
                }

                // An attempt blocks for up to 15 s: it runs on its own thread so the scan keeps going.
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
                    }
                    else
                    {
                        wifi.ConnectFailed(now);
                    }

                    nextLinkCheckMs = 0; // the check opens the socket
                }

                ScanSessions.Step(watcher, _cycle, Gate, now);

                bool scanning;
                Monitor.Enter(Gate);
                try
                {
                    _relay.Reconnects = (ushort)(wifi.Reconnects > 0xFFFF ? 0xFFFF : wifi.Reconnects);
                    _relay.Poll(now);
                    scanning = _cycle.Running;
                }
                finally
                {
                    Monitor.Exit(Gate);
                }

                if (link.CanSend && !SendQueued(socket, gateway, outgoing, link))
                {
                    nextLinkCheckMs = 0; // a failed send often means the link went: look now
                }

                led.Show(ReceiverLed.Show(scanning, connecting != null, link.Relaying, now));
                Thread.Sleep(LoopMs);
            }
        }

        /// <summary>Opens or closes the socket as the link decides; the socket that results.</summary>
        private static Socket FollowLink(RelayLink link, Socket socket)
        {
            SocketAction action = link.Next();
            if (action == SocketAction.Close)
            {
                try
                {
                    socket.Close();
                }
                catch (Exception e)
                {
                    Debug.WriteLine("beacons: socket close failed: " + e.Message);
                }

                link.SocketClosed();
                socket = null;
                action = link.Next(); // link still up after failed sends: open a new one at once
            }

            if (action == SocketAction.Open)
            {
                try
                {
                    socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    link.SocketOpened();
                }
                catch (Exception e)
                {
                    Debug.WriteLine("beacons: socket open failed: " + e.Message);
                    socket = null;
                }
            }

            return socket;
        }

        /// <summary>Sends every queued datagram; false when a send failed.</summary>
        private static bool SendQueued(Socket socket, IPEndPoint gateway, byte[] outgoing, RelayLink link)
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

                link.Sent(sent);
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
            int length = _sections.Write(args.Advertisement, Heard);
            if (length < 0)
            {
                return;
            }

            Monitor.Enter(Gate);
            try
            {
                long now = Environment.TickCount64;
                if (_relay.Hear(args.BluetoothAddress, args.RawSignalStrengthInDBm, Heard, 0, length, now))
                {
                    _cycle.Heard(now);
                }
            }
            finally
            {
                Monitor.Exit(Gate);
            }
        }
    }
}
