using CampTrading.Core.Engine;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>
/// Self-trade prevention, as decided in the engine: when the incoming order would meet a resting
/// order of the same account, the incoming order's remainder is cancelled (reason SelfTrade);
/// fills before that point stand, and the resting order is left untouched.
/// </summary>
public class SelfTradeTests
{
    private readonly TestExchange _x = new();
    private readonly int _camp;
    private readonly int _alice;
    private readonly int _bob;

    public SelfTradeTests()
    {
        _camp = _x.List("CAMP");
        _alice = _x.OpenAccount("alice", 10_000);
        _bob = _x.OpenAccount("bob", 10_000);
        _x.GrantShares(_alice, _camp, 100);
        _x.GrantShares(_bob, _camp, 100);
    }

    [Fact]
    public void Incoming_order_meeting_its_own_resting_order_is_cancelled_and_the_resting_order_stays()
    {
        var ask = _x.Sell(_alice, _camp, 10, 20);
        var mark = _x.Mark;
        var bid = _x.Buy(_alice, _camp, 5, 20);

        Assert.True(bid.IsOk);
        Assert.Equal(OrderStatus.Cancelled, bid.Status);
        Assert.Equal(CancelReason.SelfTrade, bid.CancelReason);
        Assert.Equal(0, bid.Filled);
        Assert.Equal(5, bid.Remaining);
        Assert.Empty(_x.EventsSince(mark, EventKind.Trade));
        var cancelled = Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled));
        Assert.Equal(bid.Id, cancelled.Order);
        Assert.Equal(CancelReason.SelfTrade, cancelled.CancelReason);

        var resting = Assert.Single(_x.OpenOrders(_alice));
        Assert.Equal(ask.Id, resting.Id);
        Assert.Equal(10, resting.Remaining);
        Assert.Equal(0, _x.ReservedPoints(_alice));
        Assert.Equal(10_000, _x.Points(_alice));
    }

    [Fact]
    public void Fills_before_the_own_order_stand_and_the_remainder_is_cancelled()
    {
        var bobAsk = _x.Sell(_bob, _camp, 3, 19);
        var aliceAsk = _x.Sell(_alice, _camp, 10, 20);
        var bobBehind = _x.Sell(_bob, _camp, 10, 21);
        var mark = _x.Mark;

        var bid = _x.Buy(_alice, _camp, 8, 21);

        Assert.Equal(OrderStatus.Cancelled, bid.Status);
        Assert.Equal(CancelReason.SelfTrade, bid.CancelReason);
        Assert.Equal(3, bid.Filled);
        Assert.Equal(57, bid.FilledValue);
        Assert.Equal(5, bid.Remaining);
        var trade = Assert.Single(_x.EventsSince(mark, EventKind.Trade));
        Assert.Equal(bobAsk.Id, trade.OtherOrder);
        Assert.Equal([aliceAsk.Id, bobBehind.Id], _x.QueueOf(_camp, Side.Sell));
        Assert.Equal(10_000 - 57, _x.Points(_alice));
        Assert.Equal(0, _x.ReservedPoints(_alice));
    }

    [Fact]
    public void Own_order_later_in_the_same_price_level_stops_the_taker_there()
    {
        var bobFirst = _x.Sell(_bob, _camp, 2, 20);
        var aliceSecond = _x.Sell(_alice, _camp, 2, 20);
        var bobThird = _x.Sell(_bob, _camp, 2, 20);

        var bid = _x.Buy(_alice, _camp, 6, 20);

        Assert.Equal(2, bid.Filled);
        Assert.Equal(CancelReason.SelfTrade, bid.CancelReason);
        Assert.Equal([aliceSecond.Id, bobThird.Id], _x.QueueOf(_camp, Side.Sell));
        Assert.DoesNotContain(bobFirst.Id, _x.QueueOf(_camp, Side.Sell));
    }

    [Fact]
    public void Gtc_limit_that_meets_itself_does_not_rest()
    {
        _x.Buy(_alice, _camp, 5, 20);
        var ask = _x.Sell(_alice, _camp, 5, 19);

        Assert.Equal(OrderStatus.Cancelled, ask.Status);
        Assert.Equal(CancelReason.SelfTrade, ask.CancelReason);
        Assert.Empty(_x.Depth(_camp, Side.Sell));
        Assert.Equal(0, _x.ReservedShares(_alice, _camp));
        Assert.Equal(100, _x.ReservedPoints(_alice));
    }

    [Fact]
    public void Market_order_that_meets_itself_is_cancelled()
    {
        _x.Buy(_alice, _camp, 5, 20);
        var r = _x.MarketSell(_alice, _camp, 5);

        Assert.Equal(OrderStatus.Cancelled, r.Status);
        Assert.Equal(CancelReason.SelfTrade, r.CancelReason);
        Assert.Equal(0, r.Filled);
        Assert.Equal(100, _x.Shares(_alice, _camp));
    }

    [Fact]
    public void Own_orders_that_do_not_cross_are_no_obstacle()
    {
        _x.Sell(_alice, _camp, 5, 24);
        _x.Sell(_bob, _camp, 5, 20);

        var bid = _x.Buy(_alice, _camp, 5, 22);

        Assert.Equal(OrderStatus.Filled, bid.Status);
        Assert.Equal(CancelReason.None, bid.CancelReason);
    }
}
