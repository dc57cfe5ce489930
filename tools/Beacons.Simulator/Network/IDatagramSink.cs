namespace Beacons.Simulator.Network;

/// <summary>
/// Where virtual receivers' datagrams go: a real UDP socket (<see cref="UdpDatagramSink"/>) for a running
/// gateway, or memory (<see cref="MemoryDatagramSink"/>, and the evaluation's in-process decoder) when the
/// drill runs without a network. Called on the simulation's thread, in simulation-time order.
/// </summary>
public interface IDatagramSink
{
    /// <param name="datagram">The datagram's bytes; only valid during the call.</param>
    /// <param name="receiverId">The receiver that sent it.</param>
    /// <param name="simMs">Simulation milliseconds since the drill started.</param>
    void Send(ReadOnlySpan<byte> datagram, int receiverId, long simMs);
}
