using System.Text;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Benchmarks;

/// <summary>
/// Synthetic receiver traffic for the gateway's speed figures: a venue of zones with receivers, badges and
/// tags that move between zones and change colour, each new payload heard by several receivers as real
/// authenticated datagrams. Deterministic for a seed. Used by the pipeline benchmark and tools/Beacons.LoadTest.
/// </summary>
public sealed class GatewayTraffic
{
    public const string ExerciseKey = "000102030405060708090a0b0c0d0e0f";

    private readonly Beacons.Venue.Venue _venue;
    private readonly int _badges;
    private readonly int _tags;
    private readonly int _zones;
    private readonly int _receiversPerZone;
    private readonly MacKey _frameKey;
    private readonly MacKey[] _receiverKeys;
    private readonly uint[] _sequences;
    private readonly Random _random;
    private readonly Frame _frame = new();
    private readonly byte[] _advert = new byte[FrameLayout.MaxAdvertisingData];
    private readonly List<(ulong Address, sbyte Rssi, byte[] Advert)>[] _heard;

    public GatewayTraffic(Beacons.Venue.Venue venue, Exercise exercise, int seed)
    {
        _venue = venue;
        _badges = exercise.Officers.Count;
        _tags = exercise.Tags.Count;
        _zones = venue.Zones.Count;
        _receiversPerZone = venue.Receivers.Count / _zones;
        _frameKey = exercise.MacKey;
        _receiverKeys = new MacKey[venue.Receivers.Count + 1];
        foreach (ExerciseReceiver r in exercise.Receivers)
        {
            _receiverKeys[r.Id] = r.MacKey;
        }

        _sequences = new uint[venue.Receivers.Count + 1];
        _random = new Random(seed);
        _heard = Enumerable.Range(0, venue.Receivers.Count + 1).Select(_ => new List<(ulong, sbyte, byte[])>()).ToArray();
    }

    public int Devices => _badges + _tags;

    /// <summary>A venue of <paramref name="zones"/> zones in a row, <paramref name="receivers"/> receivers spread over them, and an exercise with that many badges and tags.</summary>
    public static (Beacons.Venue.Venue Venue, Exercise Exercise) Drill(int zones, int receivers, int badges, int tags)
    {
        (string venueJson, string exerciseJson) = DrillFiles(zones, receivers, badges, tags);
        Beacons.Venue.Venue v = VenueFile.Parse(venueJson, "synthetic-venue.json");
        return (v, ExerciseFile.Parse(exerciseJson, "synthetic-exercise.json", v));
    }

    /// <summary>The same drill as venue and exercise file texts, for a gateway started as a program.</summary>
    public static (string Venue, string Exercise) DrillFiles(int zones, int receivers, int badges, int tags)
    {
        var venue = new StringBuilder();
        venue.Append("{\"name\":\"Synthetic venue\",\"floors\":[{\"id\":0,\"name\":\"Ground\",\"width\":").Append(zones * 10).Append(",\"height\":20}],\"zones\":[");
        for (int z = 1; z <= zones; z++)
        {
            int x = (z - 1) * 10;
            venue.Append(z > 1 ? "," : "").Append($"{{\"id\":{z},\"name\":\"Zone {z}\",\"floor\":0,\"outline\":[[{x},0],[{x + 10},0],[{x + 10},20],[{x},20]],\"status\":\"{(z % 3 == 0 ? "cold" : "warm")}\",\"ccp\":{(z == zones ? "true" : "false")}}}");
        }

        venue.Append("],\"receivers\":[");
        var exercise = new StringBuilder();
        exercise.Append($"{{\"exerciseId\":42,\"name\":\"Synthetic drill\",\"key\":\"{ExerciseKey}\",\"receivers\":[");
        for (int r = 1; r <= receivers; r++)
        {
            int zone = ((r - 1) % zones) + 1;
            venue.Append(r > 1 ? "," : "").Append($"{{\"id\":{r},\"zone\":{zone},\"position\":[{((zone - 1) * 10) + 5},{(r % 20) + 0.5}]}}");
            exercise.Append(r > 1 ? "," : "").Append($"{{\"id\":{r},\"key\":\"{ReceiverKey(r)}\"}}");
        }

        venue.Append("]}");
        exercise.Append("],\"officers\":[");
        string[] roles = ["contact", "rtf-officer", "command", "evaluator", "contact"];
        for (int b = 1; b <= badges; b++)
        {
            exercise.Append(b > 1 ? "," : "").Append($"{{\"badge\":{b},\"name\":\"Officer {b}\",\"role\":\"{roles[b % roles.Length]}\"}}");
        }

        exercise.Append("],\"tags\":[");
        for (int t = 1; t <= tags; t++)
        {
            exercise.Append(t > 1 ? "," : "").Append($"{{\"tag\":{10_000 + t}}}");
        }

        exercise.Append("]}");
        return (venue.ToString(), exercise.ToString());
    }

