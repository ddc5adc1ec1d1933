using CampTrading.Core.Accounts;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Core.Engine;

/// <summary>
/// The opening call auction (SPEC §3). In the pre-open, orders are collected without matching; when the market opens,
/// each book is uncrossed at the one price of <see cref="CallAuction"/>, filling in price-time priority; what is left of
/// market and IOC orders is then cancelled and limit orders rest. A book that does not cross opens as it is.
/// </summary>
public sealed partial class ExchangeEngine
{
    private CommandResult CollectForAuction(PlaceOrder c, Account account, Instrument instrument, long orderId)
    {
        // A market order waits at the band's edge: first in line, and what it reserves covers any price the auction picks.
        var price = c.Type == OrderType.Limit ? c.Price
            : c.Side == Side.Buy ? instrument.BandHigh(Rules.BandPercent) : instrument.BandLow(Rules.BandPercent);
        var order = Rest(account, instrument, c.Side, price, c.Quantity, c.Quantity, orderId, c.Origin);
        order.Type = c.Type;
        order.TimeInForce = c.Type == OrderType.Market ? TimeInForce.Ioc : c.TimeInForce;
        return new(RejectCode.None, orderId, OrderStatus.Open, 0, 0, c.Quantity);
    }

    /// <summary>The price and volume the auction would uncross at now (nothing trades while the book does not cross).</summary>
    public AuctionOutcome IndicativeAuction(int instrumentId) =>
        FindInstrument(instrumentId) is { } instrument ? IndicativeAuction(instrument) : AuctionOutcome.None;

    private AuctionOutcome IndicativeAuction(Instrument instrument)
    {
        // Only a price inside the band can trade: an ask above it (or a bid below it) rests harmlessly and takes no part, or
        // it could name a price the market orders never reserved for and that nothing can trade at, leaving the book crossed.
        long low = instrument.BandLow(Rules.BandPercent), high = instrument.BandHigh(Rules.BandPercent);
        var (bids, marketBuys) = LimitLevels(instrument.Book.Bids, low, high, high);
        var (asks, marketSells) = LimitLevels(instrument.Book.Asks, low, high, low);
        return CallAuction.Uncross(bids, asks, marketBuys, marketSells, instrument.ReferencePrice);
    }

    /// <param name="edge">The band's edge where this side's market orders wait. One left inside it by a band that widened
    /// since (its reservation covers only the price it waits at) counts as a limit order at that price.</param>
    private static (List<(long Price, long Quantity)> Levels, long Market) LimitLevels(BookSide side, long low, long high, long edge)
    {
        var levels = new List<(long, long)>();
        long market = 0;
        foreach (var level in side.Levels())
        {
            long limit = 0;
            for (var order = level.Head; order is not null; order = order.Next)
                if (order.Type == OrderType.Market && order.Price == edge) market += order.Remaining;
                else limit += order.Remaining;
            if (limit > 0 && level.Price >= low && level.Price <= high) levels.Add((level.Price, limit));
        }
        return (levels, market);
    }

    private void RunOpeningAuctions()
    {
        var pools = PoolsInAuction();
        foreach (var instrument in _instruments)
            if (instrument.Tradable) Uncross(instrument);
        WithdrawPoolsAfterAuction(pools);
        var waiting = _orders.Values.Where(o => o.Type == OrderType.Market || o.TimeInForce == TimeInForce.Ioc).ToList();
        foreach (var order in waiting) CancelResting(order, CancelReason.NoLiquidity);
    }

