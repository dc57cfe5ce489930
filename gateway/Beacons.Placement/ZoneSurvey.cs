using Beacons.Placement.Scoring;

namespace Beacons.Placement;

/// <summary>
/// What a site survey (a calibration walk's trace and truth; on UCI the other cells' rows) says of each zone, in the
/// position fit's own step terms: per zone and receiver, the chance the receiver hears the device in a step, and the
/// level it hears it at (mean and variance of the step's mean reading). Only steps in which some receiver heard the
/// device count, so a UCI row, whose readings share one time, is one step however long it is held. The fit takes it
/// as extra evidence with <see cref="PositionFitSettings.SurveyWeight"/> (docs/zones.md, "A zone survey").
/// </summary>
public sealed class ZoneSurvey
{
    /// <summary>A level heard is shrunk towards this (dBm), with the weight of <see cref="PriorReadings"/> steps.</summary>
    public const double PriorMeanDbm = -85;

    /// <summary>The variance (dB²) a level is shrunk towards, with the weight of <see cref="PriorReadings"/> steps.</summary>
    public const double PriorVariance = 36;

    public const double PriorReadings = 3;

    /// <summary>No level's variance is taken below this (dB²): a few steps at one level do not make it certain.</summary>
    public const double MinVariance = 9;

    /// <summary>The chance of hearing is <c>(heard + HearPrior) / (steps + 1)</c>: never 0, never 1.</summary>
    public const double HearPrior = 0.1;

    private readonly Dictionary<byte, int> _steps;
    private readonly Dictionary<(byte Zone, int Receiver), (int Heard, double Sum, double Squares)> _heard;

    private ZoneSurvey(Dictionary<byte, int> steps, Dictionary<(byte, int), (int, double, double)> heard)
    {
        _steps = steps;
        _heard = heard;
    }

    /// <summary>The steps surveyed in each zone (zones never surveyed left out).</summary>
    public IReadOnlyDictionary<byte, int> Steps => _steps;

    /// <summary>
    /// Learns from a trace and its truth, in steps of <paramref name="stepMs"/> on the readings' clock as the fit takes
    /// them (a reading at t counts for the step at the next whole multiple of the step after t); a step's zone is the
    /// truth's at its newest reading; a receiver's level in a step is the mean of its readings in it.
    /// </summary>
    public static ZoneSurvey Learn(IReadOnlyList<TraceReading> trace, IReadOnlyList<TruthSample> truth, long stepMs)
    {
        var truthByDevice = truth.GroupBy(s => s.Device).ToDictionary(g => g.Key, g => g.OrderBy(s => s.TMs).ToList());
        var steps = new Dictionary<byte, int>();
        var heard = new Dictionary<(byte, int), (int, double, double)>();
        foreach (var device in trace.GroupBy(r => r.Device))
        {
            if (!truthByDevice.TryGetValue(device.Key, out var samples))
            {
                continue;
            }

            foreach (var step in device.GroupBy(r => Math.Floor((double)r.TMs / stepMs)))
            {
                byte zone = ReceiverOffsets.ZoneAt(samples, step.Max(r => r.TMs));
                if (zone == 0)
                {
                    continue;
                }

                steps[zone] = steps.GetValueOrDefault(zone) + 1;
                foreach (var receiver in step.GroupBy(r => r.Receiver))
                {
                    double mean = receiver.Average(r => r.Rssi);
                    var (h, sum, squares) = heard.GetValueOrDefault((zone, receiver.Key));
                    heard[(zone, receiver.Key)] = (h + 1, sum + mean, squares + (mean * mean));
                }
            }
        }

        return new ZoneSurvey(steps, heard);
    }

    /// <summary>The chance <paramref name="receiver"/> hears the device in a step in <paramref name="zone"/>.</summary>
    public double HearChance(byte zone, int receiver) =>
        (_heard.GetValueOrDefault((zone, receiver)).Heard + HearPrior) / (_steps.GetValueOrDefault(zone) + 1);

    /// <summary>The level <paramref name="receiver"/> hears the device at in <paramref name="zone"/>, when it hears it: mean (dBm) and variance (dB²), shrunk towards the prior.</summary>
    public (double Mean, double Variance) Level(byte zone, int receiver)
    {
        var (h, sum, squares) = _heard.GetValueOrDefault((zone, receiver));
        double mean = h == 0 ? PriorMeanDbm : sum / h;
        double variance = h == 0 ? PriorVariance : Math.Max(0, (squares / h) - (mean * mean));
        return ((mean * h + (PriorMeanDbm * PriorReadings)) / (h + PriorReadings),
            Math.Max(MinVariance, ((variance * h) + (PriorVariance * PriorReadings)) / (h + PriorReadings)));
    }

    /// <summary>The survey laid out for a locator: its zones and receivers in its own order.</summary>
    public ZoneSurveyTable For(IReadOnlyList<byte> zones, IReadOnlyList<int> receivers) => new(this, zones, receivers);
}

/// <summary>
/// A <see cref="ZoneSurvey"/> over one locator's zones and receivers (index order), with each term's logarithm made
/// once: what a step of heard levels costs each zone.
/// </summary>
public sealed class ZoneSurveyTable
{
    private readonly double[,] _logHear, _logMiss, _mean, _variance, _logVariance;
    private readonly double[] _logShare; // each zone's share of the survey's steps, one step added to every zone

    internal ZoneSurveyTable(ZoneSurvey survey, IReadOnlyList<byte> zones, IReadOnlyList<int> receivers)
    {
        int zs = zones.Count, rs = receivers.Count;
        double total = zones.Sum(z => survey.Steps.GetValueOrDefault(z) + 1.0);
        _logShare = zones.Select(z => Math.Log((survey.Steps.GetValueOrDefault(z) + 1.0) / total)).ToArray();
        (_logHear, _logMiss, _mean, _variance, _logVariance) = (new double[zs, rs], new double[zs, rs], new double[zs, rs], new double[zs, rs], new double[zs, rs]);
        for (int z = 0; z < zs; z++)
        {
            for (int r = 0; r < rs; r++)
            {
                double hear = survey.HearChance(zones[z], receivers[r]);
                var (mean, variance) = survey.Level(zones[z], receivers[r]);
                (_logHear[z, r], _logMiss[z, r]) = (Math.Log(hear), Math.Log(1 - hear));
                (_mean[z, r], _variance[z, r], _logVariance[z, r]) = (mean, variance, Math.Log(variance));
            }
        }
    }

    /// <summary>
    /// Adds to each zone's error <c>-weight</c> times the survey's log-likelihood of a step: each receiver heard at
    /// its level (NaN: not heard in the step), the level's Gaussian log-density times <paramref name="levelWeight"/>;
    /// and <paramref name="priorWeight"/> times the log of the zone's share of the survey's steps (a device's first step:
    /// where devices were, before any reading says where this one is).
    /// </summary>
    public void AddCost(ReadOnlySpan<double> stepLevels, double weight, double levelWeight, double priorWeight, Span<double> zoneError)
    {
        for (int z = 0; z < zoneError.Length; z++)
        {
            double log = priorWeight * _logShare[z] / weight;
            for (int r = 0; r < stepLevels.Length; r++)
            {
                double x = stepLevels[r];
                log += double.IsNaN(x) ? _logMiss[z, r]
                    : _logHear[z, r] - (levelWeight * ((((x - _mean[z, r]) * (x - _mean[z, r])) / (2 * _variance[z, r])) + (0.5 * _logVariance[z, r])));
            }

            zoneError[z] -= weight * log;
        }
    }
}
