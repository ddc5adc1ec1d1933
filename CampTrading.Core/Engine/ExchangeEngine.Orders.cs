using CampTrading.Core.Accounts;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

public sealed partial class ExchangeEngine
{
    private CommandResult Place(PlaceOrder c)
    {
        if (FindInstrument(c.InstrumentId) is { Feed: { } feed } feedInstrument) return PlaceFeed(c, feedInstrument, feed);
        var reject = Validate(c, out var account, out var instrument);
        if (!reject.IsOk) return Rejected(c, reject);
        var orderId = Accept(c, account, instrument);
        var limit = c.Type == OrderType.Market ? 0 : c.Price;

        if (Session == SessionState.PreOpen) return CollectForAuction(c, account, instrument, orderId);

        if (c.TimeInForce == TimeInForce.Fok && Fillable(account, instrument, c.Side, limit, c.Quantity) < c.Quantity)
        {
            EmitCancelled(account.Id, instrument.Id, orderId, c.Side, limit, c.Quantity, CancelReason.FokUnfilled, c.Origin);
            return new(RejectCode.None, orderId, OrderStatus.Cancelled, 0, 0, c.Quantity, CancelReason.FokUnfilled);
        }

        var fill = Match(account, instrument, orderId, c.Side, limit, c.Quantity, c.Origin);
        var remaining = c.Quantity - fill.Quantity;
        if (remaining == 0) return new(RejectCode.None, orderId, OrderStatus.Filled, fill.Quantity, fill.Value);

        if (fill.Stop == CancelReason.None && c.Type == OrderType.Limit && c.TimeInForce == TimeInForce.Gtc)
        {
            Rest(account, instrument, c.Side, c.Price, c.Quantity, remaining, orderId, c.Origin);
            return new(RejectCode.None, orderId, OrderStatus.Open, fill.Quantity, fill.Value, remaining);
        }

        var reason = fill.Stop == CancelReason.None ? CancelReason.NoLiquidity : fill.Stop;
        EmitCancelled(account.Id, instrument.Id, orderId, c.Side, limit, remaining, reason, c.Origin);
        return new(RejectCode.None, orderId, OrderStatus.Cancelled, fill.Quantity, fill.Value, remaining, reason);
    }

    private CommandResult Rejected(PlaceOrder c, CommandResult reject)
    {
        ref var r = ref NewEvent(EventKind.OrderRejected);
        r.Account = c.AccountId;
        r.Asset = c.InstrumentId;
        r.Side = c.Side;
        r.Price = c.Price;
        r.Quantity = c.Quantity;
        r.Code = (byte)reject.Code;
        r.Origin = c.Origin;
        return reject;
    }

    /// <summary>Counts a valid order against the day's limits and announces it; returns its new id.</summary>
    private long Accept(PlaceOrder c, Account account, Instrument instrument)
    {
        account.OrdersToday++;
        if (c.Origin == OrderOrigin.Api) account.ApiOrdersToday++;
        var orderId = _nextOrderId++;
        ref var e = ref NewEvent(EventKind.OrderAccepted);
        e.Account = account.Id;
        e.Asset = instrument.Id;
        e.Order = orderId;
        e.Side = c.Side;
        e.Price = c.Type == OrderType.Market ? 0 : c.Price;
        e.Quantity = c.Quantity;
        e.Origin = c.Origin;
        return orderId;
    }

    private CommandResult Validate(PlaceOrder c, out Account account, out Instrument instrument)
    {
        account = null!;
        instrument = null!;
        if (CheckTrader(c.AccountId, out var a) is { IsOk: false } refused) return refused;
        var i = FindInstrument(c.InstrumentId);
        if (i is null) return CommandResult.Reject(RejectCode.InstrumentUnknown);
        if (_settled) return CommandResult.Reject(RejectCode.MarketSettled);
        if (!i.Tradable) return CommandResult.Reject(RejectCode.InstrumentNotTradable);
        if (Session == SessionState.Halted) return CommandResult.Reject(RejectCode.MarketHalted);
        if (Session is not (SessionState.Open or SessionState.PreOpen)) return CommandResult.Reject(RejectCode.MarketClosed);
        if (!IsWellFormed(c, fokAllowed: true)) return CommandResult.Reject(RejectCode.InvalidCommand);
        // The pre-open collects orders for the auction and matches nothing, so "all at once" cannot be honoured there.
        if (c.TimeInForce == TimeInForce.Fok && Session != SessionState.Open) return CommandResult.Reject(RejectCode.FokNeedsOpenMarket);
        if (c.Quantity <= 0) return CommandResult.Reject(RejectCode.InvalidQuantity);
        if (c.Quantity > Rules.MaxOrderQuantity) return CommandResult.Reject(RejectCode.QuantityAboveMax, Rules.MaxOrderQuantity);

        long low = i.BandLow(Rules.BandPercent), high = i.BandHigh(Rules.BandPercent);
        if (c.Type == OrderType.Limit)
        {
            if (c.Price <= 0) return CommandResult.Reject(RejectCode.InvalidPrice);
            if (c.Price < low || c.Price > high) return CommandResult.Reject(RejectCode.PriceOutsideBand, low, high);
        }

        if (c.Side == Side.Buy)
        {
            if (CheckBuyer(a) is { IsOk: false } cannotBuy) return cannotBuy;
            var available = a.Available(Assets.Points);
            // A market buy is paid fill by fill; it must afford at least one share at the best ask. In the pre-open it
            // waits in the book for the auction, holding the band's top price for every share.
            var need = c.Type == OrderType.Limit ? c.Price * c.Quantity
                : Session == SessionState.PreOpen ? high * c.Quantity
                : BestAskWithin(i, high);
            if (available < need) return CommandResult.Reject(RejectCode.InsufficientPoints, need, available);
        }
        else
        {
            var available = a.Available(i.Id);
            if (available < c.Quantity) return CommandResult.Reject(RejectCode.InsufficientShares, c.Quantity, available);
        }

        if (CheckDailyOrderLimit(a) is { IsOk: false } overLimit) return overLimit;

        account = a;
        instrument = i;
        return CommandResult.Ok();
    }

