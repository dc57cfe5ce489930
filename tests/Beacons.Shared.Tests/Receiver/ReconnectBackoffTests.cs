using Beacons.Receiver;
using Xunit;

namespace Beacons.Shared.Tests.Receiver;

public class ReconnectBackoffTests
{
    [Fact]
    public void The_first_attempt_is_immediate()
    {
        var backoff = new ReconnectBackoff(1000, 60_000, seed: 3);
        Assert.True(backoff.ShouldConnect(0));
        Assert.False(backoff.IsUp);
    }

    [Fact]
    public void Each_failure_doubles_the_wait_up_to_the_ceiling_plus_at_most_a_quarter()
    {
        var backoff = new ReconnectBackoff(1000, 60_000, seed: 3);
        int[] expected = { 1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000 };
        long now = 0;
        foreach (int delay in expected)
        {
            Assert.True(backoff.ShouldConnect(now));
            backoff.ConnectFailed(now);
            long wait = backoff.NextAttemptAtMs - now;
            Assert.InRange(wait, delay, delay + (delay / 4));
            Assert.False(backoff.ShouldConnect(backoff.NextAttemptAtMs - 1));
            now = backoff.NextAttemptAtMs;
        }

        Assert.Equal(expected.Length, backoff.Failures);
    }

    [Fact]
    public void Receivers_that_lost_the_same_access_point_spread_their_attempts()
    {
        var attempts = new HashSet<long>();
        for (int receiver = 1; receiver <= 20; receiver++)
        {
            var backoff = new ReconnectBackoff(1000, 60_000, seed: receiver);
            backoff.Connected(0);
            backoff.Lost(5000);
            for (int i = 0; i < 5; i++)
            {
                backoff.ConnectFailed(backoff.NextAttemptAtMs);
            }

            attempts.Add(backoff.NextAttemptAtMs);
        }

        Assert.True(attempts.Count >= 15, $"only {attempts.Count} distinct times for 20 receivers");
    }

    [Fact]
    public void The_same_receiver_waits_the_same_way_every_time()
    {
        long[] Run()
        {
            var backoff = new ReconnectBackoff(1000, 60_000, seed: 7);
            return Enumerable.Range(0, 6).Select(_ =>
            {
                backoff.ConnectFailed(backoff.NextAttemptAtMs);
                return backoff.NextAttemptAtMs;
            }).ToArray();
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void A_connection_resets_the_wait_and_a_lost_link_is_retried_at_once()
    {
        var backoff = new ReconnectBackoff(1000, 60_000, seed: 1);
        backoff.ConnectFailed(0);
        backoff.ConnectFailed(backoff.NextAttemptAtMs);
        backoff.Connected(10_000);
        Assert.True(backoff.IsUp);
        Assert.Equal(0, backoff.Failures);
        Assert.False(backoff.ShouldConnect(20_000));

        backoff.Lost(30_000);
        Assert.True(backoff.ShouldConnect(30_000));
        backoff.ConnectFailed(30_000);
        Assert.InRange(backoff.NextAttemptAtMs - 30_000, 1000, 1250);
    }

    [Fact]
    public void Only_connections_after_the_first_count_as_reconnects()
    {
        var backoff = new ReconnectBackoff(1000, 60_000, seed: 1);
        backoff.Connected(0);
        Assert.Equal(0, backoff.Reconnects);
        backoff.Connected(10); // seen up again while up: not a reconnect
        backoff.Lost(100);
        backoff.ConnectFailed(100);
        backoff.Connected(2000);
        backoff.Lost(5000);
        backoff.Connected(5001);
        Assert.Equal(2, backoff.Reconnects);
    }
}
