using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>
/// The pre-open and the opening call auction: orders collected without matching, one uncrossing price at the open,
/// price-time allocation, market and IOC remainders cancelled, and the same state after a snapshot or a replay.
/// The market here opens at 09:00 with a 10-minute pre-open; CAMP's reference is 20 (band 16–24).
/// </summary>
public sealed class OpeningAuctionTests
{
    private static readonly TimeSpan Taipei = TimeSpan.FromHours(8);
    private static DateTimeOffset At(int hour, int minute = 0) => new(2025, 7, 1, hour, minute, 0, Taipei);

    private readonly TestExchange _x = new(forceOpen: false, start: At(8));
    private readonly int _camp;

    public OpeningAuctionTests()
    {
        _camp = _x.List("CAMP");
        _x.SetRules(new TradingRules { PreOpenMinutes = 10 });
        _x.Ok(new SetSchedule([new(At(9), At(12))], "admin"));
    }

    private int Trader(string name, long shares = 0)
    {
        var id = _x.OpenAccount(name, 10_000);
        if (shares > 0) _x.GrantShares(id, _camp, shares);
        return id;
    }

    private EngineEvent[] TradesSince(int mark) => _x.EventsSince(mark, EventKind.Trade);

    [Fact]
    public void The_pre_open_starts_before_the_scheduled_open_and_wakes_the_sequencer_for_it()
    {
        _x.TickAt(At(8, 49));
        Assert.Equal(SessionState.Closed, _x.Engine.Session);
        Assert.Equal(At(8, 50).UtcTicks, _x.Engine.NextWakeUp);

        var mark = _x.Mark;
        _x.TickAt(At(8, 50));
        Assert.Equal(SessionState.PreOpen, _x.Engine.Session);
        Assert.Equal([SessionState.PreOpen], _x.EventsSince(mark, EventKind.SessionChanged).Select(e => e.Session));
        Assert.Equal(At(9).UtcTicks, _x.Engine.NextWakeUp);
        Assert.Equal((At(9), true), _x.Engine.NextScheduledChange());
    }

    [Fact]
    public void Without_a_pre_open_a_closed_market_still_refuses_orders()
    {
        _x.SetRules(new TradingRules());
        var alice = Trader("alice");
        _x.TickAt(At(8, 55));
        Assert.Equal(SessionState.Closed, _x.Engine.Session);
        _x.Reject(new PlaceOrder(alice, _camp, Side.Buy, OrderType.Limit, 1, 20), RejectCode.MarketClosed);
    }

