using System.Diagnostics;
using System.Globalization;
using CampTrading.Core.Ledger;

namespace CampTrading.Benchmarks.Engine;

/// <summary>
/// <c>engine [--messages N] [--runs R] [--batch B] [--workload W1|W2|W2D]</c>: the quick Stopwatch
/// throughput mode. For each workload it generates the messages once, warms both matchers up with
/// one untimed replay, then times R replays of each on a freshly built engine / matcher and prints
/// messages per second, the work done, and whether the two matchers agree on it.
/// </summary>
internal static class ThroughputMode
{
    public const int DefaultMessages = 2_000_000;
    public const int DefaultRuns = 3;

    /// <summary>The issue's targets for the engine alone, messages per second on the 2-core machines.</summary>
    public static readonly IReadOnlyDictionary<string, double> Targets = new Dictionary<string, double>
    {
        ["W1"] = 3_000_000,
        ["W2"] = 2_000_000,
        ["W2D"] = 2_000_000,
    };

    internal sealed class Options
    {
        public int Messages { get; set; } = DefaultMessages;
        public int Runs { get; set; } = DefaultRuns;
        public int EventBatch { get; set; } = EngineHarness.DefaultEventBatch;
        public List<WorkloadSpec> Workloads { get; } = [];
    }

    /// <summary>One timed replay. <see cref="CpuShare"/> = process CPU time / wall time: well below 1 means the
    /// single-threaded replay was preempted (another process wanted the cores) and the run is not representative.</summary>
    private sealed record Measurement(double Seconds, double CpuShare, long AllocatedBytes, int Gen0, int Gen1, int Gen2);

    private sealed class MatcherResult(string matcher)
    {
        public string Matcher { get; } = matcher;
        public List<Measurement> Runs { get; } = [];
        public long Trades, FilledQuantity, CancelsOk, CancelsRejected, PlacementsRejected, OpenOrders, Events;

        public double MedianRate(int messages) => messages / Median(Runs.Select(r => r.Seconds));
        public double BestRate(int messages) => messages / Runs.Min(r => r.Seconds);
        public double WorstRate(int messages) => messages / Runs.Max(r => r.Seconds);
        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    public static int Run(string[] args)
    {
        Options options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("usage: engine [--messages N] [--runs R] [--batch B] [--workload W1|W2|W2D]");
            return 2;
        }
        return Run(options) ? 0 : 1;
    }

