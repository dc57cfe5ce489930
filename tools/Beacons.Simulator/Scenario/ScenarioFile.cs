using System.Text.Json;
using Beacons.Protocol;
using Beacons.Simulator.World;
using Beacons.Venue;

namespace Beacons.Simulator.Scenario;

/// <summary>
/// Loads a scenario file and checks it against its venue and exercise: every zone, badge, tag and receiver
/// it names must exist, every move must be reachable through the doors, every time must fall inside the
/// drill. All problems are reported at once (<see cref="ConfigFileException"/>), each with its JSON path.
/// </summary>
public static class ScenarioFile
{
    private static readonly string[] Verbs = ["triage", "carry", "emergency", "emergency-clear", "receiver-fail", "receiver-restore", "zone-status", "annotate", "stop-clock"];

    /// <summary>Stairs take this long when the door does not say.</summary>
    public const double DefaultStairSeconds = 10;

    public static DrillScenario Load(string path, Venue.Venue venue, Exercise exercise)
    {
        return Parse(ConfigText.Read(path), Path.GetFileName(path), venue, exercise);
    }

    public static DrillScenario Parse(string json, string fileName, Venue.Venue venue, Exercise exercise)
    {
        var f = new ScenarioFields(fileName);
        JsonElement? maybeRoot = f.Root(json);
        if (maybeRoot is not JsonElement root)
        {
            f.ThrowIfErrors();
            throw new InvalidOperationException();
        }

        var plan = new Plan(venue);
        var reader = new Reader(f, plan, exercise);
        f.OnlyKnown(root, "$", "name", "start", "end", "doors", "people", "casualties", "actions");
        string name = f.String(root, "$", "name", required: true) ?? "";
        double start = f.Time(root, "$", "start", required: false) ?? -60;
        double end = f.Time(root, "$", "end", required: true) ?? 0;
        if (start > 0)
        {
            f.Error("$.start", "must be at or before T0 (0:00): the drill starts no later than its clock");
        }

        if (end <= 0 || end <= start)
        {
            f.Error("$.end", "must be after T0 (0:00) and after $.start");
        }

        reader.Start = start;
        reader.End = end;

        var doors = new List<Door>();
        foreach ((JsonElement e, string p) in f.Array(root, "$", "doors", required: false))
        {
            if (reader.Door(e, p) is Door d)
            {
                doors.Add(d);
            }
        }

        var people = new List<ScenarioPerson>();
        var paths = new Dictionary<object, string>();
        foreach ((JsonElement e, string p) in f.Array(root, "$", "people", required: false))
        {
            if (reader.Person(e, p) is ScenarioPerson person)
            {
                if (people.Any(x => x.Badge == person.Badge))
                {
                    f.Error($"{p}.badge", $"badge {person.Badge} already has a person in this scenario");
                    continue;
                }

                people.Add(person);
                paths[person] = p;
            }
        }

        var casualties = new List<ScenarioCasualty>();
        foreach ((JsonElement e, string p) in f.Array(root, "$", "casualties", required: false))
        {
            if (reader.Casualty(e, p) is ScenarioCasualty casualty)
            {
                if (casualties.Any(x => x.Tag == casualty.Tag))
                {
                    f.Error($"{p}.tag", $"tag {casualty.Tag} already has a casualty in this scenario");
                    continue;
                }

                casualties.Add(casualty);
                paths[casualty] = p;
            }
        }

        var actions = new List<ScenarioAction> { new StartClockAction(0) };
        foreach ((JsonElement e, string p) in f.Array(root, "$", "actions", required: false))
        {
            if (reader.Action(e, p, people, casualties) is ScenarioAction action)
            {
                actions.Add(action);
                paths[action] = p;
            }
        }

        // Stable sort: actions at the same time keep the file's order.
        actions = actions.OrderBy(a => a.At).ToList();
        var scenario = new DrillScenario(name, start, end, doors, people, casualties, actions);

        // A dry run of the choreography finds moves no door leads to and carriers that are not there yet.
        foreach (ChoreographyError error in Choreography.Check(plan, scenario))
        {
            string where = paths.TryGetValue(error.Subject, out string? p) ? p : "$";
            f.Error(where + error.Detail, error.Problem);
        }

        f.ThrowIfErrors();
        return scenario;
    }

    private sealed class Reader
    {
        private readonly ScenarioFields _f;
        private readonly Plan _plan;
        private readonly Exercise _exercise;

        public Reader(ScenarioFields f, Plan plan, Exercise exercise)
        {
            _f = f;
            _plan = plan;
            _exercise = exercise;
        }

        public double Start { get; set; }

