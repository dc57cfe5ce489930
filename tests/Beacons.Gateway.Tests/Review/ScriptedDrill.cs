using Beacons.Gateway.Record;
using Beacons.Gateway.Roster;
using Beacons.Protocol;
using Beacons.Venue;

namespace Beacons.Gateway.Tests.Review;

/// <summary>
/// A twelve-minute drill written event by event, on the test venue and exercise (TestDrill):
/// zones 1 East corridor (hot), 2 Library (warm), 3 Car park (cold, CCP, outside), 4 Upper hall (hot);
/// officers 101 Sgt. A. Ruiz (contact), 102 Ofc. B. Lee (rtf-officer), 103 Medic C. Diaz (rtf-medic),
/// 104 Lt. D. Okafor (command); tags 501 "Casualty 1", 502 "Casualty 2", 503 (label "Tag 503").
///
/// T0 is 60 s after the first event; times below are seconds since T0 (the "+" column). What happens:
///
///   before T0: everyone heard and placed in the car park (3); casualties placed: 501 in 1, 502 in 4, 503 in 2;
///              a "briefing" annotation (before T0: not in the review)
///   +0    clock started (T0)
///   +30   101 contact into East corridor (1, hot)             first officer entry
///   +90   102 rtf-officer into Library (2, warm)               first RTF in a warm zone
///   +100  annotation unified-command
///   +120  103 rtf-medic into East corridor (1, HOT)            medic in a hot zone starts
///   +150  501 red being chosen (uncommitted)
///   +155  501 red committed, the tag says at +152              first casualty tagged (+152), 501 red at +152
///   +180  annotation threat-neutralized "Suspect down in upper hall"
///   +180  alert officer-silent for 104 (not heard since +120)
///   +200  East corridor hot -> warm                            zone 1 cleared; medic's hot time ends: 80 s
///   +240  emergency 102 in Library; nobody else there
///   +250  502 yellow committed
///   +300  101 into Library                                     reaches 102's emergency: 60 s
///   +320  102's emergency ends
///   +330  502 red committed (2nd commit)                       colour changed after commit: yellow -> red
///   +360  501 carried into Library
///   +400  emergency 101 in Library; 102 already there          response 0 s, already there
///   +410  101's emergency ends
///   +420  501 into the Car park (CCP)                          first at the CCP; 501 red to CCP = 420-152 = 268 s
///   +450  Upper hall hot -> warm                               zone 4 cleared
///   +480  503 green committed                                  all three tagged: the last at +480
///   +500  103 into Upper hall (4, warm now)
///   +540  Library warm -> cold                                 zone 2 set cold (never hot: not "cleared")
///   +600  502 into the CCP                                     502 red to CCP = 600-330 = 270 s
///   +660  503 into the CCP                                     all at the CCP (none black): +660
///   +680  102's zone becomes unknown (0)
///   +720  clock stopped: the end
///   after: an annotation, 101 into East corridor, 503 re-committed black, a new badge 105 heard:
///          none of it may show in the review.
///
/// Presence every 30 s from +0 to +690 with every badge, except: 104 missing at +150..+240 (heard at +120,
/// again at +270: 150 s out of contact, the alert above is that gap's), 102 missing from +660 (last heard
/// +630, the drill ends at +720: 90 s out of contact, still open, no alert).
/// </summary>
public static class ScriptedDrill
{
    public const long Start = 1_700_000_000_000;

    /// <summary>T0: the clock-started event, 60 s after the first event.</summary>
    public const long T0 = Start + 60_000;

    public static long At(double secondsSinceT0) => T0 + (long)(secondsSinceT0 * 1000);

