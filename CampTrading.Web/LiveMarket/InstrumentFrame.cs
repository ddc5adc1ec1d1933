using System.Text.Json;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Trading;
using CampTrading.Web.Trading.Chart;

namespace CampTrading.Web.LiveMarket;

/// <summary>
/// What every phone on one instrument's trade page shows of the market, as one self-contained JSON object: the header's
/// price, the book and the tape, already formatted (numbers and times are the same for every viewer). Built once per frame
/// for all viewers (docs/decisions/0043-the-shared-market-is-drawn-once-per-frame.md); any frame replaces the one before,
/// so a phone that falls behind skips to the newest. Nothing in it names an account: a viewer's own orders and trades are
/// marked by the page from what its own circuit says.
/// </summary>
public static class InstrumentFrame
{
    /// <summary>Rows of the tape on the trade page.</summary>
    public const int TapeLength = 30;

    /// <summary>The frame of <paramref name="instrument"/> now.</summary>
    public static void Write(Utf8JsonWriter json, MarketReadModel market, InstrumentView instrument)
    {
        json.WriteStartObject();
        json.WriteNumber("v", market.Status.LastSeq); // read first: a frame with a higher v shows no older market
        json.WriteNumber("i", instrument.Id);
        WriteHeader(json, instrument);
        WriteBook(json, instrument);
        WriteTape(json, market.RecentTrades(instrument.Id, TapeLength), instrument.UnitsPerWhole, market.TimeZone);
        WriteCandles(json, market, instrument.Id, Intervals);
        json.WriteEndObject();
    }

    private static readonly CandleInterval[] Intervals = Enum.GetValues<CandleInterval>();

    /// <summary>The board's chart draws today's line: one-minute candles only.</summary>
    internal static readonly CandleInterval[] Minutes = [CandleInterval.OneMinute];

    /// <summary>
    /// The last two candles of each interval, [time, open, high, low, close, volume] with times as the chart reads them: the
    /// current one and the one before, so a chart that skipped a frame across a candle's end still gets its close.
    /// </summary>
    internal static void WriteCandles(Utf8JsonWriter json, MarketReadModel market, int instrumentId, CandleInterval[] intervals)
    {
        json.WriteStartObject("c");
        foreach (var interval in intervals)
        {
            var candles = market.Candles(instrumentId, interval, DateTimeOffset.UnixEpoch);
            json.WriteStartArray(interval.ToString());
            for (var k = Math.Max(0, candles.Count - 2); k < candles.Count; k++)
            {
                var bar = ChartSeries.ToBar(candles[k], market.TimeZone);
                json.WriteStartArray();
                json.WriteNumberValue(bar.Time);
                json.WriteNumberValue(bar.Open);
                json.WriteNumberValue(bar.High);
                json.WriteNumberValue(bar.Low);
                json.WriteNumberValue(bar.Close);
                json.WriteNumberValue(bar.Volume);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteHeader(Utf8JsonWriter json, InstrumentView i)
    {
        var change = i.LastPrice == 0 ? 0 : i.LastPrice - i.ReferencePrice;
        json.WriteStartObject("h");
        json.WriteString("last", CampFormat.N(i.MarkPrice));
        json.WriteString("change", $"{CampFormat.WithSign(change)} ({CampFormat.Percent(i.ChangeBasisPoints)})");
        json.WriteString("trend", change > 0 ? "up" : change < 0 ? "down" : "muted");
        json.WriteEndObject();
    }

    private static void WriteBook(Utf8JsonWriter json, InstrumentView i)
    {
        long max = 0;
        foreach (var level in i.Asks) max = Math.Max(max, level.Quantity);
        foreach (var level in i.Bids) max = Math.Max(max, level.Quantity);
        json.WriteStartObject("b");
        json.WriteString("mark", CampFormat.N(i.MarkPrice));
        if (i.BestAsk is long a && i.BestBid is long b) json.WriteString("spread", CampFormat.N(a - b));
        WriteLevels(json, "asks", i.Asks, max);
        WriteLevels(json, "bids", i.Bids, max);
        json.WriteEndObject();
    }

    /// <summary>Best first: [price, price text, quantity text, orders, depth bar].</summary>
    private static void WriteLevels(Utf8JsonWriter json, string name, IReadOnlyList<BookLevelView> levels, long max)
    {
        json.WriteStartArray(name);
        foreach (var level in levels)
        {
            json.WriteStartArray();
            json.WriteNumberValue(level.Price);
            json.WriteStringValue(CampFormat.N(level.Price));
            json.WriteStringValue(CampFormat.N(level.Quantity));
            json.WriteNumberValue(level.Orders);
            json.WriteStringValue(BookDepth.Of(level.Quantity, max));
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    /// <summary>Newest first: [trade id, time of day, price text, taker's colour, quantity text].</summary>
    private static void WriteTape(Utf8JsonWriter json, IReadOnlyList<TradeView> trades, long unitsPerWhole, TimeZoneInfo zone)
    {
        json.WriteStartArray("t");
        foreach (var t in trades)
        {
            json.WriteStartArray();
            json.WriteNumberValue(t.Id);
            json.WriteStringValue(CampFormat.TimeOfDay(t.Time, zone));
            json.WriteStringValue(CampFormat.N(t.Price));
            json.WriteStringValue(CampFormat.SideClass(t.TakerSide));
            json.WriteStringValue(CampFormat.Quantity(t.Quantity, unitsPerWhole));
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }
}

/// <summary>The book's depth bars: a log scale, so the IPO's million-share ask does not flatten every student's order to nothing.</summary>
public static class BookDepth
{
    public static string Of(long quantity, long max) =>
        max <= 0 ? "0%" : (100 * Math.Log10(1 + quantity) / Math.Log10(1 + max)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
