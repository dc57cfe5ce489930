using Beacons.Badge;
using Beacons.Configuration;
using Beacons.Protocol;
using Beacons.Simulator.World;
using Beacons.Venue;

namespace Beacons.Simulator.Devices;

/// <summary>
/// A fixed zone anchor from the venue file: one of our anchor frames (refreshed like the real anchor,
/// every 10 s), or an Apple iBeacon when the venue says it is a commercial one.
/// </summary>
public sealed class AnchorDevice : SimDevice
{
    private readonly VenueAnchor _anchor;
    private readonly Spot _spot;
    private readonly RefreshRule _refresh = new(ConfigurationKeys.DefaultAnchorAdvertRefreshMs, RefreshRule.DefaultMinGapMs);
    private readonly Frame _frame = new();

    public AnchorDevice(int index, VenueAnchor anchor, DeviceContext context)
        : base(index, (ushort)anchor.Id, FrameKind.Anchor, anchor.RssiAt1m, worn: false, context)
    {
        _anchor = anchor;
        _spot = new Spot(anchor.Floor, anchor.Position, 0);
    }

    public override Spot? Where(double seconds) => _spot;

    public override void Update(long simMs)
    {
        long now = DeviceMs(simMs);
        if (!_refresh.Due(now))
        {
            return;
        }

        if (_anchor.IBeacon is IBeaconIdentity id)
        {
            PublishRaw(IBeaconAdvert(id, (sbyte)_anchor.RssiAt1m), 30, simMs);
        }
        else
        {
            _frame.Anchor.Zone = (byte)_anchor.Zone;
            _frame.Anchor.RssiAt1m = (sbyte)_anchor.RssiAt1m;
            Publish(_frame, simMs);
        }

        _refresh.Published(now);
    }

    /// <summary>Flags, then Apple's manufacturer data: 4C 00 02 15, UUID, major and minor big-endian, measured power.</summary>
    public static byte[] IBeaconAdvert(IBeaconIdentity id, sbyte measuredPower)
    {
        var b = new byte[30];
        b[0] = 2;
        b[1] = FrameLayout.AdTypeFlags;
        b[2] = FrameLayout.FlagsValue;
        b[3] = 26;
        b[4] = FrameLayout.AdTypeManufacturerData;
        b[5] = 0x4C;
        b[6] = 0x00;
        b[7] = 0x02;
        b[8] = 0x15;
        id.Uuid.Span.CopyTo(b.AsSpan(9, 16));
        b[25] = (byte)(id.Major >> 8);
        b[26] = (byte)id.Major;
        b[27] = (byte)(id.Minor >> 8);
        b[28] = (byte)id.Minor;
        b[29] = (byte)measuredPower;
        return b;
    }
}