    private void Uncross(Instrument instrument)
    {
        GiveWayToOwnOrders(instrument);
        var outcome = IndicativeAuction(instrument);
        var bids = instrument.Book.Bids;
        var asks = instrument.Book.Asks;
        var left = outcome.Volume;
        while (left > 0 && !bids.IsEmpty && !asks.IsEmpty)
        {
            // Every bid at or above the price and every ask at or below it come first in price-time order.
            if (bids.BestPrice < outcome.Price || asks.BestPrice > outcome.Price) break;
            var bid = bids.Best!.Head!;
            var ask = asks.Best!.Head!;
            if (bid.AccountId == ask.AccountId)
            {
                // No one trades with themselves: the later of the two orders gives way, as a taker would.
                CancelResting(bid.Id > ask.Id ? bid : ask, CancelReason.SelfTrade);
                continue;
            }
            var quantity = Math.Min(left, Math.Min(bid.Remaining, ask.Remaining));
            Cross(instrument, bid, ask, outcome.Price, quantity);
            left -= quantity;
        }
    }

    /// <summary>
    /// No one trades with themselves: where an account's bid reaches its own ask, the later of the two gives way (as a
    /// taker would) before the price is found. Found afterwards, during the allocation, the pair could have set a price
    /// that the remaining orders no longer reach, leaving the book crossed after the open.
    /// </summary>
    private void GiveWayToOwnOrders(Instrument instrument)
    {
        var bids = instrument.Book.Bids;
        var asks = instrument.Book.Asks;
        if (bids.IsEmpty || asks.IsEmpty || bids.BestPrice < asks.BestPrice) return;
        long highestBid = bids.BestPrice, lowestAsk = asks.BestPrice;
        var crossing = new SortedDictionary<int, (List<Order> Bids, List<Order> Asks)>();
        foreach (var level in bids.Levels())
        {
            if (level.Price < lowestAsk) break;
            for (var order = level.Head; order is not null; order = order.Next) Own(crossing, order.AccountId).Bids.Add(order);
        }
        foreach (var level in asks.Levels())
        {
            if (level.Price > highestBid) break;
            for (var order = level.Head; order is not null; order = order.Next) Own(crossing, order.AccountId).Asks.Add(order);
        }

        var cancel = new List<Order>();
        foreach (var (ownBids, ownAsks) in crossing.Values)
        {
            // Both lists run best price first: the first pair that meets is the best bid against the best ask.
            int b = 0, a = 0;
            while (b < ownBids.Count && a < ownAsks.Count && ownBids[b].Price >= ownAsks[a].Price)
                cancel.Add(ownBids[b].Id > ownAsks[a].Id ? ownBids[b++] : ownAsks[a++]);
        }
        foreach (var order in cancel) CancelResting(order, CancelReason.SelfTrade);
    }

    private static (List<Order> Bids, List<Order> Asks) Own(SortedDictionary<int, (List<Order> Bids, List<Order> Asks)> crossing, int accountId)
    {
        if (!crossing.TryGetValue(accountId, out var own)) crossing[accountId] = own = ([], []);
        return own;
    }

    /// <summary>
    /// One auction fill between two resting orders at the auction price (never above the bid's limit, which is what
    /// the buyer reserved). The later order is reported as the taker.
    /// </summary>
    private void Cross(Instrument instrument, Order bid, Order ask, long price, long quantity)
    {
        var buyer = _accounts[bid.AccountId]!;
        var seller = _accounts[ask.AccountId]!;
        var tradeId = _nextTradeId++;
        BookSide.Fill(instrument.Book.Bids.LevelAt(bid.Price)!, bid, quantity);
        BookSide.Fill(instrument.Book.Asks.LevelAt(ask.Price)!, ask, quantity);
        buyer.Reserved[Assets.Points] -= bid.Price * quantity;
        seller.Reserved[instrument.Id] -= quantity;

        var (taker, maker) = bid.Id > ask.Id ? (bid, ask) : (ask, bid);
        EmitTrade(tradeId, instrument.Id, price, quantity, taker.AccountId, taker.Id, taker.Side, taker.Remaining, taker.Origin,
            maker.AccountId, maker.Id, maker.Remaining, maker.Origin);
        Settle(buyer, seller, instrument.Id, price, quantity, tradeId);

        if (bid.Remaining == 0) { instrument.Book.Bids.Remove(bid); Release(bid); }
        if (ask.Remaining == 0) { instrument.Book.Asks.Remove(ask); Release(ask); }
    }
}
