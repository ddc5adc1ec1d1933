using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>
/// Fill or kill: the whole quantity at once at acceptable prices, or nothing at all (no trade, no ledger entry, nothing
/// reserved, the book untouched), reported cancelled with reason FokUnfilled. The precheck counts exactly what the match
/// would fill, including the stop at the taker's own resting order and a market buy's points. FOK is refused outside
/// the open (the pre-open matches nothing); IOC keeps its meaning. CAMP's reference is 20 (band 16–24).
/// </summary>
public sealed class TimeInForceTests
{
    private static readonly string[] Names = ["alice", "bob", "carol"];
    private readonly TestExchange _x = new();
    private readonly int _camp;
    private readonly int _alice;
    private readonly int _bob;
    private readonly int _carol;

    public TimeInForceTests()
    {
        _camp = _x.List("CAMP");
        _alice = _x.OpenAccount("alice", 10_000);
        _bob = _x.OpenAccount("bob", 10_000);
        _carol = _x.OpenAccount("carol", 10_000);
        _x.GrantShares(_alice, _camp, 100);
        _x.GrantShares(_bob, _camp, 100);
        _x.GrantShares(_carol, _camp, 100);
    }

    private CommandResult Fok(int account, Side side, long quantity, long price = 0) =>
        _x.Apply(new PlaceOrder(account, _camp, side, price == 0 ? OrderType.Market : OrderType.Limit, quantity, price, TimeInForce.Fok));

    /// <summary>Asserts a FOK that did nothing: one accepted and one cancelled event, and the state otherwise as before.</summary>
    private void AssertKilled(Func<CommandResult> place, long quantity)
    {
        var before = _x.StateJson();
        var mark = _x.Mark;
        var r = place();

        Assert.True(r.IsOk);
        Assert.Equal(OrderStatus.Cancelled, r.Status);
        Assert.Equal(CancelReason.FokUnfilled, r.CancelReason);
        Assert.Equal(0, r.Filled);
        Assert.Equal(0, r.FilledValue);
        Assert.Equal(quantity, r.Remaining);
        var events = _x.EventsSince(mark);
        Assert.Equal([EventKind.OrderAccepted, EventKind.OrderCancelled], events.Select(e => e.Kind));
        Assert.Equal(CancelReason.FokUnfilled, events[1].CancelReason);
        Assert.Equal(r.Id, events[1].Order);
        Assert.Equal(quantity, events[1].Remaining);
        // Only the order counters and the id sequence move: balances, reservations, books and the ledger are as they were.
        Assert.Equal(Strip(before), Strip(_x.StateJson()));
    }

    /// <summary>The state without what any accepted order advances (next order id, the account's order count for the day).</summary>
    private static string Strip(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, "\"(NextOrderId|OrdersToday|OrdersDay|ApiOrdersToday)\":\\d+,?", "");

    [Fact]
    public void Exact_fill_takes_the_whole_level()
    {
        _x.Sell(_bob, _camp, 10, 20);
        var mark = _x.Mark;

        var r = Fok(_alice, Side.Buy, 10, 20);

        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(10, r.Filled);
        Assert.Equal(200, r.FilledValue);
        Assert.Equal(0, r.Remaining);
        var trade = Assert.Single(_x.EventsSince(mark, EventKind.Trade));
        Assert.Equal((20L, 10L), (trade.Price, trade.Quantity));
        Assert.Empty(_x.Depth(_camp, Side.Sell));
        Assert.Equal(10_000 - 200, _x.Points(_alice));
        Assert.Equal(110, _x.Shares(_alice, _camp));
        Assert.Empty(_x.OpenOrders(_alice));
    }

    [Fact]
    public void One_share_short_does_nothing_at_all()
    {
        _x.Sell(_bob, _camp, 4, 19);
        _x.Sell(_carol, _camp, 5, 20);

        AssertKilled(() => Fok(_alice, Side.Buy, 10, 20), 10);

        Assert.Equal([(19L, 4L, 1), (20L, 5L, 1)], _x.Depth(_camp, Side.Sell));
        Assert.Equal(10_000, _x.Points(_alice));
        Assert.Equal(0, _x.ReservedPoints(_alice));
    }

