using Beacons.Placement;
using Beacons.Protocol;
using Beacons.Simulator.Network;
using Beacons.Venue;

namespace Beacons.Evaluation.Feed;

/// <summary>
/// Takes the virtual receivers' datagrams in-process and does what the gateway's front door does with
/// them: read and verify each datagram with its receiver's key, note the receiver as heard
/// (<see cref="BlindZones"/>), decode each advert, check the frame MAC and the exercise, and hand on the
/// reports. Nothing is trusted because it came from the simulator: anything that fails a check is
/// counted and dropped.
/// </summary>
public sealed class DecodingSink : IDatagramSink
{
    private readonly Exercise _exercise;
    private readonly MacKey _frameKey;
    private readonly Dictionary<int, (MacKey Key, byte Zone)> _receivers = new();
    private readonly Datagram _datagram = new();
    private readonly HeardReport _heard = new();
    private readonly Frame _frame = new();
    private readonly IBeacon _iBeacon = new();
    private readonly byte[] _buffer = new byte[DatagramLayout.MaxLength];
    private readonly Action<Report> _onReport;
    private readonly BlindZones _blindZones;

    public DecodingSink(Venue.Venue venue, Exercise exercise, BlindZones blindZones, Action<Report> onReport)
    {
        _blindZones = blindZones;
        _exercise = exercise;
        _frameKey = exercise.MacKey;
        _onReport = onReport;
        foreach (VenueReceiver r in venue.Receivers)
        {
            _receivers[r.Id] = (exercise.FindReceiver(r.Id)!.MacKey, (byte)r.Zone);
        }
    }

    public long Datagrams { get; private set; }

    public long Heartbeats { get; private set; }

    public long Reports { get; private set; }

    /// <summary>Datagrams or frames that failed a check (bad structure, MAC, exercise): always 0 for a healthy simulator.</summary>
    public long Rejected { get; private set; }

    /// <summary>Adverts that were not our frames (commercial iBeacon anchors).</summary>
    public long Foreign { get; private set; }

    public void Send(ReadOnlySpan<byte> datagram, int receiverId, long simMs)
    {
        datagram.CopyTo(_buffer);
        Datagrams++;
        if (DatagramReader.Read(_buffer, datagram.Length, _datagram) != DatagramStatus.Ok
            || !_receivers.TryGetValue(_datagram.ReceiverId, out var receiver)
            || !DatagramReader.Verify(receiver.Key, _buffer, _datagram)
            || _datagram.ExerciseId != _exercise.WireId)
        {
            Rejected++;
            return;
        }

        _blindZones.Heard(_datagram.ReceiverId, simMs);
        if (_datagram.Kind == DatagramKind.Heartbeat)
        {
            Heartbeats++;
            return;
        }

        int position = _datagram.ReportsOffset;
        for (int i = 0; i < _datagram.ReportCount; i++)
        {
            DatagramReader.NextReport(_buffer, ref position, _heard);
            DecodeStatus status = AdvertDecoder.Decode(_buffer, _heard.AdvertOffset, _heard.AdvertLength, _exercise.CompanyId, _frame, _iBeacon);
            if (status == DecodeStatus.IBeacon || status == DecodeStatus.Foreign)
            {
                Foreign++;
                continue;
            }

            if (status != DecodeStatus.Ours || _frame.ExerciseId != _exercise.WireId || !FrameMac.Verify(_frameKey, _buffer, _frame))
            {
                Rejected++;
                continue;
            }

            Reports++;
            _onReport(new Report(_datagram.ReceiverId, receiver.Zone, _frame.DeviceId, _frame.Kind, _heard.Rssi,
                simMs - _heard.AgeMs, simMs, _frame.Counter, _frame.Tag.Colour, _frame.Tag.Committed));
        }
    }
}
