using Beacons.Gateway.Ingest;
using Beacons.Gateway.Record;
using Beacons.Gateway.Review;
using Beacons.Gateway.Roster;

namespace Beacons.Gateway.Tests.Roster;

/// <summary>Annotations are corrected and withdrawn by new events; an empty one is refused; evaluators sign observations.</summary>
public class AnnotationTests
{
    private const long T = 1_700_000_000_000;

    [Fact]
    public void A_correction_and_a_withdrawal_are_new_events_and_the_roster_shows_what_now_stands()
    {
        var p = new TestPipeline();
        long first = p.Pipeline.Act(new Annotate("note", "RTF enters east wing"), T).Event!.Id;
        long second = p.Pipeline.Act(new Annotate("threat-neutralized", "Suspect down"), T + 1000).Event!.Id;

        p.Pipeline.Act(new CorrectAnnotation(first, "rtf-entering", "RTF enters WEST wing"), T + 2000);
        p.Pipeline.Act(new WithdrawAnnotation(second), T + 3000);
        p.Take();

        Note note = Assert.Single(p.Roster.Notes, n => n.WithdrawnAtMs == null);
        Assert.Equal(T + 3000, p.Roster.Notes.Single(n => n.Id == second).WithdrawnAtMs);
        Assert.Equal((first, T, "rtf-entering", "RTF enters WEST wing", (long?)(T + 2000)), (note.Id, note.AtMs, note.Type, note.Text, note.CorrectedAtMs));
        // The record keeps the annotations as written: append-only.
        Assert.Equal(["RTF enters east wing", "Suspect down"], p.Bodies<Annotation>().Select(a => a.Text));
        Assert.Equal(first, Assert.Single(p.Bodies<AnnotationCorrected>()).Annotation);
        Assert.Equal(second, Assert.Single(p.Bodies<AnnotationWithdrawn>()).Annotation);
        Assert.Equal(RosterJson.Serialize(p.Roster), RosterJson.Serialize(RosterFold.Rebuild(TestDrill.Venue(), TestDrill.Exercise(), p.Events)));
    }

    [Fact]
    public void A_withdrawn_or_unknown_annotation_cannot_be_corrected()
    {
        var p = new TestPipeline();
        long id = p.Pipeline.Act(new Annotate("note", "x"), T).Event!.Id;
        p.Pipeline.Act(new WithdrawAnnotation(id), T + 1000);

        Assert.Equal(RefusalReason.NotFound, p.Pipeline.Act(new CorrectAnnotation(id, "note", "y"), T + 2000).Refusal?.Reason);
        Assert.Equal(RefusalReason.NotFound, p.Pipeline.Act(new WithdrawAnnotation(id), T + 2000).Refusal?.Reason);
        Assert.Equal(RefusalReason.NotFound, p.Pipeline.Act(new WithdrawAnnotation(9999), T + 2000).Refusal?.Reason);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("", "   ")]
    public void An_annotation_with_no_text_and_no_chosen_type_is_refused(string? type, string? text)
    {
        var p = new TestPipeline();

        Refusal? refusal = p.Pipeline.Act(new Annotate(type, text), T).Refusal;
        long id = p.Pipeline.Act(new Annotate("note", "kept"), T).Event!.Id;
        Refusal? correction = p.Pipeline.Act(new CorrectAnnotation(id, type, text), T).Refusal;

        Assert.Equal(RefusalReason.Invalid, refusal?.Reason);
        Assert.Contains("needs a text or a chosen type", refusal!.Message);
        Assert.Equal(RefusalReason.Invalid, correction?.Reason);
    }

    [Fact]
    public void A_type_alone_or_a_text_alone_is_an_annotation()
    {
        var p = new TestPipeline();

        Assert.NotNull(p.Pipeline.Act(new Annotate("threat-neutralized", ""), T).Event);
        Assert.NotNull(p.Pipeline.Act(new Annotate(null, "Door 3 jammed"), T).Event);

        Assert.Equal(["threat-neutralized", ControllerCommands.Note], p.Roster.Notes.Select(n => n.Type));
    }

