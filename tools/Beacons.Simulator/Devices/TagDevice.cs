using Beacons.Badge;
using Beacons.Configuration;
using Beacons.Protocol;
using Beacons.Simulator.World;
using Beacons.Triage;
using Beacons.Power;

namespace Beacons.Simulator.Devices;

/// <summary>
/// A triage tag on a casualty, running the shared <see cref="TriageTag"/> state machine. A medic's
/// triage is a series of real button presses (taps to step through the colours, a hold to commit,
/// a double press first to unlock a committed tag), turned into gestures by a <see cref="ButtonFinger"/>
/// exactly as the button library would raise them; what ends up on the air is whatever the state
/// machine made of them.
/// </summary>
public sealed class TagDevice : SimDevice
{
    /// <summary>A gloved tap: down this long...</summary>
    public const int TapMs = 150;

    /// <summary>...and this long between one tap's release and the next tap.</summary>
    public const int TapGapMs = 400;

    /// <summary>The committing hold, comfortably past the hold time.</summary>
    public const int HoldMs = TagButtonTimings.HoldMs + 500;

    private readonly Track _track;
    private readonly TriageTag _tag;
    private readonly RefreshRule _refresh;
    private readonly ButtonFinger _finger = new(TagButtonTimings.HoldMs, TagButtonTimings.DoublePressMs, doublePressEnabled: true);
    private readonly Frame _frame = new();
    private readonly double _startMv;

    public TagDevice(int index, ushort tag, Track track, DeviceContext context)
        : base(index, tag, FrameKind.Tag, context.Radio.WearableRssiAt1m, worn: false, context)
    {
        _track = track;
        _tag = new TriageTag(new TriageTagSettings(), DeviceMs(0));
        _refresh = new RefreshRule(ConfigurationKeys.DefaultTagAdvertRefreshMs, RefreshRule.DefaultMinGapMs);
        _startMv = Random.Uniform(3950, 4150);
    }

    /// <summary>The state machine itself, for ground truth: what the tag really is.</summary>
    public TriageTag State => _tag;

    public override Spot? Where(double seconds) => _track.At(seconds);

    /// <summary>
    /// A medic sets <paramref name="colour"/> starting at <paramref name="simMs"/>; returns when the presses
    /// end (simulation ms). The presses depend on what the tag shows now, as a medic looking at its LED would.
    /// </summary>
    public long Triage(TriageColour colour, long simMs)
    {
        long t = Math.Max(DeviceMs(simMs), _finger.FreeAtMs + 1000);
        TriageColour shown;
        switch (_tag.Mode)
        {
            case TagMode.Committed:
                if (_tag.Committed == colour)
                {
                    return simMs;
                }

                // Unlock with a double press; the tag then shows the committed colour again.
                t = Tap(t);
                t = Tap(t);
                shown = _tag.Committed;
                break;
            case TagMode.Untagged:
                // The first tap shows green.
                t = Tap(t);
                shown = TriageColour.Green;
                break;
            default:
                shown = _tag.Pending;
                break;
        }

        for (int i = 0; i < 4 && shown != colour; i++)
        {
            t = Tap(t);
            shown = TriageTag.Next(shown);
        }

        _finger.Press(t, HoldMs);
        return t + HoldMs - BootOffsetMs;
    }

    public override void Update(long simMs)
    {
        long now = DeviceMs(simMs);
        while (_finger.TryTake(now, out Indicator.Gesture gesture, out long atMs))
        {
            _tag.Handle(gesture, atMs);
        }

        _tag.Tick(now);
        if (_tag.TakePayloadChange())
        {
            _refresh.Changed();
        }

        if (_refresh.Due(now))
        {
            _tag.FillBody(_frame.Tag, Battery.PercentFromMillivolts((int)(_startMv - (40.0 * now / 3_600_000))), now);
            Publish(_frame, simMs);
            _refresh.Published(now);
        }
    }

    private long Tap(long t)
    {
        _finger.Press(t, TapMs);
        return t + TapMs + TapGapMs;
    }
}
