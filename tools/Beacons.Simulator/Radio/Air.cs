using Beacons.Simulator.Devices;

namespace Beacons.Simulator.Radio;

/// <summary>
/// The shared 2.4 GHz air. Schedules every device's advertising events (its interval plus the random
/// advDelay), and for each event and each listener decides whether a copy arrives: the listener must be
/// scanning and on the channel of that copy for its whole airtime, the copy must be above sensitivity
/// after fading, no other advert may overlap it on the same channel unless this one is stronger by the
/// capture margin, the listener's Wi-Fi must not hold the radio, and the controller's duplicate filter
/// must not already have passed this address up in the session. All devices hop channels with the same
/// timing, so two events that overlap collide on every channel.
/// </summary>
public sealed class Air
{
    /// <summary>Fading rarely lifts a signal by more than this: links weaker than sensitivity by more are skipped unheard.</summary>
    private const double HeadroomDb = 12;

    private readonly RadioSettings _radio;
    private readonly Links _links;
    private readonly SimDevice[] _devices;
    private readonly Listener[] _listeners;
    private readonly SimRandom _random;
    private readonly List<Advert> _window = new();
    private List<Advert> _previous = new();
    private List<Advert> _current = new();
    private List<Advert> _next = new();

    public Air(RadioSettings radio, Links links, SimDevice[] devices, Listener[] listeners, SimRandom random)
    {
        _radio = radio;
        _links = links;
        _devices = devices;
        _listeners = listeners;
        _random = random;
    }

    /// <summary>Advertising events that went on the air.</summary>
    public long Events { get; private set; }

    /// <summary>Plans the events of [<paramref name="fromUs"/>, <paramref name="toUs"/>), one step ahead of delivery so overlaps across steps are seen.</summary>
    public void Schedule(long fromUs, long toUs)
    {
        _previous.Clear();
        (_previous, _current, _next) = (_current, _next, _previous);
        long delayMaxUs = (long)(_radio.AdvertDelayMaxMs * 1000);
        foreach (SimDevice device in _devices)
        {
            while (device.NextAdvertUs < toUs)
            {
                if (device.NextAdvertUs >= fromUs)
                {
                    _next.Add(new Advert(device.NextAdvertUs, device.Index));
                }

                device.NextAdvertUs += device.IntervalUs + (long)(_random.NextDouble() * delayMaxUs);
            }
        }

        _next.Sort();
    }

    /// <summary>Delivers the events planned for the step before the last <see cref="Schedule"/>.</summary>
    public void Deliver(double nowSeconds)
    {
        _window.Clear();
        _window.AddRange(_previous);
        int first = _window.Count;
        _window.AddRange(_current);
        int end = _window.Count;
        _window.AddRange(_next);

        for (int i = first; i < end; i++)
        {
            Advert advert = _window[i];
            SimDevice device = _devices[advert.Device];
            if (!device.Present || !device.Advertising(advert.StartUs))
            {
                continue;
            }

            Events++;
            var from = new LinkEnd(device.Spot, device.RssiAt1m, device.OffsetDb, device.Worn);
            foreach (Listener listener in _listeners)
            {
                if (listener.Owner == device)
                {
                    continue;
                }

                var to = new LinkEnd(listener.Spot, 0, listener.OffsetDb, false);
                double mean = _links.Mean(device.Index, listener.Index, from, to, nowSeconds, out bool los);
                if (mean + HeadroomDb < _radio.SensitivityDbm)
                {
                    continue;
                }

                listener.Advance(advert.StartUs);
                Receive(i, device, listener, mean, los, nowSeconds);
            }
        }
    }

    private void Receive(int index, SimDevice device, Listener listener, double mean, bool los, double nowSeconds)
    {
        long start = _window[index].StartUs;
        for (int channel = 0; channel < 3; channel++)
        {
            long at = start + (channel * (long)_radio.ChannelHopUs);
            if (!listener.Listening(at) || listener.ChannelAt(at) != channel || listener.ChannelAt(at + _radio.PduAirtimeUs) != channel)
            {
                continue;
            }

            double rssi = mean + Fading.SampleDb(listener.Random, los ? _radio.RicianKLineOfSight : _radio.RicianKObstructed);
            if (rssi < _radio.SensitivityDbm)
            {
                continue;
            }

            listener.Attempts++;
            if (Collides(index, listener, rssi, nowSeconds))
            {
                listener.Collisions++;
                continue;
            }

            if (listener.CoexistenceLoss > 0 && listener.Random.NextDouble() < listener.CoexistenceLoss)
            {
                continue;
            }

            if (!listener.FirstInSession(device.Address))
            {
                return;
            }

            listener.Passed++;
            listener.Deliver(device, (int)Math.Round(rssi), at);
            return;
        }
    }

    // Another event starting within one airtime of this one overlaps it on every channel.
    private bool Collides(int index, Listener listener, double rssi, double nowSeconds)
    {
        long start = _window[index].StartUs;
        int airtime = _radio.PduAirtimeUs;
        for (int j = index - 1; j >= 0 && _window[j].StartUs > start - airtime; j--)
        {
            if (Interferes(j, index, listener, rssi, nowSeconds))
            {
                return true;
            }
        }

        for (int j = index + 1; j < _window.Count && _window[j].StartUs < start + airtime; j++)
        {
            if (Interferes(j, index, listener, rssi, nowSeconds))
            {
                return true;
            }
        }

        return false;
    }

    private bool Interferes(int other, int index, Listener listener, double rssi, double nowSeconds)
    {
        Advert advert = _window[other];
        SimDevice device = _devices[advert.Device];
        if (advert.Device == _window[index].Device || listener.Owner == device || !device.Present || !device.Advertising(advert.StartUs))
        {
            return false;
        }

        var from = new LinkEnd(device.Spot, device.RssiAt1m, device.OffsetDb, device.Worn);
        var to = new LinkEnd(listener.Spot, 0, listener.OffsetDb, false);
        double mean = _links.Mean(device.Index, listener.Index, from, to, nowSeconds, out bool los);
        if (mean + HeadroomDb < rssi - _radio.CaptureDb)
        {
            return false;
        }

        double interferer = mean + Fading.SampleDb(listener.Random, los ? _radio.RicianKLineOfSight : _radio.RicianKObstructed);
        return rssi - interferer < _radio.CaptureDb;
    }

    private readonly record struct Advert(long StartUs, int Device) : IComparable<Advert>
    {
        public int CompareTo(Advert other) => StartUs != other.StartUs ? StartUs.CompareTo(other.StartUs) : Device.CompareTo(other.Device);
    }
}
