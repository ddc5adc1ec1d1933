using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>Limit and market orders, time in force, partial fills, price-time priority, trade price.</summary>
public class MatchingTests
{
    private readonly TestExchange _x = new();
    private readonly int _camp;
    private readonly int _alice;
    private readonly int _bob;
    private readonly int _carol;

    public MatchingTests()
    {
        _camp = _x.List("CAMP"); // reference 20, band 16..24, no IPO pool
        _alice = _x.OpenAccount("alice", 10_000);
        _bob = _x.OpenAccount("bob", 10_000);
        _carol = _x.OpenAccount("carol", 10_000);
        foreach (var id in new[] { _alice, _bob, _carol }) _x.GrantShares(id, _camp, 1_000);
    }

    [Fact]
    public void Limit_buy_with_no_asks_rests_in_the_book()
    {
        var r = _x.Buy(_alice, _camp, 10, 19);

        Assert.True(r.IsOk);
        Assert.Equal(OrderStatus.Open, r.Status);
        Assert.Equal(0, r.Filled);
        Assert.Equal(10, r.Remaining);
        var order = Assert.Single(_x.OpenOrders(_alice));
        Assert.Equal(r.Id, order.Id);
        Assert.Equal((19L, 10L, 1), Assert.Single(_x.Depth(_camp, Side.Buy)));
    }

    [Fact]
    public void Crossing_limit_orders_trade_and_move_points_and_shares()
    {
        var ask = _x.Sell(_alice, _camp, 10, 21);
        var mark = _x.Mark;
        var bid = _x.Buy(_bob, _camp, 10, 21);

        Assert.Equal(OrderStatus.Filled, bid.Status);
        Assert.Equal(10, bid.Filled);
        Assert.Equal(210, bid.FilledValue);
        Assert.Equal(0, bid.Remaining);
        Assert.Equal(21, bid.AveragePrice);

        var trade = Assert.Single(_x.EventsSince(mark, EventKind.Trade));
        Assert.Equal(_bob, trade.Account);
        Assert.Equal(_alice, trade.Other);
        Assert.Equal(bid.Id, trade.Order);
        Assert.Equal(ask.Id, trade.OtherOrder);
        Assert.Equal(Side.Buy, trade.Side);
        Assert.Equal(21, trade.Price);
        Assert.Equal(10, trade.Quantity);
        Assert.Equal(0, trade.Remaining);
        Assert.Equal(0, trade.OtherRemaining);

        Assert.Equal(10_210, _x.Points(_alice));
        Assert.Equal(990, _x.Shares(_alice, _camp));
        Assert.Equal(9_790, _x.Points(_bob));
        Assert.Equal(1_010, _x.Shares(_bob, _camp));
        Assert.Empty(_x.OpenOrders(_alice));
        Assert.Equal(21, _x.Instrument(_camp).LastPrice);
    }

    [Fact]
    public void Non_crossing_orders_both_rest()
    {
        _x.Sell(_alice, _camp, 5, 22);
        _x.Buy(_bob, _camp, 5, 21);

        Assert.Equal((22L, 5L, 1), Assert.Single(_x.Depth(_camp, Side.Sell)));
        Assert.Equal((21L, 5L, 1), Assert.Single(_x.Depth(_camp, Side.Buy)));
        Assert.Equal(0, _x.Instrument(_camp).LastPrice);
    }

    [Fact]
    public void Trade_happens_at_the_resting_orders_price_for_an_incoming_buy()
    {
        _x.Sell(_alice, _camp, 10, 18);
        var mark = _x.Mark;
        var r = _x.Buy(_bob, _camp, 10, 23);

        Assert.Equal(180, r.FilledValue);
        Assert.Equal(18, Assert.Single(_x.EventsSince(mark, EventKind.Trade)).Price);
        Assert.Equal(10_000 - 180, _x.Points(_bob));
        Assert.Equal(0, _x.ReservedPoints(_bob));
    }

    [Fact]
    public void Trade_happens_at_the_resting_orders_price_for_an_incoming_sell()
    {
        _x.Buy(_bob, _camp, 10, 23);
        var mark = _x.Mark;
        var r = _x.Sell(_alice, _camp, 10, 17);

        Assert.Equal(230, r.FilledValue);
        Assert.Equal(23, Assert.Single(_x.EventsSince(mark, EventKind.Trade)).Price);
        Assert.Equal(10_230, _x.Points(_alice));
    }

