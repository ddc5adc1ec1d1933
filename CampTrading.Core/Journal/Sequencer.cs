using System.Diagnostics;
using System.Threading.Channels;
using CampTrading.Core.Engine;

namespace CampTrading.Core.Journal;

/// <summary>
/// The single writer. Callers submit commands from any thread; one loop drains them in batches,
/// stamps each with a sequence number and the time, appends the batch to the journal in one
/// round trip (group commit), applies it to the engine, lets observers see the events, and only
/// then completes the callers' tasks. Nothing acknowledged can be lost: it is in the journal.
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
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<WorkItem> _batch = [];
    private readonly List<JournalEntry> _entries = [];
    private long _armedWake = long.MinValue;
    private Task? _loop;
    private int _disposed;

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

    /// <summary>Fails when the loop dies; the host should stop the application.</summary>
    public Task Completion => _loop ?? Task.CompletedTask;

    public void Start()
    {
        ArmWakeTimer();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Submits a command; completes with its result once it is durable and applied.</summary>
    public async Task<CommandResult> SubmitAsync(Command command, CancellationToken cancellationToken = default) =>
        (await SubmitTrackedAsync(command, cancellationToken)).Result;

    /// <summary>As <see cref="SubmitAsync"/>, also telling the journal sequence number the command got.</summary>
    public async Task<Acknowledgement> SubmitTrackedAsync(Command command, CancellationToken cancellationToken = default)
    {
        var item = new WorkItem(command);
        await _queue.Writer.WriteAsync(item, cancellationToken);
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
        });
        await _queue.Writer.WriteAsync(item, cancellationToken);
        return await done.Task;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (_batch.Count < _options.MaxBatch && reader.TryRead(out var item)) _batch.Add(item);
            await ProcessBatchAsync();
            _batch.Clear();
            _entries.Clear();
        }
        if (_snapshotter is not null) await _snapshotter.Current;
    }

    private async Task ProcessBatchAsync()
    {
        var now = _time.GetUtcNow().UtcTicks;
        now -= now % 10; // whole microseconds: the journal's precision, so replay sees the same time
        var seq = _engine.LastSeq;
        foreach (var item in _batch)
        {
            if (item.Command is null) continue;
            item.Seq = ++seq;
            _entries.Add(new JournalEntry(seq, now, item.Command));
        }

        if (_entries.Count > 0) await AppendDurablyAsync();

        var entry = 0;
        var results = new CommandResult[_batch.Count];
        for (var i = 0; i < _batch.Count; i++)
        {
            var item = _batch[i];
            if (item.Command is null) continue;
            var e = _entries[entry++];
            results[i] = _engine.Apply(e.Seq, e.Time, e.Command);
        }

        var events = _engine.Events.Span;
        foreach (var observer in _observers)
        {
            try { observer.OnBatch(_engine, events); }
            catch (Exception ex) { Health = Health with { LastError = $"{observer.GetType().Name}: {ex.Message}" }; }
        }
        _engine.Events.Clear();

        for (var i = 0; i < _batch.Count; i++)
        {
            var item = _batch[i];
            if (item.Command is not null) item.Done.TrySetResult(results[i]);
            else item.Read!(_engine);
        }

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
        ArmWakeTimer();
        _snapshotter?.OnCommitted(_engine.LastSeq);
    }

    /// <summary>Retries until the batch is durable: appends are idempotent per seq, so a retry after an unclear failure is safe.</summary>
    private async Task AppendDurablyAsync()
    {
        var delay = TimeSpan.FromMilliseconds(50);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                await _journal.AppendAsync(_entries, CancellationToken.None);
                Health = Health with { LastJournalWriteMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds };
                return;
            }
            catch (Exception ex) when (!_stopping.IsCancellationRequested || delay < TimeSpan.FromSeconds(1))
            {
                Health = Health with { LastError = $"journal: {ex.Message}", JournalFailures = Health.JournalFailures + 1 };
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
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
        _queue.Writer.TryWrite(new WorkItem(new Tick()));
    }

    /// <summary>Stops taking commands, finishes the queued ones, and waits for a running snapshot.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _wakeTimer.DisposeAsync();
        if (_loop is not null) await _loop;
        _stopping.Dispose();
    }

    private sealed class WorkItem
    {
        public WorkItem(Command command) => Command = command;
        public WorkItem(Action<ExchangeEngine> read) => Read = read;

        public Command? Command { get; }
        public Action<ExchangeEngine>? Read { get; }
        public long Seq { get; set; }
        public TaskCompletionSource<CommandResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
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
    public long LastSnapshotSeq { get; init; }
    public DateTimeOffset? LastSnapshotAt { get; init; }
    public string? LastError { get; init; }
    /// <summary>Commands that threw inside the engine (bugs); see <see cref="ExchangeEngine.Faults"/>.</summary>
    public int EngineFaults { get; init; }
}
