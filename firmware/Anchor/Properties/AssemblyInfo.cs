using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Beacons.Anchor.App")]
[assembly: AssemblyDescription("The zone anchor: advertises its zone and calibrated RSSI at one metre")]
[assembly: AssemblyProduct("Beacons")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
