using Beacons.Configuration;
using Beacons.Protocol;
using Xunit;

namespace Beacons.Shared.Tests.Configuration;

public sealed class FileCounterStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("beacons-counter-").FullName;

    private string A => Path.Combine(_dir, "counter-a.bin");

    private string B => Path.Combine(_dir, "counter-b.bin");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_new_device_starts_at_zero()
    {
        Assert.Equal(0u, new FileCounterStore(A, B).Load());
    }

    [Fact]
    public void The_counter_keeps_rising_across_reboots()
    {
        uint last = 0;
        for (int boot = 0; boot < 5; boot++)
        {
            var counter = new RisingCounter(new FileCounterStore(A, B), 16);
            uint first = counter.Next();
            Assert.True(boot == 0 || first > last, $"boot {boot}: {first} after {last}");
            for (int i = 0; i < 40; i++)
            {
                last = counter.Next();
            }
        }
    }

    [Fact]
    public void Saves_alternate_between_the_two_files()
    {
        var store = new FileCounterStore(A, B);
        store.Load();
        store.Save(100);
        Assert.True(File.Exists(A));
        Assert.False(File.Exists(B));
        store.Save(200);
        Assert.True(File.Exists(B));
        Assert.Equal(200u, new FileCounterStore(A, B).Load());
    }

    [Fact]
    public void A_file_spoilt_by_a_power_cut_falls_back_to_the_other()
    {
        var store = new FileCounterStore(A, B);
        store.Load();
        store.Save(256);
        store.Save(512);

        // Power lost while writing the next reservation into A: its bytes are half written.
        File.WriteAllBytes(A, new byte[] { 0x00, 0x03, 0x00 });
        Assert.Equal(512u, new FileCounterStore(A, B).Load());

        // A record whose check does not match is as bad as a short one.
        byte[] record = File.ReadAllBytes(B);
        record[6] ^= 0x40;
        File.WriteAllBytes(B, record);
        File.WriteAllBytes(A, new byte[] { 0, 1, 0, 0, 0xFF, 0xFE, 0xFF, 0xFF }); // 256, valid
        Assert.Equal(256u, new FileCounterStore(A, B).Load());
    }

    [Fact]
    public void A_failed_save_is_counted_not_thrown()
    {
        var store = new FileCounterStore(Path.Combine(_dir, "missing-dir", "a.bin"), Path.Combine(_dir, "missing-dir", "b.bin"));
        store.Load();
        store.Save(256);
        Assert.Equal(1, store.SaveFailures);
    }
}
