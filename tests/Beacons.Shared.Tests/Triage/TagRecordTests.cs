using Beacons.Protocol;
using Beacons.Triage;

namespace Beacons.Shared.Tests.Triage;

/// <summary>The committed colour a tag saves for after a reboot, and the records it must refuse.</summary>
public class TagRecordTests
{
    [Theory]
    [InlineData(TriageColour.Green, 1)]
    [InlineData(TriageColour.Yellow, 2)]
    [InlineData(TriageColour.Red, 17)]
    [InlineData(TriageColour.Black, 255)]
    public void ARecordOfThisExerciseAndTagComesBack(TriageColour colour, byte changes)
    {
        byte[] record = TagRecord.Encode(42, 501, colour, changes);

        Assert.True(TagRecord.TryDecode(record, 42, 501, out TriageColour back, out byte backChanges));
        Assert.Equal(colour, back);
        Assert.Equal(changes, backChanges);
    }

    [Fact]
    public void AnotherDrillsOrAnotherTagsRecordIsIgnored()
    {
        byte[] record = TagRecord.Encode(42, 501, TriageColour.Red, 3);

        Assert.False(TagRecord.TryDecode(record, 43, 501, out _, out _));
        Assert.False(TagRecord.TryDecode(record, 42, 502, out _, out _));
    }

    [Fact]
    public void EveryTornOrFlippedRecordIsRefused()
    {
        byte[] record = TagRecord.Encode(42, 501, TriageColour.Yellow, 2);
        for (int i = 0; i < record.Length; i++)
        {
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] spoiled = (byte[])record.Clone();
                spoiled[i] ^= (byte)(1 << bit);
                Assert.False(TagRecord.TryDecode(spoiled, 42, 501, out _, out _), "byte " + i + " bit " + bit);
            }
        }

        for (int length = 0; length < record.Length; length++)
        {
            Assert.False(TagRecord.TryDecode(record.Take(length).ToArray(), 42, 501, out _, out _));
        }

        Assert.False(TagRecord.TryDecode(null!, 42, 501, out _, out _));
        Assert.False(TagRecord.TryDecode(new byte[TagRecord.Length], 0, 0, out _, out _));
    }

    [Fact]
    public void NoRecordRestoresUntaggedOrANonsenseColour()
    {
        Assert.False(TagRecord.TryDecode(TagRecord.Encode(42, 501, TriageColour.Untagged, 1), 42, 501, out _, out _));
        Assert.False(TagRecord.TryDecode(TagRecord.Encode(42, 501, (TriageColour)5, 1), 42, 501, out _, out _));
        Assert.False(TagRecord.TryDecode(TagRecord.Encode(42, 501, TriageColour.Red, 0), 42, 501, out _, out _));
    }
}
