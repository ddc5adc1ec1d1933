using System.Threading.Channels;
using CampTrading.Core.Engine;

namespace CampTrading.Core.Journal;

/// <summary>
/// Takes snapshots without ever pausing the writer. A private copy of the engine follows the journal off the engine
/// thread: the sequencer hands over every durable batch, and the copy applies each command as replay would, from its
/// journaled JSON. Every N commands the copy's snapshot is saved. The copy is built once, from the latest snapshot plus
/// the journal (the recovery path), when the first snapshot is due; following it afterwards costs a steady trickle
/// instead of a burst that re-reads N commands from the database (decision 0040).
/// A snapshot holds every remembered arcade transaction, so it grows with the camp's history: the next one also waits
/// until the journal has taken as many bytes as the last snapshot held, which keeps snapshot work no larger than the
/// journal's whatever the history (decision 0042). Start-up then replays at most N commands or one snapshot's worth.
/// </summary>
public sealed class Snapshotter
{
    private readonly IJournal _journal;
    private readonly ISnapshotStore _store;
    private readonly EngineSettings _settings;
    private readonly long _every;
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new() { SingleReader = true });
    private readonly Task _loop;
    private ExchangeEngine? _copy;
    private long _committedSeq;
    private long _failedAt = long.MinValue / 2; // Environment.TickCount64 of the last failed snapshot: due ones wait a little after it
    private long _lastSnapshotSeq;
    private long _lastSnapshotBytes;
    private long _journaledBytes; // since the last snapshot
    private TaskCompletionSource _current = Done();

    public Snapshotter(IJournal journal, ISnapshotStore store, EngineSettings settings, long every)
    {
        _journal = journal;
        _store = store;
        _settings = settings;
        _every = every;
        _loop = Task.Run(RunAsync);
    }

    public long LastSnapshotSeq => Volatile.Read(ref _lastSnapshotSeq);
    public DateTimeOffset? LastSnapshotAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The snapshot being taken now, or the last one taken.</summary>
    public Task Current => Volatile.Read(ref _current).Task;

    public void Reset(long seq) => Volatile.Write(ref _lastSnapshotSeq, seq);

    /// <summary>Cheap; called by the sequencer on the engine thread after each durable batch, with what it journaled.</summary>
    public void OnCommitted(IReadOnlyList<JournalEntry> entries)
    {
        if (entries.Count > 0) _work.Writer.TryWrite(new Work(entries.ToArray(), null));
    }

    /// <summary>Snapshots everything committed so far (that the sequencer has handed over), or joins the one being taken.</summary>
    public Task TakeAsync()
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_work.Writer.TryWrite(new Work(null, asked))) asked.TrySetResult();
        return asked.Task;
    }

    /// <summary>Stops following (the exchange stopped); a snapshot under way finishes first.</summary>
    public Task StopAsync()
    {
        _work.Writer.TryComplete();
        return _loop;
    }

    private async Task RunAsync()
    {
        var reader = _work.Reader;
        var asked = new List<TaskCompletionSource>();
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var work))
            {
                if (work.Entries is { } entries) Follow(entries);
                if (work.Asked is { } ask) asked.Add(ask);
            }
            if (asked.Count == 0 && !Due) continue;

            var current = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _current, current);
            await SnapshotAsync();
            current.TrySetResult();
            foreach (var ask in asked) ask.TrySetResult();
            asked.Clear();
        }
        foreach (var ask in asked) ask.TrySetResult();
    }

    /// <summary>
    /// N commands since the last snapshot and, while the copy follows, as many journaled bytes as that snapshot held
    /// (a copy that was dropped is rebuilt by count alone); not within a few seconds of a failed save.
    /// </summary>
    private bool Due =>
        _committedSeq - LastSnapshotSeq >= _every
        && (_copy is null || _journaledBytes >= _lastSnapshotBytes)
        && Environment.TickCount64 - _failedAt >= RetryAfterFailureMs;

    /// <summary>Applies a durable batch to the copy; a copy that cannot follow is dropped and built again when next due.</summary>
    private void Follow(JournalEntry[] entries)
    {
        _committedSeq = Math.Max(_committedSeq, entries[^1].Seq);
        if (_copy is not { } copy) return; // not built before the first snapshot, which is due by count alone
        try
        {
            foreach (var entry in entries)
            {
                if (entry.Seq <= copy.LastSeq) continue;
                if (entry.Seq != copy.LastSeq + 1)
                    throw new InvalidOperationException($"Journal gap: expected seq {copy.LastSeq + 1}, the sequencer handed over {entry.Seq}.");
                var json = entry.Json;
                _journaledBytes += json.Length;
                copy.Apply(entry.Seq, entry.Time, CommandSerializer.Deserialize(json));
                copy.Events.Clear();
            }
        }
        catch (Exception ex)
        {
            LastError = ex.Message;
            _copy = null;
        }
    }

    private const long RetryAfterFailureMs = 5_000;

    private async Task SnapshotAsync()
    {
        try
        {
            if (_copy is null)
            {
                var (engine, _) = await EngineRecovery.RecoverAsync(_journal, _store, _settings, [], CancellationToken.None);
                _copy = engine;
                _committedSeq = Math.Max(_committedSeq, engine.LastSeq);
            }
        }
        catch (Exception ex)
        {
            Failed(ex);
            return;
        }
        try
        {
            if (_copy.LastSeq > LastSnapshotSeq)
            {
                _lastSnapshotBytes = await _store.SaveAsync(_copy.CreateSnapshot(), CancellationToken.None);
                _journaledBytes = 0;
                Volatile.Write(ref _lastSnapshotSeq, _copy.LastSeq);
                LastSnapshotAt = DateTimeOffset.UtcNow;
            }
            LastError = null;
        }
        catch (Exception ex)
        {
            Failed(ex); // only the save failed (the database down, the disk full): the copy is still good
        }
    }

    private void Failed(Exception ex)
    {
        LastError = ex.Message;
        _failedAt = Environment.TickCount64;
    }

    private static TaskCompletionSource Done()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private readonly record struct Work(JournalEntry[]? Entries, TaskCompletionSource? Asked);
}
