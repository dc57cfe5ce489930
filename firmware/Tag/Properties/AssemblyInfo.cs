using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Beacons.Tag.App")]
[assembly: AssemblyDescription("The triage tag: the medic sets the START colour with one button")]
[assembly: AssemblyProduct("Beacons")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