    /// <summary>The account behind an order (camp stock or feed): one that exists, is not a system account, and may act.</summary>
    private CommandResult CheckTrader(int accountId, out Account account)
    {
        account = FindAccount(accountId)!;
        if (account is null) return CommandResult.Reject(RejectCode.AccountUnknown);
        if (account.IsSystem) return CommandResult.Reject(RejectCode.NotPermitted);
        if (!account.CanAct) return CommandResult.Reject(RejectCode.AccountDisabled);
        return CommandResult.Ok();
    }

    private static bool IsWellFormed(PlaceOrder c, bool fokAllowed) =>
        c.Side is Side.Buy or Side.Sell
        && c.Type is OrderType.Limit or OrderType.Market
        && (c.TimeInForce is TimeInForce.Gtc or TimeInForce.Ioc || (fokAllowed && c.TimeInForce == TimeInForce.Fok));

    /// <summary>A frozen account may still sell; an account in debt must sell before it buys again.</summary>
    private static CommandResult CheckBuyer(Account a)
    {
        if ((a.Restrictions & AccountRestrictions.Frozen) != 0) return CommandResult.Reject(RejectCode.AccountFrozen);
        if (a.Debt > 0) return CommandResult.Reject(RejectCode.AccountInDebt, a.Debt);
        return CommandResult.Ok();
    }

    private CommandResult CheckDailyOrderLimit(Account a)
    {
        var day = CurrentDay();
        if (a.OrdersDay != day) { a.OrdersDay = day; a.OrdersToday = 0; a.ApiOrdersToday = 0; }
        // The daily limit is a student's; the house market maker re-quotes all day. (No journal before the maker holds a house account's order.)
        if (a.Kind != AccountKind.House && a.OrdersToday >= Rules.DailyOrderLimit) return CommandResult.Reject(RejectCode.DailyLimitReached, Rules.DailyOrderLimit);
        return CommandResult.Ok();
    }

    private static long BestAskWithin(Instrument i, long high) =>
        i.Book.Asks.IsEmpty || i.Book.Asks.BestPrice > high ? 1 : i.Book.Asks.BestPrice;

    /// <summary>
    /// How much <see cref="Match"/> would fill right now, without touching the book: the same levels within the bound,
    /// the same stop at the taker's own resting order, the same points limit for a market buy paid fill by fill.
    /// </summary>
    private long Fillable(Account taker, Instrument instrument, Side side, long limit, long quantity)
    {
        var isBuy = side == Side.Buy;
        var bound = limit != 0 ? limit : isBuy ? instrument.BandHigh(Rules.BandPercent) : instrument.BandLow(Rules.BandPercent);
        var points = taker.Available(Assets.Points);
        long fillable = 0;
        foreach (var level in instrument.Book.Opposite(side).Levels())
        {
            if (isBuy ? level.Price > bound : level.Price < bound) break;
            for (var maker = level.Head; maker is not null; maker = maker.Next)
            {
                if (maker.AccountId == taker.Id) return fillable;
                var q = Math.Min(quantity - fillable, maker.Remaining);
                if (isBuy && limit == 0)
                {
                    q = Math.Min(q, points / level.Price);
                    if (q == 0) return fillable;
                    points -= q * level.Price;
                }
                fillable += q;
                if (fillable == quantity) return fillable;
            }
        }
        return fillable;
    }

    private readonly record struct Fill(long Quantity, long Value, CancelReason Stop);

