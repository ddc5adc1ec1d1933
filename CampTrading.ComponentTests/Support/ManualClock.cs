namespace CampTrading.ComponentTests.Support;

/// <summary>
/// A clock that stands still until the test moves it. It counts the timers made from it, so a component that should
/// not tick on the server is seen to make none, and fires the ones that fall due when moved, so one that ticks is tested
/// without waiting.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public int TimersCreated { get; private set; }

    /// <summary>Timers made and not yet disposed.</summary>
    public int TimersRunning
    {
        get { lock (_timers) return _timers.Count; }
    }

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock on and fires every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        _now += by;
        ManualTimer[] timers;
        lock (_timers) timers = [.. _timers];
        foreach (var timer in timers) timer.FireIfDue(_now);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        TimersCreated++;
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (_timers) _timers.Add(timer);
        return timer;
    }

    private void Remove(ManualTimer timer)
    {
        lock (_timers) _timers.Remove(timer);
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private DateTimeOffset? _due;
        private TimeSpan _period;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
            _period = period;
            return true;
        }

        public void FireIfDue(DateTimeOffset now)
        {
            if (_due is not { } due || due > now) return;
            // A periodic timer fires once however far the clock moved (as a late thread-pool timer would); a one-shot stops.
            _due = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? now + _period : null;
            callback(state);
        }

        public void Dispose() => clock.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
