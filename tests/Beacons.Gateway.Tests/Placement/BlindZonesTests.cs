using Beacons.Placement;
using Beacons.Venue;
using Beacons.Zones;

namespace Beacons.Gateway.Tests.Placement;

public class BlindZonesTests
{
    // Three rooms in a row on the ground floor, each with its receiver in the middle; a room above the
    // middle one with its own; a store room at the end with none.
    //   floor 0:  [ 1: R1 (5,5) ][ 2: R2 (15,5) ][ 3: R3 (25,5) ][ 5: no receiver ]
    //   floor 1:                 [ 4: R4 (15,5) ]
    private static readonly Beacons.Venue.Venue Rooms = new(
        "Rooms",
        [new Floor(0, "G", 40, 10, null), new Floor(1, "1", 40, 10, null)],
        [Room(1, 0, 0), Room(2, 10, 0), Room(3, 20, 0), Room(5, 30, 0), Room(4, 10, 1)],
        [Receiver(1, 1, 5, 0), Receiver(2, 2, 15, 0), Receiver(3, 3, 25, 0), Receiver(4, 4, 15, 1)],
        [], [], Beacons.Venue.Venue.DefaultFloorLossDb);

    private static readonly ZoneNeighbours Neighbours = NeighbouringZones.Table(Rooms);

    [Fact]
    public void A_receiver_is_taken_for_dead_after_two_missed_heartbeats_and_never_before_anything_was_heard()
    {
        var blind = new BlindZones(Rooms);
        Assert.False(blind.IsBlind(5, 1_000_000)); // nothing heard yet: nothing known, not even of the store room

        blind.Heard(1, 0);
        blind.Heard(2, 0);
        Assert.False(blind.IsSilent(blind.SlotOf(2), BlindZones.SilentMs - 1));
        Assert.True(blind.IsSilent(blind.SlotOf(2), BlindZones.SilentMs));
        Assert.True(blind.IsSilent(blind.SlotOf(3), BlindZones.SilentMs)); // never heard: counts from the first moment any was

        blind.Heard(2, 15_000);
        Assert.False(blind.IsBlind(2, 30_000));
        Assert.True(blind.IsBlind(2, 35_000));
        Assert.True(blind.IsBlind(5, 1)); // no receiver placed there at all
        Assert.Equal(-1, blind.SlotOf(99));
        Assert.False(blind.IsBlind(99, 1_000_000)); // not a zone of the venue
    }

    [Fact]
    public void A_device_the_receivers_around_a_dead_one_place_in_its_room_is_shown_there_after_the_dwell()
    {
        var (blind, fallback) = Make();
        Alive(blind, [1, 2, 3, 4], 0);

        // R2 is never heard again. The device stands in room 2, heard alike by R1 and R3 and weakly from upstairs.
        for (long t = 500; t <= 60_000; t += 500)
        {
            Alive(blind, [1, 3, 4], t);
            fallback.Observe(1, -70, t);
            fallback.Observe(3, -70, t);
            fallback.Observe(4, -85, t);
            byte shown = fallback.Update(1, t); // the zone estimator, blind to room 2, says room 1
            if (t < BlindZones.SilentMs + BlindZoneFallback.DwellMs)
            {
                Assert.Equal(1, shown); // R2 not yet taken for dead, or the dwell not yet over
            }
            else if (t >= BlindZones.SilentMs + BlindZoneFallback.DwellMs + BlindZoneFallback.DecisionIntervalMs)
            {
                Assert.Equal(2, shown);
            }
        }
    }

    [Fact]
    public void Nothing_changes_while_the_rooms_receiver_is_heard()
    {
        var (blind, fallback) = Make();
        for (long t = 0; t <= 60_000; t += 500)
        {
            Alive(blind, [1, 2, 3, 4], t - (t % 10_000)); // heartbeats only, every 10 s: R2 hears nobody but is alive
            fallback.Observe(1, -70, t);
            fallback.Observe(3, -70, t);
            Assert.Equal(1, fallback.Update(1, t));
        }
    }

    [Fact]
    public void The_device_leaves_the_blind_room_when_the_receivers_place_it_next_door_and_the_estimate_agrees()
    {
        var (blind, fallback) = Make();
        long t = InsideDeadRoom2(blind, fallback);

        // The estimate says room 1, a way out of room 2.
        (byte shown, long after) = WalkIntoRoom1(blind, fallback, t, estimate: 1);

        Assert.Equal(1, shown);
        Assert.InRange(after, BlindZoneFallback.DwellMs, BlindZoneFallback.DwellMs + (3 * BlindZoneFallback.DecisionIntervalMs));
    }

