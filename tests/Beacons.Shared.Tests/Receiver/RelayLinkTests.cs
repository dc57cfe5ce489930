using Beacons.Indicator;
using Beacons.Receiver;

namespace Beacons.Shared.Tests.Receiver;

/// <summary>The socket follows the link, whoever brought it up, and the LED is green only when datagrams really leave.</summary>
public class RelayLinkTests
{
    [Fact]
    public void A_link_already_up_at_boot_gets_a_socket_without_a_connect_of_ours()
    {
        // Second boot on: the firmware joined from stored credentials before the app looked.
        var link = new RelayLink();
        link.LinkChecked(true);
        Assert.Equal(SocketAction.Open, link.Next());
        Assert.False(link.Relaying);
        link.SocketOpened();
        Assert.Equal(SocketAction.None, link.Next());
        Assert.True(link.Relaying);
    }

    [Fact]
    public void No_link_no_socket()
    {
        var link = new RelayLink();
        link.LinkChecked(false);
        Assert.Equal(SocketAction.None, link.Next());
        Assert.False(link.CanSend);
    }

    [Fact]
    public void A_lost_link_closes_the_socket_and_its_return_opens_a_new_one()
    {
        var link = new RelayLink();
        link.LinkChecked(true);
        link.SocketOpened();
        link.LinkChecked(false);
        Assert.False(link.Relaying);
        Assert.False(link.CanSend);
        Assert.Equal(SocketAction.Close, link.Next());
        link.SocketClosed();
        Assert.Equal(SocketAction.None, link.Next());
        link.LinkChecked(true);
        Assert.Equal(SocketAction.Open, link.Next());
    }

    [Fact]
    public void Failing_sends_say_not_relaying_at_once_and_renew_the_socket_after_a_few()
    {
        var link = new RelayLink();
        link.LinkChecked(true);
        link.SocketOpened();
        link.Sent(false);
        Assert.False(link.Relaying);
        Assert.True(link.CanSend);
        for (int i = 1; i < RelayLink.FailuresToReopen; i++)
        {
            Assert.Equal(SocketAction.None, link.Next());
            link.Sent(false);
        }

        Assert.Equal(SocketAction.Close, link.Next());
        link.SocketClosed();
        Assert.Equal(SocketAction.Open, link.Next());
        link.SocketOpened();
        Assert.True(link.Relaying);
    }

    [Fact]
    public void One_send_that_goes_clears_the_failures()
    {
        var link = new RelayLink();
        link.LinkChecked(true);
        link.SocketOpened();
        link.Sent(false);
        link.Sent(true);
        Assert.True(link.Relaying);
        Assert.Equal(0, link.FailedSends);
    }

    [Theory]
    [InlineData(true, false, true, Rgb.Green)]
    [InlineData(true, false, false, Rgb.Yellow)]
    [InlineData(true, true, false, Rgb.Yellow)]
    [InlineData(false, false, true, Rgb.Red)]
    public void The_led_is_green_only_while_relaying(bool scanning, bool connecting, bool relaying, int colour)
    {
        Assert.Equal(colour, ReceiverLed.Show(scanning, connecting, relaying, nowMs: 0));
    }

    [Fact]
    public void Relaying_winks_and_is_dark_between()
    {
        Assert.Equal(Rgb.Off, ReceiverLed.Show(true, false, true, ReceiverLed.WinkMs));
        Assert.Equal(Rgb.Green, ReceiverLed.Show(true, false, true, ReceiverLed.WinkPeriodMs));
    }
}
