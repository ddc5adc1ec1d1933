using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Exchange;

namespace CampTrading.Web.TradingApi;

/// <summary>Public market data of <c>/api/v1</c>, all from the engine's published read model (never through the writer).</summary>
public static class PublicMarketEndpoints
{
    /// <summary>The read model keeps the top ten levels of each side.</summary>
    public const int MaxDepth = 10;
    /// <summary>The read model's tape holds the last 200 trades of each instrument.</summary>
    public const int MaxTrades = 200;
    public const int MaxCandles = 1_000;

    public static RouteGroupBuilder MapPublicMarket(this RouteGroupBuilder api)
    {
        api.MapGet("/instruments", Instruments).WithName("ListInstruments")
            .WithSummary("Instruments, the order rules and the session")
            .WithDescription("Every listed instrument with the band its orders must be priced in now, the market's order rules (tick, quantity limits, order types) and the session state with its next scheduled change.")
            .Produces<InstrumentsResponse>();
        api.MapGet("/instruments/{symbol}/book", Book).WithName("GetOrderBook")
            .WithSummary("Order book").WithDescription($"Aggregated price levels, best first. depth: 1–{MaxDepth} (default {MaxDepth}).")
            .Produces<BookResponse>().ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/instruments/{symbol}/trades", Trades).WithName("GetRecentTrades")
            .WithSummary("Recent trades").WithDescription($"The newest trades first, anonymous. limit: 1–{MaxTrades} (default 50).")
            .Produces<TradesResponse>().ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/instruments/{symbol}/candles", Candles).WithName("GetCandles")
            .WithSummary("Candles (OHLCV)")
            .WithDescription($"interval: 1m, 5m, 1h or 1d (default 1m); from/to: ISO 8601 times (UTC); limit: 1–{MaxCandles} (default 100), the newest kept. Hours and days follow the camp's clock.")
            .Produces<CandlesResponse>().ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/instruments/{symbol}/ticker", Ticker).WithName("GetTicker")
            .WithSummary("Ticker").WithDescription("Last price, change against the reference (basis points), best bid and ask, and today's open, high, low and volume.")
            .Produces<TickerResponse>().ProducesProblem(404);
        return api;
    }

    private static IResult Instruments(ExchangeService exchange)
    {
        var market = exchange.Market;
        var status = market.Status;
        var rules = status.Rules;
        return Results.Ok(new InstrumentsResponse(Session(status),
            new RulesInfo(rules.BandPercent, 1, 1, rules.MaxOrderQuantity, rules.DailyOrderLimit, ["limit", "market"], ["gtc", "ioc", "fok"]),
            market.Instruments.Where(i => i is not null).Select(i => Info(i, status.Session == SessionState.PreOpen)).ToArray()));
    }

    private static InstrumentInfo Info(InstrumentView i, bool preOpen) => i.Feed is not { } f
        ? new InstrumentInfo(i.Symbol, i.Name, i.Tradable, i.LastPrice, i.ReferencePrice, i.BandLow, i.BandHigh,
            Auction: preOpen ? new AuctionInfo(i.Indicative.Price, i.Indicative.Volume, i.Indicative.BuyVolume, i.Indicative.SellVolume) : null,
            Ipo: i.Ipo.Phase == IpoPhase.None ? null
                : new IpoInfo(Snake(i.Ipo.Phase), i.Ipo.Price, i.Ipo.Shares))
        : new InstrumentInfo(i.Symbol, i.Name, i.Tradable && f.Status == Core.Feeds.FeedStatus.Live, i.LastPrice, i.ReferencePrice, 0, 0, i.UnitsPerWhole,
            new FeedInfo(Snake(f.Status), f.Price, f.Bid, f.Ask, f.Terms.FeeBps,
                f.Terms.MinFee, f.Terms.SpreadBps, f.Terms.MaxOrderUnits, f.Terms.MaxPositionUnits, f.Terms.StaleAfterSeconds));

    private static string Snake(Enum value) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static IResult Book(string symbol, string? depth, ExchangeService exchange)
    {
        if (Find(exchange, symbol) is not { } instrument) return Unknown(symbol);
        if (!ApiInput.TryInt(depth, "depth", 1, MaxDepth, MaxDepth, out var n, out var problem)) return problem!;
        return Results.Ok(new BookResponse(instrument.Symbol, exchange.Market.Status.LastSeq,
            instrument.Bids.Take(n).Select(l => new BookLevel(l.Price, l.Quantity, l.Orders)).ToArray(),
            instrument.Asks.Take(n).Select(l => new BookLevel(l.Price, l.Quantity, l.Orders)).ToArray()));
    }

