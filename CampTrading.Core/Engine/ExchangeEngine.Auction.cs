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

    private static AuctionOutcome IndicativeAuction(Instrument instrument)
    {
        var (bids, marketBuys) = LimitLevels(instrument.Book.Bids);
        var (asks, marketSells) = LimitLevels(instrument.Book.Asks);
        return CallAuction.Uncross(bids, asks, marketBuys, marketSells, instrument.ReferencePrice);
    }

    private static (List<(long Price, long Quantity)> Levels, long Market) LimitLevels(BookSide side)
    {
        var levels = new List<(long, long)>();
        long market = 0;
        foreach (var level in side.Levels())
        {
            long limit = 0;
            for (var order = level.Head; order is not null; order = order.Next)
                if (order.Type == OrderType.Market) market += order.Remaining;
                else limit += order.Remaining;
            if (limit > 0) levels.Add((level.Price, limit));
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
