using nanoFramework.Device.Bluetooth;
using nanoFramework.Device.Bluetooth.Advertisement;

namespace Samples.MissingMember
{
    // nanoFramework's watcher has no Pause: the check must fail here.
    public static class Program
    {
        public static void Main()
        {
            BluetoothLEAdvertisementWatcher watcher = new BluetoothLEAdvertisementWatcher();
            watcher.Start();
            watcher.Pause();
        }
    }
}