    /// <summary>
    /// Matches an incoming order against the opposite side in price-time priority, at the resting
    /// price. Market orders (limit 0) never trade outside the band. Self-trade prevention: when the
    /// next resting order belongs to the taker, the taker's remainder is cancelled (fills so far stand).
    /// </summary>
    private Fill Match(Account taker, Instrument instrument, long orderId, Side side, long limit, long quantity, OrderOrigin origin)
    {
        var opposite = instrument.Book.Opposite(side);
        var isBuy = side == Side.Buy;
        var bound = limit != 0 ? limit : isBuy ? instrument.BandHigh(Rules.BandPercent) : instrument.BandLow(Rules.BandPercent);
        long filled = 0, value = 0;

        while (filled < quantity && opposite.Crosses(bound))
        {
            var level = opposite.Best!;
            var price = level.Price;
            var maker = level.Head;
            while (maker is not null && filled < quantity)
            {
                if (maker.AccountId == taker.Id) return Done(opposite, level, filled, value, CancelReason.SelfTrade);

                var q = Math.Min(quantity - filled, maker.Remaining);
                if (isBuy && limit == 0)
                {
                    q = Math.Min(q, taker.Available(Assets.Points) / price);
                    if (q == 0) return Done(opposite, level, filled, value, CancelReason.InsufficientFunds);
                }

                Execute(taker, maker, level, orderId, side, price, q, quantity - filled - q, origin);
                filled += q;
                value += price * q;

                var next = maker.Next;
                if (maker.Remaining == 0)
                {
                    level.Remove(maker);
                    Release(maker);
                }
                maker = next;
            }
            if (level.IsEmpty) opposite.OnLevelEmptied(price);
        }
        return new(filled, value, CancelReason.None);
    }

    private static Fill Done(BookSide side, PriceLevel level, long filled, long value, CancelReason stop)
    {
        if (level.IsEmpty) side.OnLevelEmptied(level.Price);
        return new(filled, value, stop);
    }

    private void Execute(Account taker, Order maker, PriceLevel level, long takerOrderId, Side takerSide, long price, long quantity, long takerRemaining,
        OrderOrigin takerOrigin)
    {
        var makerAccount = _accounts[maker.AccountId]!;
        var instrumentId = maker.InstrumentId;
        var value = price * quantity;
        var tradeId = _nextTradeId++;
        BookSide.Fill(level, maker, quantity);

        Account buyer, seller;
        if (takerSide == Side.Buy)
        {
            buyer = taker;
            seller = makerAccount;
            seller.Reserved[instrumentId] -= quantity;
        }
        else
        {
            buyer = makerAccount;
            seller = taker;
            buyer.Reserved[Assets.Points] -= value; // the maker's limit equals the trade price
        }

        EmitTrade(tradeId, instrumentId, price, quantity, taker.Id, takerOrderId, takerSide, takerRemaining, takerOrigin,
            makerAccount.Id, maker.Id, maker.Remaining, maker.Origin);
        Settle(buyer, seller, instrumentId, price, quantity, tradeId);
    }

    private void EmitTrade(long tradeId, int instrumentId, long price, long quantity, int taker, long takerOrder, Side takerSide,
        long takerRemaining, OrderOrigin takerOrigin, int maker, long makerOrder, long makerRemaining, OrderOrigin makerOrigin)
    {
        ref var t = ref NewEvent(EventKind.Trade);
        t.Account = taker;
        t.Other = maker;
        t.Asset = instrumentId;
        t.Order = takerOrder;
        t.OtherOrder = makerOrder;
        t.Side = takerSide;
        t.Price = price;
        t.Quantity = quantity;
        t.Remaining = takerRemaining;
        t.OtherRemaining = makerRemaining;
        t.Reference = tradeId;
        t.Origin = takerOrigin;
        t.OtherOrigin = makerOrigin;
    }

    /// <summary>A trade's ledger: points to the seller, shares (with their cost) to the buyer, the seller's realized P&amp;L, the last price.</summary>
    private void Settle(Account buyer, Account seller, int instrumentId, long price, long quantity, long tradeId)
    {
        var value = price * quantity;
        Move(buyer, seller, Assets.Points, value, LedgerKind.Trade, tradeId);
        var sellerBasis = seller.CostBasisOf(instrumentId);
        Move(seller, buyer, instrumentId, quantity, LedgerKind.Trade, tradeId, paid: value);
        if (!seller.IsSystem) seller.RealizedPnl += value - (sellerBasis - seller.CostBasisOf(instrumentId));
        _instruments[instrumentId - 1].LastPrice = price;
    }

