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
        long? first = null;
        long? last = null;
        long nextTick = 0;
        while (reader.Next() is BtsnoopRecord record)
        {
            counters.Add(Counter.BtsnoopRecords);
            long at = record.AtMs;
            if (first == null)
            {
                first = at;
                nextTick = at + 1000;
                pipeline.Open(at);
            }

            if (at - nextTick > 10_000)
            {
                // A long gap (or a corrupt timestamp): one tick covers it, not one per second of it.
                pipeline.Tick(at);
                nextTick = at + 1000;
            }

            while (at >= nextTick)
            {
                pipeline.Tick(nextTick);
                nextTick += 1000;
            }

            last = at;
            byte[]? hciEvent = Btsnoop.EventOf(record, reader.Datalink);
            if (hciEvent == null)
            {
                continue;
            }

            counters.Add(Counter.HciPackets);
            adverts.Clear();
            switch (HciEvents.Parse(hciEvent, adverts))
            {
                case HciParse.Adverts:
                    foreach (HciAdvert advert in adverts)
                    {
                        pipeline.Advert(advert.Data, 0, advert.Data.Length, receiverId, advert.Rssi, at);
                    }

                    break;
                case HciParse.Ignored:
                    counters.Add(Counter.HciIgnored);
                    break;
                default:
                    counters.Add(Counter.HciMalformed);
                    break;
            }

            pipeline.Settle(at);
        }

        if (reader.Malformed)
        {
            counters.Add(Counter.BtsnoopMalformed);
        }

        if (last != null)
        {
            pipeline.Tick(last.Value);
        }

        return (first, last);
    }
}
