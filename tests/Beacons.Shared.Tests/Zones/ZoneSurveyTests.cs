using Beacons.Placement;
using Beacons.Placement.Scoring;

namespace Beacons.Shared.Tests.Zones;

/// <summary>
/// The zone survey (gateway/Beacons.Placement/ZoneSurvey.cs) learned from hand-made traces, and the position fit's
/// survey term (<see cref="PositionFitSettings.SurveyWeight"/>) on the three rooms of <see cref="PositionFitTests"/>.
/// </summary>
public class ZoneSurveyTests
{
    private static List<TruthSample> Truth(int device, byte zone, long fromMs, long toMs)
    {
        var truth = new List<TruthSample>();
        for (long t = fromMs; t < toMs; t += 100)
        {
            truth.Add(new TruthSample(t, device, zone));
        }

        return truth;
    }

    [Fact]
    public void Chances_and_levels_are_learned_per_step_from_the_steps_mean_reading()
    {
        // Zone 1, two steps of 500 ms: receiver 1 heard in both (-60 and -64 in the first, so -62; -70 in the second),
        // receiver 3 in the second only (-80). Zone 2, one step: receiver 3 at -66.
        var trace = new List<TraceReading>
        {
            new(100, 1, 7, -60), new(300, 1, 7, -64),
            new(600, 1, 7, -70), new(700, 3, 7, -80),
            new(1100, 3, 7, -66),
        };
        var truth = Truth(7, 1, 0, 1000).Concat(Truth(7, 2, 1000, 1500)).ToList();

        var survey = ZoneSurvey.Learn(trace, truth, 500);

        Assert.Equal(2, survey.Steps[1]);
        Assert.Equal(1, survey.Steps[2]);
        Assert.Equal((2 + 0.1) / 3, survey.HearChance(1, 1), 9);
        Assert.Equal((1 + 0.1) / 3, survey.HearChance(1, 3), 9);
        Assert.Equal(0.1 / 2, survey.HearChance(2, 1), 9);
        // Receiver 1 in zone 1: step means -62 and -70, mean -66 and variance 16, each shrunk towards -85 dBm and 36 dB²
        // with the weight of 3 steps.
        var (mean, variance) = survey.Level(1, 1);
        Assert.Equal(((-66 * 2) + (-85 * 3)) / 5.0, mean, 9);
        Assert.Equal(((16 * 2) + (36 * 3)) / 5.0, variance, 9);
        // One step at -66: no spread of its own, so the prior's, and never below 9 dB².
        Assert.Equal(((-66 * 1) + (-85 * 3)) / 4.0, survey.Level(2, 3).Mean, 9);
        Assert.Equal(36 * 3 / 4.0, survey.Level(2, 3).Variance, 9);
    }

    [Fact]
    public void A_row_held_for_seconds_is_counted_once()
    {
        // UCI-style rows: every receiver of a row at one time, a row every 2 s; the fit holds each for 5 s, but the
        // survey counts only steps with readings: two rows, two steps, not the 8 steps the rows span.
        var trace = new List<TraceReading>
        {
            new(0, 1, 3, -70), new(0, 3, 3, -75),
            new(2000, 1, 3, -72),
        };
        var survey = ZoneSurvey.Learn(trace, Truth(3, 2, 0, 4000), 500);

        Assert.Equal(2, survey.Steps[2]);
        Assert.Equal((2 + 0.1) / 3, survey.HearChance(2, 1), 9);
        Assert.Equal((1 + 0.1) / 3, survey.HearChance(2, 3), 9);
    }

    /// <summary>Both receivers of the three rooms every 250 ms at the law's levels for a device at (x, 2), zone-labelled.</summary>
    private static void Walk(List<TraceReading> trace, List<TruthSample> truth, int device, double x, byte zone, long fromMs, long forMs)
    {
        for (long t = fromMs; t < fromMs + forMs; t += 250)
        {
            trace.Add(new TraceReading(t, 1, device, PositionFitTests.Level(PositionFitTests.Left, x, 2)));
            trace.Add(new TraceReading(t, 3, device, PositionFitTests.Level(PositionFitTests.Right, x, 2)));
        }

        truth.AddRange(Truth(device, zone, fromMs, fromMs + forMs));
    }

    [Fact]
    public void A_survey_places_a_still_device_where_the_law_alone_misplaces_it()
    {
        // The middle room (2), which has no receiver, reads as the law reads 3.5 m from the left wall, in room 1
        // (its door, a reflection): a survey walked there learns it; the law alone cannot know.
        var trace = new List<TraceReading>();
        var truth = new List<TruthSample>();
        Walk(trace, truth, 1, 1.0, 1, 0, 30_000);
        Walk(trace, truth, 1, 3.5, 2, 30_000, 30_000);
        Walk(trace, truth, 1, 11.0, 3, 60_000, 30_000);
        var survey = ZoneSurvey.Learn(trace, truth, 500);

        var physics = new PositionFitLocator(PositionFitTests.Rooms(), new PositionFitSettings(), survey: survey);
        var surveyed = new PositionFitLocator(PositionFitTests.Rooms(), new PositionFitSettings { SurveyWeight = 1 }, survey: survey);

        Assert.Equal(1, PositionFitTests.Stand(physics, 3.5, 2, 0, 20_000));
        Assert.Equal(2, PositionFitTests.Stand(surveyed, 3.5, 2, 0, 20_000));
        // Where the survey and the law agree, the survey keeps the device where it is.
        var elsewhere = new PositionFitLocator(PositionFitTests.Rooms(), new PositionFitSettings { SurveyWeight = 1 }, survey: survey);
        Assert.Equal(1, PositionFitTests.Stand(elsewhere, 1.0, 2, 0, 20_000));
    }
}
