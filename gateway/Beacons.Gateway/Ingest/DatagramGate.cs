using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Ingest;

/// <summary>
/// The door for receiver datagrams: structure, exercise, the receiver's key and its sequence window.
/// Only a datagram that passes all of them reaches the device tracker; every other one is counted
/// and dropped. Also times each receiver: its last datagram (for receiver-silent) and the reports
/// it relayed since its last heartbeat (for the heartbeat's reports per second).
/// </summary>
public sealed class DatagramGate
{
    private readonly ushort _exerciseId;
    private readonly IngestCounters _counters;
    private readonly Dictionary<int, GateReceiver> _receivers = new();
    private readonly HashSet<int> _moved = new();

    // Reused for every datagram: the hot path allocates nothing.
    private readonly Datagram _datagram = new();

    /// <param name="roster">The record so far: each receiver's sequence window starts past its last recorded heartbeat.</param>
    /// <param name="watermarks">The record's watermarks: each window starts past the last sequence accepted before a restart.</param>
    public DatagramGate(Beacons.Venue.Venue venue, Exercise exercise, IngestCounters counters, DrillRoster roster, IEnumerable<Watermark> watermarks)
    {
        _exerciseId = exercise.WireId;
        _counters = counters;
        foreach (VenueReceiver placed in venue.Receivers)
        {
            ExerciseReceiver? keyed = exercise.FindReceiver(placed.Id);
            if (keyed != null)
            {
                _receivers[placed.Id] = new GateReceiver(placed.Id, (byte)placed.Zone, keyed.MacKey);
            }
        }

        foreach (ReceiverState r in roster.Receivers.Values.Where(r => r.LastHeartbeatMs != null))
        {
            if (_receivers.TryGetValue(r.Id, out GateReceiver? receiver))
            {
                receiver.Sequences.Seed((uint)r.Sequence);
                receiver.LastHeartbeatMs = r.LastHeartbeatMs;
            }
        }

        foreach (Watermark w in watermarks.Where(w => w.Of == WatermarkOf.ReceiverSequence))
        {
            if (_receivers.TryGetValue(w.Id, out GateReceiver? receiver))
            {
                receiver.Sequences.SeedAtLeast((uint)w.Value);
            }
        }
    }

    /// <summary>The highest sequence of each receiver that sent something since the last call, for the record.</summary>
    public void TakeWatermarks(List<Watermark> into)
    {
        foreach (int id in _moved)
        {
            into.Add(new Watermark(WatermarkOf.ReceiverSequence, id, _receivers[id].Sequences.Highest));
        }

        _moved.Clear();
    }

    /// <summary>A receiver of the venue that has a key in the exercise, or null.</summary>
    public GateReceiver? Receiver(int id) => _receivers.TryGetValue(id, out GateReceiver? r) ? r : null;

    /// <summary>
    /// The datagram if it is authentic and new, read into an object reused for the next call; null
    /// (and counted) otherwise. <paramref name="receiver"/> is the receiver that sent it.
    /// </summary>
    public Datagram? Admit(byte[] buffer, int length, long atMs, out GateReceiver? receiver)
    {
        receiver = null;
        _counters.Add(Counter.UdpDatagrams);
        DatagramStatus status = DatagramReader.Read(buffer, length, _datagram);
        if (status != DatagramStatus.Ok)
        {
            _counters.Add(status switch
            {
                DatagramStatus.TooShort or DatagramStatus.BadArguments => Counter.UdpTooShort,
                DatagramStatus.TooLong => Counter.UdpTooLong,
                DatagramStatus.UnsupportedVersion => Counter.UdpUnsupportedVersion,
                DatagramStatus.UnknownKind => Counter.UdpUnknownKind,
                DatagramStatus.BadReports => Counter.UdpBadReports,
                _ => Counter.UdpBadLength,
            });
            return null;
        }

        Datagram d = _datagram;
        if (d.ExerciseId != _exerciseId)
        {
            _counters.Add(Counter.UdpOtherExercise);
            return null;
        }

        if (!_receivers.TryGetValue(d.ReceiverId, out GateReceiver? sender))
        {
            _counters.Add(Counter.UdpUnknownReceiver);
            return null;
        }

        if (!DatagramReader.Verify(sender.Key, buffer, d))
        {
            _counters.Add(Counter.UdpBadMac);
            return null;
        }

        Counter? replay = sender.Sequences.Check(d.Sequence);
        if (replay != null)
        {
            _counters.Add(replay.Value);
            return null;
        }

        _moved.Add(sender.Id);
        sender.LastDatagramMs = atMs;
        if (d.Kind == DatagramKind.Heartbeat)
        {
            _counters.Add(Counter.UdpHeartbeats);
        }
        else
        {
            sender.ReportsSinceHeartbeat += d.ReportCount;
        }

        receiver = sender;
        return d;
    }

    /// <summary>The event an admitted heartbeat becomes, with the reports per second the receiver relayed since its last one.</summary>
    public ReceiverHeartbeat Heartbeat(GateReceiver receiver, Datagram d, long atMs)
    {
        double perSecond = receiver.LastHeartbeatMs is long last && atMs > last
            ? Math.Round(receiver.ReportsSinceHeartbeat * 1000.0 / (atMs - last), 1)
            : 0;
        var heartbeat = new ReceiverHeartbeat(receiver.Id, d.Sequence, d.UptimeMs, d.Heard, d.Sent, d.Dropped, d.Reconnects, d.WifiRssi, receiver.ReportsSinceHeartbeat, perSecond);
        receiver.LastHeartbeatMs = atMs;
        receiver.ReportsSinceHeartbeat = 0;
        return heartbeat;
    }

    /// <summary>When the receiver last sent an authentic datagram since the gateway started, or null.</summary>
    public long? LastDatagram(int receiverId) =>
        _receivers.TryGetValue(receiverId, out GateReceiver? r) && r.LastDatagramMs > 0 ? r.LastDatagramMs : null;
}

/// <summary>A receiver the gate knows: where the venue places it, its key, and what the gate has seen from it.</summary>
public sealed class GateReceiver(int id, byte zone, MacKey key)
{
    public readonly int Id = id;
    public readonly byte Zone = zone;
    public readonly MacKey Key = key;
    public readonly SequenceWindow Sequences = new();
    public long LastDatagramMs;
    public long? LastHeartbeatMs;
    public long ReportsSinceHeartbeat;
}