    /// <summary>Puts an order's remainder in the book and reserves what it may spend.</summary>
    private Order Rest(Account account, Instrument instrument, Side side, long price, long quantity, long remaining, long orderId = 0,
        OrderOrigin origin = OrderOrigin.Unknown)
    {
        var order = _orderPool.Count > 0 ? _orderPool.Pop() : new Order();
        order.Id = orderId == 0 ? _nextOrderId++ : orderId;
        order.AccountId = account.Id;
        order.InstrumentId = instrument.Id;
        order.Side = side;
        order.Price = price;
        order.Quantity = quantity;
        order.Remaining = remaining;
        order.Time = _time;
        order.Type = OrderType.Limit;
        order.TimeInForce = TimeInForce.Gtc;
        order.Origin = origin;
        order.Held = 0;
        if (side == Side.Buy) account.Reserved[Assets.Points] += price * remaining;
        else
        {
            account.EnsureAsset(instrument.Id);
            account.Reserved[instrument.Id] += remaining;
        }
        instrument.Book.SideOf(side).Add(order);
        _orders.Add(order.Id, order);
        return order;
    }

    private void Release(Order order)
    {
        _orders.Remove(order.Id);
        order.Next = order.Prev = null;
        _orderPool.Push(order);
    }

    private CommandResult Cancel(int accountId, long orderId, CancelReason reason)
    {
        if (!_orders.TryGetValue(orderId, out var order)) return CommandResult.Reject(RejectCode.OrderUnknown);
        if (order.AccountId != accountId) return CommandResult.Reject(RejectCode.OrderNotOwned);
        var remaining = order.Remaining;
        var filled = order.Quantity - remaining;
        CancelResting(order, reason);
        return new(RejectCode.None, orderId, OrderStatus.Cancelled, filled, 0, remaining, reason);
    }

    private void CancelResting(Order order, CancelReason reason)
    {
        var account = _accounts[order.AccountId]!;
        var instrument = _instruments[order.InstrumentId - 1];
        if (instrument.Feed is { } feed) UnrestFeed(feed, order);
        else
        {
            if (order.Side == Side.Buy) account.Reserved[Assets.Points] -= order.Price * order.Remaining;
            else account.Reserved[order.InstrumentId] -= order.Remaining;
            instrument.Book.SideOf(order.Side).Remove(order);
        }
        EmitCancelled(order.AccountId, order.InstrumentId, order.Id, order.Side, order.Price, order.Remaining, reason, order.Origin);
        Release(order);
    }

    private void EmitCancelled(int accountId, int instrumentId, long orderId, Side side, long price, long remaining, CancelReason reason,
        OrderOrigin origin)
    {
        ref var e = ref NewEvent(EventKind.OrderCancelled);
        e.Account = accountId;
        e.Asset = instrumentId;
        e.Order = orderId;
        e.Side = side;
        e.Price = price;
        e.Remaining = remaining;
        e.Code = (byte)reason;
        e.Origin = origin;
    }

    /// <summary>
    /// Keeps the book tradeable only inside the band: asks below it and bids above it are cancelled
    /// (they would trade outside it). Orders beyond the far edge rest harmlessly and stay.
    /// </summary>
    private void PurgeOutsideBand(Instrument instrument)
    {
        long low = instrument.BandLow(Rules.BandPercent), high = instrument.BandHigh(Rules.BandPercent);
        var asks = instrument.Book.Asks;
        while (!asks.IsEmpty && asks.BestPrice < low) CancelResting(asks.Best!.Head!, CancelReason.OutsideBand);
        var bids = instrument.Book.Bids;
        while (!bids.IsEmpty && bids.BestPrice > high) CancelResting(bids.Best!.Head!, CancelReason.OutsideBand);
    }

    /// <summary>Cancels an account's resting orders that reserve <paramref name="asset"/>.</summary>
    private void CancelOrdersHolding(int accountId, int asset)
    {
        var holding = _orders.Values
            .Where(o => o.AccountId == accountId && (asset == Assets.Points ? o.Side == Side.Buy : o.Side == Side.Sell && o.InstrumentId == asset))
            .ToList();
        foreach (var order in holding) CancelResting(order, CancelReason.ByStaff);
    }

    private void CancelAllStudentOrders(CancelReason reason)
    {
        var open = _orders.Values.Where(o => o.AccountId != SystemAccounts.Treasury).ToList();
        foreach (var order in open) CancelResting(order, reason);
    }

    /// <summary>Resting orders of one account, oldest first.</summary>
    public IReadOnlyList<OpenOrderView> OpenOrdersOf(int accountId) =>
        _orders.Values.Where(o => o.AccountId == accountId)
            .Select(o => new OpenOrderView(o.Id, o.InstrumentId, o.Side, o.Price, o.Quantity, o.Remaining, o.Time, o.Origin)).ToList();
}

public readonly record struct OpenOrderView(long Id, int InstrumentId, Side Side, long Price, long Quantity, long Remaining, long Time,
    OrderOrigin Origin = OrderOrigin.Unknown);
