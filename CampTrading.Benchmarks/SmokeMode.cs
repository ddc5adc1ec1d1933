using CampTrading.Benchmarks.Engine;

namespace CampTrading.Benchmarks;

/// <summary>
/// <c>smoke</c>: what CI runs. Every mode at a tiny size, numbers ignored; exits non-zero only when
/// something throws or a consistency check fails. New modes should add themselves here.
/// </summary>
internal static class SmokeMode
{
    public const int Messages = 10_000;

    public static int Run()
    {
        var ok = true;

        Console.WriteLine($"== smoke: engine throughput mode at {Messages:N0} messages");
        var options = new ThroughputMode.Options { Messages = Messages, Runs = 1 };
        options.Workloads.AddRange(WorkloadSpec.All);
        ok &= ThroughputMode.Run(options);

        Console.WriteLine();
        Console.WriteLine($"== smoke: live market mode at {Messages:N0} messages");
        ok &= LiveMarketMode.Run(Messages, runs: 1, feedEvery: 100, requoteEvery: 100);

        Console.WriteLine();
        Console.WriteLine($"== smoke: BenchmarkDotNet lifecycle of {nameof(EngineThroughputBenchmarks)} at {Messages:N0} messages (called directly)");
        foreach (var workload in WorkloadSpec.All)
        {
            var bench = new EngineThroughputBenchmarks { Workload = workload.Name, MessageCount = Messages };
            bench.GenerateMessages();
            bench.BuildEngine();
            var engine = bench.FullEngine();
            bench.BuildBareMatcher();
            var bare = bench.BareLoop();
            Console.WriteLine($"{workload.Name}: {nameof(bench.FullEngine)} checksum {engine}, {nameof(bench.BareLoop)} checksum {bare}");
        }

        Console.WriteLine(ok ? "smoke: OK" : "smoke: FAILED");
        return ok ? 0 : 1;
    }
}
