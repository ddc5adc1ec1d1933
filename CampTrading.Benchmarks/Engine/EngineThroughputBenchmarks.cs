using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace CampTrading.Benchmarks.Engine;

/// <summary>
/// BenchmarkDotNet version of <see cref="ThroughputMode"/>: one invocation replays the whole
/// workload, so with OperationsPerInvoke = message count the reported Mean is the time per message
/// (and Op/s is messages per second). Messages are generated once per workload in GlobalSetup; the
/// engine (or bare matcher) is rebuilt before every iteration, untimed, so every iteration starts
/// from the same empty book.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class EngineThroughputBenchmarks
{
    public const int Messages = ThroughputMode.DefaultMessages;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // One replay of 2,000,000 messages takes about a second: one invocation per iteration
            // (required by IterationSetup), a handful of iterations.
            AddJob(Job.Default.WithInvocationCount(1).WithUnrollFactor(1).WithWarmupCount(2).WithIterationCount(8));
            AddColumn(BenchmarkDotNet.Columns.StatisticColumn.OperationsPerSecond);
        }
    }

    /// <summary>Smoke runs call the lifecycle methods directly with a small size; BenchmarkDotNet always uses <see cref="Messages"/>.</summary>
    internal int MessageCount { get; set; } = Messages;

    [Params("W1", "W2", "W2D")]
    public string Workload { get; set; } = "W1";

    private GeneratedWorkload _workload = null!;
    private EngineHarness.Prepared _engine = null!;
    private BareMatcher _bare = null!;

    [GlobalSetup]
    public void GenerateMessages() => _workload = WorkloadGenerator.Generate(WorkloadSpec.ByName(Workload), MessageCount);

    [IterationSetup(Target = nameof(FullEngine))]
    public void BuildEngine() => _engine = EngineHarness.Build(_workload.Spec);

    [IterationSetup(Target = nameof(BareLoop))]
    public void BuildBareMatcher() => _bare = new BareMatcher();

    /// <summary>The real engine: validation, reservations, ledger entries and events for every message.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public long FullEngine() =>
        EngineHarness.Replay(_engine, _workload.Commands, _workload.Count, EngineHarness.DefaultEventBatch).Checksum;

    /// <summary>The SortedDictionary matcher on the same messages, no accounting.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long BareLoop() => _bare.Replay(_workload.Bare, _workload.Count);
}