    private static IResult Trades(string symbol, string? limit, ExchangeService exchange)
    {
        if (Find(exchange, symbol) is not { } instrument) return Unknown(symbol);
        if (!ApiInput.TryInt(limit, "limit", 1, MaxTrades, 50, out var n, out var problem)) return problem!;
        return Results.Ok(new TradesResponse(instrument.Symbol, exchange.Market.RecentTrades(instrument.Id, n)
            .Select(t => new PublicTrade(t.Id, t.Time, t.Price, t.Quantity, SideText(t.TakerSide))).ToArray()));
    }

    private static IResult Candles(string symbol, string? interval, string? from, string? to, string? limit, ExchangeService exchange, TimeProvider time)
    {
        if (Find(exchange, symbol) is not { } instrument) return Unknown(symbol);
        if (IntervalOf(interval ?? "1m") is not { } size)
            return ApiProblems.Validation("interval must be one of 1m, 5m, 1h, 1d.");
        if (!ApiInput.TryInt(limit, "limit", 1, MaxCandles, 100, out var n, out var problem)) return problem!;
        if (!ApiInput.TryTime(from, "from", out var start, out problem) || !ApiInput.TryTime(to, "to", out var end, out problem)) return problem!;
        if (start > end) return ApiProblems.Validation("from must not be after to.");
        var since = start ?? (end ?? time.GetUtcNow()) - Span(size) * n;
        var candles = exchange.Market.Candles(instrument.Id, size, since).Where(c => end is null || c.Start <= end).TakeLast(n)
            .Select(c => new CandleItem(c.Start, c.Open, c.High, c.Low, c.Close, c.Volume)).ToArray();
        return Results.Ok(new CandlesResponse(instrument.Symbol, interval ?? "1m", candles));
    }

    private static IResult Ticker(string symbol, ExchangeService exchange, TimeProvider time)
    {
        if (Find(exchange, symbol) is not { } i) return Unknown(symbol);
        var days = exchange.Market.Candles(i.Id, CandleInterval.OneDay, time.GetUtcNow());
        var today = days.Count > 0 ? days[^1] : default;
        return Results.Ok(new TickerResponse(i.Symbol, i.LastPrice, i.ReferencePrice, i.ChangeBasisPoints, i.BestBid, i.BestAsk,
            today.Open, today.High, today.Low, today.Volume, SessionText(exchange.Market.Status.Session)));
    }

    internal static InstrumentView? Find(ExchangeService exchange, string symbol) =>
        symbol.Length is > 0 and <= 16 ? exchange.Market.Instrument(symbol) : null;

    internal static IResult Unknown(string symbol) =>
        ApiProblems.For(Core.Engine.RejectCode.InstrumentUnknown, $"No instrument has the symbol '{ApiInput.Quoted(symbol, 16)}'.");

    internal static SessionInfo Session(MarketStatusView status) =>
        new(SessionText(status.Session), status.Override switch
        {
            MarketOverride.ForceOpen => "force_open",
            MarketOverride.ForceClose => "force_close",
            MarketOverride.Halt => "halt",
            MarketOverride.PreOpen => "pre_open",
            _ => "none",
        }, status.NextChangeAt, status.NextChangeOpens);

    internal static string SessionText(SessionState state) => state switch
    {
        SessionState.Open => "open",
        SessionState.Halted => "halted",
        SessionState.PreOpen => "pre_open",
        _ => "closed",
    };

    internal static string SideText(Side side) => side == Side.Buy ? "buy" : "sell";

    private static CandleInterval? IntervalOf(string text) => text switch
    {
        "1m" => CandleInterval.OneMinute,
        "5m" => CandleInterval.FiveMinutes,
        "1h" => CandleInterval.OneHour,
        "1d" => CandleInterval.OneDay,
        _ => null,
    };

    private static TimeSpan Span(CandleInterval interval) => interval switch
    {
        CandleInterval.OneMinute => TimeSpan.FromMinutes(1),
        CandleInterval.FiveMinutes => TimeSpan.FromMinutes(5),
        CandleInterval.OneHour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    };
}
