using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Origin;

/// <summary>
/// Where an order came from (docs/decisions/0020-order-origin.md): journaled with PlaceOrder, kept on the order, on its
/// events (both sides of a trade), in snapshots, and counted per account per day for "bots"; the default (unknown) is
/// never written, so journals and snapshots from before origins read and hash as they did.
/// </summary>
public sealed class OrderOriginEngineTests
{
    private static (TestExchange X, int Camp, int Alice, int Bob) Market()
    {
        var x = new TestExchange();
        var camp = x.List("CAMP", 20); // no IPO offer: the book holds only the test's orders
        var alice = x.OpenAccount("alice", 10_000);
        var bob = x.OpenAccount("bob", 10_000);
        x.GrantShares(bob, camp, 50);
        return (x, camp, alice, bob);
    }

    private static PlaceOrder Limit(int account, int instrument, Side side, long quantity, long price, OrderOrigin origin) =>
        new(account, instrument, side, OrderType.Limit, quantity, price) { Origin = origin };

    [Fact]
    public void The_journal_writes_an_origin_and_leaves_out_the_default_and_an_old_entry_reads_as_unknown()
    {
        var api = CommandSerializer.Serialize(new PlaceOrder(100, 1, Side.Buy, OrderType.Limit, 10, 20) { Origin = OrderOrigin.Api });
        var plain = CommandSerializer.Serialize(new PlaceOrder(100, 1, Side.Buy, OrderType.Limit, 10, 20));

        Assert.Contains("\"origin\":\"api\"", api, StringComparison.Ordinal);
        Assert.DoesNotContain("origin", plain, StringComparison.Ordinal);
        Assert.Equal(OrderOrigin.Api, Assert.IsType<PlaceOrder>(CommandSerializer.Deserialize(api)).Origin);
        // A line of journal-v1 (written before origins): the same command as before, origin unknown.
        const string old = """{"$t":"place_order","accountId":100,"instrumentId":1,"side":"buy","type":"limit","quantity":10,"price":20,"timeInForce":"gtc"}""";
        var read = Assert.IsType<PlaceOrder>(CommandSerializer.Deserialize(old));
        Assert.Equal(OrderOrigin.Unknown, read.Origin);
        Assert.Equal(old, CommandSerializer.Serialize(read));
        foreach (var origin in Enum.GetValues<OrderOrigin>())
            Assert.Equal(origin, Assert.IsType<PlaceOrder>(CommandSerializer.Deserialize(CommandSerializer.Serialize(read with { Origin = origin }))).Origin);
    }

    [Fact]
    public void Both_sides_of_a_trade_know_their_orders_origin_and_accept_and_cancel_events_carry_it()
    {
        var (x, camp, alice, bob) = Market();
        var mark = x.Mark;
        var resting = x.Ok(Limit(bob, camp, Side.Sell, 10, 21, OrderOrigin.Web));
        x.Ok(Limit(alice, camp, Side.Buy, 4, 21, OrderOrigin.Api));
        var cancelled = x.Ok(new CancelOrder(bob, resting.Id));
        var events = x.EventsSince(mark);

        var accepted = events.Where(e => e.Kind == EventKind.OrderAccepted).ToArray();
        Assert.Equal([OrderOrigin.Web, OrderOrigin.Api], accepted.Select(e => e.Origin));
        var trade = Assert.Single(events, e => e.Kind == EventKind.Trade);
        Assert.Equal(alice, trade.Account);
        Assert.Equal(OrderOrigin.Api, trade.Origin);       // the taker's order
        Assert.Equal(OrderOrigin.Web, trade.OtherOrigin);  // the maker's order
        var cancel = Assert.Single(events, e => e.Kind == EventKind.OrderCancelled && e.Order == resting.Id);
        Assert.Equal(OrderOrigin.Web, cancel.Origin);
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);

