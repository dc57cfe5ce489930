namespace Beacons.Gateway.Ingest;

/// <summary>Everything the gateway counts: what arrived on each source, and every reason it rejected something.</summary>
public enum Counter
{
    // Receiver datagrams over UDP.
    UdpDatagrams,
    UdpTooShort,
    UdpTooLong,
    UdpUnsupportedVersion,
    UdpUnknownKind,
    UdpBadReports,
    UdpBadLength,
    UdpOtherExercise,
    UdpUnknownReceiver,
    UdpBadMac,
    UdpReplayed,
    UdpTooOld,
    UdpOverload,
    UdpKernelDrops,
    UdpHeartbeats,

    // Adverts, from any source.
    Adverts,
    AdvertEmpty,
    AdvertOversized,
    AdvertTruncated,
    AdvertUnsupportedVersion,
    AdvertUnknownKind,
    AdvertBadLength,
    AdvertBadField,
    AdvertForeign,
    IBeaconUnknown,
    IBeaconAnchor,
    FrameOtherExercise,
    FrameBadMac,
    FrameCounterWentBack,
    FrameSameCounterOtherMac,
    FrameStaleRepeat,
    FrameUnknownZone,
    FrameUnknownAnchor,
    FrameFresh,
    FrameCopy,

    // The local Bluetooth adapter and capture files.
    HciPackets,
    HciMalformed,
    HciIgnored,
    BtsnoopRecords,
    BtsnoopMalformed,

    // The HTTP API.
    ApiUnauthorized,
    ApiForeign,
    ApiMalformed,
    ApiOversized,
    ApiRejected,
    ApiNotFound,
    ApiFailed,
}

/// <summary>
/// Thread-safe counters. Sources count on their own threads and the API reads them at any time,
/// so they are plain longs updated with Interlocked.
/// </summary>
public sealed class IngestCounters
{
    private static readonly Counter[] All = Enum.GetValues<Counter>();
    private static readonly string[] Names = All.Select(Name).ToArray();
    private readonly long[] _values = new long[All.Length];

    public void Add(Counter counter, long n = 1) => Interlocked.Add(ref _values[(int)counter], n);

    public long this[Counter counter] => Interlocked.Read(ref _values[(int)counter]);

    /// <summary>Every counter by its API name ("udp-bad-mac", ...), in declaration order.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var result = new Dictionary<string, long>(All.Length);
        for (int i = 0; i < All.Length; i++)
        {
            result[Names[i]] = Interlocked.Read(ref _values[i]);
        }

        return result;
    }

    /// <summary>The total of every rejection counter: input that was refused, for whatever reason.</summary>
    public long Rejected => All.Where(IsRejection).Sum(c => this[c]);

    public static bool IsRejection(Counter c) => c is not (Counter.UdpDatagrams or Counter.UdpHeartbeats or Counter.Adverts
        or Counter.IBeaconAnchor or Counter.FrameFresh or Counter.FrameCopy or Counter.HciPackets or Counter.BtsnoopRecords or Counter.AdvertForeign);

    /// <summary>UdpBadMac becomes "udp-bad-mac".</summary>
    public static string Name(Counter c)
    {
        string text = c.ToString();
        var chars = new System.Text.StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsUpper(text[i]) && i > 0 && !(char.IsUpper(text[i - 1]) && (i + 1 == text.Length || char.IsUpper(text[i + 1]))))
            {
                chars.Append('-');
            }

            chars.Append(char.ToLowerInvariant(text[i]));
        }

        return chars.ToString();
    }
}
