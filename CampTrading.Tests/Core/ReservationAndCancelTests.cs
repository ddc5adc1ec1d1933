using CampTrading.Core.Engine;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>What open orders hold back, when it is released, and cancelling.</summary>
public class ReservationAndCancelTests
{
    private readonly TestExchange _x = new();
    private readonly int _camp;
    private readonly int _alice;
    private readonly int _bob;

    public ReservationAndCancelTests()
    {
        _camp = _x.List("CAMP");
        _alice = _x.OpenAccount("alice", 1_000);
        _bob = _x.OpenAccount("bob", 1_000);
        _x.GrantShares(_alice, _camp, 100);
        _x.GrantShares(_bob, _camp, 100);
    }

    [Fact]
    public void Resting_buy_reserves_price_times_quantity_points()
    {
        _x.Buy(_alice, _camp, 10, 22);

        Assert.Equal(1_000, _x.Points(_alice));
        Assert.Equal(220, _x.ReservedPoints(_alice));
        Assert.Equal(780, _x.AvailablePoints(_alice));
        Assert.Equal(0, _x.ReservedShares(_alice, _camp));
    }

    [Fact]
    public void Resting_sell_reserves_shares()
    {
        _x.Sell(_alice, _camp, 30, 22);

        Assert.Equal(100, _x.Shares(_alice, _camp));
        Assert.Equal(30, _x.ReservedShares(_alice, _camp));
        Assert.Equal(70, _x.AvailableShares(_alice, _camp));
        Assert.Equal(0, _x.ReservedPoints(_alice));
    }

    [Fact]
    public void Reservations_add_up_over_several_orders()
    {
        _x.Buy(_alice, _camp, 10, 20);
        _x.Buy(_alice, _camp, 5, 18);
        _x.Sell(_alice, _camp, 40, 23);
        _x.Sell(_alice, _camp, 60, 24);

        Assert.Equal(290, _x.ReservedPoints(_alice));
        Assert.Equal(100, _x.ReservedShares(_alice, _camp));
        Assert.Equal(0, _x.AvailableShares(_alice, _camp));
    }

    [Fact]
    public void Cancelling_a_buy_releases_its_points()
    {
        var r = _x.Buy(_alice, _camp, 10, 22);
        var mark = _x.Mark;
        var c = _x.Cancel(_alice, r.Id);

        Assert.True(c.IsOk);
        Assert.Equal(OrderStatus.Cancelled, c.Status);
        Assert.Equal(CancelReason.ByOwner, c.CancelReason);
        Assert.Equal(10, c.Remaining);
        Assert.Equal(0, c.Filled);
        Assert.Equal(0, _x.ReservedPoints(_alice));
        Assert.Equal(1_000, _x.AvailablePoints(_alice));
        Assert.Empty(_x.Depth(_camp, Side.Buy));

        var e = Assert.Single(_x.EventsSince(mark));
        Assert.Equal(EventKind.OrderCancelled, e.Kind);
        Assert.Equal(r.Id, e.Order);
        Assert.Equal(_alice, e.Account);
        Assert.Equal(CancelReason.ByOwner, e.CancelReason);
        Assert.Equal(10, e.Remaining);
    }

    [Fact]
    public void Cancelling_a_sell_releases_its_shares()
    {
        var r = _x.Sell(_alice, _camp, 30, 22);
        _x.Cancel(_alice, r.Id);

        Assert.Equal(0, _x.ReservedShares(_alice, _camp));
        Assert.Equal(100, _x.AvailableShares(_alice, _camp));
        Assert.Empty(_x.Depth(_camp, Side.Sell));
    }

    [Fact]
    public void Cancelling_a_partly_filled_order_reports_fill_and_releases_only_the_rest()
    {
        var r = _x.Buy(_alice, _camp, 10, 20);
        _x.Sell(_bob, _camp, 4, 20);
        Assert.Equal(120, _x.ReservedPoints(_alice));

        var c = _x.Cancel(_alice, r.Id);

        Assert.Equal(4, c.Filled);
        Assert.Equal(6, c.Remaining);
        Assert.Equal(0, _x.ReservedPoints(_alice));
        Assert.Equal(920, _x.Points(_alice));
        Assert.Equal(104, _x.Shares(_alice, _camp));
    }

