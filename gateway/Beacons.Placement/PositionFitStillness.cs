namespace Beacons.Placement;

/// <summary>
/// Whether a device stands still, told from its levels alone (docs/zones.md, "Position fit", "A device that stands
/// still"). A still device's levels repeat the same shadowing step after step; counted as new evidence each time, a
/// lean of a few dB towards the next room adds up until the device is shown there, and back when the lean turns. So
/// once the levels have held steady for <see cref="PositionFitSettings.StillAfterSteps"/> steps, the fit counts a step's
/// evidence at <see cref="PositionFitSettings.StillEvidence"/>, until they move again.
/// </summary>
/// <remarks>
/// Steady means: over the receivers held in the last window, the root mean square change of each one's mean level over the last
/// <see cref="PositionFitSettings.StillWindowSteps"/> steps from its mean over the same number before is under
/// <see cref="PositionFitSettings.StillDriftDb"/>. Means over steps, so that fading averages out and slow drift does not
/// count; a walk of a metre moves them by more. A receiver held in the last window and not in the one before counts as a change from the floor,
/// but only within <see cref="PositionFitSettings.StillEntryDb"/> of the loudest level: a weak receiver at the edge of
/// its range comes and goes under a still device, a loud one entering means it has moved.
/// </remarks>
internal sealed class PositionFitStillness
{
    private readonly PositionFitSettings _s;
    private readonly int _window; // steps kept: two windows of StillWindowSteps
    // Single precision and byte counts: a locator per device holds this for every receiver of the venue (a kilobyte
    // per 20 receivers), and a level is known to a tenth of a dB at best.
    private readonly float[] _held; // receiver x _window: each step's held level (NaN: not held), step i at i % _window
    private readonly double[] _recentSum, _earlierSum; // each receiver's held levels summed over the last window and the one before
    private readonly byte[] _recentSteps, _earlierSteps; // and how many steps each sum holds
    private long _stepsSeen;
    private int _steadySteps;

    public PositionFitStillness(int receivers, PositionFitSettings settings)
    {
        _s = settings;
        _window = 2 * Math.Clamp(settings.StillWindowSteps, 1, 120); // the counts are bytes
        _held = Enumerable.Repeat(float.NaN, receivers * _window).ToArray();
        _recentSum = new double[receivers];
        _earlierSum = new double[receivers];
        _recentSteps = new byte[receivers];
        _earlierSteps = new byte[receivers];
    }

    /// <summary>The levels have held steady for <see cref="PositionFitSettings.StillAfterSteps"/> steps in a row (never, when that is 0).</summary>
    public bool Still => _s.StillAfterSteps > 0 && _steadySteps >= _s.StillAfterSteps;

    /// <summary>Takes a step's held levels, one a receiver (NaN where it is not held).</summary>
    public void Step(double[] held)
    {
        if (_s.StillAfterSteps <= 0)
        {
            return;
        }

        // Running sums, so that a step costs a few operations a receiver whatever the windows' length.
        int slot = (int)(_stepsSeen % _window), half = _window / 2;
        int middle = (int)((_stepsSeen + half) % _window); // the step that passes from the last window to the one before
        for (int r = 0; r < held.Length; r++)
        {
            float dropped = _held[(r * _window) + slot], passing = _held[(r * _window) + middle], level = (float)held[r];
            if (!float.IsNaN(dropped))
            {
                _earlierSum[r] -= dropped;
                _earlierSteps[r]--;
            }

            if (!float.IsNaN(passing))
            {
                _recentSum[r] -= passing;
                _recentSteps[r]--;
                _earlierSum[r] += passing;
                _earlierSteps[r]++;
            }

            _held[(r * _window) + slot] = level;
            if (!float.IsNaN(level))
            {
                _recentSum[r] += level;
                _recentSteps[r]++;
            }
        }

        _stepsSeen++;
        if (_stepsSeen >= _window)
        {
            double drift = Drift(held);
            _steadySteps = double.IsNaN(drift) ? _steadySteps : drift < _s.StillDriftDb ? _steadySteps + 1 : 0;
        }
    }

    /// <summary>Forgets everything: the device has not been heard for so long that it starts afresh.</summary>
    public void Reset()
    {
        Array.Fill(_held, float.NaN);
        Array.Clear(_recentSum);
        Array.Clear(_earlierSum);
        Array.Clear(_recentSteps);
        Array.Clear(_earlierSteps);
        _stepsSeen = 0;
        _steadySteps = 0;
    }

    // NaN when no receiver was held in the last window (nothing to tell by).
    private double Drift(double[] held)
    {
        double loudest = double.NegativeInfinity;
        foreach (double level in held)
        {
            loudest = double.IsNaN(level) ? loudest : Math.Max(loudest, level);
        }

        double sum = 0;
        int receivers = 0;
        for (int r = 0; r < held.Length; r++)
        {
            double recent = _recentSum[r], earlier = _earlierSum[r];
            int recentSteps = _recentSteps[r], earlierSteps = _earlierSteps[r];
            if (recentSteps == 0 || (earlierSteps == 0 && recent / recentSteps < loudest - _s.StillEntryDb))
            {
                continue;
            }

            double change = (recent / recentSteps) - (earlierSteps == 0 ? _s.FloorDbm : earlier / earlierSteps);
            sum += change * change;
            receivers++;
        }

        return receivers == 0 ? double.NaN : Math.Sqrt(sum / receivers);
    }
}
