using System.CommandLine;
using Beacons.Gateway.Protocol;
using Beacons.Protocol;

namespace Beacons.Gateway.CommandLine;

/// <summary>`beacons decode HEX`: what a raw advertising payload is. Field debugging starts here.</summary>
public static class DecodeCommand
{
    public static Command Create()
    {
        var hex = new Argument<string>("hex") { Description = "The advertising data in hex (spaces, colons and dashes are ignored)." };
        var key = new Option<string?>("--key") { Description = "The exercise key (32 hex digits); with it the MAC is checked." };
        var company = new Option<string>("--company")
        {
            Description = "The company ID our frames use, in hex.",
            DefaultValueFactory = _ => "FFFF",
        };
        var command = new Command("decode", "Say what a raw BLE advertising payload is: one of ours, an iBeacon, or foreign.") { hex, key, company };
        command.SetAction(parse => Run(parse.GetValue(hex)!, parse.GetValue(key), parse.GetValue(company)!, Console.Out));
        return command;
    }

    public static int Run(string hexText, string? keyText, string companyText, TextWriter output)
    {
        byte[]? advert = Hex.TryParse(hexText);
        if (advert == null)
        {
            Console.Error.WriteLine("beacons decode: HEX must be an even number of hex digits");
            return 2;
        }

        MacKey? key = null;
        if (keyText != null)
        {
            key = MacKey.TryParseHex(keyText);
            if (key == null)
            {
                Console.Error.WriteLine("beacons decode: --key must be 32 hex digits (a 128-bit key)");
                return 2;
            }
        }

        byte[]? companyBytes = Hex.TryParse(companyText.PadLeft(4, '0'));
        if (companyBytes == null || companyBytes.Length != 2)
        {
            Console.Error.WriteLine("beacons decode: --company must be 4 hex digits, e.g. FFFF");
            return 2;
        }

        ushort companyId = (ushort)((companyBytes[0] << 8) | companyBytes[1]);
        AdvertDescription description = AdvertDescription.Of(advert, companyId, key);
        foreach (string line in description.Lines)
        {
            output.WriteLine(line);
        }

        return description.IsProblem ? 1 : 0;
    }
}