    internal static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Positive() => int.TryParse(Value(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new ArgumentException($"{args[i]} needs a positive integer.");
            switch (args[i])
            {
                case "--messages": options.Messages = Positive(); break;
                case "--runs": options.Runs = Positive(); break;
                case "--batch": options.EventBatch = Positive(); break;
                case "--workload": options.Workloads.Add(WorkloadSpec.ByName(Value())); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }
        if (options.Workloads.Count == 0) options.Workloads.AddRange(WorkloadSpec.All);
        return options;
    }

    /// <summary>Runs the mode; false when a consistency check failed (the numbers would not mean what they claim).</summary>
    public static bool Run(Options options)
    {
        PrintEnvironment();
        Console.WriteLine($"messages per workload: {options.Messages:N0}; timed runs: {options.Runs} (+1 warm-up); events drained every {options.EventBatch:N0} messages");
        Console.WriteLine();

        var ok = true;
        var summary = new List<(WorkloadSpec Spec, MatcherResult Engine, MatcherResult Bare)>();
        foreach (var spec in options.Workloads)
        {
            var sw = Stopwatch.StartNew();
            var workload = WorkloadGenerator.Generate(spec, options.Messages);
            Console.WriteLine($"{spec.Name}: {spec.Description}");
            Console.WriteLine($"  generated in {sw.Elapsed.TotalSeconds:F1} s: {workload.LimitOrders:N0} limit, {workload.MarketOrders:N0} market, {workload.Cancels:N0} cancels (seed {spec.Seed})");
            Console.WriteLine($"  book depth (shadow matcher, every 1,000 messages): mean {workload.MeanOpenOrders:N0} resting orders (max {workload.MaxOpenOrders:N0}) on {workload.MeanLevels:N1} price levels");

            var engine = MeasureEngine(workload, options);
            var bare = MeasureBare(workload, options);
            ok &= Check(workload, engine, bare);
            summary.Add((spec, engine, bare));
            Console.WriteLine();
        }

        PrintTables(summary, options.Messages);
        return ok;
    }

    private static MatcherResult MeasureEngine(GeneratedWorkload workload, Options options)
    {
        var result = new MatcherResult("engine (full accounting)");
        EngineHarness.Prepared? last = null;
        EngineReplayStats stats = default;
        for (var run = 0; run <= options.Runs; run++)
        {
            var prepared = EngineHarness.Build(workload.Spec);
            var m = Timed(() => stats = EngineHarness.Replay(prepared, workload.Commands, workload.Count, options.EventBatch));
            if (run > 0) result.Runs.Add(m);
            last = prepared;
        }

        result.FilledQuantity = stats.FilledQuantity;
        result.CancelsOk = stats.CancelsOk;
        result.CancelsRejected = stats.CancelsRejected;
        result.PlacementsRejected = stats.PlacementsRejected;
        result.Events = stats.Events;
        result.Trades = EngineHarness.TradeCount(last!.Engine);
        result.OpenOrders = last.Engine.OpenOrderCount;

        var problems = InvariantChecker.Check(last.Engine);
        Console.WriteLine($"  engine: {Rates(result, workload.Count)}; invariants {(problems.Count == 0 ? "hold" : "BROKEN: " + string.Join("; ", problems.Take(5)))}");
        if (problems.Count > 0) result.PlacementsRejected = -1; // forces the check to fail
        return result;
    }

    private static MatcherResult MeasureBare(GeneratedWorkload workload, Options options)
    {
        var result = new MatcherResult("bare matcher (SortedDictionary)");
        BareMatcher? matcher = null;
        for (var run = 0; run <= options.Runs; run++)
        {
            var fresh = new BareMatcher();
            var m = Timed(() => fresh.Replay(workload.Bare, workload.Count));
            if (run > 0) result.Runs.Add(m);
            matcher = fresh;
        }
        result.Trades = matcher!.Trades;
        result.FilledQuantity = matcher.FilledQuantity;
        result.CancelsOk = matcher.CancelsOk;
        result.CancelsRejected = matcher.CancelsRejected;
        result.OpenOrders = matcher.OpenOrders;
        Console.WriteLine($"  bare:   {Rates(result, workload.Count)}");
        return result;
    }

    private static Measurement Timed(Action replay)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        replay();
        sw.Stop();
        process.Refresh();
        var cpuShare = (process.TotalProcessorTime - cpu).TotalSeconds / sw.Elapsed.TotalSeconds;
        return new Measurement(sw.Elapsed.TotalSeconds, cpuShare, GC.GetAllocatedBytesForCurrentThread() - allocated,
            GC.CollectionCount(0) - g0, GC.CollectionCount(1) - g1, GC.CollectionCount(2) - g2);
    }

    private static string Rates(MatcherResult r, int messages) =>
        $"runs {string.Join(" / ", r.Runs.Select(m => $"{Format(messages / m.Seconds)} (cpu {m.CpuShare:P0})"))} msgs/s";

