using Beacons.Gateway.CommandLine;

return BeaconsCommandLine.Run(args);
