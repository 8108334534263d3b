using BenchmarkDotNet.Running;

// BenchmarkDotNet suites run through the switcher (`dotnet run -c Release --project bench/ReasonFlux.Benchmarks -- --filter *`);
// timed end-to-end scenarios are named commands: `dotnet run -c Release --project bench/ReasonFlux.Benchmarks -- scenario NAME`.
if (args.Length > 0 && args[0] == "scenario")
{
    return await ReasonFlux.Benchmarks.Scenarios.RunAsync(args[1..]);
}
BenchmarkSwitcher.FromAssembly(typeof(ReasonFlux.Benchmarks.Scenarios).Assembly).Run(args);
return 0;