    [Fact]
    public void Shares_beyond_the_limit_do_not_count()
    {
        _x.Sell(_bob, _camp, 6, 20);
        _x.Sell(_carol, _camp, 10, 21);

        AssertKilled(() => Fok(_alice, Side.Buy, 8, 20), 8);
        Assert.Equal([(20L, 6L, 1), (21L, 10L, 1)], _x.Depth(_camp, Side.Sell));
    }

    [Fact]
    public void Fills_across_levels_at_each_resting_price()
    {
        _x.Sell(_bob, _camp, 3, 19);
        _x.Sell(_carol, _camp, 4, 20);
        _x.Sell(_bob, _camp, 10, 21);
        var mark = _x.Mark;

        var r = Fok(_alice, Side.Buy, 12, 21);

        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(12, r.Filled);
        Assert.Equal(3 * 19 + 4 * 20 + 5 * 21, r.FilledValue);
        Assert.Equal([(19L, 3L), (20L, 4L), (21L, 5L)], _x.EventsSince(mark, EventKind.Trade).Select(t => (t.Price, t.Quantity)));
        Assert.Equal([(21L, 5L, 1)], _x.Depth(_camp, Side.Sell));
    }

    [Fact]
    public void A_sell_fok_fills_against_bids_down_to_its_limit()
    {
        _x.Buy(_bob, _camp, 5, 22);
        _x.Buy(_carol, _camp, 5, 21);
        _x.Buy(_bob, _camp, 5, 20);

        AssertKilled(() => Fok(_alice, Side.Sell, 11, 21), 11);

        var r = Fok(_alice, Side.Sell, 10, 21);
        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(5 * 22 + 5 * 21, r.FilledValue);
        Assert.Equal(90, _x.Shares(_alice, _camp));
        Assert.Equal([(20L, 5L, 1)], _x.Depth(_camp, Side.Buy));
    }

    [Fact]
    public void The_takers_own_order_in_the_way_stops_the_count_as_it_stops_the_match()
    {
        // 10 are offered at 19–20, enough, but alice's own ask at 20 sits before carol's: the match would stop there after 3.
        _x.Sell(_bob, _camp, 3, 19);
        _x.Sell(_alice, _camp, 2, 20);
        _x.Sell(_carol, _camp, 5, 20);

        AssertKilled(() => Fok(_alice, Side.Buy, 5, 20), 5);
        Assert.Equal([(19L, 3L, 1), (20L, 7L, 2)], _x.Depth(_camp, Side.Sell));

        // Up to her own order it fills.
        var r = Fok(_alice, Side.Buy, 3, 20);
        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(57, r.FilledValue);
        Assert.Equal(2, Assert.Single(_x.OpenOrders(_alice)).Remaining);
    }

    [Fact]
    public void A_market_fok_takes_any_price_within_the_band()
    {
        _x.Sell(_bob, _camp, 5, 20);
        _x.Sell(_carol, _camp, 5, 24);

        var r = Fok(_alice, Side.Buy, 10);

        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(5 * 20 + 5 * 24, r.FilledValue);
        Assert.Empty(_x.Depth(_camp, Side.Sell));
    }

    [Fact]
    public void A_market_fok_with_too_little_liquidity_does_nothing()
    {
        _x.Sell(_bob, _camp, 5, 20);
        AssertKilled(() => Fok(_alice, Side.Buy, 6), 6);
        AssertKilled(() => Fok(_alice, Side.Sell, 1), 1); // no bids at all
    }

    [Fact]
    public void A_market_fok_buy_counts_the_points_it_can_pay()
    {
        var dave = _x.OpenAccount("dave", 100);
        _x.Sell(_bob, _camp, 3, 20);
        _x.Sell(_carol, _camp, 3, 21);

        // 3 × 20 = 60 leaves 40: one more at 21 (not two), so 5 of 6 would fill.
        AssertKilled(() => Fok(dave, Side.Buy, 5 + 1), 6);
        var r = Fok(dave, Side.Buy, 4);
        Assert.Equal(OrderStatus.Filled, r.Status);
        Assert.Equal(81, r.FilledValue);
        Assert.Equal(19, _x.Points(dave));
    }