        public double End { get; set; }

        public Door? Door(JsonElement e, string p)
        {
            if (!_f.IsObject(e, p))
            {
                return null;
            }

            _f.OnlyKnown(e, p, "between", "position", "path", "seconds");
            VenueZone? a = null, b = null;
            if (!e.TryGetProperty("between", out JsonElement between) || between.ValueKind != JsonValueKind.Array || between.GetArrayLength() != 2)
            {
                _f.Error($"{p}.between", "must be a list of two zones (names or IDs)");
            }
            else
            {
                a = ZoneRef(between[0], $"{p}.between[0]");
                b = ZoneRef(between[1], $"{p}.between[1]");
            }

            // A doorway is one point; a walkway across ground in no zone is a path from A's edge to B's.
            var path = new List<PlanPoint>();
            bool hasPosition = _f.Has(e, "position"), hasPath = _f.Has(e, "path");
            if (hasPosition == hasPath)
            {
                _f.Error(p, "give either \"position\" (a doorway or stair landing) or \"path\" (a walkway), not both or neither");
            }
            else if (hasPosition)
            {
                if (_f.Point(e.GetProperty("position"), $"{p}.position") is PlanPoint point)
                {
                    path.Add(point);
                }
            }
            else
            {
                foreach ((JsonElement q, string qp) in _f.Array(e, p, "path", required: true))
                {
                    if (_f.Point(q, qp) is PlanPoint point)
                    {
                        path.Add(point);
                    }
                }

                if (path.Count < 2)
                {
                    _f.Error($"{p}.path", "a walkway needs at least two points [[x, y], [x, y], ...]");
                    return null;
                }
            }

            double? seconds = _f.Number(e, p, "seconds", 0, 600, required: false);
            if (a == null || b == null || path.Count == 0)
            {
                return null;
            }

            if (a.Id == b.Id)
            {
                _f.Error($"{p}.between", "a door joins two different zones");
                return null;
            }

            if (hasPath && a.Floor != b.Floor)
            {
                _f.Error($"{p}.path", "a walkway joins zones on one floor (stairs are a single \"position\")");
                return null;
            }

            // A doorway sits on both zones' edges; a stair landing lies in both zones' footprints; a walkway
            // starts on A's edge and ends on B's.
            string where = hasPath ? $"{p}.path" : $"{p}.position";
            if (!Touches(a, path[0], where) || !Touches(b, path[^1], where))
            {
                return null;
            }

            return new Door(a.Id, b.Id, path, seconds ?? (a.Floor != b.Floor ? DefaultStairSeconds : 0));
        }

        private bool Touches(VenueZone zone, PlanPoint point, string path)
        {
            if (zone.Contains(point) || Plan.DistanceToOutline(zone, point) <= 1.0)
            {
                return true;
            }

            _f.Error(path, $"[{point.X}, {point.Y}] is not on or in zone \"{zone.Name}\"");
            return false;
        }

        public ScenarioPerson? Person(JsonElement e, string p)
        {
            if (!_f.IsObject(e, p))
            {
                return null;
            }

            _f.OnlyKnown(e, p, "badge", "arrive", "start", "speed", "selfLocate", "moves");
            int? badge = _f.Int(e, p, "badge", 1, 65535, required: true);
            if (badge != null && _exercise.FindOfficer(badge.Value) == null)
            {
                _f.Error($"{p}.badge", $"badge {badge} is not an officer of the exercise file");
                badge = null;
            }

            double arrive = TimeIn(e, p, "arrive", required: false) ?? Start;
            Place? start = PlaceField(e, p, "start", required: true);
            double speed = _f.Number(e, p, "speed", 0.2, 10, required: false) ?? DrillScenario.DefaultWalkSpeed;
            bool selfLocate = _f.Bool(e, p, "selfLocate", false);
            List<Move> moves = Moves(e, p);
            if (badge == null || start == null)
            {
                return null;
            }

            return new ScenarioPerson(badge.Value, arrive, start, speed, selfLocate, moves);
        }

        public ScenarioCasualty? Casualty(JsonElement e, string p)
        {
            if (!_f.IsObject(e, p))
            {
                return null;
            }

            _f.OnlyKnown(e, p, "tag", "start", "speed", "moves");
            int? tag = _f.Int(e, p, "tag", 1, 65535, required: true);
            if (tag != null && _exercise.FindTag(tag.Value) == null)
            {
                _f.Error($"{p}.tag", $"tag {tag} is not a tag of the exercise file");
                tag = null;
            }

            Place? start = PlaceField(e, p, "start", required: true);
            double speed = _f.Number(e, p, "speed", 0.2, 10, required: false) ?? 1.0;
            List<Move> moves = Moves(e, p);
            return tag == null || start == null ? null : new ScenarioCasualty(tag.Value, start, speed, moves);
        }