    [Fact]
    public void An_evaluator_adds_signed_observations_and_may_change_only_their_own()
    {
        var p = new TestPipeline();
        Actor kim = Actor.Evaluator("E. Kim");
        long controllers = p.Pipeline.Act(new Annotate("note", "controller's"), T).Event!.Id;

        DrillEvent observation = p.Pipeline.Act(new Annotate(null, "Slow to the CCP") { By = kim }, T + 1000).Event!;
        Refusal? otherType = p.Pipeline.Act(new Annotate("threat-neutralized", "no") { By = kim }, T).Refusal;
        Refusal? unsigned = p.Pipeline.Act(new Annotate(null, "who?") { By = Actor.Evaluator(" ") }, T).Refusal;
        Refusal? notTheirs = p.Pipeline.Act(new WithdrawAnnotation(controllers) { By = kim }, T).Refusal;
        Refusal? someoneElse = p.Pipeline.Act(new CorrectAnnotation(observation.Id, null, "mine now") { By = Actor.Evaluator("J. Roe") }, T).Refusal;
        DrillEvent corrected = p.Pipeline.Act(new CorrectAnnotation(observation.Id, null, "Slow to the CCP (4 min)") { By = Actor.Evaluator("e. kim") }, T + 2000).Event!;

        Assert.Equal(new Annotation(ControllerCommands.Observation, "Slow to the CCP", "E. Kim"), observation.Body);
        Assert.Equal(RefusalReason.Forbidden, otherType?.Reason);
        Assert.Equal(RefusalReason.Invalid, unsigned?.Reason);
        Assert.Equal(RefusalReason.Forbidden, notTheirs?.Reason);
        Assert.Equal(RefusalReason.Forbidden, someoneElse?.Reason);
        Assert.Equal(new AnnotationCorrected(observation.Id, ControllerCommands.Observation, "Slow to the CCP (4 min)", "e. kim"), corrected.Body);
        Assert.Equal("E. Kim", p.Roster.Notes.Single(n => n.Id == observation.Id).By);
    }

    [Fact]
    public void An_evaluator_cannot_change_the_clock_zones_or_alerts()
    {
        var p = new TestPipeline();
        Actor kim = Actor.Evaluator("E. Kim");
        p.Pipeline.Act(new StartClock(Confirmed: true), T);

        ControllerAction[] refused = [new StartClock { By = kim }, new StopClock { By = kim }, new SetZoneStatus(1, "warm") { By = kim }, new AcknowledgeAlert(1) { By = kim }];
        foreach (ControllerAction action in refused)
        {
            Refusal? refusal = p.Pipeline.Act(action, T + 1000).Refusal;
            Assert.Equal(RefusalReason.Forbidden, refusal?.Reason);
            Assert.Contains("controller token", refusal!.Message);
        }

        Assert.Null(p.Roster.Clock.StoppedAtMs);
    }

    [Fact]
    public void The_review_shows_a_correction_and_a_withdrawal_even_after_the_stop()
    {
        var p = new TestPipeline();
        p.Pipeline.Act(new StartClock(Confirmed: true), T);
        long note = p.Pipeline.Act(new Annotate("note", "RTF enters east wing"), T + 60_000).Event!.Id;
        long observation = p.Pipeline.Act(new Annotate(null, "Slow") { By = Actor.Evaluator("E. Kim") }, T + 90_000).Event!.Id;
        p.Pipeline.Act(new StopClock(), T + 120_000);
        p.Pipeline.Act(new CorrectAnnotation(note, "note", "RTF enters west wing"), T + 180_000);
        p.Pipeline.Act(new WithdrawAnnotation(observation) { By = Actor.Evaluator("E. Kim") }, T + 200_000);
        p.Take();

        DrillReview review = ReviewFold.Of(TestDrill.Venue(), TestDrill.Exercise(), p.Events);

        List<string> lines = review.Timeline.Select(t => t.Text).ToList();
        Assert.Contains("observation: Slow (by E. Kim)", lines);
        Assert.Contains("Annotation of T+1:00 corrected by the controller: note: RTF enters west wing", lines);
        Assert.Contains("Annotation of T+1:30 withdrawn by E. Kim", lines);
    }
}
