using Beacons.Protocol;

namespace Beacons.Shared.Tests.Protocol;

/// <summary>SipHash-2-4 against the published reference vectors (the table in ../Beacons.Shared.Cases, shared with the nanoCLR tests).</summary>
public class SipHashTests
{
    public static IEnumerable<object[]> Lengths() => Enumerable.Range(0, SipHashCases.Vectors.Length).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MatchesReferenceVector(int length)
    {
        byte[] key = SipHashCases.Counting(16);
        byte[] message = SipHashCases.Counting(length);

        ulong mac = SipHash.Compute(new MacKey(key), message, 0, length);

        byte[] output = new byte[8];
        Bytes.WriteUInt64(output, 0, mac);
        Assert.Equal(SipHashCases.Vectors[length], Convert.ToHexStringLower(output));
    }

    [Fact]
    public void ComputesOverAWindowOfALargerBuffer()
    {
        var key = new MacKey(Enumerable.Range(0, 16).Select(i => (byte)i).ToArray());
        byte[] message = Enumerable.Range(0, 15).Select(i => (byte)i).ToArray();
        byte[] padded = [0xAA, 0xBB, .. message, 0xCC];

        Assert.Equal(SipHash.Compute(key, message, 0, 15), SipHash.Compute(key, padded, 2, 15));
    }
}
