using Beacons.Provision;

return ProvisionCommand.Run(args, Console.Out, Console.Error);
