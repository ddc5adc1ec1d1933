using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.Abuse;

/// <summary>The limiter's answer: allowed, or refused until <see cref="RetryAfter"/> has passed.</summary>
public readonly record struct LimitDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static readonly LimitDecision Allow = new(true, TimeSpan.Zero);
}

/// <summary>
/// Fixed-window counters per (kind, account) and per (kind, source). Every attempt counts, allowed or not, so
/// hammering a refused action does not earn a new allowance. Lock-free: each counter is one long (window number and
/// count) updated by compare-and-swap. Counters of past windows are swept out, so memory stays bounded by the keys
/// active in one window (and by <see cref="StudentLimitOptions.MaxTrackedKeys"/>).
/// </summary>
public sealed class StudentActionLimiter
{
    private const int CountBits = 24;
    private const long CountMask = (1L << CountBits) - 1;
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<CounterKey, Counter> _counters = new();
    private readonly StudentLimitOptions _options;
    private readonly TimeProvider _time;
    private readonly long _windowTicks;
    private int _tracked;
    private long _calls;
    private long _sweptWindow = -1;

    public StudentActionLimiter(IOptions<StudentLimitOptions> options, TimeProvider time)
    {
        _options = options.Value;
        if (!_options.IsValid) throw new ArgumentException("StudentLimits settings are not valid.", nameof(options));
        _time = time;
        _windowTicks = _options.Window.Ticks;
    }

    public StudentLimitOptions Limits => _options;

    /// <summary>Counters currently held (for tests and health).</summary>
    public int TrackedKeys => Volatile.Read(ref _tracked);

    /// <summary>
    /// Counts one attempt of <paramref name="kind"/> by the account and by the source (null: unknown, only the account is
    /// counted) and says whether both are still within their allowance.
    /// </summary>
    public LimitDecision TryAcquire(int accountId, string? source, ActionKind kind)
    {
        var limit = _options.For(kind);
        var now = _time.GetUtcNow().UtcTicks;
        var window = now / _windowTicks;
        MaybeSweep(window);

        var byAccount = Hit(new CounterKey(kind, accountId, null), window, limit.PerAccount, mustTrack: true);
        var bySource = string.IsNullOrEmpty(source) || Hit(new CounterKey(kind, 0, source), window, limit.PerSource, mustTrack: false);
        if (byAccount && bySource) return LimitDecision.Allow;
        return new LimitDecision(false, TimeSpan.FromTicks((window + 1) * _windowTicks - now));
    }

    /// <summary>
    /// Counts one attempt by a source that has no account (e.g. a Telegram user who has not linked one): only the
    /// source's allowance applies, so strangers never share, or use up, a student's.
    /// </summary>
    public LimitDecision TryAcquireSource(string source, ActionKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        var now = _time.GetUtcNow().UtcTicks;
        var window = now / _windowTicks;
        MaybeSweep(window);
        return Hit(new CounterKey(kind, 0, source), window, _options.For(kind).PerSource, mustTrack: true)
            ? LimitDecision.Allow
            : new LimitDecision(false, TimeSpan.FromTicks((window + 1) * _windowTicks - now));
    }

    private bool Hit(CounterKey key, long window, int limit, bool mustTrack)
    {
        if (!_counters.TryGetValue(key, out var counter))
        {
            // Sources are unbounded (addresses); accounts are not. When full, an unknown source goes uncounted rather than
            // letting a spray of addresses grow memory or lock every newcomer out; its account is still counted.
            if (!mustTrack && Volatile.Read(ref _tracked) >= _options.MaxTrackedKeys) return true;
            var fresh = new Counter();
            counter = _counters.GetOrAdd(key, fresh);
            if (ReferenceEquals(counter, fresh)) Interlocked.Increment(ref _tracked);
        }
        return counter.Increment(window) <= limit;
    }

    private void MaybeSweep(long window)
    {
        var calls = Interlocked.Increment(ref _calls);
        var full = Volatile.Read(ref _tracked) >= _options.MaxTrackedKeys;
        if (!full && calls % SweepEvery != 0) return;
        var swept = Interlocked.Read(ref _sweptWindow);
        if (swept == window || Interlocked.CompareExchange(ref _sweptWindow, window, swept) != swept) return;
        foreach (var (key, counter) in _counters)
        {
            if (counter.Window < window && _counters.TryRemove(new KeyValuePair<CounterKey, Counter>(key, counter)))
                Interlocked.Decrement(ref _tracked);
        }
    }

    private readonly record struct CounterKey(ActionKind Kind, int AccountId, string? Source);

    private sealed class Counter
    {
        private long _state;

        public long Window => Volatile.Read(ref _state) >> CountBits;

        /// <summary>Counts one attempt in <paramref name="window"/> (a new window starts from zero); returns the count.</summary>
        public long Increment(long window)
        {
            while (true)
            {
                var old = Volatile.Read(ref _state);
                var count = (old >> CountBits) == window ? old & CountMask : 0;
                var next = (window << CountBits) | Math.Min(count + 1, CountMask);
                if (Interlocked.CompareExchange(ref _state, next, old) == old) return count + 1;
            }
        }
    }
}
