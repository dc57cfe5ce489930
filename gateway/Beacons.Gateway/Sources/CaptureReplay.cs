using Beacons.Gateway.Ingest;

namespace Beacons.Gateway.Sources;

/// <summary>
/// Feeds a btsnoop capture through the pipeline as if its adverts were being heard now, in capture time:
/// the same decoding, checks, zones and alerts as live, with the pipeline's clock ticking once a second of
/// capture. Corrupt records end the capture and are counted, never thrown.
/// </summary>
public static class CaptureReplay
{
    /// <param name="receiverId">The venue receiver the capturing adapter counts as (0: none, so nobody is placed by it).</param>
    /// <returns>The capture's first and last timestamps (Unix ms), or nulls when it has no records.</returns>
    public static (long? First, long? Last) Run(Stream capture, DrillPipeline pipeline, int receiverId)
    {
        var reader = new BtsnoopReader(capture);
        IngestCounters counters = pipeline.Counters;
        var adverts = new List<HciAdvert>();
        var clock = new ReplayClock(pipeline);
        while (reader.Next() is BtsnoopRecord record)
        {
            counters.Add(Counter.BtsnoopRecords);
            long at = record.AtMs;
            clock.Advance(at);
            byte[]? hciEvent = Btsnoop.EventOf(record, reader.Datalink);
            if (hciEvent != null)
            {
                HciEvent(pipeline, hciEvent, adverts, receiverId, at);
            }

            pipeline.Settle(at);
        }

        if (reader.Malformed)
        {
            counters.Add(Counter.BtsnoopMalformed);
        }

        clock.End();
        return (clock.First, clock.Last);
    }

    /// <summary>One HCI event as the adapter reported it: its adverts through the pipeline, anything else counted.</summary>
    public static void HciEvent(DrillPipeline pipeline, ReadOnlySpan<byte> hciEvent, List<HciAdvert> adverts, int receiverId, long atMs)
    {
        pipeline.Counters.Add(Counter.HciPackets);
        if (HciEvents.ParseCounted(hciEvent, adverts, pipeline.Counters))
        {
            foreach (HciAdvert advert in adverts)
            {
                pipeline.Advert(advert.Data, 0, advert.Data.Length, receiverId, advert.Rssi, atMs);
            }
        }
    }
}
