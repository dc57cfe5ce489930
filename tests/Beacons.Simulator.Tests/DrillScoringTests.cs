using Beacons.Evaluation.Scoring;
using Beacons.Placement.Scoring;
using Xunit;

namespace Beacons.Simulator.Tests;

/// <summary>The simulator's evaluation scores through the scoring library: the figures of <c>beacons evaluate</c>.</summary>
public class DrillScoringTests
{
    private static readonly ScoringVenue Venue = ScoringVenue.From(Drills.Demo.Venue);

    // Classroom 101 (zone 1) and the west corridor outside its door (zone 7), each with its own receiver.
    private static readonly int Room = ReceiverIn(1), Corridor = ReceiverIn(7);

    [Fact]
    public void A_hand_made_trace_scores_as_beacons_evaluate_scores_it()
    {
        DrillTrace drill = Walk(officer: 7, casualty: null);

        IReadOnlyList<ScoreLine> evaluate = TraceEvaluation.Score(new ScoredTrace(Venue, drill.Readings, drill.Officers), null);
        IReadOnlyList<EstimatorScore> simulator = Scorecard.Estimators(Venue, drill, Locators.All(Venue));

        Assert.Equal(evaluate, simulator.Select(s => s.Officers));

        // Worked out by hand for strongest signal: the corridor is the louder from the first reading at 10 s,
        // the very sample the truth changes at, so the change shows at once (delay 0). The loud classroom
        // reading at 15 s wins the tie at -50 dBm until the next reading: the samples at 15.0 and 15.1 s are
        // wrong (198 of 200 right; settled, 10-15 s left out, 148 of 150), two more changes are shown, and
        // neither is a flap: the truth was in the classroom 5 s before.
        ScoreLine strongest = simulator.Single(s => s.Name == "strongest").Officers;
        Assert.Equal(new ScoreLine("strongest", 198.0 / 200, 148.0 / 150, 3, 1, 0, 1, 0, 0), strongest);
        Assert.Equal(200 * Scorer.SampleMs / 3_600_000.0, simulator[0].OfficerHours, 12);
    }

    [Fact]
    public void Officers_and_casualties_are_scored_apart_each_as_beacons_evaluate_scores_it_alone()
    {
        DrillTrace both = Walk(officer: 7, casualty: 8);
        DrillTrace casualtyAlone = Walk(officer: null, casualty: 8);

        IReadOnlyList<EstimatorScore> simulator = Scorecard.Estimators(Venue, both, Locators.All(Venue));

        Assert.Equal(TraceEvaluation.Score(new ScoredTrace(Venue, Walk(officer: 7, casualty: null).Readings, both.Officers), null), simulator.Select(s => s.Officers));
        Assert.Equal(TraceEvaluation.Score(new ScoredTrace(Venue, casualtyAlone.Readings, both.Casualties), null), simulator.Select(s => s.Casualties));
    }

    // 20 s: the officer in the classroom for 10 s, then in the corridor; a casualty carried the other way
    // 3 s later and 2 dB weaker. Both receivers hear each device every 200 ms, the one in its zone louder;
    // two corridor readings of the officer at 14 s are lost and one classroom reading at 15 s comes loud.
    private static DrillTrace Walk(int? officer, int? casualty)
    {
        var readings = new List<TraceReading>();
        var officers = new List<TruthSample>();
        var casualties = new List<TruthSample>();
        for (long t = 0; t < 20_000; t += 100)
        {
            if (officer is int o)
            {
                officers.Add(new TruthSample(t, o, (byte)(t < 10_000 ? 1 : 7)));
                if (t % 200 == 0 && t != 14_000 && t != 14_200)
                {
                    bool inRoom = t < 10_000;
                    readings.Add(new TraceReading(t, Room, o, inRoom || t == 15_000 ? -50 : -80));
                    readings.Add(new TraceReading(t, Corridor, o, inRoom ? -80 : -50));
                }
            }

            if (casualty is int c)
            {
                casualties.Add(new TruthSample(t, c, (byte)(t < 13_000 ? 7 : 1)));
                if (t % 200 == 100)
                {
                    bool inCorridor = t < 13_000;
                    readings.Add(new TraceReading(t, Room, c, inCorridor ? -82 : -52));
                    readings.Add(new TraceReading(t, Corridor, c, inCorridor ? -52 : -82));
                }
            }
        }

        return new DrillTrace(readings, officers, casualties);
    }

    private static int ReceiverIn(int zone) => Drills.Demo.Venue.Receivers.First(r => r.Zone == zone).Id;
}