        var rejected = x.Reject(Limit(alice, camp, Side.Buy, 1, 9_999, OrderOrigin.Telegram), RejectCode.PriceOutsideBand);
        Assert.Equal(OrderOrigin.Telegram, x.EventsSince(x.Mark - 1)[0].Origin);
        Assert.False(rejected.IsOk);
    }

    [Fact]
    public void A_snapshot_keeps_resting_orders_origins_and_todays_api_orders_and_restores_to_the_same_hash()
    {
        var (x, camp, alice, bob) = Market();
        x.Ok(Limit(bob, camp, Side.Sell, 5, 22, OrderOrigin.Api));
        x.Ok(Limit(bob, camp, Side.Sell, 5, 23, OrderOrigin.Telegram));
        x.Ok(Limit(alice, camp, Side.Buy, 5, 18, OrderOrigin.House));
        var json = CommandSerializer.SerializeSnapshot(x.Engine.CreateSnapshot());

        var restored = ExchangeEngine.Restore(CommandSerializer.DeserializeSnapshot(json));

        Assert.Equal(EngineStateHash.Of(x.Engine), EngineStateHash.Of(restored));
        Assert.Equal([OrderOrigin.Api, OrderOrigin.Telegram], restored.OpenOrdersOf(bob).OrderBy(o => o.Price).Select(o => o.Origin));
        Assert.Equal(OrderOrigin.House, Assert.Single(restored.OpenOrdersOf(alice)).Origin);
        Assert.Equal(1, restored.FindAccount(bob)!.ApiOrdersOn(restored.Today));
        Assert.Equal(0, restored.FindAccount(alice)!.ApiOrdersOn(restored.Today));

        // A trade against a restored order still knows the maker's origin.
        var y = TestExchange.Around(restored);
        var mark = y.Mark;
        y.Ok(Limit(alice, camp, Side.Buy, 2, 22, OrderOrigin.Web));
        var trade = Assert.Single(y.EventsSince(mark), e => e.Kind == EventKind.Trade);
        Assert.Equal((OrderOrigin.Web, OrderOrigin.Api), (trade.Origin, trade.OtherOrigin));
    }

    [Fact]
    public void A_snapshot_without_origins_writes_none_and_loads_as_it_did_before()
    {
        var (x, camp, alice, bob) = Market();
        x.Sell(bob, camp, 5, 22);   // the test exchange's orders carry no origin, as every order did before
        x.Buy(alice, camp, 5, 18);
        var json = System.Text.Encoding.UTF8.GetString(CommandSerializer.SerializeSnapshot(x.Engine.CreateSnapshot()));

        Assert.DoesNotContain("origin", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("apiOrders", json, StringComparison.OrdinalIgnoreCase);
        var restored = ExchangeEngine.Restore(CommandSerializer.DeserializeSnapshot(System.Text.Encoding.UTF8.GetBytes(json)));
        Assert.Equal(EngineStateHash.Of(x.Engine), EngineStateHash.Of(restored));
        Assert.All(restored.OpenOrdersOf(bob).Concat(restored.OpenOrdersOf(alice)), o => Assert.Equal(OrderOrigin.Unknown, o.Origin));
    }

    [Fact]
    public void A_journal_with_origins_replays_to_the_same_state()
    {
        var (x, camp, alice, bob) = Market();
        var journal = new List<(long Ticks, string Json)>();
        void Run(Command c)
        {
            journal.Add((x.Now + TimeSpan.TicksPerMillisecond, CommandSerializer.Serialize(c)));
            x.Apply(c);
        }
        var setup = x.Engine.CreateSnapshot();
        Run(Limit(bob, camp, Side.Sell, 5, 21, OrderOrigin.Api));
        Run(Limit(alice, camp, Side.Buy, 3, 21, OrderOrigin.Web));
        Run(Limit(alice, camp, Side.Buy, 3, 19, OrderOrigin.Telegram));

        var replay = ExchangeEngine.Restore(setup);
        var seq = setup.Seq;
        foreach (var (ticks, json) in journal) replay.Apply(++seq, ticks, CommandSerializer.Deserialize(json));

        Assert.Equal(EngineStateHash.Of(x.Engine), EngineStateHash.Of(replay));
        Assert.Equal(OrderOrigin.Telegram, Assert.Single(replay.OpenOrdersOf(alice)).Origin);
    }

    [Fact]
    public void An_account_is_a_bot_on_a_day_it_placed_an_api_order_and_a_person_again_the_next_day()
    {
        var (x, camp, alice, bob) = Market();
        var market = new MarketReadModel();
        var mark = x.Mark;
        x.Ok(Limit(alice, camp, Side.Buy, 1, 19, OrderOrigin.Web));
        x.Reject(Limit(bob, camp, Side.Sell, 999, 21, OrderOrigin.Api), RejectCode.InsufficientShares); // refused: not counted
        market.OnBatch(x.Engine, x.EventsSince(mark));
        Assert.False(market.Account(alice)!.IsBot);
        Assert.False(market.Account(bob)!.IsBot);

        mark = x.Mark;
        x.Ok(Limit(bob, camp, Side.Sell, 1, 21, OrderOrigin.Api));
        x.Ok(Limit(bob, camp, Side.Sell, 1, 22, OrderOrigin.Api));
        market.OnBatch(x.Engine, x.EventsSince(mark));
        Assert.Equal(2, market.Account(bob)!.ApiOrdersToday);
        Assert.True(market.Account(bob)!.IsBot);

        var board = Leaderboard.Compute(1, market.AllAccounts, new Dictionary<int, long> { [camp] = 20 }, new LeaderboardOptions());
        Assert.True(board.Of(bob)!.IsBot);
        Assert.False(board.Of(alice)!.IsBot);

        x.Advance(TimeSpan.FromDays(1));
        mark = x.Mark;
        x.Tick();
        market.OnBatch(x.Engine, x.EventsSince(mark)); // a new camp day: yesterday's bots are people again
        Assert.False(market.Account(bob)!.IsBot);
        Assert.Equal(0, x.Account(bob).ApiOrdersOn(x.Engine.Today));
    }

    [Fact]
    public void People_and_bots_are_each_ranked_among_themselves_with_ties_shared()
    {
        LeaderboardEntry E(int rank, int id, long worth, bool bot) => new(rank, id, $"s{id}", null, worth, 0, 0, bot);
        var view = new LeaderboardView(1, [E(1, 1, 900, true), E(2, 2, 800, false), E(3, 3, 700, true), E(3, 4, 700, false), E(3, 5, 700, false), E(6, 6, 100, false)], []);

        Assert.Same(view.Individuals, view.IndividualsOf(TraderFilter.All));
        Assert.Equal([(2, 1), (4, 2), (5, 2), (6, 4)], view.IndividualsOf(TraderFilter.People).Select(e => (e.AccountId, e.Rank)));
        Assert.Equal([(1, 1), (3, 2)], view.IndividualsOf(TraderFilter.Bots).Select(e => (e.AccountId, e.Rank)));
    }
}
