using System.Diagnostics;
using CampTrading.Core.Engine;
using CampTrading.Core.Ledger;

namespace CampTrading.Core.Journal;

public sealed record RecoveryReport(long SnapshotSeq, long ReplayedCommands, long LastSeq, TimeSpan Elapsed);

/// <summary>
/// Start-up: the latest snapshot, then every journaled command after it, applied in order.
/// Observers that must see events from a given seq on (the query-table persister) bound the snapshot.
/// </summary>
public static class EngineRecovery
{
    public static async Task<(ExchangeEngine Engine, RecoveryReport Report)> RecoverAsync(
        IJournal journal, ISnapshotStore? snapshots, EngineSettings settings,
        IEnumerable<IEngineObserver> observers, CancellationToken cancellationToken, long maxSnapshotSeq = long.MaxValue)
    {
        var started = Stopwatch.GetTimestamp();
        var snapshot = snapshots is null ? null : await snapshots.LoadLatestAsync(maxSnapshotSeq, cancellationToken);
        var engine = snapshot is null ? new ExchangeEngine(settings) : ExchangeEngine.Restore(snapshot);
        var watchers = observers.ToArray();
        long replayed = 0;

        await foreach (var entry in journal.ReadAfterAsync(engine.LastSeq, cancellationToken))
        {
            if (entry.Seq != engine.LastSeq + 1)
                throw new InvalidOperationException($"Journal gap: expected seq {engine.LastSeq + 1}, found {entry.Seq}.");
            engine.Apply(entry.Seq, entry.Time, entry.Command);
            if (++replayed % 4096 == 0) Flush(engine, watchers);
        }
        Flush(engine, watchers);
        InvariantChecker.Assert(engine); // refuse to start on books that do not balance
        return (engine, new RecoveryReport(snapshot?.Seq ?? 0, replayed, engine.LastSeq, Stopwatch.GetElapsedTime(started)));
    }

    private static void Flush(ExchangeEngine engine, IEngineObserver[] observers)
    {
        foreach (var observer in observers) observer.OnBatch(engine, engine.Events.Span);
        engine.Events.Clear();
    }
}
