using Beacons.Gateway.CommandLine;

namespace Beacons.Gateway.Tests.CommandLine;

/// <summary>`beacons decode`: the docs/protocol.md examples, printed field by field.</summary>
public class DecodeCommandTests
{
    private const string ExampleKey = "000102030405060708090a0b0c0d0e0f";
    private const string BadgeExample = "020106 14ffffff 112a006500e9030000 01030057 12afc6c0";

    [Fact]
    public void PrintsEveryFieldOfOurFrameAndVerifiesItsMac()
    {
        (int exit, string output) = Decode(BadgeExample, ExampleKey);

        Assert.Equal(0, exit);
        Assert.Contains("ours: badge frame", output);
        Assert.Contains("device       101", output);
        Assert.Contains("counter      1001", output);
        Assert.Contains("role         Contact", output);
        Assert.Contains("battery      87%", output);
        Assert.Contains("12afc6c0 verifies", output);
    }

    [Fact]
    public void AWrongKeyIsAProblem()
    {
        (int exit, string output) = Decode(BadgeExample, "ff0102030405060708090a0b0c0d0e0f");
        Assert.Equal(1, exit);
        Assert.Contains("does NOT verify", output);
    }

    [Fact]
    public void NamesAForeignAdvertsCompanyAndStructures()
    {
        (int exit, string output) = Decode("0201060fff060001092002f8d5a3e8e5c0a4c0", null);
        Assert.Equal(0, exit);
        Assert.Contains("foreign", output);
        Assert.Contains("company 0x0006", output);
    }

    [Fact]
    public void SaysWhyBrokenBytesCannotBeDecoded()
    {
        (int exit, string output) = Decode("0201060aff0600", null);
        Assert.Equal(1, exit);
        Assert.Contains("truncated", output);
    }

    [Fact]
    public void RejectsTextThatIsNotHex()
    {
        (int exit, _) = Decode("not hex", null);
        Assert.Equal(2, exit);
    }

    private static (int Exit, string Output) Decode(string hex, string? key)
    {
        var output = new StringWriter();
        int exit = DecodeCommand.Run(hex, key, "FFFF", output);
        return (exit, output.ToString());
    }
}
