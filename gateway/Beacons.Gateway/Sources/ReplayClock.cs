using Beacons.Gateway.Ingest;

namespace Beacons.Gateway.Sources;

/// <summary>
/// Time in a replay (a capture, a record): the input's own timestamps. The pipeline opens at the first input and ticks
/// once a second of input time, as the gateway's timer ticks live.
/// </summary>
public sealed class ReplayClock(DrillPipeline pipeline)
{
    private long _nextTick;

    /// <summary>The first input's time (Unix ms), or null before any.</summary>
    public long? First { get; private set; }

    /// <summary>The last input's time, or null before any.</summary>
    public long? Last { get; private set; }

    /// <summary>Input at <paramref name="atMs"/> comes next: every tick before it first.</summary>
    public void Advance(long atMs)
    {
        if (First == null)
        {
            First = atMs;
            _nextTick = atMs + 1000;
            pipeline.Open(atMs);
        }

        if (atMs - _nextTick > 10_000)
        {
            // A long gap (or a corrupt timestamp): one tick covers it, not one per second of it.
            pipeline.Tick(atMs);
            _nextTick = atMs + 1000;
        }

        while (atMs >= _nextTick)
        {
            pipeline.Tick(_nextTick);
            _nextTick += 1000;
        }

        Last = atMs;
    }

    /// <summary>The input is over: one last tick at its last moment.</summary>
    public void End()
    {
        if (Last != null)
        {
            pipeline.Tick(Last.Value);
        }
    }
}
