namespace Beacons.Gateway.Ingest;

/// <summary>
/// The gateway's time. Every duration, staleness limit and alert timer is measured on a steady (monotonic)
/// clock, so a laptop whose clock is set back or forward neither freezes nor floods them. Event times are
/// labels: the wall clock when the gateway started (or the record's last event time, if later, so a clock
/// set back before a restart cannot put events before earlier ones), moved on by the steady clock. When the
/// wall clock leaves that line by more than <see cref="JumpToleranceMs"/>, the jump is recorded as an event
/// (clock-jumped), and the labels keep following the steady clock.
/// </summary>
public sealed class SteadyClock
{
    /// <summary>Less than this is the wall clock's ordinary correction (NTP slews by milliseconds), not a jump.</summary>
    public const long JumpToleranceMs = 2_000;

    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly long _startMs;
    private long _recordedOffsetMs;

    public SteadyClock(TimeProvider time, long notBeforeMs)
    {
        _time = time;
        _startTimestamp = time.GetTimestamp();
        long wall = Wall;
        _startMs = Math.Max(wall, notBeforeMs);
        _recordedOffsetMs = wall - _startMs;
    }

    /// <summary>Milliseconds since 1970 on the steady line: never goes back, never jumps.</summary>
    public long Now => _startMs + (long)_time.GetElapsedTime(_startTimestamp).TotalMilliseconds;

    private long Wall => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>How far the wall clock jumped since the last jump was taken (positive: forward); null when it did not.</summary>
    public long? TakeJump()
    {
        long offset = Wall - Now;
        if (Math.Abs(offset - _recordedOffsetMs) < JumpToleranceMs)
        {
            return null;
        }

        long jump = offset - _recordedOffsetMs;
        _recordedOffsetMs = offset;
        return jump;
    }
}
