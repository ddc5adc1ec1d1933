using CampTrading.Core.ReadModels;

namespace CampTrading.Web.TradingApi.Stream;

public enum ChannelKind { Trades, Book, Ticker, Candles, Status, Orders, Fills, Balances }

/// <summary>
/// A parsed channel name: <c>trades:SYM</c>, <c>book:SYM</c>, <c>ticker:SYM</c>, <c>candles:SYM:1m|5m|1h|1d</c>, <c>status</c>
/// (public) and <c>orders</c>, <c>fills</c>, <c>balances</c> (private: the token's student). <see cref="Name"/> is canonical
/// (the symbol as listed).
/// </summary>
public readonly record struct StreamChannel(ChannelKind Kind, string Name, string? Symbol = null, CandleInterval Interval = default)
{
    public const int MaxNameLength = 40;

    public bool IsPrivate => Kind is ChannelKind.Orders or ChannelKind.Fills or ChannelKind.Balances;

    /// <summary>The channel, or null for an unknown kind, symbol or interval; <paramref name="canonicalSymbol"/> maps a symbol as typed to the listed one.</summary>
    public static StreamChannel? Parse(string? text, Func<string, string?> canonicalSymbol)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxNameLength) return null;
        switch (text)
        {
            case "status": return new StreamChannel(ChannelKind.Status, "status");
            case "orders": return new StreamChannel(ChannelKind.Orders, "orders");
            case "fills": return new StreamChannel(ChannelKind.Fills, "fills");
            case "balances": return new StreamChannel(ChannelKind.Balances, "balances");
        }
        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3) return null;
        ChannelKind? kind = parts[0] switch
        {
            "trades" => ChannelKind.Trades,
            "book" => ChannelKind.Book,
            "ticker" => ChannelKind.Ticker,
            "candles" => ChannelKind.Candles,
            _ => null,
        };
        if (kind is null || (parts.Length == 3) != (kind == ChannelKind.Candles)) return null;
        if (canonicalSymbol(parts[1]) is not { } symbol) return null;
        if (kind != ChannelKind.Candles) return new StreamChannel(kind.Value, $"{parts[0]}:{symbol}", symbol);
        CandleInterval? interval = parts[2] switch
        {
            "1m" => CandleInterval.OneMinute,
            "5m" => CandleInterval.FiveMinutes,
            "1h" => CandleInterval.OneHour,
            "1d" => CandleInterval.OneDay,
            _ => null,
        };
        return interval is null ? null : new StreamChannel(ChannelKind.Candles, $"candles:{symbol}:{parts[2]}", symbol, interval.Value);
    }

    public static string IntervalText(CandleInterval interval) => interval switch
    {
        CandleInterval.OneMinute => "1m",
        CandleInterval.FiveMinutes => "5m",
        CandleInterval.OneHour => "1h",
        _ => "1d",
    };
}
