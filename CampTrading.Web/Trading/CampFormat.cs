using System.Collections.Concurrent;
using System.Globalization;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Web.Trading;

/// <summary>How the trading pages write numbers, times and states (zh-TW first, short English beside).</summary>
public static class CampFormat
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("zh-TW");

    /// <summary>Whole numbers with thousands separators: 1,000,000.</summary>
    public static string N(long value) => value.ToString("N0", Culture);

    /// <summary>A signed whole number: +3, −2, 0.</summary>
    public static string WithSign(long value) => value > 0 ? "+" + N(value) : value < 0 ? "−" + N(-value) : "0";

    /// <summary>Basis points as a signed percentage with two decimals: +5.00%.</summary>
    public static string Percent(long basisPoints) =>
        (basisPoints > 0 ? "+" : basisPoints < 0 ? "−" : "") + (Math.Abs(basisPoints) / 100m).ToString("0.00", Culture) + "%";

    public static TimeZoneInfo Zone(string id) => Zones.GetOrAdd(id, TimeZoneInfo.FindSystemTimeZoneById);

    /// <summary>A time of day in the camp's time zone.</summary>
    public static string TimeOfDay(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string ShortDateTime(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString("M/d HH:mm", CultureInfo.InvariantCulture);

    public static string SideText(Side side) => side == Side.Buy ? "買 Buy" : "賣 Sell";

    public static string SideClass(Side side) => side == Side.Buy ? "up" : "down";

    public static string SessionText(SessionState state) => state switch
    {
        SessionState.Open => "交易中 Open",
        SessionState.Halted => "暫停交易 Halted",
        _ => "休市 Closed",
    };

    public static string OverrideText(MarketOverride value) => value switch
    {
        MarketOverride.ForceOpen => "手動開盤 forced open",
        MarketOverride.ForceClose => "手動收盤 forced closed",
        MarketOverride.Halt => "手動暫停 halted",
        _ => "",
    };

    public static string CancelReasonText(CancelReason reason) => reason switch
    {
        CancelReason.ByOwner => "已由你取消 cancelled by you",
        CancelReason.NoLiquidity => "無可成交的對手單 no liquidity",
        CancelReason.SelfTrade => "避免與自己的委託成交 self-trade prevented",
        CancelReason.MarketClosed => "市場收盤 market closed",
        CancelReason.OutsideBand => "超出漲跌幅 outside band",
        CancelReason.ByStaff => "由工作人員取消 cancelled by staff",
        CancelReason.Settlement => "結算 settlement",
        CancelReason.InsufficientFunds => "可用點數不足 not enough points",
        _ => "",
    };
}
