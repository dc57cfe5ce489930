using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Beacons.Badge.App")]
[assembly: AssemblyDescription("The officer's badge: ID, role, zone, emergency flag and battery on the air")]
[assembly: AssemblyProduct("Beacons")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
