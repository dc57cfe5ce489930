using Beacons.Protocol;

namespace Beacons.Simulator.Devices;

/// <summary>The simulator's stand-in for a device's flash: it survives a simulated reboot because the device object keeps it.</summary>
public sealed class MemoryCounterStore : ICounterStore
{
    private uint _value;

    public MemoryCounterStore(uint initial)
    {
        _value = initial;
    }

    public uint Load() => _value;

    public void Save(uint value) => _value = value;
}
