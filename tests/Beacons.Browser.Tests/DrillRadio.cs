using System.Net;
using System.Net.Sockets;
using Beacons.Gateway.Tests;
using Beacons.Protocol;

namespace Beacons.Browser.Tests;

/// <summary>
/// The air around a scripted drill: each call is what a badge or tag says, heard by a receiver and sent to the
/// gateway as a real authenticated UDP datagram (the exercise's frame key, the receiver's datagram key).
/// Counters and sequence numbers only rise, across gateway restarts too, as real devices' do.
/// </summary>
public sealed class DrillRadio : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IPEndPoint _gateway;
    private readonly Air _air = new();
    private readonly Dictionary<int, uint> _counters = new();
    private readonly Dictionary<int, uint> _sequences = new();

    public DrillRadio(int udpPort)
    {
        _gateway = new IPEndPoint(IPAddress.Loopback, udpPort);
    }

    /// <summary>An officer's badge placing itself in <paramref name="zone"/> (from zone anchors), heard by <paramref name="receiver"/>.</summary>
    public void Badge(int badge, byte zone, bool emergency = false, byte battery = 80, int receiver = 1, OfficerRole role = OfficerRole.Contact) =>
        Send(receiver, _air.Badge(badge, Next(badge), zone, emergency, battery, role));

    /// <summary>A triage tag in <paramref name="zone"/> showing <paramref name="colour"/>.</summary>
    public void Tag(int tag, TriageColour colour, bool committed, byte changes, byte zone, int receiver = 1) =>
        Send(receiver, _air.Tag(tag, Next(tag), colour, committed, changes, 0, zone));

    /// <summary>A zone anchor of <paramref name="zone"/>, heard by <paramref name="receiver"/>.</summary>
    public void Anchor(int anchor, byte zone, int receiver = 1) => Send(receiver, _air.Anchor(anchor, Next(anchor), zone));

    public void Heartbeat(int receiver)
    {
        byte[] datagram = Air.Heartbeat(receiver, NextSequence(receiver));
        _udp.Send(datagram, datagram.Length, _gateway);
    }

    public void Dispose() => _udp.Dispose();

    private void Send(int receiver, byte[] advert)
    {
        byte[] datagram = Air.Datagram(receiver, NextSequence(receiver), (advert, -60));
        _udp.Send(datagram, datagram.Length, _gateway);
    }

    private uint Next(int device) => _counters[device] = _counters.GetValueOrDefault(device, 100u) + 1;

    private uint NextSequence(int receiver) => _sequences[receiver] = _sequences.GetValueOrDefault(receiver) + 1;
}
