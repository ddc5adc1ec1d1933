using System.Buffers.Text;
using System.Text.Json;

namespace CampTrading.Web.Feeds.Sources;

/// <summary>
/// Reads one message of Binance's market-data streams: a trade (<c>"e":"trade"</c>), an aggregate trade (<c>"aggTrade"</c>)
/// or a kline (<c>"e":"kline"</c>), raw or in a combined stream's wrapper <c>{"stream":..,"data":{..}}</c>.
/// Hostile-input safe: it never throws and never allocates per message; anything it cannot trust is classified, not guessed.
/// </summary>
public static class BinanceMessageParser
{
    /// <summary>Prices above this are treated as corrupt (no real quote comes near a trillion).</summary>
    public const decimal MaxPrice = 1_000_000_000_000m;

    /// <summary>Longest price text accepted; Binance writes at most about 20 characters.</summary>
    private const int MaxPriceLength = 40;

    private static readonly long EarliestMs = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long LatestMs = new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8, CommentHandling = JsonCommentHandling.Disallow };

    private enum EventKind { None, Other, Trade, Kline }

    /// <summary>The fields that matter, gathered from wherever they sit (top level, <c>data</c>, <c>k</c>).</summary>
    private ref struct Fields
    {
        public EventKind Event;
        public bool HasSymbol, SymbolMatches;
        public bool HasPrice, PriceMalformed;
        public decimal Price;
        public long? TradeTime, EventTime;
        public bool HasKline, HasKlineSymbol, KlineSymbolMatches, HasKlineClose, KlineCloseMalformed;
        public decimal KlineClose;
        public long? KlineCloseTime;
        public bool Duplicate;
    }

    /// <summary>
    /// Parses one UTF-8 message. On <see cref="FeedMessageOutcome.Tick"/>, <paramref name="tick"/> holds <paramref name="symbol"/>
    /// (which must be upper case), the trade price or kline close, and the trade time (a kline: its close time, or the event
    /// time when that is earlier, since an unfinished kline's close time lies in the future).
    /// </summary>
    public static FeedMessageOutcome Parse(ReadOnlySpan<byte> utf8, string symbol, out FeedTick tick)
    {
        tick = default;
        var fields = new Fields();
        try
        {
            var reader = new Utf8JsonReader(utf8, isFinalBlock: true, new JsonReaderState(ReaderOptions));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return FeedMessageOutcome.Malformed;
            if (!ReadMessage(ref reader, ref fields, symbol, allowWrapper: true)) return FeedMessageOutcome.Malformed;
            if (reader.Read()) return FeedMessageOutcome.Malformed; // something after the object
        }
        catch (JsonException)
        {
            return FeedMessageOutcome.Malformed;
        }
        return Interpret(ref fields, symbol, out tick);
    }

    private static FeedMessageOutcome Interpret(ref Fields f, string symbol, out FeedTick tick)
    {
        tick = default;
        if (f.Duplicate) return FeedMessageOutcome.Malformed;
        if (f.Event is EventKind.None or EventKind.Other) return FeedMessageOutcome.NotAPrice;
        if (f.Event == EventKind.Trade)
        {
            if (!f.HasSymbol) return FeedMessageOutcome.Malformed;
            if (!f.SymbolMatches) return FeedMessageOutcome.OtherSymbol;
            if (!f.HasPrice || f.PriceMalformed) return FeedMessageOutcome.Malformed;
            var time = f.TradeTime ?? f.EventTime;
            if (time is not { } ms || !IsPlausibleTime(ms)) return FeedMessageOutcome.Malformed;
            if (f.Price <= 0 || f.Price > MaxPrice) return FeedMessageOutcome.BadPrice;
            tick = new FeedTick(symbol, f.Price, DateTimeOffset.FromUnixTimeMilliseconds(ms));
            return FeedMessageOutcome.Tick;
        }

        if (!f.HasKline) return FeedMessageOutcome.Malformed;
        if (!f.HasSymbol && !f.HasKlineSymbol) return FeedMessageOutcome.Malformed;
        if (f.HasSymbol && f.HasKlineSymbol && f.SymbolMatches != f.KlineSymbolMatches) return FeedMessageOutcome.Malformed;
        if (!(f.HasSymbol ? f.SymbolMatches : f.KlineSymbolMatches)) return FeedMessageOutcome.OtherSymbol;
        if (!f.HasKlineClose || f.KlineCloseMalformed) return FeedMessageOutcome.Malformed;
        if (f.KlineCloseTime is not { } closeMs || !IsPlausibleTime(closeMs)) return FeedMessageOutcome.Malformed;
        if (f.EventTime is { } eventMs)
        {
            if (!IsPlausibleTime(eventMs)) return FeedMessageOutcome.Malformed;
            closeMs = Math.Min(closeMs, eventMs);
        }
        if (f.KlineClose <= 0 || f.KlineClose > MaxPrice) return FeedMessageOutcome.BadPrice;
        tick = new FeedTick(symbol, f.KlineClose, DateTimeOffset.FromUnixTimeMilliseconds(closeMs));
        return FeedMessageOutcome.Tick;
    }

    /// <summary>Reads the properties of the object the reader stands on (its StartObject) up to its EndObject.</summary>
    private static bool ReadMessage(ref Utf8JsonReader reader, ref Fields f, string symbol, bool allowWrapper)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return true;
            if (reader.TokenType != JsonTokenType.PropertyName) return false;
            if (reader.ValueTextEquals("e"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
                if (f.Event != EventKind.None) f.Duplicate = true;
                f.Event = reader.ValueTextEquals("trade"u8) || reader.ValueTextEquals("aggTrade"u8) ? EventKind.Trade
                    : reader.ValueTextEquals("kline"u8) ? EventKind.Kline
                    : EventKind.Other;
            }
            else if (reader.ValueTextEquals("s"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
                if (f.HasSymbol) f.Duplicate = true;
                f.HasSymbol = true;
                f.SymbolMatches = reader.ValueTextEquals(symbol);
            }
            else if (reader.ValueTextEquals("p"u8))
            {
                if (!reader.Read()) return false;
                if (f.HasPrice) f.Duplicate = true;
                f.HasPrice = true;
                f.PriceMalformed = !TryReadPrice(ref reader, out f.Price);
            }
            else if (reader.ValueTextEquals("T"u8))
            {
                if (!reader.Read() || !TryReadTime(ref reader, out var ms)) return false;
                if (f.TradeTime is not null) f.Duplicate = true;
                f.TradeTime = ms;
            }
            else if (reader.ValueTextEquals("E"u8))
            {
                if (!reader.Read() || !TryReadTime(ref reader, out var ms)) return false;
                if (f.EventTime is not null) f.Duplicate = true;
                f.EventTime = ms;
            }
            else if (reader.ValueTextEquals("k"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
                if (f.HasKline) f.Duplicate = true;
                f.HasKline = true;
                if (!ReadKline(ref reader, ref f, symbol)) return false;
            }
            else if (allowWrapper && reader.ValueTextEquals("data"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
                if (!ReadMessage(ref reader, ref f, symbol, allowWrapper: false)) return false;
            }
            else
            {
                reader.Skip(); // moves to the value, then past it (an object or array whole)
            }
        }
        return false;
    }

    private static bool ReadKline(ref Utf8JsonReader reader, ref Fields f, string symbol)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return true;
            if (reader.TokenType != JsonTokenType.PropertyName) return false;
            if (reader.ValueTextEquals("s"u8))
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
                if (f.HasKlineSymbol) f.Duplicate = true;
                f.HasKlineSymbol = true;
                f.KlineSymbolMatches = reader.ValueTextEquals(symbol);
            }
            else if (reader.ValueTextEquals("c"u8))
            {
                if (!reader.Read()) return false;
                if (f.HasKlineClose) f.Duplicate = true;
                f.HasKlineClose = true;
                f.KlineCloseMalformed = !TryReadPrice(ref reader, out f.KlineClose);
            }
            else if (reader.ValueTextEquals("T"u8))
            {
                if (!reader.Read() || !TryReadTime(ref reader, out var ms)) return false;
                if (f.KlineCloseTime is not null) f.Duplicate = true;
                f.KlineCloseTime = ms;
            }
            else
            {
                reader.Skip();
            }
        }
        return false;
    }

    /// <summary>
    /// A price as Binance writes it: a string (or, leniently, a number) of plain decimal digits with at most one point and
    /// an optional leading minus (so a negative price is a bad price, not noise). No exponent, no spaces, no escapes.
    /// </summary>
    private static bool TryReadPrice(ref Utf8JsonReader reader, out decimal price)
    {
        price = 0;
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number) || reader.ValueIsEscaped || reader.HasValueSequence) return false;
        var text = reader.ValueSpan;
        if (text.Length is 0 or > MaxPriceLength) return false;
        var digits = 0;
        var points = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= (byte)'0' and <= (byte)'9') digits++;
            else if (c == (byte)'.') points++;
            else if (c != (byte)'-' || i != 0) return false;
        }
        if (digits == 0 || points > 1) return false;
        return Utf8Parser.TryParse(text, out price, out var consumed, 'F') && consumed == text.Length;
    }

    private static bool TryReadTime(ref Utf8JsonReader reader, out long ms)
    {
        ms = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out ms);
    }

    private static bool IsPlausibleTime(long ms) => ms >= EarliestMs && ms < LatestMs;
}