    [Fact]
    public void Only_the_owner_can_cancel()
    {
        var r = _x.Buy(_alice, _camp, 10, 20);

        _x.Reject(new CancelOrder(_bob, r.Id), RejectCode.OrderNotOwned);

        Assert.Single(_x.OpenOrders(_alice));
        Assert.Equal(200, _x.ReservedPoints(_alice));
    }

    [Fact]
    public void Cancelling_an_unknown_order_is_rejected()
    {
        _x.Reject(new CancelOrder(_alice, 999_999), RejectCode.OrderUnknown);
    }

    [Fact]
    public void Cancelling_a_filled_or_cancelled_order_is_rejected_as_unknown()
    {
        var filled = _x.Sell(_alice, _camp, 5, 20);
        _x.Buy(_bob, _camp, 5, 20);
        _x.Reject(new CancelOrder(_alice, filled.Id), RejectCode.OrderUnknown);

        var cancelled = _x.Buy(_alice, _camp, 5, 19);
        _x.Cancel(_alice, cancelled.Id);
        _x.Reject(new CancelOrder(_alice, cancelled.Id), RejectCode.OrderUnknown);
    }

    [Fact]
    public void Resting_buy_filled_releases_its_reservation()
    {
        _x.Buy(_alice, _camp, 10, 21);
        _x.Sell(_bob, _camp, 10, 19);

        Assert.Equal(0, _x.ReservedPoints(_alice));
        Assert.Equal(1_000 - 210, _x.Points(_alice));
        Assert.Empty(_x.OpenOrders(_alice));
    }

    [Fact]
    public void Resting_sell_filled_releases_its_reservation()
    {
        _x.Sell(_alice, _camp, 10, 19);
        _x.Buy(_bob, _camp, 10, 21);

        Assert.Equal(0, _x.ReservedShares(_alice, _camp));
        Assert.Equal(90, _x.Shares(_alice, _camp));
        Assert.Equal(1_190, _x.Points(_alice));
    }

    [Fact]
    public void Resting_buy_partly_filled_keeps_reservation_for_the_remainder()
    {
        _x.Buy(_alice, _camp, 10, 21);
        _x.Sell(_bob, _camp, 3, 19);

        Assert.Equal(7 * 21, _x.ReservedPoints(_alice));
        Assert.Equal(1_000 - 63, _x.Points(_alice));
    }

    [Fact]
    public void Buy_filling_below_its_limit_frees_the_difference()
    {
        _x.Sell(_bob, _camp, 5, 18);
        var r = _x.Buy(_alice, _camp, 10, 24);

        // 5 bought at 18 (90 paid), 5 rest at 24 (120 reserved): the 5 × (24 − 18) = 30 difference is free.
        Assert.Equal(5, r.Filled);
        Assert.Equal(90, r.FilledValue);
        Assert.Equal(910, _x.Points(_alice));
        Assert.Equal(120, _x.ReservedPoints(_alice));
        Assert.Equal(790, _x.AvailablePoints(_alice));
    }

    [Fact]
    public void Buy_needs_its_full_limit_value_available_even_if_it_would_fill_cheaper()
    {
        var buyer = _x.OpenAccount("buyer", 200);
        _x.Sell(_bob, _camp, 10, 16);

        // 10 × 24 = 240 > 200, although it would fill at 16 (160): the limit is what may be spent.
        var r = _x.Reject(new PlaceOrder(buyer, _camp, Side.Buy, OrderType.Limit, 10, 24), RejectCode.InsufficientPoints);
        Assert.Equal(240, r.Detail1);
        Assert.Equal(200, r.Detail2);
    }

    [Fact]
    public void Sell_cannot_offer_shares_already_reserved_by_another_sell()
    {
        _x.Sell(_alice, _camp, 80, 23);
        var r = _x.Reject(new PlaceOrder(_alice, _camp, Side.Sell, OrderType.Limit, 30, 24), RejectCode.InsufficientShares);
        Assert.Equal(30, r.Detail1);
        Assert.Equal(20, r.Detail2);
        Assert.True(_x.Sell(_alice, _camp, 20, 24).IsOk);
    }

    [Fact]
    public void Market_sell_cannot_sell_reserved_shares()
    {
        _x.Buy(_bob, _camp, 50, 20);
        _x.Sell(_alice, _camp, 90, 24);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Sell, OrderType.Market, 11), RejectCode.InsufficientShares);
        Assert.Equal(10, _x.MarketSell(_alice, _camp, 10).Filled);
    }
}
