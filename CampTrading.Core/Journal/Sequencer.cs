using System.Diagnostics;
using System.Threading.Channels;
using CampTrading.Core.Engine;

namespace CampTrading.Core.Journal;

/// <summary>
/// The single writer. Callers submit commands from any thread; one loop drains them in batches,
/// stamps each with a sequence number and the time, appends the batch to the journal in one
/// round trip (group commit), applies it to the engine, lets observers see the events, and only
/// then completes the callers' tasks. Nothing acknowledged can be lost: it is in the journal.
/// It never wedges: text that breaks <see cref="CommandText"/> is refused before the queue, a
/// batch the journal refuses for good is split until the poison command is found (it alone fails,
/// as journal_rejected, and sequence numbers stay gap-free), transient journal failures are retried
/// with back-off, and a stop while the journal is down fails the waiting callers after a short grace.
/// </summary>
public sealed class Sequencer : IAsyncDisposable
{
    private readonly ExchangeEngine _engine;
    private readonly IJournal _journal;
    private readonly Snapshotter? _snapshotter;
    private readonly TimeProvider _time;
    private readonly SequencerOptions _options;
    private readonly IEngineObserver[] _observers;
    private readonly Channel<WorkItem> _queue;
    private readonly ITimer _wakeTimer;
    private readonly CancellationTokenSource _abort = new();
    private readonly List<WorkItem> _batch = [];
    private readonly List<WorkItem> _commands = [];
    private readonly List<JournalEntry> _entries = [];
    private long _armedWake = long.MinValue;
    private Task? _loop;
    private int _disposed;
    private volatile string? _fatal;