    [Fact]
    public void A_blind_room_is_kept_against_an_estimate_that_is_no_way_out_until_it_is_let_go()
    {
        var (blind, fallback) = Make();
        long t = InsideDeadRoom2(blind, fallback);

        // The estimate is the room upstairs: no way out of room 2.
        (byte shown, long after) = WalkIntoRoom1(blind, fallback, t, estimate: 4);

        Assert.Equal(4, shown);
        Assert.InRange(after, BlindZoneFallback.LetGoMs, BlindZoneFallback.LetGoMs + (3 * BlindZoneFallback.DecisionIntervalMs));
    }

    [Fact]
    public void A_receiver_that_comes_back_takes_over_again_after_the_dwell()
    {
        var (blind, fallback) = Make();
        long t = InsideDeadRoom2(blind, fallback);

        // R2 is back and hears the device best, and the estimator says room 2 again. Room 2 is no longer
        // blind: the fallback lets go after the dwell, not after the long let-go time, so the estimator's
        // next answer (here room 4) is shown at once.
        long back = t;
        for (int i = 0; i < 12; i++)
        {
            t += 500;
            Alive(blind, [1, 2, 3, 4], t);
            fallback.Observe(2, -50, t);
            Assert.Equal(2, fallback.Update(2, t));
        }

        Assert.Equal(4, fallback.Update(4, t + 500));
        Assert.True(t - back < BlindZoneFallback.LetGoMs);
    }

    [Fact]
    public void A_receiver_heard_through_the_floor_does_not_take_the_device_upstairs()
    {
        // R2 has died. The device in room 2 is heard best by R4 straight above it, through the floor, and
        // by R1 and R3 on its own floor: most of the strongest stand on the ground floor, so it is placed there.
        var (blind, fallback) = Make();
        Alive(blind, [1, 2, 3, 4], 0);
        byte shown = 0;
        for (long t = 500; t <= 40_000; t += 500)
        {
            Alive(blind, [1, 3, 4], t);
            fallback.Observe(4, -62, t);
            fallback.Observe(1, -72, t);
            fallback.Observe(3, -72, t);
            shown = fallback.Update(4, t); // the zone estimator follows the strongest: upstairs
        }

        Assert.Equal(2, shown);
    }

    private static long InsideDeadRoom2(BlindZones blind, BlindZoneFallback fallback)
    {
        Alive(blind, [1, 2, 3, 4], 0);
        long t = 0;
        while (fallback.Update(1, t) != 2)
        {
            Assert.True(t < 60_000, "never shown in room 2");
            t += 500;
            Alive(blind, [1, 3, 4], t);
            fallback.Observe(1, -70, t);
            fallback.Observe(3, -70, t);
        }

        return t;
    }

    /// <summary>From inside room 2, into room 1 (R1 loud, R3 faint) with the estimator saying <paramref name="estimate"/>: what is shown once room 2 is left, and after how long.</summary>
    private static (byte Shown, long AfterMs) WalkIntoRoom1(BlindZones blind, BlindZoneFallback fallback, long t, byte estimate)
    {
        long left = t;
        byte shown;
        do
        {
            t += 500;
            Alive(blind, [1, 3, 4], t);
            fallback.Observe(1, -50, t);
            fallback.Observe(3, -85, t);
            shown = fallback.Update(estimate, t);
        }
        while (shown == 2 && t - left < 30_000);

        return (shown, t - left);
    }

    private static (BlindZones, BlindZoneFallback) Make()
    {
        var blind = new BlindZones(Rooms);
        return (blind, new BlindZoneFallback(blind, Neighbours));
    }

    private static void Alive(BlindZones blind, int[] receivers, long atMs)
    {
        foreach (int r in receivers)
        {
            blind.Heard(r, atMs);
        }
    }

    private static VenueZone Room(int id, double left, int floor) =>
        new(id, $"Room {id}", floor, [new(left, 0), new(left + 10, 0), new(left + 10, 10), new(left, 10)], ZoneStatus.Hot, false, false);

    private static VenueReceiver Receiver(int id, int zone, double x, int floor) => new(id, $"R{id}", zone, floor, new PlanPoint(x, 5));
}
