using Beacons.Badge;
using Beacons.Protocol;

namespace Beacons.Shared.Tests.Protocol;

/// <summary>A new payload at least every interval, and at once (after the minimum gap) on a change.</summary>
public class RefreshRuleTests
{
    [Fact]
    public void TheFirstPayloadIsDueAtOnce()
    {
        var rule = new RefreshRule(10_000, 200);
        Assert.True(rule.Due(0));
    }

    [Fact]
    public void NothingChangedMeansARefreshEveryInterval()
    {
        var rule = new RefreshRule(10_000, 200);
        rule.Published(1000);

        Assert.False(rule.Due(10_999));
        Assert.True(rule.Due(11_000));
    }

    [Fact]
    public void AChangeIsDueAfterTheMinimumGap()
    {
        var rule = new RefreshRule(10_000, 200);
        rule.Published(1000);
        rule.Changed();

        Assert.False(rule.Due(1199));
        Assert.True(rule.Due(1200));
        rule.Published(1200);
        Assert.False(rule.Due(1400));
    }

    [Fact]
    public void InALongRandomRunNoPayloadIsOlderThanTheIntervalAndNoChangeWaitsLongerThanTheGap()
    {
        var rng = new Random(9);
        var rule = new RefreshRule(RefreshRule.DefaultIntervalMs, RefreshRule.DefaultMinGapMs);
        const int Step = 10;
        long lastPublish = long.MinValue;
        long pendingChange = long.MinValue;
        int publishes = 0;
        int changes = 0;
        for (long now = 0; now < 6 * 3_600_000L; now += Step)
        {
            if (rng.Next(3000) == 0)
            {
                rule.Changed();
                changes++;
                if (pendingChange == long.MinValue)
                {
                    pendingChange = now;
                }
            }

            if (rule.Due(now))
            {
                if (lastPublish != long.MinValue)
                {
                    Assert.True(now - lastPublish <= RefreshRule.DefaultIntervalMs, "a payload lived " + (now - lastPublish) + " ms");
                    Assert.True(now - lastPublish >= RefreshRule.DefaultMinGapMs);
                }

                if (pendingChange != long.MinValue)
                {
                    Assert.True(now - pendingChange <= RefreshRule.DefaultMinGapMs, "a change waited " + (now - pendingChange) + " ms");
                }

                rule.Published(now);
                lastPublish = now;
                pendingChange = long.MinValue;
                publishes++;
            }
        }

        Assert.True(changes > 500);
        Assert.True(publishes >= (6 * 3_600_000L / RefreshRule.DefaultIntervalMs));
    }
}
