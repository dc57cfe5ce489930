using BenchmarkDotNet.Running;

// Every benchmark of the speed targets; pick with --filter, e.g. --filter '*Protocol*'.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
