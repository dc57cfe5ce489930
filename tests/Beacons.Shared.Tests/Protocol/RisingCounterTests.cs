using Beacons.Protocol;

namespace Beacons.Shared.Tests.Protocol;

public class RisingCounterTests
{
    private sealed class RememberingStore : ICounterStore
    {
        public uint Saved;
        public int Writes;

        public uint Load() => Saved;

        public void Save(uint value)
        {
            Saved = value;
            Writes++;
        }
    }

    [Fact]
    public void KeepsRisingAcrossReboots()
    {
        var store = new RememberingStore();
        uint last = 0;
        bool first = true;
        var random = new Random(7);
        for (int boot = 0; boot < 50; boot++)
        {
            var counter = new RisingCounter(store, 16);
            int used = random.Next(0, 40);
            for (int i = 0; i < used; i++)
            {
                uint value = counter.Next();
                Assert.True(first || value > last, $"boot {boot}: {value} after {last}");
                last = value;
                first = false;
            }
        }
    }

    [Fact]
    public void WritesStorageOncePerBlock()
    {
        var store = new RememberingStore();
        var counter = new RisingCounter(store, 256);
        for (int i = 0; i < 1000; i++)
        {
            counter.Next();
        }

        Assert.Equal(4, store.Writes);
    }
}