    public Sequencer(ExchangeEngine engine, IJournal journal, Snapshotter? snapshotter, TimeProvider time,
        SequencerOptions options, IEnumerable<IEngineObserver> observers)
    {
        _engine = engine;
        _journal = journal;
        _snapshotter = snapshotter;
        _time = time;
        _options = options;
        _observers = observers.ToArray();
        _queue = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _wakeTimer = time.CreateTimer(_ => OnWake(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Health = new SequencerHealth { LastSeq = engine.LastSeq };
    }

    public SequencerHealth Health { get; private set; }

    /// <summary>Work waiting in the queue right now.</summary>
    public int QueueLength => _queue.Reader.Count;

    /// <summary>Fails when the loop dies (another writer, lock lost); the host should stop the application.</summary>
    public Task Completion => _loop ?? Task.CompletedTask;

    public void Start()
    {
        ArmWakeTimer();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Submits a command; completes with its result once it is durable and applied.</summary>
    public async Task<CommandResult> SubmitAsync(Command command, CancellationToken cancellationToken = default) =>
        (await SubmitTrackedAsync(command, cancellationToken)).Result;

    /// <summary>
    /// As <see cref="SubmitAsync"/>, also telling the journal sequence number the command got (0 when it was refused
    /// before the journal). Throws <see cref="ExchangeUnavailableException"/> when the exchange stopped.
    /// </summary>
    public async Task<Acknowledgement> SubmitTrackedAsync(Command command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var text = CommandText.Check(command);
        if (!text.IsOk) return new Acknowledgement(0, text);
        var payload = CommandSerializer.Serialize(command);
        if (payload.Length > _options.MaxCommandChars)
            return new Acknowledgement(0, CommandResult.Reject(RejectCode.CommandTooLarge, _options.MaxCommandChars));

        var item = new WorkItem(command, payload);
        await EnqueueAsync(item, cancellationToken);
        var result = await item.Done.Task;
        return new Acknowledgement(item.Seq, result);
    }

    /// <summary>Runs a read on the engine thread, between commands: a consistent view of live state.</summary>
    public async Task<T> ReadAsync<T>(Func<ExchangeEngine, T> read, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var item = new WorkItem(engine =>
        {
            try { done.SetResult(read(engine)); }
            catch (Exception ex) { done.SetException(ex); }
        }, error => done.TrySetException(error));
        await EnqueueAsync(item, cancellationToken);
        return await done.Task;
    }

    /// <summary>Stops taking commands for good (the writer's lock was lost): waiting callers fail, <see cref="Completion"/> faults.</summary>
    public void Fence(string reason)
    {
        _fatal ??= reason;
        Health = Health with { Fatal = _fatal };
        _queue.Writer.TryComplete();
        try { _abort.Cancel(); }
        catch (ObjectDisposedException) { } // already stopped
    }

    private async ValueTask EnqueueAsync(WorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(item, cancellationToken);
        }
        catch (ChannelClosedException ex)
        {
            throw new ExchangeUnavailableException(_fatal is null ? "The exchange is stopping." : $"The exchange stopped: {_fatal}", ex);
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                if (_fatal is not null) throw new ExchangeUnavailableException($"The exchange stopped: {_fatal}");
                while (_batch.Count < _options.MaxBatch && reader.TryRead(out var item)) _batch.Add(item);
                await ProcessBatchAsync();
                _batch.Clear();
            }
            if (_fatal is not null) throw new ExchangeUnavailableException($"The exchange stopped: {_fatal}");
        }
        catch (Exception ex) when (ex is JournalConflictException or ExchangeUnavailableException)
        {
            if (ex is JournalConflictException) _fatal ??= ex.Message;
            Health = Health with { Fatal = _fatal, LastError = ex.Message };
            _queue.Writer.TryComplete();
            FailAll(_batch, ex);
            _batch.Clear();
            while (reader.TryRead(out var item)) item.Fail(ex);
            if (_fatal is not null) throw; // another writer or a lost lock: the host must stop
        }
        if (_snapshotter is not null) await _snapshotter.Current;
    }

    private static void FailAll(List<WorkItem> items, Exception error)
    {
        foreach (var item in items) item.Fail(error);
    }

    private async Task ProcessBatchAsync()
    {
        var now = _time.GetUtcNow().UtcTicks;
        now -= now % 10; // whole microseconds: the journal's precision, so replay sees the same time
        _commands.Clear();
        _entries.Clear();
        foreach (var item in _batch)
            if (item.Command is not null) _commands.Add(item);

        if (_commands.Count > 0)
        {
            var next = await JournalAsync(_commands, _engine.LastSeq + 1, now);
            if (next - 1 - _engine.LastSeq != _entries.Count) throw new InvalidOperationException("Journal bookkeeping out of step.");
        }

        var entry = 0;
        foreach (var item in _commands)
        {
            if (item.Poisoned)
            {
                item.Result = CommandResult.Reject(RejectCode.JournalRejected);
                EngineMetrics.Applied(item.Command!, RejectCode.JournalRejected);
                continue;
            }
            var e = _entries[entry++];
            item.Result = _engine.Apply(e.Seq, e.Time, e.Command);
            EngineMetrics.Applied(e.Command, item.Result.Code);
        }

        var events = _engine.Events.Span;
        EngineMetrics.Matched(events);
        foreach (var observer in _observers)
        {
            try { observer.OnBatch(_engine, events); }
            catch (Exception ex) { Health = Health with { LastError = $"{observer.GetType().Name}: {ex.Message}" }; }
        }
        _engine.Events.Clear();

        // Health first: a caller that has its acknowledgment must never read a lastSeq older than its command.
        Health = Health with
        {
            LastSeq = _engine.LastSeq,
            QueueDepth = _queue.Reader.Count,
            LastBatchSize = _entries.Count,
            CommandsApplied = Health.CommandsApplied + _entries.Count,
            LastSnapshotSeq = _snapshotter?.LastSnapshotSeq ?? 0,
            EngineFaults = _engine.Faults,
            LastError = _engine.LastFault ?? Health.LastError,
            LastSnapshotAt = _snapshotter?.LastSnapshotAt,
        };

        _snapshotter?.OnCommitted(_entries); // before the acknowledgements: a snapshot asked for after one includes its command
        foreach (var item in _batch)
        {
            if (item.Command is not null) item.Done.TrySetResult(item.Result);
            else item.Read!(_engine);
        }
        ArmWakeTimer();
    }

    /// <summary>
    /// Makes <paramref name="items"/> durable from sequence number <paramref name="seq"/> on, adding what was written to
    /// <c>_entries</c> in order, and returns the next free sequence number. A batch the journal refuses for good is
    /// halved and each half written on its own (numbered afresh, so no gap opens) until the poison command is alone;
    /// it is marked and skipped.
    /// </summary>
    private async Task<long> JournalAsync(List<WorkItem> items, long seq, long now)
    {
        var entries = new List<JournalEntry>(items.Count);
        foreach (var item in items)
        {
            item.Seq = seq + entries.Count;
            entries.Add(new JournalEntry(item.Seq, now, item.Command!, item.Payload));
        }
        try
        {
            await AppendWithRetriesAsync(entries);
            _entries.AddRange(entries);
            return seq + entries.Count;
        }
        catch (JournalPermanentException ex)
        {
            if (items.Count == 1)
            {
                items[0].Poisoned = true;
                items[0].Seq = 0;
                Health = Health with { LastError = $"journal refused a {items[0].Command!.GetType().Name}: {ex.Message}", JournalRejected = Health.JournalRejected + 1 };
                return seq;
            }
            var half = items.Count / 2;
            seq = await JournalAsync(items.GetRange(0, half), seq, now);
            return await JournalAsync(items.GetRange(half, items.Count - half), seq, now);
        }
    }

    /// <summary>Retries transient failures with back-off until the entries are durable; gives up only when stopping.</summary>
    private async Task AppendWithRetriesAsync(List<JournalEntry> entries)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await _journal.AppendAsync(entries, _abort.Token);
                var took = Stopwatch.GetElapsedTime(started);
                Health = Health with { LastJournalWriteMs = took.TotalMilliseconds, JournalUnwritableSince = null };
                EngineMetrics.Batch(entries.Count, took);
                return;
            }
            catch (Exception ex) when (ex is not (JournalPermanentException or JournalConflictException))
            {
                if (_abort.IsCancellationRequested)
                    throw new ExchangeUnavailableException(
                        _fatal ?? "The exchange stopped while the journal could not be written; this request may not have been recorded.",
                        new OperationCanceledException(ex.Message, ex));
                Health = Health with
                {
                    LastError = $"journal: {ex.Message}",
                    JournalFailures = Health.JournalFailures + 1,
                    JournalUnwritableSince = Health.JournalUnwritableSince ?? _time.GetUtcNow(),
                };
                await Task.Delay(delay, _abort.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }
        }
    }

    private void ArmWakeTimer()
    {
        var wake = _engine.NextWakeUp;
        if (Interlocked.Exchange(ref _armedWake, wake) == wake) return;
        var due = wake == long.MaxValue
            ? Timeout.InfiniteTimeSpan
            : TimeSpan.FromTicks(Math.Max(wake - _time.GetUtcNow().UtcTicks, TimeSpan.TicksPerMillisecond));
        _wakeTimer.Change(due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>A scheduled session change is due. Forget the armed time first, so that a tick
    /// arriving a little early re-arms the timer once it has been applied.</summary>
    private void OnWake()
    {
        Interlocked.Exchange(ref _armedWake, long.MinValue);
        _queue.Writer.TryWrite(new WorkItem(new Tick(), null));
    }

    /// <summary>
    /// Stops taking commands and finishes the queued ones, then waits for a running snapshot. When the journal
    /// cannot be written, waiting callers fail with <see cref="ExchangeUnavailableException"/> after
    /// <see cref="SequencerOptions.StopGrace"/>, so a stop is prompt even while the database is down.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _queue.Writer.TryComplete();
        _abort.CancelAfter(_options.StopGrace);
        await _wakeTimer.DisposeAsync();
        if (_loop is not null) await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _abort.Dispose();
    }

    private sealed class WorkItem
    {
        public WorkItem(Command command, string? payload)
        {
            Command = command;
            Payload = payload;
        }

        public WorkItem(Action<ExchangeEngine> read, Action<Exception> fail)
        {
            Read = read;
            FailRead = fail;
        }

        public Command? Command { get; }
        public string? Payload { get; }
        public Action<ExchangeEngine>? Read { get; }
        private Action<Exception>? FailRead { get; }
        public long Seq { get; set; }
        public bool Poisoned { get; set; }
        public CommandResult Result { get; set; }
        public TaskCompletionSource<CommandResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Fail(Exception error)
        {
            var unavailable = error as ExchangeUnavailableException ?? new ExchangeUnavailableException(error.Message, error);
            if (Command is not null) Done.TrySetException(unavailable);
            else FailRead!(unavailable);
        }
    }
}

/// <summary>A durable command's journal sequence number and the engine's answer.</summary>
public readonly record struct Acknowledgement(long Seq, CommandResult Result);

public sealed record SequencerHealth
{
    public long LastSeq { get; init; }
    public long CommandsApplied { get; init; }
    public int QueueDepth { get; init; }
    public int LastBatchSize { get; init; }
    public double LastJournalWriteMs { get; init; }
    public long JournalFailures { get; init; }
    /// <summary>Commands the journal refused for good (each failed as journal_rejected, none applied).</summary>
    public long JournalRejected { get; init; }
    /// <summary>Since when the journal has failed every write (null while writes succeed).</summary>
    public DateTimeOffset? JournalUnwritableSince { get; init; }
    /// <summary>Why the sequencer stopped for good (another writer, lock lost); null while it runs.</summary>
    public string? Fatal { get; init; }
    public long LastSnapshotSeq { get; init; }
    public DateTimeOffset? LastSnapshotAt { get; init; }
    public string? LastError { get; init; }
    /// <summary>Commands that threw inside the engine (bugs); see <see cref="ExchangeEngine.Faults"/>.</summary>
    public int EngineFaults { get; init; }
}