    [Fact]
    public void Fok_is_refused_in_the_pre_open_and_while_closed_and_ioc_is_still_collected()
    {
        _x.Override(MarketOverride.PreOpen);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Limit, 1, 20, TimeInForce.Fok), RejectCode.FokNeedsOpenMarket);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Market, 1, 0, TimeInForce.Fok), RejectCode.FokNeedsOpenMarket);
        var ioc = _x.Buy(_alice, _camp, 1, 20, TimeInForce.Ioc);
        Assert.Equal(OrderStatus.Open, ioc.Status);

        _x.Override(MarketOverride.ForceClose);
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Limit, 1, 20, TimeInForce.Fok), RejectCode.MarketClosed);
        Assert.Equal("fok_needs_open_market", RejectCodes.Code(RejectCode.FokNeedsOpenMarket));
    }

    [Fact]
    public void An_unknown_time_in_force_is_still_invalid()
    {
        _x.Reject(new PlaceOrder(_alice, _camp, Side.Buy, OrderType.Limit, 1, 20, (TimeInForce)3), RejectCode.InvalidCommand);
    }

    [Fact]
    public void Replaying_the_journal_reproduces_fills_and_kills()
    {
        var journal = new List<(long Seq, long Time, string Json)>();
        var x = new TestExchange(forceOpen: false);
        long Journaled(Command c)
        {
            var r = x.Apply(c);
            journal.Add((x.Engine.LastSeq, x.Engine.LastTime, CommandSerializer.Serialize(c)));
            return r.Id;
        }

        Journaled(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
        var camp = (int)Journaled(new ListInstrument("CAMP", "CAMP Inc.", 20, 0));
        var ids = Names.Select(name => (int)Journaled(new OpenAccount(name))).ToArray();
        foreach (var id in ids)
        {
            Journaled(new Grant(id, Assets.Points, 10_000, "test", "test"));
            Journaled(new Grant(id, camp, 100, "test", "test"));
        }
        var (alice, bob, carol) = (ids[0], ids[1], ids[2]);

        Journaled(new PlaceOrder(bob, camp, Side.Sell, OrderType.Limit, 3, 19));
        Journaled(new PlaceOrder(alice, camp, Side.Sell, OrderType.Limit, 2, 20));
        Journaled(new PlaceOrder(carol, camp, Side.Sell, OrderType.Limit, 5, 20));
        Journaled(new PlaceOrder(alice, camp, Side.Buy, OrderType.Limit, 5, 20, TimeInForce.Fok));  // her own ask after 3: killed
        Journaled(new PlaceOrder(carol, camp, Side.Buy, OrderType.Limit, 5, 20, TimeInForce.Fok));  // bob's 3 and alice's 2 before her own
        Journaled(new PlaceOrder(carol, camp, Side.Sell, OrderType.Market, 1, 0, TimeInForce.Fok)); // no bids: killed
        Journaled(new PlaceOrder(alice, camp, Side.Buy, OrderType.Market, 4, 0, TimeInForce.Fok));  // 4 of carol's 5 at 20

        var replayed = new ExchangeEngine();
        foreach (var (seq, time, json) in journal) replayed.Apply(seq, time, CommandSerializer.Deserialize(json));

        Assert.Equal(EngineStateHash.Of(x.Engine), EngineStateHash.Of(replayed));
        Assert.Contains(x.Engine.Events.ToArray(), e => e.Kind == EventKind.OrderCancelled && e.CancelReason == CancelReason.FokUnfilled);
        Assert.Equal(100 - 2 + 4, x.Shares(alice, camp));
        Assert.Equal([(20L, 1L, 1)], x.Depth(camp, Side.Sell));
    }
}
