using System.Diagnostics;
using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;
using Samples.Shared;

namespace Samples.Clean
{
    // Uses only what nanoFramework.Device.Bluetooth has, plus the shared items: compiles with no error.
    public static class Program
    {
        public static void Main()
        {
            BluetoothLEAdvertisementWatcher watcher = new BluetoothLEAdvertisementWatcher();
            watcher.ScanningMode = BluetoothLEScanningMode.Active;
            watcher.Start();
            Debug.WriteLine(Greeting.Text());
            watcher.Stop();
        }
    }
}
