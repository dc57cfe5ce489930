using System.Device.Gpio;

namespace Samples.UnnamedReference
{
    // System.Device.Gpio is among the reference assemblies but the project does not name it: no implicit references.
    public static class Library
    {
        public static GpioController Open() => new GpioController();
    }
}
