using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Beacons.DeviceTests")]
[assembly: AssemblyDescription("On-device tests of the hardware-facing parts")]
[assembly: AssemblyProduct("Beacons")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
