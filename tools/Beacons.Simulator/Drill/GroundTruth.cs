using System.Globalization;
using System.Text;
using Beacons.Protocol;
using Beacons.Triage;
using Beacons.Venue;

namespace Beacons.Simulator.Drill;

/// <summary>
/// Where one badge or tag really was at one second of the drill, and what it really was: the truth the
/// gateway's picture is measured against. <see cref="Zone"/> is 0 when it stood in no zone (or was off
/// site); <see cref="Colour"/> is a tag's committed colour as its state machine holds it.
/// </summary>
public readonly record struct TruthSample(
    double Seconds,
    ushort Device,
    FrameKind Kind,
    bool Present,
    int Floor,
    double X,
    double Y,
    int Zone,
    TriageColour Colour,
    TagMode Mode,
    bool Emergency,
    byte AirZone);

/// <summary>Something that happened in the drill (an action carried out, a device's state changing), for the record.</summary>
public sealed record TruthEvent(double Seconds, string Kind, int? Device, string Text);

/// <summary>
/// The drill's ground truth: one sample per badge and tag per second, and the events. Kept in memory for
/// the evaluation and the tests, and written as JSON lines when a writer is given (one object per line:
/// samples have "t", "device", "kind", ...; events have "t", "event", ...).
/// </summary>
public sealed class GroundTruth
{
    private readonly List<TruthSample> _samples = new();
    private readonly List<TruthEvent> _events = new();
    private readonly TextWriter? _writer;
    private readonly bool _keep;
    private readonly StringBuilder _line = new();

    /// <param name="keep">False: nothing is kept in memory (a drill that runs for hours), only written.</param>
    public GroundTruth(TextWriter? writer, bool keep = true)
    {
        _writer = writer;
        _keep = keep;
    }

    public IReadOnlyList<TruthSample> Samples => _samples;

    public IReadOnlyList<TruthEvent> Events => _events;

    public void Add(TruthSample s)
    {
        if (_keep)
        {
            _samples.Add(s);
        }

        if (_writer == null)
        {
            return;
        }

        _line.Clear();
        _line.Append("{\"t\":").Append(Number(s.Seconds))
            .Append(",\"device\":").Append(s.Device)
            .Append(",\"kind\":\"").Append(s.Kind == FrameKind.Badge ? "badge" : "tag").Append('"')
            .Append(",\"present\":").Append(s.Present ? "true" : "false")
            .Append(",\"floor\":").Append(s.Floor)
            .Append(",\"x\":").Append(Number(Math.Round(s.X, 2)))
            .Append(",\"y\":").Append(Number(Math.Round(s.Y, 2)))
            .Append(",\"zone\":").Append(s.Zone);
        if (s.Kind == FrameKind.Tag)
        {
            _line.Append(",\"colour\":\"").Append(WireNames.Of(s.Colour)).Append('"')
                .Append(",\"mode\":\"").Append(s.Mode.ToString().ToLowerInvariant()).Append('"');
        }
        else
        {
            _line.Append(",\"emergency\":").Append(s.Emergency ? "true" : "false")
                .Append(",\"airZone\":").Append(s.AirZone);
        }

        _writer.WriteLine(_line.Append('}').ToString());
    }

    public void Add(TruthEvent e)
    {
        if (_keep)
        {
            _events.Add(e);
        }

        if (_writer == null)
        {
            return;
        }

        _line.Clear();
        _line.Append("{\"t\":").Append(Number(e.Seconds)).Append(",\"event\":\"").Append(e.Kind).Append('"');
        if (e.Device != null)
        {
            _line.Append(",\"device\":").Append(e.Device.Value);
        }

        _line.Append(",\"text\":\"").Append(System.Text.Json.JsonEncodedText.Encode(e.Text)).Append("\"}");
        _writer.WriteLine(_line.ToString());
    }

    public void Flush() => _writer?.Flush();

    private static string Number(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