        public ScenarioAction? Action(JsonElement e, string p, List<ScenarioPerson> people, List<ScenarioCasualty> casualties)
        {
            if (!_f.IsObject(e, p))
            {
                return null;
            }

            double? at = TimeIn(e, p, "at", required: true);
            string? verb = _f.String(e, p, "do", required: true);
            if (verb == null)
            {
                return null;
            }

            if (Array.IndexOf(Verbs, verb) < 0)
            {
                _f.Error($"{p}.do", $"unknown action \"{verb}\" (expected one of: {string.Join(", ", Verbs)})");
                return null;
            }

            switch (verb)
            {
                case "triage":
                {
                    _f.OnlyKnown(e, p, "at", "do", "tag", "colour", "by");
                    int? tag = TagRef(e, p, casualties);
                    string? colour = _f.String(e, p, "colour", required: true);
                    int? by = _f.Has(e, "by") ? BadgeRef(e, p, "by", people) : null;
                    // A medic can only set a colour; untagged is what a tag is before that.
                    TriageColour set = default;
                    if (colour != null && !(WireNames.TryParse(colour, out set) && set != TriageColour.Untagged))
                    {
                        string choices = string.Join(", ", Enum.GetValues<TriageColour>().Where(c => c != TriageColour.Untagged).Select(WireNames.Of));
                        _f.Error($"{p}.colour", $"unknown colour \"{colour}\" (expected one of: {choices})");
                        colour = null;
                    }

                    return at == null || tag == null || colour == null ? null
                        : new TriageAction(at.Value, tag.Value, set, by);
                }

                case "carry":
                {
                    _f.OnlyKnown(e, p, "at", "do", "tag", "by", "until");
                    int? tag = TagRef(e, p, casualties);
                    int? by = BadgeRef(e, p, "by", people);
                    double? until = TimeIn(e, p, "until", required: true);
                    if (at != null && until != null && until <= at)
                    {
                        _f.Error($"{p}.until", "must be after \"at\"");
                        return null;
                    }

                    return at == null || tag == null || by == null || until == null ? null : new CarryAction(at.Value, tag.Value, by.Value, until.Value);
                }

                case "emergency":
                case "emergency-clear":
                {
                    _f.OnlyKnown(e, p, "at", "do", "badge");
                    int? badge = BadgeRef(e, p, "badge", people);
                    return at == null || badge == null ? null : new EmergencyAction(at.Value, badge.Value, verb == "emergency");
                }

                case "receiver-fail":
                case "receiver-restore":
                {
                    _f.OnlyKnown(e, p, "at", "do", "receiver");
                    int? receiver = _f.Int(e, p, "receiver", 1, 65535, required: true);
                    if (receiver != null && _plan.Venue.FindReceiver(receiver.Value) == null)
                    {
                        _f.Error($"{p}.receiver", $"receiver {receiver} is not in the venue file");
                        receiver = null;
                    }

                    return at == null || receiver == null ? null : new ReceiverAction(at.Value, receiver.Value, verb == "receiver-fail");
                }

                case "zone-status":
                {
                    _f.OnlyKnown(e, p, "at", "do", "zone", "status");
                    VenueZone? zone = e.TryGetProperty("zone", out JsonElement z) ? ZoneRef(z, $"{p}.zone") : null;
                    if (!e.TryGetProperty("zone", out _))
                    {
                        _f.Error($"{p}.zone", "missing (a zone name or ID is required)");
                    }

                    string? status = _f.String(e, p, "status", required: true);
                    ZoneStatus zoneStatus = default;
                    if (status != null && !WireNames.TryParse(status, out zoneStatus))
                    {
                        _f.Error($"{p}.status", $"unknown status \"{status}\" (expected {WireNames.Choices<ZoneStatus>()})");
                        status = null;
                    }

                    return at == null || zone == null || status == null ? null
                        : new ZoneStatusAction(at.Value, zone.Id, zoneStatus);
                }

                case "stop-clock":
                    _f.OnlyKnown(e, p, "at", "do");
                    return at == null ? null : new StopClockAction(at.Value);

                default:
                {
                    _f.OnlyKnown(e, p, "at", "do", "type", "text");
                    string? text = _f.String(e, p, "text", required: true);
                    string type = _f.String(e, p, "type", required: false) ?? "note";
                    if (type.Length > 64 || type.Any(c => !(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')))
                    {
                        _f.Error($"{p}.type", $"\"{type}\" must be 1-64 of a-z, 0-9 and -");
                        return null;
                    }

                    if (text != null && text.Length > 2000)
                    {
                        _f.Error($"{p}.text", "at most 2000 characters");
                        return null;
                    }

                    return at == null || text == null ? null : new AnnotationAction(at.Value, type, text);
                }
            }
        }

        private List<Move> Moves(JsonElement e, string p)
        {
            var moves = new List<Move>();
            foreach ((JsonElement m, string mp) in _f.Array(e, p, "moves", required: false))
            {
                if (!_f.IsObject(m, mp))
                {
                    continue;
                }

                _f.OnlyKnown(m, mp, "at", "to", "speed");
                double? at = TimeIn(m, mp, "at", required: true);
                Place? to = PlaceField(m, mp, "to", required: true);
                double speed = _f.Number(m, mp, "speed", 0.2, 10, required: false) ?? 0;
                if (at != null && moves.Count > 0 && at < moves[^1].At)
                {
                    _f.Error($"{mp}.at", "moves must be listed in time order");
                }

                if (at != null && to != null)
                {
                    moves.Add(new Move(at.Value, to, speed));
                }
            }

            return moves;
        }

        private double? TimeIn(JsonElement e, string p, string name, bool required)
        {
            double? t = _f.Time(e, p, name, required);
            if (t != null && (t < Start || t > End))
            {
                _f.Error($"{p}.{name}", $"{Clock(t.Value)} is outside the drill ({Clock(Start)} to {Clock(End)})");
                return null;
            }

            return t;
        }

        private Place? PlaceField(JsonElement e, string p, string name, bool required)
        {
            if (!e.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                if (required)
                {
                    _f.Error($"{p}.{name}", "missing (a zone name, or { \"zone\": ..., \"position\": [x, y] })");
                }

                return null;
            }

            string path = $"{p}.{name}";
            if (value.ValueKind != JsonValueKind.Object)
            {
                VenueZone? only = ZoneRef(value, path);
                return only == null ? null : new Place(only.Id, only.Floor, _plan.InteriorPoint(only));
            }

            _f.OnlyKnown(value, path, "zone", "position");
            VenueZone? zone = value.TryGetProperty("zone", out JsonElement z) ? ZoneRef(z, $"{path}.zone") : null;
            if (!value.TryGetProperty("zone", out _))
            {
                _f.Error($"{path}.zone", "missing (a zone name or ID is required)");
            }

            PlanPoint? position = value.TryGetProperty("position", out JsonElement pos) && pos.ValueKind != JsonValueKind.Null
                ? _f.Point(pos, $"{path}.position") : null;
            if (zone == null)
            {
                return null;
            }

            if (position != null && !zone.Contains(position.Value))
            {
                _f.Error($"{path}.position", $"[{position.Value.X}, {position.Value.Y}] is not inside zone \"{zone.Name}\"");
                return null;
            }

            return new Place(zone.Id, zone.Floor, position ?? _plan.InteriorPoint(zone));
        }

        private VenueZone? ZoneRef(JsonElement value, string path)
        {
            VenueZone? zone = value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt32(out int id) => _plan.Venue.FindZone(id),
                JsonValueKind.String => _plan.Venue.Zones.FirstOrDefault(z => string.Equals(z.Name, value.GetString(), StringComparison.OrdinalIgnoreCase)),
                _ => null,
            };
            if (zone == null)
            {
                _f.Error(path, $"unknown zone {value.GetRawText()} (give a zone's name or ID from the venue file)");
            }

            return zone;
        }

        private int? TagRef(JsonElement e, string p, List<ScenarioCasualty> casualties)
        {
            int? tag = _f.Int(e, p, "tag", 1, 65535, required: true);
            if (tag != null && casualties.All(c => c.Tag != tag))
            {
                _f.Error($"{p}.tag", $"tag {tag} is not on a casualty of this scenario ($.casualties)");
                return null;
            }

            return tag;
        }

        private int? BadgeRef(JsonElement e, string p, string name, List<ScenarioPerson> people)
        {
            int? badge = _f.Int(e, p, name, 1, 65535, required: true);
            if (badge != null && people.All(x => x.Badge != badge))
            {
                _f.Error($"{p}.{name}", $"badge {badge} is not a person of this scenario ($.people)");
                return null;
            }

            return badge;
        }
    }

    public static string Clock(double seconds)
    {
        double a = Math.Abs(seconds);
        return $"{(seconds < 0 ? "-" : "")}{(int)(a / 60)}:{(int)(a % 60):00}";
    }
}
