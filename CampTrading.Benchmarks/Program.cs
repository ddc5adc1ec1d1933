using BenchmarkDotNet.Running;
using CampTrading.Benchmarks;
using CampTrading.Benchmarks.Engine;

// dotnet run -c Release --project CampTrading.Benchmarks -- <mode> [options]
// Each mode is a small class; add new ones (durable-path load driver, recovery, ...) to this table
// and to SmokeMode. See docs/BENCHMARKS.md.
var modes = new Dictionary<string, (string Help, Func<string[], int> Run)>(StringComparer.OrdinalIgnoreCase)
{
    ["engine"] = ("engine [--messages N] [--runs R] [--batch B] [--workload W1|W2|W2D]   Stopwatch throughput of the engine vs a bare matcher",
        ThroughputMode.Run),
    ["allocs"] = ("allocs [--workload W1|W2|W2D] [--messages N]                       bytes per message and the types the engine allocates (sampled)",
        AllocationMode.Run),
    ["live"] = ("live [--messages N] [--runs R] [--feed-every 3000] [--requote-every 3000]   W1 alone vs W1 with a feed ticking and the house maker re-quoting",
        LiveMarketMode.Run),
    ["bdn"] = ("bdn [BenchmarkDotNet args, e.g. --filter '*']                       BenchmarkDotNet via BenchmarkSwitcher",
        rest => BenchmarkSwitcher.FromAssembly(typeof(SmokeMode).Assembly).Run(rest).Any(s => s.HasCriticalValidationErrors) ? 1 : 0),
    ["smoke"] = ("smoke                                                              every mode at 10,000 messages (CI)",
        _ => SmokeMode.Run()),
};

if (args.Length == 0 || !modes.TryGetValue(args[0], out var mode))
{
    Console.Error.WriteLine(args.Length == 0 ? "No mode given." : $"Unknown mode '{args[0]}'.");
    Console.Error.WriteLine("usage: dotnet run -c Release --project CampTrading.Benchmarks -- <mode> [options]");
    foreach (var (_, (help, _)) in modes) Console.Error.WriteLine("  " + help);
    return 2;
}

return mode.Run(args[1..]);
