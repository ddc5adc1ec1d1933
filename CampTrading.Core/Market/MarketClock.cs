namespace CampTrading.Core.Market;

/// <summary>
/// Decides whether the market is open at a given instant: the admin override if set, otherwise
/// the schedule. Pure: time is always passed in.
/// </summary>
internal sealed class MarketClock
{
    private SessionInterval[] _intervals = [];

    public MarketOverride Override { get; set; }
    /// <summary>How long before a scheduled open the pre-open (auction) phase starts; 0: none.</summary>
    public long PreOpenTicks { get; set; }
    public IReadOnlyList<SessionInterval> Intervals => _intervals;

    public void SetSchedule(IEnumerable<SessionInterval> intervals) =>
        _intervals = intervals.OrderBy(i => i.Start).ToArray();

    public static bool IsValidSchedule(IReadOnlyList<SessionInterval> intervals)
    {
        var sorted = intervals.OrderBy(i => i.Start).ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].End <= sorted[i].Start) return false;
            if (i > 0 && sorted[i].Start < sorted[i - 1].End) return false;
        }
        return true;
    }

    public SessionState StateAt(long utcTicks) => Override switch
    {
        MarketOverride.ForceOpen => SessionState.Open,
        MarketOverride.ForceClose => SessionState.Closed,
        MarketOverride.Halt => SessionState.Halted,
        MarketOverride.PreOpen => SessionState.PreOpen,
        _ => ScheduledInterval(utcTicks) is not null ? SessionState.Open
            : NextStart(utcTicks) is { } start && start - utcTicks <= PreOpenTicks ? SessionState.PreOpen
            : SessionState.Closed,
    };

    /// <summary>The next instant after <paramref name="utcTicks"/> at which the state may change.</summary>
    public long NextBoundary(long utcTicks)
    {
        if (Override != MarketOverride.None) return long.MaxValue;
        foreach (var interval in _intervals)
        {
            var preOpen = interval.Start.UtcTicks - PreOpenTicks;
            if (PreOpenTicks > 0 && preOpen > utcTicks) return preOpen;
            if (interval.Start.UtcTicks > utcTicks) return interval.Start.UtcTicks;
            if (interval.End.UtcTicks > utcTicks) return interval.End.UtcTicks;
        }
        return long.MaxValue;
    }

    /// <summary>The next open or close instant from the schedule alone (for countdowns).</summary>
    public (DateTimeOffset At, bool Opens)? NextScheduledChange(long utcTicks)
    {
        foreach (var interval in _intervals)
        {
            if (interval.Start.UtcTicks > utcTicks) return (interval.Start, true);
            if (interval.End.UtcTicks > utcTicks) return (interval.End, false);
        }
        return null;
    }

    private long? NextStart(long utcTicks)
    {
        foreach (var interval in _intervals)
            if (interval.Start.UtcTicks > utcTicks) return interval.Start.UtcTicks;
        return null;
    }

    private SessionInterval? ScheduledInterval(long utcTicks)
    {
        foreach (var interval in _intervals)
            if (interval.Start.UtcTicks <= utcTicks && utcTicks < interval.End.UtcTicks) return interval;
        return null;
    }
}