    [Fact]
    public void Crossing_orders_wait_in_the_pre_open_and_the_open_uncrosses_them_at_one_price()
    {
        var alice = Trader("alice");
        var bob = Trader("bob");
        var carol = Trader("carol");
        var dave = Trader("dave", 10);
        var erin = Trader("erin", 15);
        var frank = Trader("frank", 25);
        _x.TickAt(At(8, 50));

        var mark = _x.Mark;
        var a = _x.Buy(alice, _camp, 10, 21);
        _x.Buy(bob, _camp, 20, 20);
        _x.Buy(carol, _camp, 30, 19);
        _x.Sell(dave, _camp, 10, 18);
        _x.Sell(erin, _camp, 15, 19);
        var f = _x.Sell(frank, _camp, 25, 20);
        Assert.Equal(OrderStatus.Open, a.Status);
        Assert.Equal(OrderStatus.Open, f.Status);
        Assert.Empty(TradesSince(mark));
        Assert.Equal(210, _x.ReservedPoints(alice));

        // At 20: bid 30 (alice 10 + bob 20), offered 50 (dave 10 + erin 15 + frank 25): 30 trade, the most anywhere.
        Assert.Equal(new AuctionOutcome(20, 30, 30, 50), _x.Engine.IndicativeAuction(_camp));

        mark = _x.Mark;
        _x.TickAt(At(9));
        Assert.Equal(SessionState.Open, _x.Engine.Session);
        var trades = TradesSince(mark);
        Assert.All(trades, t => Assert.Equal(20, t.Price));
        // Best bid first meets best ask first: alice–dave 10, bob–erin 15, bob–frank 5.
        Assert.Equal([10L, 15, 5], trades.Select(t => t.Quantity));
        Assert.Equal(10_000 - 200, _x.Points(alice));
        Assert.Equal(0, _x.ReservedPoints(alice)); // reserved at 21, paid 20: the rest is free again
        Assert.Equal(10_000 - 400, _x.Points(bob));
        Assert.Equal(10_000 + 200, _x.Points(dave));
        Assert.Equal(10_000 + 300, _x.Points(erin));
        Assert.Equal(10_000 + 100, _x.Points(frank));
        Assert.Equal(20, _x.Instrument(_camp).LastPrice);

        // Carol's bid at 19 and frank's last 20 at 20 rest: the book no longer crosses.
        Assert.Equal([(19L, 30L, 1)], _x.Depth(_camp, Side.Buy));
        Assert.Equal([(20L, 20L, 1)], _x.Depth(_camp, Side.Sell));
        Assert.Equal(20, _x.ReservedShares(frank, _camp));

        // Continuous trading from here: a new bid at 20 trades with frank at once.
        Assert.Equal(OrderStatus.Filled, _x.Buy(alice, _camp, 5, 20).Status);
    }

    [Fact]
    public void Market_orders_take_the_auction_price_and_what_they_leave_is_cancelled()
    {
        var alice = Trader("alice");
        var bob = Trader("bob", 10);
        var carol = Trader("carol", 20);
        _x.TickAt(At(8, 55));

        var market = _x.MarketBuy(alice, _camp, 25);
        Assert.Equal(OrderStatus.Open, market.Status);
        Assert.Equal(24 * 25, _x.ReservedPoints(alice)); // the band's top for every share until the auction
        _x.Sell(bob, _camp, 10, 19);
        _x.Sell(carol, _camp, 20, 21);
        // At 19: bid 25 (market), offered 10 → 10. At 21: bid 25, offered 30 → 25, the most.
        Assert.Equal(new AuctionOutcome(21, 25, 25, 30), _x.Engine.IndicativeAuction(_camp));

        var mark = _x.Mark;
        _x.TickAt(At(9));
        Assert.Equal([10L, 15], TradesSince(mark).Select(t => t.Quantity));
        Assert.All(TradesSince(mark), t => Assert.Equal(21, t.Price));
        Assert.Equal(10_000 - 25 * 21, _x.Points(alice));
        Assert.Equal(0, _x.ReservedPoints(alice));
        Assert.Empty(_x.OpenOrders(alice));
        Assert.Equal([(21L, 5L, 1)], _x.Depth(_camp, Side.Sell));
    }

