using Beacons.Protocol;
using Beacons.Simulator.Devices;
using Beacons.Simulator.Network;
using Beacons.Simulator.Radio;
using Beacons.Simulator.Scenario;
using Beacons.Simulator.World;
using Beacons.Venue;

namespace Beacons.Simulator.Drill;

/// <summary>
/// The whole simulated drill on a virtual clock: the scenario's people and casualties on their tracks,
/// devices running the shared logic, the air between them and the virtual receivers, the scenario's
/// actions at their times, and the ground truth. Single-threaded and deterministic: <see cref="Step"/>
/// advances it by one step; nothing in it reads a real clock. <see cref="SimulatedDrill"/> paces it
/// against real time and sends its datagrams over UDP.
/// </summary>
public sealed class DrillEngine
{
    /// <summary>Device IDs of the added load devices start here (badges; tags from <see cref="FirstExtraTag"/>).</summary>
    public const int FirstExtraBadge = 40001;

    public const int FirstExtraTag = 50001;

    private readonly SimulationOptions _options;
    private readonly Plan _plan;
    private readonly SimDevice[] _devices;
    private readonly Listener[] _listeners;
    private readonly Dictionary<int, BadgeDevice> _badges = new();
    private readonly Dictionary<int, TagDevice> _tags = new();
    private readonly Dictionary<int, VirtualReceiver> _receivers = new();
    private readonly Air _air;
    private readonly List<ScenarioAction> _actions;
    private readonly long _stepUs;
    private int _nextAction;

    public DrillEngine(Venue.Venue venue, Exercise exercise, DrillScenario scenario, SimulationOptions options, IDatagramSink sink)
    {
        if (options.StepMs <= 0 || 1000 % options.StepMs != 0)
        {
            throw new ArgumentException("the simulation step must divide 1000 ms");
        }

        Venue = venue;
        Exercise = exercise;
        Scenario = scenario;
        _options = options;
        _stepUs = options.StepMs * 1000L;
        _plan = new Plan(venue);
        Truth = new GroundTruth(options.GroundTruth, options.KeepTruth);
        Choreography = Choreography.Build(_plan, scenario);
        _actions = scenario.Actions.OrderBy(a => a.At).ToList();

        var context = new DeviceContext(exercise.WireId, exercise.CompanyId, exercise.MacKey, options.Radio, options.Seed, options.CounterBase);
        var devices = new List<SimDevice>();
        foreach (ScenarioPerson person in scenario.People)
        {
            Officer officer = exercise.FindOfficer(person.Badge)!;
            var badge = new BadgeDevice(devices.Count, (ushort)person.Badge, officer.Role, Choreography.People[person.Badge], person.ArriveSeconds, person.SelfLocate, context);
            devices.Add(badge);
            _badges[person.Badge] = badge;
        }

        foreach (ScenarioCasualty casualty in scenario.Casualties)
        {
            var tag = new TagDevice(devices.Count, (ushort)casualty.Tag, Choreography.Casualties[casualty.Tag], context);
            devices.Add(tag);
            _tags[casualty.Tag] = tag;
        }

        foreach (VenueAnchor anchor in venue.Anchors)
        {
            devices.Add(new AnchorDevice(devices.Count, anchor, context));
        }

        AddExtras(devices, context);
        _devices = devices.ToArray();

        var listeners = new List<Listener>();
        foreach (VenueReceiver r in venue.Receivers)
        {
            ExerciseReceiver? key = exercise.FindReceiver(r.Id) ?? throw new ArgumentException($"receiver {r.Id} has no key in the exercise file");
            var receiver = new VirtualReceiver(r, key.MacKey, context, options.Receivers, sink);
            listeners.Add(receiver);
            _receivers[r.Id] = receiver;
        }

        listeners.AddRange(_devices.OfType<BadgeDevice>().Where(b => b.Scanner != null).Select(b => b.Scanner!));
        _listeners = listeners.ToArray();
        for (int i = 0; i < _listeners.Length; i++)
        {
            _listeners[i].Index = i;
        }

        var links = new Links(new Propagation(venue, options.Radio), _devices.Length, _listeners.Length, options.Seed);
        _air = new Air(options.Radio, links, _devices, _listeners, SimRandom.For(options.Seed, 0x4000_0000UL));
        _air.Schedule(0, _stepUs);
    }

    public Venue.Venue Venue { get; }

    public Exercise Exercise { get; }

    public DrillScenario Scenario { get; }

    public Choreography Choreography { get; }

    public GroundTruth Truth { get; }

    public IReadOnlyList<SimDevice> Devices => _devices;

    public IReadOnlyCollection<VirtualReceiver> Receivers => _receivers.Values;

    /// <summary>Milliseconds since the simulation started.</summary>
    public long SimMs { get; private set; }

    /// <summary>The exercise clock: seconds from T0 (negative before it).</summary>
    public double Seconds => Scenario.StartSeconds + (SimMs / 1000.0);

    public bool Finished => Seconds >= Scenario.EndSeconds;

    /// <summary>Advertising events that went on the air so far.</summary>
    public long AdvertEvents => _air.Events;

    public static bool IsExtra(int deviceId) => deviceId >= FirstExtraBadge;

