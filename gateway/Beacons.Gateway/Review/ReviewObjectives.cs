using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Review;

/// <summary>
/// Measures the exercise file's objectives against the review's figures (docs/review.md, "Objectives").
/// A measure is met or not only as far as the record shows it: with nothing to measure, or with times
/// compressed by a sped-up drill, it is neither (null).
/// </summary>
public static class ReviewObjectives
{
    /// <summary>The annotation type of an evaluator's observation.</summary>
    public const string ObservationType = "observation";

    /// <param name="firstAnnotation">The first annotation of each type during the drill.</param>
    public static List<ObjectiveReview> Evaluate(IReadOnlyList<ExerciseObjective> objectives, DrillReview r, IReadOnlyDictionary<string, long> firstAnnotation) =>
        objectives.Select(o =>
        {
            List<MeasureReview> measures = o.Measures.Select(m => Measure(m, r, firstAnnotation)).ToList();
            bool? met = measures.Any(m => m.Met == false) ? false : measures.Count > 0 && measures.All(m => m.Met == true) ? true : null;
            List<Observation> observations = r.Observations.Where(x => string.Equals(x.Objective?.Trim(), o.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            return new ObjectiveReview(o.Name, o.Capability, measures, met, observations);
        }).ToList();

    private static MeasureReview Measure(ObjectiveMeasure m, DrillReview r, IReadOnlyDictionary<string, long> firstAnnotation)
    {
        long t0 = r.Drill.T0Ms;
        (string figure, long? since, bool? met) = m.Kind switch
        {
            ObjectiveMeasure.FirstEntry => FirstEntry(m, r),
            ObjectiveMeasure.Annotated => firstAnnotation.TryGetValue(m.Type!, out long at)
                ? ($"annotated at {ReviewText.Offset(at - t0)}", at - t0, at - t0 <= m.WithinMs)
                : ($"no \"{m.Type}\" annotation: the record cannot tell", null, null),
            ObjectiveMeasure.CasualtiesAtCcp => AtCcp(m, r),
            ObjectiveMeasure.Triage => Triage(m, r),
            ObjectiveMeasure.RedToCcp => RedToCcp(m, r),
            _ => ($"unknown measure {m.Kind}", null, null),
        };

        if (r.Drill.Speed != 1 && met != null)
        {
            // Compressed times say nothing about real limits: not judged (docs/review.md, "Sped-up drills").
            (figure, met) = ($"{figure} (compressed {ReviewWording.Speed(r.Drill.Speed)}: not judged)", null);
        }

        return new MeasureReview(m.Kind, ReviewWording.Measure(m), figure, since, met);
    }

    private static (string, long?, bool?) FirstEntry(ObjectiveMeasure m, DrillReview r)
    {
        long t0 = r.Drill.T0Ms;
        Dictionary<int, ZoneReview> zones = r.Zones.ToDictionary(z => z.Id);
        List<OfficerReview> officers = r.Officers.Where(o => HasRole(o.Role, m.Role)).ToList();
        bool Counts(ZoneSpan s) =>
            zones.TryGetValue(s.Zone, out ZoneReview? z) && (m.ZoneStatus is ZoneStatus wanted ? s.Status == wanted : !z.Outside);
        var first = officers.SelectMany(o => o.Track.Where(Counts).Take(1).Select(s => (Officer: o, Span: s)))
            .OrderBy(x => x.Span.FromMs).ThenBy(x => x.Officer.Badge).FirstOrDefault();
        if (first.Officer != null)
        {
            long since = first.Span.FromMs - t0;
            return ($"{ReviewText.Offset(since)}, {ReviewWording.Who(first.Officer.Name, first.Officer.Badge)} in {zones[first.Span.Zone].Name}", since, since <= m.WithinMs);
        }

        return officers.Any(o => o.Track.Any(s => s.Zone != 0))
            ? ("never during the drill", null, false)
            : ("no such officer was placed during the drill: the record cannot tell", null, null);
    }

    private static (string, long?, bool?) AtCcp(ObjectiveMeasure m, DrillReview r)
    {
        long t0 = r.Drill.T0Ms;
        List<CasualtyReview> toEvacuate = r.Casualties.Where(c => c.Heard && !(c.Committed && c.Colour == TriageColour.Black)).ToList();
        if (toEvacuate.Count == 0)
        {
            return ("no casualty to bring to the CCP was heard: the record cannot tell", null, null);
        }

        int wanted = m.Count ?? toEvacuate.Count;
        List<long> arrivals = toEvacuate.Where(c => c.ReachedCcpMs != null).Select(c => c.ReachedCcpMs!.Value - t0).Order().ToList();
        if (arrivals.Count < wanted)
        {
            return ($"{arrivals.Count} of {wanted} at the CCP by the end", null, false);
        }

        long since = arrivals[wanted - 1];
        return ($"{wanted} at the CCP at {ReviewText.Offset(since)}", since, since <= m.WithinMs);
    }

    private static (string, long?, bool?) Triage(ObjectiveMeasure m, DrillReview r)
    {
        long t0 = r.Drill.T0Ms;
        List<CasualtyReview> casualties = r.Casualties.Where(c => c.Heard && (m.Colour == null || (c.Committed && c.Colour == m.Colour))).ToList();
        if (casualties.Count == 0)
        {
            return ($"no {(m.Colour is TriageColour colour ? WireNames.Of(colour) + " " : "")}casualty heard: the record cannot tell", null, null);
        }

        int tagged = casualties.Count(c => c.TaggedMs != null);
        if (tagged < casualties.Count)
        {
            return ($"{tagged} of {ReviewWording.Casualties(casualties.Count)} tagged by the end", null, false);
        }

        long since = casualties.Max(c => c.TaggedMs!.Value) - t0;
        return ($"{ReviewWording.Casualties(casualties.Count)} tagged, the last at {ReviewText.Offset(since)}", since, since <= m.WithinMs);
    }

    private static (string, long?, bool?) RedToCcp(ObjectiveMeasure m, DrillReview r)
    {
        List<CasualtyReview> red = r.Casualties.Where(c => c.Heard && c.RedMs != null).ToList();
        if (red.Count == 0)
        {
            return ("no casualty was tagged red: the record cannot tell", null, null);
        }

        int arrived = red.Count(c => c.RedToCcpMs != null);
        if (arrived < red.Count)
        {
            return ($"{arrived} of {red.Count} red casualties at the CCP by the end", null, false);
        }

        long worst = red.Max(c => c.RedToCcpMs!.Value);
        return ($"{red.Count} red, the longest red to the CCP {ReviewText.Duration(worst)}", worst, worst <= m.WithinMs);
    }

    private static bool HasRole(OfficerRole role, string? wanted) => wanted switch
    {
        null or ObjectiveMeasure.AnyRole => role != OfficerRole.Evaluator,
        ObjectiveMeasure.RtfRole => role is OfficerRole.RtfOfficer or OfficerRole.RtfMedic,
        _ => WireNames.TryParse(wanted, out OfficerRole named) && role == named,
    };
}
