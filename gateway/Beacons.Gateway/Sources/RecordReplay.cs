using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;

namespace Beacons.Gateway.Sources;

/// <summary>
/// Feeds a drill record's raw input (kept with <c>--record-raw</c>: receiver datagrams, adapter packets) through the
/// pipeline in record time, as the gateway took it live. The calibration walks' offsets (its <c>receiver-offsets</c>
/// events) apply from the moment each was recorded, as they did live, so devices are placed as the controllers saw
/// them. Controller actions are not replayed: the outcome is what the radios said.
/// </summary>
public static class RecordReplay
{
    /// <param name="receiverId">The venue receiver the laptop's adapter counted as (0: none, so its packets place nobody).</param>
    /// <returns>How many raw inputs were fed, and their first and last timestamps (Unix ms; nulls when there were none).</returns>
    public static (long Inputs, long? First, long? Last) Run(EventStore record, DrillPipeline pipeline, int receiverId)
    {
        var offsets = new Queue<DrillEvent>(record.ReadAll().Where(e => e.Body is ReceiverOffsetsApplied));
        var clock = new ReplayClock(pipeline);
        var adverts = new List<HciAdvert>();
        long inputs = 0;
        foreach (RawInput input in record.ReadRaw())
        {
            inputs++;
            ApplyOffsetsDue(pipeline, clock, offsets, input.AtMs);
            clock.Advance(input.AtMs);
            if (input.Source == RawSource.Udp)
            {
                pipeline.Datagram(input.Bytes, input.Bytes.Length, input.AtMs);
            }
            else if (input.Bytes.Length > 1)
            {
                // As the adapter read it: the H4 packet type, then the HCI event.
                CaptureReplay.HciEvent(pipeline, input.Bytes.AsSpan(1), adverts, receiverId, input.AtMs);
            }

            pipeline.Settle(input.AtMs);
        }

        if (inputs > 0)
        {
            ApplyOffsetsDue(pipeline, clock, offsets, long.MaxValue);
            clock.End();
        }

        return (inputs, clock.First, clock.Last);
    }

    // Each walk's offsets from the moment the record says they were applied, in time order with the input (those from
    // before the first input, with it).
    private static void ApplyOffsetsDue(DrillPipeline pipeline, ReplayClock clock, Queue<DrillEvent> offsets, long beforeMs)
    {
        while (offsets.Count > 0 && offsets.Peek().AtMs <= beforeMs)
        {
            DrillEvent applied = offsets.Dequeue();
            long at = clock.Last is long last ? Math.Max(applied.AtMs, last) : beforeMs;
            clock.Advance(at);
            pipeline.ApplyReceiverOffsets((ReceiverOffsetsApplied)applied.Body, at);
        }
    }
}