    [Fact]
    public void Incoming_order_partially_filled_rests_its_remainder()
    {
        var ask = _x.Sell(_alice, _camp, 4, 20);
        var bid = _x.Buy(_bob, _camp, 10, 20);

        Assert.Equal(OrderStatus.Open, bid.Status);
        Assert.Equal(4, bid.Filled);
        Assert.Equal(6, bid.Remaining);
        Assert.Empty(_x.OpenOrders(_alice));
        var rest = Assert.Single(_x.OpenOrders(_bob));
        Assert.Equal(bid.Id, rest.Id);
        Assert.Equal(10, rest.Quantity);
        Assert.Equal(6, rest.Remaining);
        Assert.Equal(120, _x.ReservedPoints(_bob));
        Assert.NotEqual(ask.Id, bid.Id);
    }

    [Fact]
    public void Resting_order_partially_filled_keeps_its_place_and_remainder()
    {
        var ask = _x.Sell(_alice, _camp, 10, 20);
        var later = _x.Sell(_carol, _camp, 10, 20);
        var mark = _x.Mark;
        _x.Buy(_bob, _camp, 3, 20);

        var trade = Assert.Single(_x.EventsSince(mark, EventKind.Trade));
        Assert.Equal(ask.Id, trade.OtherOrder);
        Assert.Equal(7, trade.OtherRemaining);
        Assert.Equal(7, _x.ReservedShares(_alice, _camp));
        Assert.Equal([ask.Id, later.Id], _x.QueueOf(_camp, Side.Sell));
        Assert.Equal((20L, 17L, 2), Assert.Single(_x.Depth(_camp, Side.Sell)));
    }

    [Fact]
    public void Incoming_order_sweeps_several_levels_best_price_first()
    {
        var a21 = _x.Sell(_alice, _camp, 5, 21);
        var c19 = _x.Sell(_carol, _camp, 5, 19);
        var a20 = _x.Sell(_alice, _camp, 5, 20);
        var mark = _x.Mark;
        var bid = _x.Buy(_bob, _camp, 12, 21);

        var trades = _x.EventsSince(mark, EventKind.Trade);
        Assert.Equal([c19.Id, a20.Id, a21.Id], trades.Select(t => t.OtherOrder));
        Assert.Equal([19L, 20L, 21L], trades.Select(t => t.Price));
        Assert.Equal([5L, 5L, 2L], trades.Select(t => t.Quantity));
        Assert.Equal([7L, 2L, 0L], trades.Select(t => t.Remaining));
        Assert.Equal(95 + 100 + 42, bid.FilledValue);
        Assert.Equal(OrderStatus.Filled, bid.Status);
        Assert.Equal((21L, 3L, 1), Assert.Single(_x.Depth(_camp, Side.Sell)));
    }

    [Fact]
    public void Higher_bid_is_matched_before_an_earlier_lower_bid()
    {
        var low = _x.Buy(_alice, _camp, 5, 19);
        var high = _x.Buy(_bob, _camp, 5, 21);
        var mark = _x.Mark;
        _x.Sell(_carol, _camp, 5, 19);

        var trade = Assert.Single(_x.EventsSince(mark, EventKind.Trade));
        Assert.Equal(high.Id, trade.OtherOrder);
        Assert.Equal(21, trade.Price);
        Assert.Equal([low.Id], _x.QueueOf(_camp, Side.Buy));
    }

    [Fact]
    public void Orders_at_one_price_fill_first_in_first_out()
    {
        var first = _x.Sell(_alice, _camp, 5, 20);
        var second = _x.Sell(_bob, _camp, 5, 20);
        var third = _x.Sell(_alice, _camp, 5, 20);
        Assert.Equal([first.Id, second.Id, third.Id], _x.QueueOf(_camp, Side.Sell));

        var mark = _x.Mark;
        _x.Buy(_carol, _camp, 8, 20);

        var trades = _x.EventsSince(mark, EventKind.Trade);
        Assert.Equal([first.Id, second.Id], trades.Select(t => t.OtherOrder));
        Assert.Equal([5L, 3L], trades.Select(t => t.Quantity));
        Assert.Equal([second.Id, third.Id], _x.QueueOf(_camp, Side.Sell));
        Assert.Equal(2, _x.OpenOrders(_bob).Single().Remaining);
    }

