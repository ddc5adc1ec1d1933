using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace CampTrading.Benchmarks.Engine;

/// <summary>
/// Where the engine allocates: replays a workload once while the runtime reports an allocation sample every ~100 KB
/// (GC AllocationTick events, with the type allocated), and prints bytes per message and the sampled types.
/// <c>dotnet run -c Release --project CampTrading.Benchmarks -- allocs [--workload W1] [--messages N]</c>
/// </summary>
internal static class AllocationMode
{
    public static int Run(string[] args)
    {
        var spec = WorkloadSpec.ByName(Option(args, "--workload") ?? "W1");
        var messages = int.Parse(Option(args, "--messages") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture);
        var workload = WorkloadGenerator.Generate(spec, messages);
        var prepared = EngineHarness.Build(workload.Spec);

        using var listener = new AllocationSampler();
        var before = GC.GetAllocatedBytesForCurrentThread();
        EngineHarness.Replay(prepared, workload.Commands, workload.Count, EngineHarness.DefaultEventBatch);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Console.WriteLine($"{spec.Name}: {messages:N0} messages, {bytes:N0} bytes allocated, {(double)bytes / messages:F1} B/msg");
        foreach (var (type, samples) in listener.Samples.OrderByDescending(p => p.Value).Take(15))
            Console.WriteLine($"  {samples,6} samples  {type}");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed class AllocationSampler : EventListener
    {
        public ConcurrentDictionary<string, int> Samples { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword: AllocationTick is verbose
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.Payload is null) return;
            var index = e.PayloadNames?.IndexOf("TypeName") ?? -1;
            if (index >= 0 && e.Payload[index] is string type) Samples.AddOrUpdate(type, 1, (_, n) => n + 1);
        }
    }
}
