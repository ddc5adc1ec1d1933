using System.Text;
using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Exchange;
using Microsoft.Extensions.Options;

namespace CampTrading.Web.TradingApi;

/// <summary>
/// The student's own data and orders. Reads come from the read model and query tables; orders and cancels go through
/// <see cref="ExchangeService"/> exactly as the trade page's do (the same per-student limits and engine checks).
/// </summary>
public static class PrivateEndpoints
{
    public const int MaxClientOrderIdLength = 60;
    private const string ClientKeyPrefix = "api:";
    public const int MaxRecent = 100;
    public const int MaxFills = 100;

    public static RouteGroupBuilder MapPrivate(this RouteGroupBuilder api)
    {
        api.MapGet("/me/portfolio", Portfolio).WithName("GetPortfolio").WithMetadata(new RequiresScope(ApiScopes.Read))
            .WithSummary("My portfolio").WithDescription("Points (reserved = held by open buy orders), debt, and holdings with average cost. Scope: read.")
            .Produces<PortfolioResponse>();
        api.MapGet("/me/orders", Orders).WithName("GetMyOrders").WithMetadata(new RequiresScope(ApiScopes.Read))
            .WithSummary("My orders").WithDescription($"Open orders (live) and the most recent orders of any state. limit: 1–{MaxRecent} (default 20). Scope: read.")
            .Produces<OrdersResponse>().ProducesProblem(400);
        api.MapGet("/me/fills", Fills).WithName("GetMyFills").WithMetadata(new RequiresScope(ApiScopes.Read))
            .WithSummary("My fills").WithDescription($"My trades, newest first; side is mine. limit: 1–{MaxFills} (default 20). Scope: read.")
            .Produces<FillsResponse>().ProducesProblem(400);
        api.MapPost("/orders", PlaceAsync).WithName("PlaceOrder").WithMetadata(new RequiresScope(ApiScopes.Trade))
            .WithSummary("Place an order")
            .WithDescription("Limit (price required) or market (no price); gtc, ioc or fok (fill or kill: all at once or nothing; only while the market is open). Checked and limited exactly as an order from the trade page. "
                + "A clientOrderId makes a retry safe: the same id with the same order again answers the first order (repeat: true) and "
                + "places nothing; the same id with a different order is refused with `request_key_conflict` (409). An id is remembered "
                + "for a day and for the account's last 64 orders that carried one; after that it is free again. Scope: trade.")
            .Accepts<PlaceOrderRequest>("application/json")
            .Produces<OrderResult>().ProducesProblem(400).ProducesProblem(413).ProducesProblem(422);
        api.MapDelete("/orders/{orderId}", CancelAsync).WithName("CancelOrder").WithMetadata(new RequiresScope(ApiScopes.Trade))
            .WithSummary("Cancel one order").WithDescription("Cancels the rest of an open order of mine. Scope: trade.")
            .Produces<CancelResult>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404);
        api.MapDelete("/orders", CancelAllAsync).WithName("CancelAllOrders").WithMetadata(new RequiresScope(ApiScopes.Trade))
            .WithSummary("Cancel all my orders").WithDescription("Cancels every open order of mine, or only one instrument's with ?symbol=. Each cancel counts against the cancel limit. Scope: trade.")
            .Produces<CancelAllResponse>().ProducesProblem(404);
        return api;
    }

    private static IResult Portfolio(HttpContext http, ExchangeService exchange)
    {
        var caller = ApiAccess.CallerOf(http);
        if (exchange.Market.Account(caller.AccountId) is not { } a) return ApiProblems.For(RejectCode.AccountUnknown, "The account is not known yet.");
        return Results.Ok(new PortfolioResponse(a.Points, a.ReservedPoints, a.AvailablePoints, a.Debt,
            a.Holdings.Select(h => new HoldingItem(h.Symbol, h.Shares, h.Reserved, h.Available, h.CostBasis,
                h.AverageCost is { } avg ? Math.Round(avg, 2) : null)).ToArray()));
    }

    private static async Task<IResult> Orders(HttpContext http, string? limit, ExchangeService exchange, ApiHistory history)
    {
        if (!ApiInput.TryInt(limit, "limit", 1, MaxRecent, 20, out var n, out var problem)) return problem!;
        var caller = ApiAccess.CallerOf(http);
        var market = exchange.Market;
        var open = market.OpenOrders(caller.AccountId)
            .Select(o => new OrderItem(o.Id, Symbol(market, o.InstrumentId), PublicMarketEndpoints.SideText(o.Side), o.Price, o.Quantity, o.Filled, o.Remaining, "open", null, o.Time))
            .ToArray();
        var recent = (await history.RecentOrdersAsync(caller.AccountId, n, http.RequestAborted))
            .Select(o => new OrderItem(o.Id, Symbol(market, o.InstrumentId), PublicMarketEndpoints.SideText(o.Side), o.Price, o.Quantity, o.Filled,
                o.Status == "open" ? o.Quantity - o.Filled : 0, o.Status, Snake(o.CancelReason), o.Time))
            .ToArray();
        return Results.Ok(new OrdersResponse(open, recent));
    }

    private static async Task<IResult> Fills(HttpContext http, string? limit, ExchangeService exchange, TradeHistory history)
    {
        if (!ApiInput.TryInt(limit, "limit", 1, MaxFills, 20, out var n, out var problem)) return problem!;
        var account = ApiAccess.CallerOf(http).AccountId;
        var market = exchange.Market;
        // The query table may trail the engine: the in-memory tape fills the gap; trade ids make the union exact.
        var trades = new Dictionary<long, TradeView>();
        foreach (var t in await history.AccountTradesAsync(account, n, http.RequestAborted)) trades[t.Id] = t;
        foreach (var instrument in market.Instruments)
            foreach (var t in market.RecentTrades(instrument.Id, PublicMarketEndpoints.MaxTrades))
                if (t.Involves(account)) trades[t.Id] = t;
        return Results.Ok(new FillsResponse(trades.Values.OrderByDescending(t => t.Id).Take(n).Select(t =>
        {
            var bought = t.BuyerId == account;
            return new FillItem(t.Id, t.Time, Symbol(market, t.InstrumentId), bought ? "buy" : "sell", t.Price, t.Quantity, bought ? t.BuyOrderId : t.SellOrderId);
        }).ToArray()));
    }

    private static async Task<IResult> PlaceAsync(HttpContext http, ExchangeService exchange, IOptions<TradingApiOptions> options)
    {
        var caller = ApiAccess.CallerOf(http);
        var body = await ApiInput.ReadBodyAsync(http, options.Value.MaxRequestBytes);
        if (body is null) return ApiProblems.For(RejectCode.RequestTooLarge, $"The body may hold at most {options.Value.MaxRequestBytes} bytes.");
        const string shape = "{symbol, side, type, quantity, price?, timeInForce?, clientOrderId?}";
        var request = ApiInput.Parse<PlaceOrderRequest>(body, shape, out var problem);
        if (request is null) return problem!;
        if (Validate(request, exchange, out var order) is { } invalid) return invalid;

        var command = new PlaceOrder(caller.AccountId, order.InstrumentId, order.Side, order.Type, order.Quantity, order.Price, order.TimeInForce)
        {
            RequestKey = request.ClientOrderId is { } id ? ClientKeyPrefix + id : null,
            Origin = OrderOrigin.Api,
        };
        var result = await exchange.SubmitAsync(command, http.RequestAborted);
        if (!result.IsOk) return ApiProblems.For(result);
        return Results.Ok(new OrderResult(result.Id, request.ClientOrderId, order.Symbol, request.Side!.ToLowerInvariant(), request.Type!.ToLowerInvariant(),
            TimeInForceText(order.TimeInForce), order.Quantity, order.Price, Status(result.Status), result.Filled, result.FilledValue,
            result.AveragePrice, result.Remaining, result.CancelReason == CancelReason.None ? null : Snake(result.CancelReason.ToString()), result.IsRepeat));
    }

    public static string TimeInForceText(TimeInForce tif) => tif switch { TimeInForce.Ioc => "ioc", TimeInForce.Fok => "fok", _ => "gtc" };

    private readonly record struct ValidOrder(int InstrumentId, string Symbol, Side Side, OrderType Type, long Quantity, long Price, TimeInForce TimeInForce);

    /// <summary>The shape of the order, checked before the queue; the engine then applies the market's rules as for any order.</summary>
    private static IResult? Validate(PlaceOrderRequest r, ExchangeService exchange, out ValidOrder order)
    {
        order = default;
        if (string.IsNullOrEmpty(r.Symbol) || string.IsNullOrEmpty(r.Side) || string.IsNullOrEmpty(r.Type) || r.Quantity is null)
            return ApiProblems.Validation("symbol, side, type and quantity are required.");
        if (PublicMarketEndpoints.Find(exchange, r.Symbol) is not { } instrument) return PublicMarketEndpoints.Unknown(r.Symbol);
        Side? side = ApiInput.Keyword(r.Side) switch { "buy" => Side.Buy, "sell" => Side.Sell, _ => null };
        OrderType? type = ApiInput.Keyword(r.Type) switch { "limit" => OrderType.Limit, "market" => OrderType.Market, _ => null };
        if (side is null) return ApiProblems.Validation("side must be buy or sell.");
        if (type is null) return ApiProblems.Validation("type must be limit or market.");
        TimeInForce? tif = ApiInput.Keyword(r.TimeInForce ?? (type == OrderType.Market ? "ioc" : "gtc")) switch
        {
            "gtc" => TimeInForce.Gtc,
            "ioc" => TimeInForce.Ioc,
            "fok" => TimeInForce.Fok,
            _ => null,
        };
        if (tif is null) return ApiProblems.Validation("timeInForce must be gtc, ioc or fok.");
        if (type == OrderType.Market && tif == TimeInForce.Gtc) return ApiProblems.Validation("A market order never rests: its timeInForce is ioc or fok.");
        var rules = exchange.Market.Status.Rules;
        if (r.Quantity <= 0) return ApiProblems.For(RejectCode.InvalidQuantity, "quantity must be a positive whole number.");
        // A feed-priced instrument counts in minor units and has its own per-order limit (docs/decisions/0024-feed-priced-instruments.md).
        var maxQuantity = instrument.Feed?.Terms.MaxOrderUnits ?? rules.MaxOrderQuantity;
        if (r.Quantity > maxQuantity)
            return ApiProblems.For(RejectCode.QuantityAboveMax, $"quantity may be at most {maxQuantity}.", maxQuantity);
        long price = 0;
        if (type == OrderType.Limit)
        {
            if (r.Price is not { } p || p <= 0) return ApiProblems.For(RejectCode.InvalidPrice, "A limit order needs a positive whole price.");
            price = p;
        }
        else if (r.Price is not null) return ApiProblems.Validation("A market order takes no price.");
        if (r.ClientOrderId is { } id && (id.Length is 0 or > MaxClientOrderIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-')))
            return ApiProblems.Validation($"clientOrderId must be 1–{MaxClientOrderIdLength} of A–Z a–z 0–9 . _ : -");
        order = new ValidOrder(instrument.Id, instrument.Symbol, side.Value, type.Value, r.Quantity.Value, price, tif.Value);
        return null;
    }

    private static async Task<IResult> CancelAsync(HttpContext http, string orderId, ExchangeService exchange)
    {
        if (ApiInput.Id(orderId) is not { } id) return ApiProblems.Validation("orderId must be a positive whole number.");
        var result = await exchange.SubmitAsync(new CancelOrder(ApiAccess.CallerOf(http).AccountId, id), http.RequestAborted);
        return result.IsOk ? Results.Ok(new CancelResult(id, Status(result.Status), result.Filled, result.Remaining)) : ApiProblems.For(result);
    }

    private static async Task<IResult> CancelAllAsync(HttpContext http, string? symbol, ExchangeService exchange)
    {
        var account = ApiAccess.CallerOf(http).AccountId;
        int? instrumentId = null;
        if (symbol is not null)
        {
            if (PublicMarketEndpoints.Find(exchange, symbol) is not { } instrument) return PublicMarketEndpoints.Unknown(symbol);
            instrumentId = instrument.Id;
        }
        var cancelled = new List<CancelResult>();
        var refused = new List<CancelRefusal>();
        foreach (var order in exchange.Market.OpenOrders(account).Where(o => instrumentId is null || o.InstrumentId == instrumentId))
        {
            var result = await exchange.SubmitAsync(new CancelOrder(account, order.Id), http.RequestAborted);
            if (result.IsOk) cancelled.Add(new CancelResult(order.Id, Status(result.Status), result.Filled, result.Remaining));
            else refused.Add(new CancelRefusal(order.Id, RejectCodes.Code(result.Code)));
        }
        return Results.Ok(new CancelAllResponse(cancelled, refused));
    }

    private static string Symbol(MarketReadModel market, int instrumentId) => market.Instrument(instrumentId)?.Symbol ?? "#" + instrumentId;

    private static string Status(OrderStatus status) => status switch
    {
        OrderStatus.Open => "open",
        OrderStatus.Filled => "filled",
        OrderStatus.Cancelled => "cancelled",
        _ => "rejected",
    };

    /// <summary>An enum name as a snake_case code: NoLiquidity → no_liquidity.</summary>
    internal static string? Snake(string? name)
    {
        if (string.IsNullOrEmpty(name)) return null;
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
