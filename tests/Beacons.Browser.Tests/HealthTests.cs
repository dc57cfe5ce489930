using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;
using Beacons.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Beacons.Browser.Tests;

/// <summary>
/// What is wrong with the gateway itself shows on the dashboard at once: a record it cannot write (a real
/// full disk: a 3 MB tmpfs, which needs root, as tests/run and CI have) and datagrams its computer dropped.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HealthTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_full_disk_turns_the_banner_red_at_once_and_it_clears_when_space_returns()
    {
        using SmallDisk disk = SmallDisk.Mount(Path.GetTempPath());
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output, directory: disk.Path);
        IPage page = await drill.OpenAsync();
        await Expect(page.Locator("#banner")).ToBeHiddenAsync();

        disk.Fill();
        for (int i = 0; i < 200 && (await drill.Gateway.GetAsync("api/status"))["fault"] == null; i++)
        {
            // Answered once the disk has room again: not awaited.
            _ = drill.Gateway.Http.PostAsync("api/annotations",
                new StringContent($"{{\"type\":\"note\",\"text\":\"{i} {new string('x', 1900)}\"}}", Encoding.UTF8, "application/json"));
        }

        await Expect(page.Locator("#banner.fault")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(page.Locator("#banner")).ToContainTextAsync("the disk is full");

        disk.Free();
        await Expect(page.Locator("#banner")).ToBeHiddenAsync(new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task Datagrams_the_computer_dropped_before_the_gateway_read_them_show_in_the_receivers_bar()
    {
        await using BrowserDrill drill = await BrowserDrill.StartAsync(output);
        IPage page = await drill.OpenAsync();
        await Expect(page.Locator("#receivers [data-kernel-drops]")).ToHaveCountAsync(0);

        SmallDisk.Run("kill", "-STOP", drill.Gateway.Pid.ToString());
        try
        {
            using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            var port = new IPEndPoint(IPAddress.Loopback, drill.Gateway.UdpPort);
            for (int i = 0; i < 20_000; i++)
            {
                sender.SendTo(new byte[200], port);
            }
        }
        finally
        {
            SmallDisk.Run("kill", "-CONT", drill.Gateway.Pid.ToString());
        }

        await Expect(page.Locator("#receivers [data-kernel-drops]")).ToContainTextAsync("gateway dropped", new() { Timeout = 10_000 });
    }
}
