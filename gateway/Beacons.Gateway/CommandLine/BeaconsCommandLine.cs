using System.CommandLine;

namespace Beacons.Gateway.CommandLine;

/// <summary>The `beacons` command: one subcommand per file in this folder.</summary>
public static class BeaconsCommandLine
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("Beacons: live interior positions and casualty roster for police drills.");
        root.Subcommands.Add(DecodeCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(GatewayCommand.Create());
        root.Subcommands.Add(SetupCommand.Create());
        root.Subcommands.Add(ReplayCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(DrillsCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(RosterCommand.Create());
        root.Subcommands.Add(ProvisionCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        DemoCommand.AddTo(root);
        try
        {
            // Ctrl+C: System.CommandLine would end the process 2 s after asking it to stop (exit 130), cutting off a
            // gateway that is still committing, or trying to (DrillRuntime.StopPatienceMs). Give the stop its time.
            return root.Parse(args).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
        }
        catch (Exception e)
        {
            // A controller gets one clear line and a non-zero exit, never a stack trace.
            Console.Error.WriteLine($"beacons: {e.Message}");
            return 1;
        }
    }
}
