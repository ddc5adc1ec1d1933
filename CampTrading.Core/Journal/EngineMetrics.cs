using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CampTrading.Core.Engine;

namespace CampTrading.Core.Journal;

/// <summary>
/// The single writer's instruments on <see cref="System.Diagnostics.Metrics"/>: the host decides whether and how to export
/// them (the web app serves them at /metrics). With no listener every call below costs a branch.
/// </summary>
public static class EngineMetrics
{
    public const string MeterName = "CampTrading.Engine";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Commands = Meter.CreateCounter<long>(
        "camp.engine.commands", "{command}", "Commands the engine applied, by kind and result (ok or the rejection code).");

    private static readonly Counter<long> TradesCounter = Meter.CreateCounter<long>(
        "camp.engine.trades", "{trade}", "Trades the engine matched.");

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "camp.engine.batch.size", "{command}", "Commands written to the journal in one append.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096] });

    private static readonly Histogram<double> AppendDuration = Meter.CreateHistogram<double>(
        "camp.journal.append.duration", "s", "How long one journal append took (including retries), in seconds.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    // Type.Name and the code lookup are cached, so counting a command allocates nothing.
    private static readonly ConcurrentDictionary<Type, string> KindNames = new();

    internal static void Applied(Command command, RejectCode code)
    {
        if (!Commands.Enabled) return;
        Commands.Add(1,
            new KeyValuePair<string, object?>("kind", KindNames.GetOrAdd(command.GetType(), t => t.Name)),
            new KeyValuePair<string, object?>("result", RejectCodes.Code(code)));
    }

    internal static void Batch(int commands, TimeSpan append)
    {
        if (commands == 0) return;
        BatchSize.Record(commands);
        AppendDuration.Record(append.TotalSeconds);
    }

    internal static void Matched(ReadOnlySpan<EngineEvent> events)
    {
        if (!TradesCounter.Enabled) return;
        var trades = 0;
        foreach (ref readonly var e in events)
            if (e.Kind == EventKind.Trade) trades++;
        if (trades > 0) TradesCounter.Add(trades);
    }
}
