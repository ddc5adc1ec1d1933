using CampTrading.Core.Engine;

namespace CampTrading.Core.Journal;

/// <summary>
/// Takes snapshots without ever pausing the writer: every N commands it rebuilds a private copy
/// of the engine from the latest snapshot plus the journal (the recovery path, off the engine
/// thread) and saves that copy's snapshot. Start-up then replays at most about N commands.
/// </summary>
public sealed class Snapshotter(IJournal journal, ISnapshotStore store, EngineSettings settings, long every)
{
    private long _lastSnapshotSeq;
    private readonly object _gate = new();

    public long LastSnapshotSeq => Volatile.Read(ref _lastSnapshotSeq);
    public DateTimeOffset? LastSnapshotAt { get; private set; }
    public string? LastError { get; private set; }
    public Task Current { get; private set; } = Task.CompletedTask;

    public void Reset(long seq) => Volatile.Write(ref _lastSnapshotSeq, seq);

    /// <summary>Cheap; called by the sequencer after each durable batch.</summary>
    public void OnCommitted(long seq)
    {
        if (seq - LastSnapshotSeq >= every) TakeAsync();
    }

    /// <summary>Starts a snapshot of everything journaled so far, or returns the one already running.</summary>
    public Task TakeAsync()
    {
        lock (_gate)
        {
            if (!Current.IsCompleted) return Current;
            return Current = Task.Run(TakeNowAsync);
        }
    }

    private async Task TakeNowAsync()
    {
        try
        {
            var (engine, _) = await EngineRecovery.RecoverAsync(journal, store, settings, [], CancellationToken.None);
            if (engine.LastSeq > LastSnapshotSeq)
            {
                await store.SaveAsync(engine.CreateSnapshot(), CancellationToken.None);
                Volatile.Write(ref _lastSnapshotSeq, engine.LastSeq);
                LastSnapshotAt = DateTimeOffset.UtcNow;
            }
            LastError = null;
        }
        catch (Exception ex)
        {
            LastError = ex.Message;
        }
    }
}
