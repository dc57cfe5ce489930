using Beacons.Venue;

namespace Beacons.Gateway.Review;

/// <summary>
/// The strengths and areas for improvement an HSEEP after-action report starts from, drafted from the
/// objectives' measures and the safety findings. A draft: the controller edits it before printing.
/// </summary>
public static class AarDraft
{
    public static List<string> Strengths(ObjectiveReview o) =>
        o.Measures.Where(m => m.Met == true).Select(m => $"{m.Measure}: {m.Figure}.").ToList();

    public static List<string> Areas(ObjectiveReview o) =>
        o.Measures.Where(m => m.Met == false).Select(m => $"{m.Measure}: not met ({m.Figure}).").ToList();

    /// <summary>What the safety findings show went well: only findings that had something to look at.</summary>
    public static List<string> SafetyStrengths(DrillReview r)
    {
        SafetyFindings s = r.Safety;
        var verdicts = new List<ReviewWording.Verdict>();
        if (s.MedicsInHotZones.Count == 0)
        {
            verdicts.Add(ReviewWording.NoMedicInHotZone(s.Coverage));
        }

        if (s.OutOfContact.Count == 0 && s.NotHeard.Count == 0)
        {
            verdicts.Add(ReviewWording.NoContactGap(s.Coverage));
        }

        if (s.ColoursChangedAfterCommit.Count == 0)
        {
            verdicts.Add(ReviewWording.NoColourChanged(s.Coverage));
        }

        List<string> strengths = verdicts.Where(v => v.Ok).Select(v => v.Text).ToList();
        strengths.AddRange(s.Emergencies.Where(e => e.ResponseMs is <= 60_000).Select(e =>
            $"{ReviewWording.Who(e.Name, e.Badge)}'s emergency in {e.ZoneName} was reached by {e.ReachedByName} {(e.AlreadyThere ? "at once (already there)" : $"in {ReviewText.Duration(e.ResponseMs!.Value)}")}."));
        return strengths;
    }

    /// <summary>What the safety findings show needs improving.</summary>
    public static List<string> SafetyAreas(DrillReview r)
    {
        SafetyFindings s = r.Safety;
        var areas = new List<string>();
        areas.AddRange(s.MedicsInHotZones.Select(h =>
            $"RTF medic {ReviewWording.Who(h.Name, h.Badge)} was in {h.ZoneName} while it was hot for {ReviewText.Duration(h.DurationMs)} (from {ReviewText.Offset(h.FromMs - r.Drill.T0Ms)})."));
        areas.AddRange(s.Emergencies.Where(e => e.ResponseMs is null or > 60_000).Select(e => e.ResponseMs is long ms
            ? $"{ReviewWording.Who(e.Name, e.Badge)}'s emergency in {e.ZoneName} took {ReviewText.Duration(ms)} to reach."
            : $"Nobody reached {ReviewWording.Who(e.Name, e.Badge)}'s emergency in {e.ZoneName} before the end."));
        areas.AddRange(s.OutOfContact.Select(g =>
            $"{ReviewWording.Who(g.Name, g.Badge)} ({WireNames.Of(g.Role)}) was out of contact for {ReviewText.Duration(g.DurationMs)} from {ReviewText.Offset(g.FromMs - r.Drill.T0Ms)}{(g.ToMs == null ? " to the end" : "")}."));
        areas.AddRange(s.NotHeard.Select(n =>
            $"{ReviewWording.Who(n.Name, n.Badge)} ({WireNames.Of(n.Role)}) was not heard during the drill: check the badge was worn and charged."));
        areas.AddRange(s.ColoursChangedAfterCommit.Select(c =>
            $"{ReviewWording.What(c.Label, c.Tag)} was re-triaged from {WireNames.Of(c.From)} to {WireNames.Of(c.To)} after commit (at {ReviewText.Offset(c.AtMs - r.Drill.T0Ms)})."));
        return areas;
    }
}