    /// <summary>The events of the drill, with IDs from 1 in order.</summary>
    public static List<DrillEvent> Events()
    {
        var events = new List<(long At, EventBody Body)>();
        void E(double since, EventBody body) => events.Add((At(since), body));

        // Before T0 (negative times): the scene.
        E(-60, new ExerciseOpened(42, "Spring drill", "Test school"));
        E(-55, new OfficerSeen(101, OfficerRole.Contact));
        E(-55, new OfficerSeen(102, OfficerRole.RtfOfficer));
        E(-55, new OfficerSeen(103, OfficerRole.RtfMedic));
        E(-55, new OfficerSeen(104, OfficerRole.Command));
        foreach (int badge in new[] { 101, 102, 103, 104 })
        {
            E(-54, new OfficerZoneChanged(badge, 3, 0, false));
        }

        E(-52, new CasualtySeen(501));
        E(-52, new CasualtySeen(502));
        E(-52, new CasualtySeen(503));
        E(-52, new CasualtyZoneChanged(501, 1, 0));
        E(-52, new CasualtyZoneChanged(502, 4, 0));
        E(-52, new CasualtyZoneChanged(503, 2, 0));
        E(-50, Presence(-50, 101, 102, 103, 104));
        E(-30, new Annotation("briefing", "Walk-through done"));

        // The drill.
        var script = new List<(double, EventBody)>
        {
            (0, new ClockStarted()),
            (30, new OfficerZoneChanged(101, 1, 3, false)),
            (90, new OfficerZoneChanged(102, 2, 3, false)),
            (100, new Annotation("unified-command", "Command post at the car park")),
            (120, new OfficerZoneChanged(103, 1, 3, false)),
            (150, new TagChanged(501, TriageColour.Red, false, 0, At(150))),
            (155, new TagChanged(501, TriageColour.Red, true, 1, At(152))),
            (180, new Annotation("threat-neutralized", "Suspect down in upper hall")),
            (180, new AlertRaised(AlertType.OfficerSilent, 104, null, null, null, "Lt. D. Okafor (badge 104) not heard for 60 s")),
            (200, new ZoneStatusSet(1, ZoneStatus.Warm, ZoneStatus.Hot)),
            (240, new Beacons.Gateway.Record.Emergency(102, true)),
            (250, new TagChanged(502, TriageColour.Yellow, true, 1, At(250))),
            (300, new OfficerZoneChanged(101, 2, 1, false)),
            (320, new Beacons.Gateway.Record.Emergency(102, false)),
            (330, new TagChanged(502, TriageColour.Red, true, 2, At(330))),
            (360, new CasualtyZoneChanged(501, 2, 1)),
            (400, new Beacons.Gateway.Record.Emergency(101, true)),
            (410, new Beacons.Gateway.Record.Emergency(101, false)),
            (420, new CasualtyZoneChanged(501, 3, 2)),
            (450, new ZoneStatusSet(4, ZoneStatus.Warm, ZoneStatus.Hot)),
            (480, new TagChanged(503, TriageColour.Green, true, 1, At(480))),
            (500, new OfficerZoneChanged(103, 4, 1, false)),
            (540, new ZoneStatusSet(2, ZoneStatus.Cold, ZoneStatus.Warm)),
            (600, new CasualtyZoneChanged(502, 3, 4)),
            (660, new CasualtyZoneChanged(503, 3, 2)),
            (680, new OfficerZoneChanged(102, 0, 2, false)),
            (720, new ClockStopped()),
            (750, new Annotation("debrief", "After the stop")),
            (755, new OfficerZoneChanged(101, 1, 2, false)),
            (760, new TagChanged(503, TriageColour.Black, true, 2, At(760))),
            (765, new OfficerSeen(105, OfficerRole.Contact)),
            (770, new OfficerZoneChanged(105, 1, 0, false)),
        };

        for (int t = 0; t <= 690; t += 30)
        {
            var heard = new List<int> { 101, 103 };
            if (t < 660)
            {
                heard.Add(102);
            }

            if (t is < 150 or > 240)
            {
                heard.Add(104);
            }

            // Added after the script, so at the same second it comes after the other events (the sort is stable).
            script.Add((t, Presence(t, heard.ToArray())));
        }

        script.Add((780, Presence(780, 101, 103, 105)));
        foreach ((double since, EventBody body) in script.OrderBy(x => x.Item1))
        {
            E(since, body);
        }

        return events.Select((e, i) => new DrillEvent(i + 1, e.At, e.Body)).ToList();
    }

    /// <summary>Badges heard at <paramref name="since"/>, and every tag (tags play no part in contact).</summary>
    private static Presence Presence(double since, params int[] badges) =>
        new(badges.Select(b => new DevicePresence(FrameKind.Badge, b, At(since), 90, 1))
            .Concat(new[] { 501, 502, 503 }.Select(t => new DevicePresence(FrameKind.Tag, t, At(since), 80, 1)))
            .ToList());
}