    public static string ReceiverKey(int id) => "1011121314151617" + id.ToString("x16");

    /// <summary>
    /// The datagrams receivers send during simulated second <paramref name="second"/>: every device publishes
    /// a new payload, heard by its zone's receivers (strong) and one neighbour's (weak). Devices move to the next
    /// zone every 60 to 120 s; tags change colour now and then; one badge in 50 has a low battery.
    /// </summary>
    public List<byte[]> Second(int second)
    {
        foreach (List<(ulong, sbyte, byte[])> h in _heard)
        {
            h.Clear();
        }

        for (int d = 0; d < Devices; d++)
        {
            bool badge = d < _badges;
            int id = badge ? d + 1 : 10_000 + (d - _badges) + 1;
            int zone = ((d + (second / (60 + (d % 61)))) % _zones) + 1;
            _frame.ExerciseId = 42;
            _frame.DeviceId = (ushort)id;
            _frame.Counter = (uint)second + 1;
            if (badge)
            {
                _frame.Kind = FrameKind.Badge;
                _frame.Badge.Role = OfficerRole.Contact;
                _frame.Badge.Zone = Zone.None;
                _frame.Badge.Emergency = false;
                _frame.Badge.BatteryPercent = (byte)(d % 50 == 0 ? 15 : 80);
            }
            else
            {
                _frame.Kind = FrameKind.Tag;
                _frame.Tag.Colour = (TriageColour)(((second / 90) + d) % 5);
                _frame.Tag.Committed = true;
                _frame.Tag.Changes = (byte)(second / 90);
                _frame.Tag.SecondsSinceChange = (ushort)(second % 90);
                _frame.Tag.Zone = Zone.None;
                _frame.Tag.BatteryPercent = 90;
            }

            int length = FrameWriter.WriteAdvertisement(_frame, FrameLayout.DefaultCompanyId, _frameKey, _advert, 0);
            byte[] advert = _advert[..length];
            ulong address = 0xC0FFEE000000UL + (ulong)d;
            for (int k = 0; k < _receiversPerZone && k < 3; k++)
            {
                // Three of the zone's receivers, a different three per device, so every receiver carries traffic.
                int receiver = zone + (((d + k) % _receiversPerZone) * _zones);
                _heard[receiver].Add((address, (sbyte)_random.Next(-75, -55), advert));
            }

            int neighbour = (zone % _zones) + 1;
            _heard[neighbour].Add((address, (sbyte)_random.Next(-95, -82), advert));
        }

        var datagrams = new List<byte[]>();
        var writer = new DatagramWriter();
        for (int r = 1; r < _heard.Length; r++)
        {
            if (_heard[r].Count == 0)
            {
                continue;
            }

            writer.BeginReports(42, (ushort)r, ++_sequences[r], (uint)second * 1000);
            foreach ((ulong address, sbyte rssi, byte[] advert) in _heard[r])
            {
                if (!writer.TryAdd(address, rssi, _random.Next(0, 900), advert, 0, advert.Length))
                {
                    datagrams.Add(writer.Buffer[..writer.Finish(_receiverKeys[r])]);
                    writer.BeginReports(42, (ushort)r, ++_sequences[r], (uint)second * 1000);
                    writer.TryAdd(address, rssi, 0, advert, 0, advert.Length);
                }
            }

            datagrams.Add(writer.Buffer[..writer.Finish(_receiverKeys[r])]);
        }

        return datagrams;
    }

    /// <summary>A heartbeat of every receiver, as they send one every few seconds.</summary>
    public List<byte[]> Heartbeats(int second)
    {
        var writer = new DatagramWriter();
        var datagrams = new List<byte[]>();
        for (int r = 1; r < _heard.Length; r++)
        {
            if (_heard[r].Count == 0)
            {
                continue; // a receiver this traffic does not use (a harness may send from it)
            }

            int length = writer.WriteHeartbeat(42, (ushort)r, ++_sequences[r], (uint)second * 1000, (uint)second * 40, (uint)second * 40, 0, 0, -60, _receiverKeys[r]);
            datagrams.Add(writer.Buffer[..length]);
        }

        return datagrams;
    }

    /// <summary>Reports carried by a set of datagrams (their count bytes).</summary>
    public static long Reports(IEnumerable<byte[]> datagrams) =>
        datagrams.Sum(d => (d[0] & 0x0F) == (int)DatagramKind.Reports ? d[DatagramLayout.ReportCount] : 0);
}
