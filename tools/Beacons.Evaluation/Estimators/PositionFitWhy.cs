using Beacons.Evaluation.Scoring;
using Beacons.Placement;
using Beacons.Placement.Scoring;

namespace Beacons.Evaluation.Estimators;

/// <summary>
/// Why the position fit changed zones in a drill (<c>--posfit-why "Field=v,..."</c>): every change of the zone it
/// shows an officer, as <see cref="PositionFitLocator.Switched"/> tells it, sorted by what made it. A change is a
/// flap when the truth was not in the new zone within <see cref="Scorer.FlapWindowMs"/> either side, as the scoring
/// counts it. Causes, first that fits: a receiver of the new zone heard in one step only ("lone"), or in 2-3 steps
/// since it entered ("new"); the loudest receiver heard stands in the new zone ("loudest"); neither ("fit": the
/// model puts the device there from the levels of receivers in other zones, a border or a zone without a receiver).
/// </summary>
public sealed class PositionFitWhy(ScoringVenue venue, PositionFitMap map, PositionFitSettings settings)
{
    private readonly Dictionary<string, (int Changes, int Flaps)> _causes = new();
    private readonly Dictionary<string, int> _flapKinds = new();
    private long _officerSteps, _officerStillSteps, _steps, _stillSteps;

    public void Add(DrillTrace trace)
    {
        var switches = new Dictionary<int, List<PositionFitSwitch>>();
        Placer? placer = null;
        var kind = new LocatorKind("why", () => placer = new Placer(venue, map, settings, switches));
        var truth = trace.Officers.OrderBy(s => s.TMs).ToList();
        _ = Replay.Run(trace.Readings, truth, kind);
        var byDevice = truth.GroupBy(s => s.Device).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (device, locator) in placer!.Devices)
        {
            _steps += locator.FittedSteps;
            _stillSteps += locator.StillSteps;
            if (byDevice.ContainsKey(device))
            {
                _officerSteps += locator.FittedSteps;
                _officerStillSteps += locator.StillSteps;
            }
        }