    private static bool Check(GeneratedWorkload workload, MatcherResult engine, MatcherResult bare)
    {
        var problems = new List<string>();
        if (engine.PlacementsRejected != 0) problems.Add($"engine refused {engine.PlacementsRejected} placements (or broke an invariant)");
        if (engine.Trades != bare.Trades) problems.Add($"trades differ: engine {engine.Trades}, bare {bare.Trades}");
        if (engine.FilledQuantity != bare.FilledQuantity) problems.Add($"filled quantity differs: engine {engine.FilledQuantity}, bare {bare.FilledQuantity}");
        if (engine.CancelsOk != bare.CancelsOk) problems.Add($"cancels differ: engine {engine.CancelsOk}, bare {bare.CancelsOk}");
        if (engine.OpenOrders != bare.OpenOrders) problems.Add($"resting orders differ: engine {engine.OpenOrders}, bare {bare.OpenOrders}");
        if (engine.CancelsOk + engine.CancelsRejected != workload.Cancels) problems.Add("cancel count does not add up");
        Console.WriteLine(problems.Count == 0
            ? $"  check: both matchers did the same work ({engine.Trades:N0} trades, {engine.FilledQuantity:N0} shares, {engine.CancelsOk:N0} of {workload.Cancels:N0} cancels hit an open order, {engine.OpenOrders:N0} orders resting at the end); no order refused"
            : "  CHECK FAILED: " + string.Join("; ", problems));
        return problems.Count == 0;
    }

    private static void PrintTables(List<(WorkloadSpec Spec, MatcherResult Engine, MatcherResult Bare)> rows, int messages)
    {
        Console.WriteLine("| Workload | Matcher | msgs/s (median) | min .. max | ns/msg | trades | shares filled | cancels hit | resting at end | events | alloc B/msg | GC 0/1/2 per run | min cpu/wall |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (spec, engine, bare) in rows)
        {
            foreach (var r in new[] { engine, bare })
            {
                var median = r.MedianRate(messages);
                var last = r.Runs[^1];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {spec.Name} | {r.Matcher} | {Format(median)} | {Format(r.WorstRate(messages))} .. {Format(r.BestRate(messages))} | {1e9 / median:F0} | {r.Trades:N0} | {r.FilledQuantity:N0} | {r.CancelsOk:N0} / {r.CancelsOk + r.CancelsRejected:N0} | {r.OpenOrders:N0} | {(r.Events > 0 ? r.Events.ToString("N0", CultureInfo.InvariantCulture) : "-")} | {(double)last.AllocatedBytes / messages:F1} | {last.Gen0}/{last.Gen1}/{last.Gen2} | {r.Runs.Min(m => m.CpuShare):P0} |"));
            }
        }
        Console.WriteLine();
        var disturbed = false;
        Console.WriteLine("| Workload | engine msgs/s | bare matcher msgs/s | engine / bare | target | target met |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var (spec, engine, bare) in rows)
        {
            var e = engine.MedianRate(messages);
            var b = bare.MedianRate(messages);
            var target = Targets.GetValueOrDefault(spec.Name);
            if (engine.Runs.Concat(bare.Runs).Any(m => m.CpuShare < 0.9)) disturbed = true;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {spec.Name} | {Format(e)} | {Format(b)} | {e / b:F2} | {Format(target)} | {(e >= target ? "yes" : "no")} |"));
        }
        WarnIfDisturbed(disturbed);
    }

    private static void WarnIfDisturbed(bool disturbed)
    {
        if (disturbed)
            Console.WriteLine("WARNING: some runs got under 90% of a core (cpu/wall): other processes were competing for the cores; rerun on a quiet machine.");
    }

    private static string Format(double rate) => rate.ToString("N0", CultureInfo.InvariantCulture);

    internal static void PrintEnvironment()
    {
        Console.WriteLine($"runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}), " +
            $"OS: {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, processors: {Environment.ProcessorCount}, " +
            $"server GC: {System.Runtime.GCSettings.IsServerGC}, GC latency: {System.Runtime.GCSettings.LatencyMode}");
        if (File.Exists("/proc/loadavg")) Console.WriteLine($"load average (1/5/15 min) at start: {File.ReadAllText("/proc/loadavg").Trim()}");
#if DEBUG
        Console.WriteLine("WARNING: Debug build; measure with -c Release.");
#endif
    }
}