    [Fact]
    public void Partially_filled_resting_order_keeps_time_priority_over_later_orders()
    {
        var first = _x.Buy(_alice, _camp, 10, 20);
        _x.Sell(_carol, _camp, 4, 20);
        var second = _x.Buy(_bob, _camp, 10, 20);

        var mark = _x.Mark;
        _x.Sell(_carol, _camp, 7, 20);
        var trades = _x.EventsSince(mark, EventKind.Trade);
        Assert.Equal([first.Id, second.Id], trades.Select(t => t.OtherOrder));
        Assert.Equal([6L, 1L], trades.Select(t => t.Quantity));
    }

    [Fact]
    public void Cancelled_order_loses_its_place_and_a_new_order_joins_the_back()
    {
        var first = _x.Sell(_alice, _camp, 5, 20);
        var second = _x.Sell(_bob, _camp, 5, 20);
        _x.Cancel(_alice, first.Id);
        var again = _x.Sell(_alice, _camp, 5, 20);

        Assert.Equal([second.Id, again.Id], _x.QueueOf(_camp, Side.Sell));
    }

    [Fact]
    public void Ioc_limit_fills_what_it_can_and_cancels_the_rest()
    {
        _x.Sell(_alice, _camp, 4, 20);
        var mark = _x.Mark;
        var r = _x.Buy(_bob, _camp, 10, 20, TimeInForce.Ioc);

        Assert.Equal(OrderStatus.Cancelled, r.Status);
        Assert.Equal(4, r.Filled);
        Assert.Equal(6, r.Remaining);
        Assert.Equal(CancelReason.NoLiquidity, r.CancelReason);
        var cancelled = Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled));
        Assert.Equal(r.Id, cancelled.Order);
        Assert.Equal(6, cancelled.Remaining);
        Assert.Equal(CancelReason.NoLiquidity, cancelled.CancelReason);
        Assert.Empty(_x.OpenOrders(_bob));
        Assert.Equal(0, _x.ReservedPoints(_bob));
    }

    [Fact]
    public void Ioc_limit_fully_filled_is_filled()
    {
        _x.Sell(_alice, _camp, 10, 20);
        var r = _x.Buy(_bob, _camp, 10, 20, TimeInForce.Ioc);

        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(CancelReason.None, r.CancelReason);
    }

    [Fact]
    public void Ioc_limit_with_nothing_to_match_is_cancelled_and_never_rests()
    {
        _x.Sell(_alice, _camp, 10, 22);
        var r = _x.Buy(_bob, _camp, 10, 21, TimeInForce.Ioc);

        Assert.Equal(OrderStatus.Cancelled, r.Status);
        Assert.Equal(0, r.Filled);
        Assert.Equal(10, r.Remaining);
        Assert.Empty(_x.Depth(_camp, Side.Buy));
    }

    [Fact]
    public void Market_buy_takes_the_best_asks_up_to_its_quantity()
    {
        _x.Sell(_alice, _camp, 5, 20);
        _x.Sell(_carol, _camp, 5, 22);
        var r = _x.MarketBuy(_bob, _camp, 8);

        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(8, r.Filled);
        Assert.Equal(100 + 66, r.FilledValue);
        Assert.Equal(10_000 - 166, _x.Points(_bob));
        Assert.Equal(0, _x.ReservedPoints(_bob));
    }

    [Fact]
    public void Market_sell_takes_the_best_bids_up_to_its_quantity()
    {
        _x.Buy(_alice, _camp, 5, 21);
        _x.Buy(_carol, _camp, 5, 19);
        var r = _x.MarketSell(_bob, _camp, 7);

        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(105 + 38, r.FilledValue);
        Assert.Equal(10_143, _x.Points(_bob));
        Assert.Equal(993, _x.Shares(_bob, _camp));
    }

    [Fact]
    public void Market_order_never_rests_even_as_gtc()
    {
        _x.Sell(_alice, _camp, 3, 20);
        var mark = _x.Mark;
        var r = _x.Apply(new PlaceOrder(_bob, _camp, Side.Buy, OrderType.Market, 10, 0, TimeInForce.Gtc));

        Assert.Equal(OrderStatus.Cancelled, r.Status);
        Assert.Equal(3, r.Filled);
        Assert.Equal(7, r.Remaining);
        Assert.Equal(CancelReason.NoLiquidity, r.CancelReason);
        Assert.Equal(7, Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled)).Remaining);
        Assert.Empty(_x.OpenOrders(_bob));
    }

    [Fact]
    public void Market_buy_never_trades_above_the_band()
    {
        _x.Sell(_alice, _camp, 5, 24);
        _x.SetRules(new() { BandPercent = 10 }); // band 18..22: the ask at 24 stays (beyond the far edge) but is out of reach
        Assert.Equal([24L], _x.Depth(_camp, Side.Sell).Select(l => l.Price));

        var r = _x.MarketBuy(_bob, _camp, 5);

        Assert.Equal(OrderStatus.Cancelled, r.Status);
        Assert.Equal(0, r.Filled);
        Assert.Equal(10_000, _x.Points(_bob));
    }

    [Fact]
    public void Market_sell_never_trades_below_the_band()
    {
        _x.Buy(_alice, _camp, 5, 16);
        _x.SetRules(new() { BandPercent = 10 }); // band 18..22
        var r = _x.MarketSell(_bob, _camp, 5);

        Assert.Equal(OrderStatus.Cancelled, r.Status);
        Assert.Equal(0, r.Filled);
        Assert.Equal(10_000, _x.Points(_bob));
        Assert.Equal(1_000, _x.Shares(_bob, _camp));
    }

    [Fact]
    public void Market_buy_stops_when_its_points_run_out()
    {
        var poor = _x.OpenAccount("poor", 50);
        _x.Sell(_alice, _camp, 10, 20);
        var mark = _x.Mark;
        var r = _x.MarketBuy(poor, _camp, 10);

        Assert.Equal(OrderStatus.Cancelled, r.Status);
        Assert.Equal(2, r.Filled);
        Assert.Equal(40, r.FilledValue);
        Assert.Equal(8, r.Remaining);
        Assert.Equal(CancelReason.InsufficientFunds, r.CancelReason);
        Assert.Equal(10, _x.Points(poor));
        Assert.Equal(2, _x.Shares(poor, _camp));
        Assert.Equal(CancelReason.InsufficientFunds, Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled)).CancelReason);
    }

    [Fact]
    public void Market_buy_cannot_spend_points_reserved_by_its_own_resting_bids()
    {
        var buyer = _x.OpenAccount("buyer", 100);
        _x.Buy(buyer, _camp, 3, 20); // reserves 60, 40 available
        var other = _x.OpenAccount("other", 0);
        _x.GrantShares(other, _camp, 10);
        _x.Sell(other, _camp, 10, 21);

        var r = _x.MarketBuy(buyer, _camp, 10);

        Assert.Equal(1, r.Filled);
        Assert.Equal(CancelReason.InsufficientFunds, r.CancelReason);
        Assert.Equal(60, _x.ReservedPoints(buyer));
        Assert.Equal(19, _x.AvailablePoints(buyer));
    }

    [Fact]
    public void Order_accepted_event_describes_the_order()
    {
        var mark = _x.Mark;
        var r = _x.Buy(_alice, _camp, 7, 19);

        var accepted = Assert.Single(_x.EventsSince(mark, EventKind.OrderAccepted));
        Assert.Equal(r.Id, accepted.Order);
        Assert.Equal(_alice, accepted.Account);
        Assert.Equal(_camp, accepted.Asset);
        Assert.Equal(Side.Buy, accepted.Side);
        Assert.Equal(19, accepted.Price);
        Assert.Equal(7, accepted.Quantity);
    }

    [Fact]
    public void Order_ids_are_unique_and_increasing()
    {
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(_x.Buy(_alice, _camp, 1, 17, TimeInForce.Ioc).Id);
            ids.Add(_x.Sell(_bob, _camp, 1, 23).Id);
        }
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Many_small_orders_at_many_prices_keep_the_book_consistent()
    {
        for (var p = 16; p <= 24; p++)
        {
            _x.Sell(_alice, _camp, 2, p);
            _x.Sell(_carol, _camp, 1, p);
        }
        var r = _x.Buy(_bob, _camp, 20, 21);

        Assert.Equal(18, r.Filled); // 16..21 at 3 each
        Assert.Equal(3 * (16 + 17 + 18 + 19 + 20 + 21), r.FilledValue);
        Assert.Equal(OrderStatus.Open, r.Status);
        Assert.Equal((21L, 2L, 1), _x.Depth(_camp, Side.Buy).Single());
        Assert.Equal([22L, 23L, 24L], _x.Depth(_camp, Side.Sell).Select(l => l.Price));
    }

    [Fact]
    public void House_account_trades_like_a_student()
    {
        var house = _x.OpenAccount("maker", 1_000, AccountKind.House);
        _x.GrantShares(house, _camp, 100);
        _x.Sell(house, _camp, 10, 21);
        var r = _x.Buy(_bob, _camp, 10, 21);

        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(1_210, _x.Points(house));
    }

    [Theory]
    [InlineData(Side.Sell)]
    [InlineData(Side.Buy)]
    public void Levels_across_bitmap_word_boundaries_are_swept_in_price_order(Side restingSide)
    {
        var x = new TestExchange();
        x.SetRules(new() { BandPercent = 100 });
        var wide = x.List("WIDE", 128, 0); // band 1..256
        var maker = x.OpenAccount("maker", 10_000_000);
        var taker = x.OpenAccount("taker", 10_000_000);
        x.GrantShares(maker, wide, 1_000);
        x.GrantShares(taker, wide, 1_000);
        long[] prices = [256, 1, 129, 63, 192, 64, 127, 65, 191, 128, 2, 255];
        foreach (var price in prices)
            Assert.True(x.Apply(new PlaceOrder(maker, wide, restingSide, OrderType.Limit, 1, price)).IsOk);

        var expected = restingSide == Side.Sell ? prices.Order().ToArray() : prices.OrderDescending().ToArray();
        Assert.Equal(expected, x.Depth(wide, restingSide).Select(l => l.Price));

        var mark = x.Mark;
        var takerSide = restingSide == Side.Sell ? Side.Buy : Side.Sell;
        var r = x.Apply(new PlaceOrder(taker, wide, takerSide, OrderType.Market, prices.Length));
        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(expected, x.EventsSince(mark, EventKind.Trade).Select(t => t.Price));
        Assert.Empty(x.Depth(wide, restingSide));

        // Emptied levels are reusable.
        x.Apply(new PlaceOrder(maker, wide, restingSide, OrderType.Limit, 1, 64));
        Assert.Equal([64L], x.Depth(wide, restingSide).Select(l => l.Price));
    }

    [Fact]
    public void One_order_sweeping_hundreds_of_makers_emits_every_event_intact()
    {
        var makers = Enumerable.Range(0, 400).Select(i => _x.OpenAccount($"m{i}")).ToArray();
        foreach (var m in makers)
        {
            _x.GrantShares(m, _camp, 1);
            _x.Sell(m, _camp, 1, 20);
        }
        var whale = _x.OpenAccount("whale", 100_000);
        var mark = _x.Mark;

        var r = _x.Buy(whale, _camp, 400, 20);

        Assert.Equal(OrderStatus.Filled, r.Status);
        var events = _x.EventsSince(mark);
        Assert.True(events.Length > 2_000);
        Assert.Equal(EventKind.OrderAccepted, events[0].Kind);
        Assert.Equal((whale, r.Id, 400L, 20L), (events[0].Account, events[0].Order, events[0].Quantity, events[0].Price));
        var trades = _x.EventsSince(mark, EventKind.Trade);
        Assert.Equal(400, trades.Length);
        Assert.Equal(Enumerable.Range(0, 400).Select(i => 399L - i), trades.Select(t => t.Remaining));
        Assert.All(makers, m => Assert.Equal(20, _x.Points(m)));
        LedgerAudit.Verify(_x.Engine);
    }
}
