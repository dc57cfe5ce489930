using System;
using System.Device.Wifi;
using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;

namespace Beacons.ReceiverApp
{
    /// <summary>The receiver's Wi-Fi: one connection attempt at a time, and whether the link has an address.</summary>
    internal static class WifiLink
    {
        /// <summary>How long one attempt may take (association and DHCP) before it counts as failed.</summary>
        public const int AttemptMs = 15000;

        /// <summary>
        /// One attempt, blocking up to <see cref="AttemptMs"/>. Reconnection is manual: the receiver's own
        /// backoff decides when to try again, so it can count reconnects and keep the radio for BLE. The
        /// helper still stores the credentials, and the firmware joins from them by itself at the next
        /// boot: <see cref="IsUp"/>, not this call, is what says the link is there.
        /// </summary>
        public static bool Connect(string ssid, string password)
        {
            try
            {
                CancellationTokenSource timeout = new CancellationTokenSource(AttemptMs);
                bool ok = WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Manual, false, 0, timeout.Token);
                if (!ok)
                {
                    Debug.WriteLine("beacons: Wi-Fi attempt failed: " + WifiNetworkHelper.Status.ToString());
                    WifiNetworkHelper.Reset();
                }

                return ok;
            }
            catch (Exception e)
            {
                Debug.WriteLine("beacons: Wi-Fi attempt failed: " + e.Message);
                return false;
            }
        }

        /// <summary>True when the Wi-Fi interface holds an IPv4 address.</summary>
        public static bool IsUp()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    string address = interfaces[i].IPv4Address;
                    return address != null && address.Length > 0 && address != "0.0.0.0";
                }
            }

            return false;
        }
    }
}
