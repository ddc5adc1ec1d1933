using System.Text.Json;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Exchange;
using CampTrading.Web.Trading;

namespace CampTrading.Web.LiveMarket;

/// <summary>
/// What every projector and phone on <c>/board</c> shows of the moving market, as one JSON object per frame: the price
/// tiles, the featured instrument's movers or day, its last trades coloured by the tick and its chart's minutes, and the
/// top ten of both rankings. The board's page draws the rest (session, banner, chart, news) and decides which instrument is featured the
/// same way (<see cref="Featured"/>).
/// </summary>
public sealed class BoardFrame(ExchangeService exchange, Leaderboard leaderboard, TimeProvider time)
{
    /// <summary>Trades on the board's tape.</summary>
    public const int TapeLength = 6;

    /// <summary>Ranked rows of each ranking.</summary>
    public const int RankRows = 10;

    private MarketReadModel Market => exchange.Market;

    /// <summary>Changes whenever anything the frame shows may have (every applied command moves the sequence).</summary>
    public object? Version() => (Market.Instruments, Market.Status.LastSeq, time.GetUtcNow().Date);

    /// <summary>The instrument the chart and tape follow: the last traded one is the one the hall talks about; the first listed until then.</summary>
    public static InstrumentView? Featured(MarketReadModel market)
    {
        InstrumentView? featured = null; // a loop: every board asks it for every update
        long newest = -1;
        foreach (var i in market.Instruments)
        {
            var seq = market.RecentTrades(i.Id, 1) is [var last, ..] ? last.Seq : 0;
            if (seq > newest) (featured, newest) = (i, seq);
        }
        return featured;
    }

    public void Write(Utf8JsonWriter json)
    {
        var market = Market;
        var seq = market.Status.LastSeq; // read first: a frame with a higher v shows no older market
        var featured = Featured(market);
        json.WriteStartObject();
        json.WriteNumber("v", seq);
        if (featured is not null)
        {
            json.WriteNumber("featured", featured.Id);
            WriteTickers(json, market);
            if (market.Instruments.Count > 1) WriteMovers(json, market);
            else WriteDay(json, market, featured);
            WriteTape(json, market, featured);
            json.WriteNumber("ci", featured.Id); // the chart's instrument and its minutes: the board's one stream feeds its chart too
            InstrumentFrame.WriteCandles(json, market, featured.Id, InstrumentFrame.Minutes);
        }
        WriteRankings(json, leaderboard.Current());
        json.WriteEndObject();
    }

    /// <summary>[symbol, name, price, change, trend, id].</summary>
    private static void WriteTickers(Utf8JsonWriter json, MarketReadModel market)
    {
        json.WriteStartArray("tickers");
        foreach (var i in market.Instruments)
        {
            var change = i.LastPrice == 0 ? 0 : i.LastPrice - i.ReferencePrice;
            json.WriteStartArray();
            json.WriteStringValue(i.Symbol);
            json.WriteStringValue(i.Name);
            json.WriteStringValue(CampFormat.N(i.MarkPrice));
            json.WriteStringValue($"{(change > 0 ? "▲ " : change < 0 ? "▼ " : "")}{CampFormat.WithSign(change)} ({CampFormat.Percent(i.ChangeBasisPoints)})");
            json.WriteStringValue(CampFormat.TrendClass(change));
            json.WriteNumberValue(i.Id);
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    /// <summary>The five biggest moves: [symbol, price, percent, trend].</summary>
    private static void WriteMovers(Utf8JsonWriter json, MarketReadModel market)
    {
        json.WriteStartArray("movers");
        foreach (var i in market.Instruments.OrderByDescending(x => Math.Abs(x.ChangeBasisPoints)).ThenBy(x => x.Symbol, StringComparer.Ordinal).Take(5))
        {
            json.WriteStartArray();
            json.WriteStringValue(i.Symbol);
            json.WriteStringValue(CampFormat.N(i.MarkPrice));
            json.WriteStringValue(CampFormat.Percent(i.ChangeBasisPoints));
            json.WriteStringValue(CampFormat.TrendClass(i.ChangeBasisPoints));
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    /// <summary>The only instrument's day so far: open, high, low, volume ("—" before its first trade).</summary>
    private void WriteDay(Utf8JsonWriter json, MarketReadModel market, InstrumentView instrument)
    {
        var zone = market.TimeZone;
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        var candles = market.Candles(instrument.Id, CandleInterval.OneDay, new DateTimeOffset(local.Date, local.Offset));
        Candle? day = candles.Count > 0 ? candles[^1] : null;
        json.WriteStartObject("day");
        json.WriteString("open", day is { } o ? CampFormat.N(o.Open) : "—");
        json.WriteString("high", day is { } h ? CampFormat.N(h.High) : "—");
        json.WriteString("low", day is { } l ? CampFormat.N(l.Low) : "—");
        json.WriteString("volume", CampFormat.N(day?.Volume ?? 0));
        json.WriteEndObject();
    }

    /// <summary>Newest first: [trade id, time, price, tick trend, quantity]; up from the trade before is "up", as the hall reads a tape.</summary>
    private static void WriteTape(Utf8JsonWriter json, MarketReadModel market, InstrumentView featured)
    {
        var trades = market.RecentTrades(featured.Id, TapeLength + 1); // one more than shown: the oldest shown needs its predecessor
        json.WriteStartArray("tape");
        for (var k = 0; k < Math.Min(TapeLength, trades.Count); k++)
        {
            var t = trades[k];
            var before = k + 1 < trades.Count ? trades[k + 1].Price : featured.ReferencePrice;
            json.WriteStartArray();
            json.WriteNumberValue(t.Id);
            json.WriteStringValue(CampFormat.TimeOfDay(t.Time, market.TimeZone));
            json.WriteStringValue(CampFormat.N(t.Price));
            json.WriteStringValue(CampFormat.TrendClass(t.Price - before));
            json.WriteStringValue(CampFormat.N(t.Quantity));
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    /// <summary>people: [rank, name, team or null, net worth]; teams: [rank, team, multiplier, score].</summary>
    private static void WriteRankings(Utf8JsonWriter json, LeaderboardView view)
    {
        json.WriteStartArray("people");
        foreach (var e in view.Individuals.Take(RankRows))
        {
            json.WriteStartArray();
            json.WriteNumberValue(e.Rank);
            json.WriteStringValue(e.Name);
            json.WriteStringValue(e.Team);
            json.WriteStringValue(CampFormat.N(e.NetWorth));
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteStartArray("teams");
        foreach (var t in view.Teams.Take(RankRows))
        {
            json.WriteStartArray();
            json.WriteNumberValue(t.Rank);
            json.WriteStringValue(t.Team);
            json.WriteStringValue("×" + (t.MultiplierPercent / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStringValue(CampFormat.N(t.Score));
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }
}
