namespace CampTrading.Core.Market;

/// <summary>
/// The countdown to the open shown during the pre-open (the opening call auction). The scheduled open is the schedule's
/// next open (<see cref="MarketClock.NextScheduledChange"/>); a pre-open staff started by override has none, since it
/// lasts until staff open the market. Pure: the time is passed in.
/// </summary>
public static class OpeningCountdown
{
    /// <summary>The instant the auction's pre-open ends by the schedule, or null (not in the pre-open, or started by override).</summary>
    public static DateTimeOffset? OpensAt(SessionState session, MarketOverride marketOverride, DateTimeOffset? nextChangeAt, bool? nextChangeOpens) =>
        session == SessionState.PreOpen && marketOverride == MarketOverride.None && nextChangeOpens == true ? nextChangeAt : null;

    /// <summary>Time left to <paramref name="opensAt"/> in whole seconds, rounded up (so 00:00 shows only at the open), never negative.</summary>
    public static TimeSpan Left(DateTimeOffset opensAt, DateTimeOffset now)
    {
        var ticks = (opensAt - now).Ticks;
        if (ticks <= 0) return TimeSpan.Zero;
        return TimeSpan.FromSeconds((ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);
    }

    /// <summary>"mm:ss", or "h:mm:ss" from an hour up.</summary>
    public static string Format(TimeSpan left)
    {
        var seconds = (long)Math.Max(0, left.TotalSeconds);
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return h > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{h}:{m:00}:{s:00}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{m:00}:{s:00}");
    }
}
