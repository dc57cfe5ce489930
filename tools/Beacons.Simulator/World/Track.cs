using Beacons.Venue;

namespace Beacons.Simulator.World;

/// <summary>Where something is at a moment: its floor, its plan position and the way it faces (radians, 0 = +x).</summary>
public readonly record struct Spot(int Floor, PlanPoint Point, double Heading);

/// <summary>One straight piece of a track, on one floor; a stair climb is two pieces standing still, one per floor.</summary>
public readonly record struct Segment(double T0, double T1, int Floor, PlanPoint From, PlanPoint To, double Heading);

/// <summary>
/// A piecewise-straight path through time, built once from the scenario so that asking where someone is
/// at any moment is a binary search, not a replay. Before its first segment it stands at the start; after
/// its last, at the end.
/// </summary>
public sealed class Track
{
    private readonly Segment[] _segments;
    private readonly Spot _start;

    public Track(Spot start, IReadOnlyList<Segment> segments)
    {
        _start = start;
        _segments = segments.ToArray();
    }

    public IReadOnlyList<Segment> Segments => _segments;

    public Spot At(double t)
    {
        if (_segments.Length == 0 || t < _segments[0].T0)
        {
            return _start;
        }

        int lo = 0, hi = _segments.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (_segments[mid].T0 <= t)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        Segment s = _segments[lo];
        if (t >= s.T1 || s.T1 <= s.T0)
        {
            return new Spot(s.Floor, s.To, s.Heading);
        }

        double f = (t - s.T0) / (s.T1 - s.T0);
        return new Spot(s.Floor, new PlanPoint(s.From.X + ((s.To.X - s.From.X) * f), s.From.Y + ((s.To.Y - s.From.Y) * f)), s.Heading);
    }
}

/// <summary>Builds a <see cref="Track"/> piece by piece, keeping where and when the walker currently is.</summary>
public sealed class TrackBuilder
{
    private readonly List<Segment> _segments = new();
    private readonly Spot _start;

    public TrackBuilder(Spot start, double startTime)
    {
        _start = start;
        Now = startTime;
        Floor = start.Floor;
        Position = start.Point;
        Heading = start.Heading;
    }

    public double Now { get; private set; }

    public int Floor { get; private set; }

    public PlanPoint Position { get; private set; }

    public double Heading { get; private set; }

    /// <summary>Stands still until <paramref name="t"/> (nothing to add: a track holds its last position).</summary>
    public void WaitUntil(double t)
    {
        if (t > Now)
        {
            Now = t;
        }
    }

    public void WalkTo(PlanPoint to, double speed)
    {
        double distance = Plan.Distance(Position, to);
        if (distance < 1e-6)
        {
            return;
        }

        double heading = Math.Atan2(to.Y - Position.Y, to.X - Position.X);
        double end = Now + (distance / speed);
        _segments.Add(new Segment(Now, end, Floor, Position, to, heading));
        Now = end;
        Position = to;
        Heading = heading;
    }

    /// <summary>Climbs or descends at the current position: half the time on each floor.</summary>
    public void ChangeFloor(int floor, double seconds)
    {
        double half = Math.Max(seconds, 0.2) / 2;
        _segments.Add(new Segment(Now, Now + half, Floor, Position, Position, Heading));
        _segments.Add(new Segment(Now + half, Now + (2 * half), floor, Position, Position, Heading));
        Now += 2 * half;
        Floor = floor;
    }

    /// <summary>Goes along with another track from now until <paramref name="until"/> (a carried casualty), ending where it ends.</summary>
    public void Follow(Track other, double until)
    {
        Spot first = other.At(Now);
        Jump(first);
        foreach (Segment s in other.Segments)
        {
            if (s.T1 <= Now || s.T0 >= until)
            {
                continue;
            }

            double t0 = Math.Max(s.T0, Now);
            double t1 = Math.Min(s.T1, until);
            Spot a = other.At(t0);
            Spot b = t1 >= s.T1 ? new Spot(s.Floor, s.To, s.Heading) : other.At(t1);
            _segments.Add(new Segment(t0, t1, s.Floor, a.Point, b.Point, s.Heading));
            Now = t1;
        }

        Spot last = other.At(until);
        Jump(last);
        Now = Math.Max(Now, until);
    }

    public Track Build() => new(_start, _segments);

    private void Jump(Spot to)
    {
        if (to.Floor != Floor || Plan.Distance(to.Point, Position) > 1e-6)
        {
            _segments.Add(new Segment(Now, Now, to.Floor, to.Point, to.Point, to.Heading));
        }

        Floor = to.Floor;
        Position = to.Point;
        Heading = to.Heading;
    }
}
