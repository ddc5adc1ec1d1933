using System.Globalization;
using CampTrading.Core.Market;

namespace CampTrading.Web.Staff;

/// <summary>How the dashboard's tiles word and format their values (plain rules, tested without a page).</summary>
public static class DashboardText
{
    /// <summary>Time left as <c>hh:mm:ss</c>, with whole days in front when there is a day or more; never negative.</summary>
    public static string Countdown(TimeSpan left)
    {
        if (left < TimeSpan.Zero) left = TimeSpan.Zero;
        return left.TotalDays >= 1
            ? $"{(int)left.TotalDays}d {left.ToString("hh\\:mm\\:ss", CultureInfo.InvariantCulture)}"
            : left.ToString("hh\\:mm\\:ss", CultureInfo.InvariantCulture);
    }

    public static string Session(SessionState s) => s switch
    {
        SessionState.Open => "開盤中 Open",
        SessionState.Halted => "暫停交易 Halted",
        SessionState.PreOpen => "開盤前競價 Pre-open auction",
        _ => "收盤 Closed",
    };

    public static string Override(MarketOverride o) => o switch
    {
        MarketOverride.ForceOpen => "強制開盤 Forced open",
        MarketOverride.ForceClose => "強制收盤 Forced closed",
        MarketOverride.Halt => "暫停 Halt",
        MarketOverride.PreOpen => "開盤前競價 Pre-open",
        _ => "無（依時間表）None (schedule)",
    };

    /// <summary>Milliseconds with one decimal, invariant.</summary>
    public static string Milliseconds(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>How far the query tables trail the engine (never negative: the watermark can be ahead after a restart).</summary>
    public static long Lag(long engineSeq, long watermark) => Math.Max(0, engineSeq - watermark);

    /// <summary>The last snapshot: its seq, local time and age in whole minutes, or "none yet".</summary>
    public static string Snapshot(long seq, DateTimeOffset? at, DateTimeOffset now, TimeZoneInfo zone) =>
        at is { } taken
            ? $"#{seq.ToString("N0", CultureInfo.InvariantCulture)} · {TimeZoneInfo.ConvertTime(taken, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture)} ({(int)(now - taken).TotalMinutes} min)"
            : "尚無 None yet";

    /// <summary>The last part of a logger category (<c>CampTrading.Web.Exchange.Sequencer</c> → <c>Sequencer</c>).</summary>
    public static string ShortCategory(string category) => category[(category.LastIndexOf('.') + 1)..];
}
