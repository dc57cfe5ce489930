using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Beacons.Receiver.App")]
[assembly: AssemblyDescription("The receiver: hears badges and tags over BLE, relays them to the gateway over Wi-Fi/UDP")]
[assembly: AssemblyProduct("Beacons")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