    /// <summary>Advances the drill by one step.</summary>
    public void Step()
    {
        if (SimMs % 1000 == 0)
        {
            RecordTruth();
        }

        double seconds = Seconds;
        while (_nextAction < _actions.Count && _actions[_nextAction].At <= seconds)
        {
            Apply(_actions[_nextAction++]);
        }

        double middle = seconds + (_options.StepMs / 2000.0);
        foreach (SimDevice device in _devices)
        {
            device.Locate(middle);
        }

        foreach (Listener listener in _listeners)
        {
            if (listener.Owner != null)
            {
                listener.Spot = listener.Owner.Spot;
            }
        }

        foreach (SimDevice device in _devices)
        {
            device.Update(SimMs);
        }

        long fromUs = SimMs * 1000;
        _air.Schedule(fromUs + _stepUs, fromUs + (2 * _stepUs));
        _air.Deliver(middle);
        foreach (Listener listener in _listeners)
        {
            listener.Advance(fromUs + _stepUs);
        }

        SimMs += _options.StepMs;
        if (Finished)
        {
            RecordTruth();
            Truth.Flush();
        }
    }

    public void RunToEnd()
    {
        while (!Finished)
        {
            Step();
        }
    }

    private void Apply(ScenarioAction action)
    {
        switch (action)
        {
            case TriageAction t:
                _tags[t.Tag].Triage(t.Colour, SimMs);
                Truth.Add(new TruthEvent(Seconds, "triage", t.Tag, $"{WireNames.Of(t.Colour)}{(t.By != null ? $" by badge {t.By}" : "")}"));
                break;
            case CarryAction c:
                Truth.Add(new TruthEvent(Seconds, "carry", c.Tag, $"carried by badge {c.By} until {ScenarioFile.Clock(c.Until)}"));
                break;
            case EmergencyAction e:
                bool held = _badges[e.Badge].HoldForEmergency(e.Raise, SimMs);
                Truth.Add(new TruthEvent(Seconds, e.Raise ? "emergency" : "emergency-clear", e.Badge, held ? "button held" : "already in that state: nothing to do"));
                break;
            case ReceiverAction r:
                if (r.Fails)
                {
                    _receivers[r.Receiver].Fail();
                }
                else
                {
                    _receivers[r.Receiver].Restore(SimMs);
                }

                Truth.Add(new TruthEvent(Seconds, r.Fails ? "receiver-fail" : "receiver-restore", r.Receiver, _receivers[r.Receiver].Info.Name));
                break;
            case ControllerAction controller:
                Truth.Add(new TruthEvent(Seconds, "controller", null, Describe(controller)));
                _options.OnControllerAction?.Invoke(controller);
                break;
        }
    }

    private string Describe(ControllerAction action) => action switch
    {
        StartClockAction => "T0: exercise clock starts",
        StopClockAction => "exercise clock stops",
        ZoneStatusAction z => $"zone \"{_plan.Zone(z.Zone).Name}\" set {z.Status.ToString().ToLowerInvariant()}",
        AnnotationAction a => $"{a.Type}: {a.Text}",
        _ => action.ToString(),
    };

    private void RecordTruth()
    {
        double seconds = Seconds;
        foreach (SimDevice device in _devices)
        {
            if (device is AnchorDevice)
            {
                continue;
            }

            Spot? where = device.Where(seconds);
            Spot spot = where ?? default;
            int zone = where == null ? 0 : _plan.ZoneAt(spot.Floor, spot.Point, spot.Heading);
            var badge = device as BadgeDevice;
            var tag = device as TagDevice;
            Truth.Add(new TruthSample(
                seconds, device.DeviceId, device.Kind, where != null, spot.Floor, spot.Point.X, spot.Point.Y, zone,
                tag?.State.Committed ?? TriageColour.Untagged, tag?.State.Mode ?? Triage.TagMode.Untagged,
                badge?.Emergency ?? false, badge?.AirZone ?? 0));
        }
    }

    // Load for the airtime study: wandering officers and still casualties, placed and moved at random (seeded).
    private void AddExtras(List<SimDevice> devices, DeviceContext context)
    {
        if (_options.ExtraDevices <= 0)
        {
            return;
        }

        var random = SimRandom.For(_options.Seed, 0x5000_0000UL);
        var routes = new Routes(_plan, Scenario.Doors);
        VenueZone[] zones = Venue.Zones.ToArray();
        int walkers = (int)Math.Round(_options.ExtraDevices * 0.4);
        for (int i = 0; i < _options.ExtraDevices; i++)
        {
            VenueZone zone = zones[random.Next(zones.Length)];
            var start = new Place(zone.Id, zone.Floor, Plan.RandomPoint(zone, random));
            var track = new TrackBuilder(new Spot(start.Floor, start.Position, 0), Scenario.StartSeconds);
            if (i < walkers)
            {
                int at = zone.Id;
                while (track.Now < Scenario.EndSeconds)
                {
                    track.WaitUntil(track.Now + random.Uniform(20, 120));
                    VenueZone target = zones[random.Next(zones.Length)];
                    var to = new Place(target.Id, target.Floor, Plan.RandomPoint(target, random));
                    if (routes.Walk(track, at, to, random.Uniform(1.0, 1.6)))
                    {
                        at = target.Id;
                    }
                }

                devices.Add(new BadgeDevice(devices.Count, (ushort)(FirstExtraBadge + i), OfficerRole.Evaluator, track.Build(), Scenario.StartSeconds, false, context));
            }
            else
            {
                devices.Add(new TagDevice(devices.Count, (ushort)(FirstExtraTag + i), track.Build(), context));
            }
        }
    }
}