        foreach (var (device, list) in switches)
        {
            if (!byDevice.TryGetValue(device, out List<TruthSample>? samples))
            {
                continue;
            }

            for (int i = 0; i < list.Count; i++)
            {
                PositionFitSwitch s = list[i];
                bool flap = !samples.Any(t => Math.Abs(t.TMs - s.StepMs) <= Scorer.FlapWindowMs && t.Zone == s.To);
                string cause = Cause(s);
                var (changes, flaps) = _causes.GetValueOrDefault(cause);
                _causes[cause] = (changes + 1, flaps + (flap ? 1 : 0));
                if (flap)
                {
                    byte truthZone = samples.MinBy(t => Math.Abs(t.TMs - s.StepMs))!.Zone;
                    string where = truthZone == s.From ? "from the true zone" : "from a wrong zone";
                    where += venue.Neighbours?.AreNeighbours(truthZone, s.To) == true ? ", to a neighbour of it" : ", to a zone not next to it";
                    where += venue.ReceiverZones.Values.Contains(s.To) ? "" : " (no receiver)";
                    _flapKinds[where] = _flapKinds.GetValueOrDefault(where) + 1;
                    long stay = i + 1 < list.Count ? list[i + 1].StepMs - s.StepMs : long.MaxValue;
                    string held = stay <= 1000 ? "shown 1 s or less" : stay <= 3000 ? "shown 1.5-3 s" : stay <= 10_000 ? "shown 3.5-10 s" : "shown over 10 s";
                    _flapKinds[held] = _flapKinds.GetValueOrDefault(held) + 1;
                    var levels = s.Heard.Select(h => h.Level).OrderDescending().ToList();
                    double lead = levels.Count > 1 ? levels[0] - levels[1] : double.PositiveInfinity;
                    // Since the officer's last true change of zone: a still device's repeated shadowing flaps late (docs/zones.md, "A device that stands still").
                    long since = s.StepMs - samples.TakeWhile(t => t.TMs <= s.StepMs).Where((t, k) => k == 0 || samples[k - 1].Zone != t.Zone).Select(t => t.TMs).DefaultIfEmpty(s.StepMs).Last();
                    string dwell = "true zone entered " + (since < 10_000 ? "under 10 s" : since < 30_000 ? "10-30 s" : since < 120_000 ? "30-120 s" : "over 120 s") + " before";
                    _flapKinds[dwell] = _flapKinds.GetValueOrDefault(dwell) + 1;
                    string margin = "loudest receiver " + (lead < 3 ? "under 3 dB" : lead < 6 ? "3-6 dB" : "6 dB or more") + " above the next";
                    _flapKinds[margin] = _flapKinds.GetValueOrDefault(margin) + 1;
                }
            }
        }
    }

    private string Cause(PositionFitSwitch s)
    {
        var inNew = s.Heard.Where(h => venue.ReceiverZones.GetValueOrDefault(h.Id) == s.To).ToList();
        if (inNew.Any(h => h.Steps == 1))
        {
            return "lone: a receiver of the new zone heard in one step";
        }

        if (inNew.Any(h => h.Steps <= 3))
        {
            return "new: a receiver of the new zone heard in 2-3 steps";
        }

        var loudest = s.Heard.MaxBy(h => h.Level);
        return loudest != null && venue.ReceiverZones.GetValueOrDefault(loudest.Id) == s.To
            ? "loudest: the loudest receiver is the new zone's"
            : "fit: no receiver of the new zone leads";
    }

    public void Print()
    {
        // Where the stillness rule acts (docs/zones.md, "A device that stands still"): the share of fitted steps it took as still.
        Console.WriteLine("| steps the position fit took as still (StillAfterSteps) | still | fitted | share |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| officers | {_officerStillSteps} | {_officerSteps} | {Share(_officerStillSteps, _officerSteps)} |");
        Console.WriteLine($"| every device heard (officers and casualties) | {_stillSteps} | {_steps} | {Share(_stillSteps, _steps)} |");
        Console.WriteLine();
        Console.WriteLine("| why the position fit changed zones (officers) | changes | flaps |");
        Console.WriteLine("|---|---|---|");
        foreach (var (cause, (changes, flaps)) in _causes.OrderBy(c => c.Key))
        {
            Console.WriteLine($"| {cause} | {changes} | {flaps} |");
        }

        Console.WriteLine();
        Console.WriteLine("| where the flaps went | flaps |");
        Console.WriteLine("|---|---|");
        foreach (var (where, n) in _flapKinds.OrderByDescending(k => k.Value))
        {
            Console.WriteLine($"| {where} | {n} |");
        }

        Console.WriteLine();
    }

    // One locator per device, as the scoring library's per-device placer, each telling its switches under its device.
    private sealed class Placer(ScoringVenue venue, PositionFitMap map, PositionFitSettings settings, Dictionary<int, List<PositionFitSwitch>> switches) : ITracePlacer
    {
        private readonly BlindZones _blindZones = new(venue.Venue!);
        private readonly Dictionary<int, PositionFitLocator> _devices = new();

        public void Observe(int receiver, int device, int rssi, long tMs)
        {
            if (!_devices.TryGetValue(device, out PositionFitLocator? locator))
            {
                locator = new PositionFitLocator(map, settings, (id, t) => _blindZones.IsSilent(_blindZones.SlotOf(id), t));
                var mine = new List<PositionFitSwitch>();
                switches[device] = mine;
                locator.Switched = mine.Add;
                _devices[device] = locator;
            }

            _blindZones.Heard(receiver, tMs);
            locator.Observe(receiver, venue.ReceiverZones[receiver], rssi, tMs);
        }

        public IReadOnlyDictionary<int, PositionFitLocator> Devices => _devices;

        public byte Zone(int device, long tMs) => _devices.TryGetValue(device, out PositionFitLocator? l) ? l.Update(tMs) : (byte)0;
    }

    private static string Share(long part, long whole) =>
        whole == 0 ? "-" : (100.0 * part / whole).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %";
}