    [Fact]
    public void A_market_order_with_nothing_to_meet_is_cancelled_at_the_open_and_releases_its_points()
    {
        var alice = Trader("alice");
        var bob = Trader("bob");
        _x.TickAt(At(8, 55));
        var market = _x.MarketBuy(alice, _camp, 10);
        _x.Buy(bob, _camp, 5, 19);
        Assert.False(_x.Engine.IndicativeAuction(_camp).Trades); // no seller at all

        var mark = _x.Mark;
        _x.TickAt(At(9));
        Assert.Empty(TradesSince(mark));
        var cancelled = Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled));
        Assert.Equal(market.Id, cancelled.Order);
        Assert.Equal(CancelReason.NoLiquidity, cancelled.CancelReason);
        Assert.Equal(0, _x.ReservedPoints(alice));
        Assert.Equal([(19L, 5L, 1)], _x.Depth(_camp, Side.Buy)); // the limit order rests
    }

    [Fact]
    public void An_ioc_order_joins_the_auction_and_its_remainder_is_cancelled()
    {
        var alice = Trader("alice");
        var bob = Trader("bob", 4);
        _x.TickAt(At(8, 55));
        var ioc = _x.Buy(alice, _camp, 10, 22, TimeInForce.Ioc);
        _x.Sell(bob, _camp, 4, 20);

        var mark = _x.Mark;
        _x.TickAt(At(9));
        var trade = Assert.Single(TradesSince(mark));
        Assert.Equal((20L, 4L), (trade.Price, trade.Quantity)); // 20 and 22 both trade 4 with imbalance 6; 20 is the reference
        Assert.Equal(ioc.Id, Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled)).Order);
        Assert.Empty(_x.Depth(_camp, Side.Buy));
        Assert.Equal(0, _x.ReservedPoints(alice));
    }

    [Fact]
    public void An_own_order_that_gives_way_does_not_leave_the_book_crossed_after_the_open()
    {
        // Found by RandomizedAuctionTests. Alice bids 10 at 24 and offers 10 at 20; bob offers 10 at 24. Counting Alice's
        // own pair the auction would pick 20 (10 shares, no imbalance), then Alice's later ask gives way and bob's ask at 24
        // cannot trade at 20: the book would open crossed at 24/24. Her later order gives way before the price is found.
        var alice = Trader("alice", 10);
        var bob = Trader("bob", 10);
        _x.TickAt(At(8, 55));
        _x.Buy(alice, _camp, 10, 24);
        var own = _x.Sell(alice, _camp, 10, 20);
        _x.Sell(bob, _camp, 10, 24);

        var mark = _x.Mark;
        _x.TickAt(At(9)); // TestExchange checks the invariants: a crossed open book fails here
        var cancelled = Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled));
        Assert.Equal((own.Id, CancelReason.SelfTrade), (cancelled.Order, cancelled.CancelReason));
        var trade = Assert.Single(TradesSince(mark));
        Assert.Equal((10L, 24L, bob), (trade.Quantity, trade.Price, trade.Side == Side.Buy ? trade.Other : trade.Account));
        Assert.Empty(_x.Depth(_camp, Side.Buy));
        Assert.Empty(_x.Depth(_camp, Side.Sell));
    }

    [Fact]
    public void A_market_order_left_inside_a_band_that_widened_counts_at_the_price_it_waits_at()
    {
        // Found by RandomizedAuctionTests. Bob's market sell waits at the band's foot, 16; staff then widen the band to
        // 12–28. His order reserved nothing below 16, so it takes part as a sell at 16, not at any price: at 15 and at 14
        // only Carol's 5 meet Alice's 10 (imbalance 5 both), and 15 is nearer the reference.
        var alice = Trader("alice");
        var bob = Trader("bob", 10);
        var carol = Trader("carol", 5);
        _x.TickAt(At(8, 55));
        _x.MarketSell(bob, _camp, 10);
        _x.SetRules(new TradingRules { PreOpenMinutes = 10, BandPercent = 40 });
        _x.Buy(alice, _camp, 10, 15);
        _x.Sell(carol, _camp, 5, 14);
        Assert.Equal(new AuctionOutcome(15, 5, 10, 5), _x.Engine.IndicativeAuction(_camp));

        var mark = _x.Mark;
        _x.TickAt(At(9));
        var trade = Assert.Single(TradesSince(mark));
        Assert.Equal((5L, 15L), (trade.Quantity, trade.Price));
        Assert.Equal(10, _x.Shares(bob, _camp)); // his market sell found no buyer at 16 or more and was cancelled
        Assert.Equal([(15L, 5L, 1)], _x.Depth(_camp, Side.Buy));
        Assert.Empty(_x.Depth(_camp, Side.Sell));
    }

    [Fact]
    public void An_ask_above_the_band_takes_no_part_in_the_auction()
    {
        // Found by RandomizedAuctionTests: a standing ask above the band (it rests harmlessly) made the price rule pick a
        // price no order could trade at, so nothing traded and the book opened crossed.
        var alice = Trader("alice");
        var bob = Trader("bob", 1_000);
        var carol = Trader("carol", 6);
        _x.Ok(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
        _x.Sell(bob, _camp, 1_000, 24); // the band's top now
        _x.SetRules(new TradingRules { PreOpenMinutes = 10, BandPercent = 10 }); // band 18–22: bob's ask is above it
        _x.Ok(new SetMarketOverride(MarketOverride.PreOpen, "test"));
        _x.MarketBuy(alice, _camp, 65);
        _x.Buy(alice, _camp, 12, 21);
        _x.Sell(carol, _camp, 6, 19);
        Assert.Equal(6, _x.Engine.IndicativeAuction(_camp).Volume);

        var mark = _x.Mark;
        _x.Ok(new SetMarketOverride(MarketOverride.ForceOpen, "test")); // TestExchange checks the book is not crossed
        Assert.Equal(6, TradesSince(mark).Sum(t => t.Quantity));
        Assert.Equal([(24L, 1_000L, 1)], _x.Depth(_camp, Side.Sell));
    }

    [Fact]
    public void Nobody_trades_with_themselves_in_the_auction()
    {
        var alice = Trader("alice", 10);
        var bob = Trader("bob");
        _x.TickAt(At(8, 55));
        _x.Sell(alice, _camp, 10, 19);
        var own = _x.Buy(alice, _camp, 5, 21);
        _x.Buy(bob, _camp, 5, 20);

        var mark = _x.Mark;
        _x.TickAt(At(9));
        // Alice's later bid gives way; bob buys 5 from her.
        var cancelled = Assert.Single(_x.EventsSince(mark, EventKind.OrderCancelled));
        Assert.Equal((own.Id, CancelReason.SelfTrade), (cancelled.Order, cancelled.CancelReason));
        var trade = Assert.Single(TradesSince(mark));
        Assert.Equal(bob, trade.Side == Side.Buy ? trade.Account : trade.Other);
        Assert.Equal(5, trade.Quantity);
    }

    [Fact]
    public void A_halt_in_the_pre_open_keeps_the_orders_and_the_open_after_it_runs_the_auction()
    {
        var alice = Trader("alice");
        var bob = Trader("bob", 10);
        _x.TickAt(At(8, 55));
        _x.Buy(alice, _camp, 10, 21);
        _x.Sell(bob, _camp, 10, 19);

        _x.Override(MarketOverride.Halt);
        _x.Reject(new PlaceOrder(alice, _camp, Side.Buy, OrderType.Limit, 1, 20), RejectCode.MarketHalted);
        var mark = _x.Mark;
        _x.Override(MarketOverride.ForceOpen);
        var trade = Assert.Single(TradesSince(mark));
        Assert.Equal(10, trade.Quantity);
        Assert.Equal(19, trade.Price); // 19 and 21 tie on volume and imbalance and are both 1 from 20: the lower price
    }

    [Fact]
    public void A_snapshot_taken_in_the_pre_open_opens_to_the_same_state()
    {
        var alice = Trader("alice");
        var bob = Trader("bob", 30);
        _x.TickAt(At(8, 55));
        _x.MarketBuy(alice, _camp, 12);
        _x.Buy(alice, _camp, 5, 22, TimeInForce.Ioc);
        _x.Sell(bob, _camp, 30, 20);

        var restored = TestExchange.Around(ExchangeEngine.Restore(_x.Engine.CreateSnapshot()));
        Assert.Equal(_x.StateJson(), restored.StateJson());
        _x.TickAt(At(9));
        restored.TickAt(At(9));
        Assert.Equal(_x.StateJson(), restored.StateJson());
        Assert.Equal(10_000 - 17 * 20, restored.Points(alice));
    }
}
