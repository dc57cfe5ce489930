using System.CommandLine;
using Beacons.Gateway.Setup;
using Beacons.Protocol;

namespace Beacons.Gateway.CommandLine;

/// <summary>`beacons keys new`: a fresh 128-bit exercise or receiver key, as 32 hex digits.</summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "Make keys for an exercise.");
        var make = new Command("new", "Print a new random 128-bit key (32 hex digits) for an exercise or a receiver.");
        make.SetAction(_ =>
        {
            Console.WriteLine(NewKeyHex());
            return 0;
        });
        keys.Subcommands.Add(make);
        return keys;
    }

    public static string NewKeyHex()
    {
        byte[] key = RosterImport.NewKey();
        return Hex.Format(key, 0, key.Length);
    }
}
