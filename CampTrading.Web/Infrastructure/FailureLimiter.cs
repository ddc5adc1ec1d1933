using System.Collections.Concurrent;

namespace CampTrading.Web.Infrastructure;

/// <summary>
/// Counts failed attempts per key in a fixed window: once a key has used up its failures, further attempts are refused
/// until the window turns over. Successful attempts cost nothing.
/// <para>
/// <see cref="TryBeginAttempt"/> is the race-free way: an attempt in flight holds one of the key's remaining failures
/// until it ends, so N concurrent wrong guesses against a limit of L are at most L checked, never N.
/// <see cref="IsLockedOut"/> followed by <see cref="RecordFailure"/> is the older check-then-count form, for callers whose
/// check is itself serialized.
/// </para>
/// </summary>
public sealed class FailureLimiter<TKey> : IDisposable where TKey : notnull
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<TKey, Counter> _counters = new();
    private readonly int _failuresPerWindow;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;

    public FailureLimiter(int failuresPerWindow, TimeSpan window, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failuresPerWindow, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _failuresPerWindow = failuresPerWindow;
        _window = window;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Reserves one failure of the key for an attempt about to be checked; null when none is left (refuse without
    /// checking). End the attempt with <see cref="FailureAttempt.Failed"/> or <see cref="FailureAttempt.Succeeded"/>
    /// (disposing it without either counts as a success).
    /// </summary>
    public FailureAttempt? TryBeginAttempt(TKey key)
    {
        var counter = CounterOf(key);
        lock (counter)
        {
            counter.Roll(_time.GetUtcNow(), _window);
            if (counter.Failures + counter.InFlight >= _failuresPerWindow) return null;
            counter.InFlight++;
        }
        return new FailureAttempt(failed =>
        {
            lock (counter)
            {
                counter.InFlight--;
                if (failed) counter.Failures++;
            }
        });
    }

    /// <summary>True while the key has no failures left in the current window (attempts in flight included).</summary>
    public bool IsLockedOut(TKey key)
    {
        if (!_counters.TryGetValue(key, out var counter)) return false;
        lock (counter)
        {
            counter.Roll(_time.GetUtcNow(), _window);
            return counter.Failures + counter.InFlight >= _failuresPerWindow;
        }
    }

    public void RecordFailure(TKey key)
    {
        var counter = CounterOf(key);
        lock (counter)
        {
            counter.Roll(_time.GetUtcNow(), _window);
            counter.Failures++;
        }
    }

    public void Dispose() => _counters.Clear();

    private Counter CounterOf(TKey key)
    {
        if (_counters.Count > PruneAbove) Prune();
        return _counters.GetOrAdd(key, _ => new Counter { WindowStart = _time.GetUtcNow() });
    }

    private void Prune()
    {
        var now = _time.GetUtcNow();
        foreach (var (key, counter) in _counters)
        {
            lock (counter)
            {
                if (counter.InFlight == 0 && now - counter.WindowStart >= _window)
                    _counters.TryRemove(new KeyValuePair<TKey, Counter>(key, counter));
            }
        }
    }

    private sealed class Counter
    {
        public DateTimeOffset WindowStart;
        public int Failures;
        public int InFlight;

        public void Roll(DateTimeOffset now, TimeSpan window)
        {
            if (now - WindowStart < window) return;
            WindowStart = now;
            Failures = 0;
        }
    }
}

/// <summary>One attempt reserved by <see cref="FailureLimiter{TKey}.TryBeginAttempt"/>; ends once.</summary>
public sealed class FailureAttempt(Action<bool> end) : IDisposable
{
    private int _ended;

    public void Failed() => End(failed: true);

    public void Succeeded() => End(failed: false);

    public void Dispose() => End(failed: false);

    private void End(bool failed)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0) end(failed);
    }
}
