using System.Collections.Concurrent;
using System.Globalization;
using CampTrading.Core.Trading;

namespace CampTrading.Web.Trading;

/// <summary>How the trading pages write numbers and times (words are in TradingText resources).</summary>
public static class CampFormat
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("zh-TW");

    // Prices, quantities and counts on a live page are mostly small and drawn again every frame on every phone: each is
    // formatted once per process rather than once per render.
    private static readonly string?[] SmallNumbers = new string?[10_000];

    /// <summary>Whole numbers with thousands separators: 1,000,000.</summary>
    public static string N(long value) =>
        (ulong)value < (ulong)SmallNumbers.Length
            ? SmallNumbers[value] ??= value.ToString("N0", Culture)
            : value.ToString("N0", Culture);

    /// <summary>A quantity as people read it: whole shares, or for a feed-priced instrument whole units with the lot's decimals (5 → 0.005).</summary>
    public static string Quantity(long units, long unitsPerWhole) => unitsPerWhole <= 1 ? N(units) : Feeds.FeedQuantity.Format(units, unitsPerWhole);

    /// <summary>A quantity in minor units as whole units with exactly the lot's decimals: 5 units of 1/1000 → "0.005"; shares (1 per whole) as N.</summary>
    public static string Units(long units, long unitsPerWhole)
    {
        if (unitsPerWhole <= 1) return N(units);
        var decimals = 0;
        for (var u = unitsPerWhole; u > 1; u /= 10) decimals++;
        return ((decimal)units / unitsPerWhole).ToString("N" + decimals, Culture);
    }

    /// <summary>A signed whole number: +3, −2, 0.</summary>
    public static string WithSign(long value) => value > 0 ? "+" + N(value) : value < 0 ? "−" + N(-value) : "0";

    /// <summary>Basis points as a signed percentage with two decimals: +5.00%.</summary>
    public static string Percent(long basisPoints) =>
        (basisPoints > 0 ? "+" : basisPoints < 0 ? "−" : "") + (Math.Abs(basisPoints) / 100m).ToString("0.00", Culture) + "%";

    public static TimeZoneInfo Zone(string id) => Zones.GetOrAdd(id, TimeZoneInfo.FindSystemTimeZoneById);

    // Tapes draw their rows' times every frame on every phone, and a busy second has many trades: the text of a recent
    // second is kept (one slot per second of the last few minutes) rather than formatted again.
    private sealed record TimeText(long Second, TimeZoneInfo Zone, string Text);

    private static readonly TimeText?[] RecentTimes = new TimeText?[256];

    /// <summary>A time of day in the camp's time zone.</summary>
    public static string TimeOfDay(DateTimeOffset time, TimeZoneInfo zone)
    {
        var second = time.ToUnixTimeSeconds();
        ref var slot = ref RecentTimes[second & (RecentTimes.Length - 1)];
        var kept = Volatile.Read(ref slot);
        if (kept is not null && kept.Second == second && ReferenceEquals(kept.Zone, zone)) return kept.Text;
        var text = TimeZoneInfo.ConvertTime(time, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        Volatile.Write(ref slot, new TimeText(second, zone, text));
        return text;
    }

    public static string ShortDateTime(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("M/d HH:mm", CultureInfo.InvariantCulture);

    public static string SideClass(Side side) => side == Side.Buy ? "up" : "down";

    /// <summary>The colour class of a gain or loss (Taiwan: red up, green down): "up", "down" or "flat".</summary>
    public static string TrendClass(long value) => value > 0 ? "up" : value < 0 ? "down" : "flat";

    /// <summary>A profit or loss in points: +1,250, −80, 0.</summary>
    public static string Pnl(long points) => WithSign(points);
}
