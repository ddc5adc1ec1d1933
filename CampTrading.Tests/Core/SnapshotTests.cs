using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>Snapshot → restore gives the same state, and the same future.</summary>
public class SnapshotTests
{
    private static readonly TimeSpan Taipei = TimeSpan.FromHours(8);
    private static DateTimeOffset At(int hour, int minute = 0) => new(2025, 7, 1, hour, minute, 0, Taipei);

    /// <summary>A busy exchange: two instruments, resting orders on several levels, partial fills, debt, a schedule.</summary>
    private static (TestExchange X, int Camp, int Byte, int[] Students) Busy()
    {
        var x = new TestExchange(forceOpen: false, start: At(8));
        var camp = x.List("CAMP", 20, 10_000);
        var byte_ = x.List("BYTE", 50, 0);
        var students = Enumerable.Range(0, 6).Select(i => x.OpenAccount($"s{i}", 5_000)).ToArray();
        foreach (var s in students) x.GrantShares(s, byte_, 40);
        x.Ok(new SetSchedule([new(At(9), At(12)), new(At(13), At(17))], "admin"));
        x.SetRules(new() { BandPercent = 25, MaxOrderQuantity = 500, DailyOrderLimit = 50 });
        x.TickAt(At(9));

        x.Buy(students[0], camp, 30, 20);
        x.Buy(students[1], camp, 20, 21);
        x.Sell(students[0], camp, 10, 24);
        x.Sell(students[1], camp, 5, 23);
        x.Sell(students[2], byte_, 10, 55);
        x.Sell(students[3], byte_, 10, 55);
        x.Sell(students[4], byte_, 10, 52);
        x.Buy(students[5], byte_, 15, 55);  // fills 52 then part of the first 55
        x.Buy(students[2], byte_, 5, 45);
        x.Buy(students[3], byte_, 5, 45);
        x.Buy(students[4], camp, 3, 18);
        x.GrantPoints(students[5], -10_000); // debt
        x.TickAt(At(12));
        x.TickAt(At(13));                   // re-centred
        return (x, camp, byte_, students);
    }

    private static IEnumerable<Command> MoreCommands(int camp, int byte_, int[] s) =>
    [
        new PlaceOrder(s[0], byte_, Side.Sell, OrderType.Limit, 10, 55),
        new PlaceOrder(s[1], byte_, Side.Buy, OrderType.Limit, 12, 55),
        new PlaceOrder(s[5], byte_, Side.Sell, OrderType.Market, 10),
        new PlaceOrder(s[2], camp, Side.Buy, OrderType.Market, 40),
        new PlaceOrder(s[3], camp, Side.Sell, OrderType.Limit, 1, 20),
        new CancelOrder(s[4], 11),
        new Grant(s[5], Assets.Points, 50, "prize", "staff"),
        new PlaceOrder(s[4], byte_, Side.Buy, OrderType.Limit, 5, 45, TimeInForce.Ioc),
        new Tick(),
        new SetMarketOverride(MarketOverride.Halt, "admin"),
        new PlaceOrder(s[1], camp, Side.Buy, OrderType.Limit, 1, 20),
        new SetMarketOverride(MarketOverride.None, "admin"),
        new PlaceOrder(s[2], byte_, Side.Sell, OrderType.Limit, 20, 45),
        new OpenAccount("late"),
        new ListInstrument("NEW", "New one", 10, 100),
        new PlaceOrder(s[0], 3, Side.Buy, OrderType.Limit, 10, 11),
    ];

    private static ExchangeEngine RoundTrip(ExchangeEngine engine)
    {
        var json = JsonSerializer.Serialize(engine.CreateSnapshot(), TestExchange.Json);
        var snapshot = JsonSerializer.Deserialize<EngineSnapshot>(json, TestExchange.Json)!;
        return ExchangeEngine.Restore(snapshot);
    }

    [Fact]
    public void Restored_engine_snapshots_identically()
    {
        var (x, _, _, _) = Busy();
        var restored = RoundTrip(x.Engine);

        Assert.Equal(x.SnapshotJson(), TestExchange.Around(restored).SnapshotJson());
        Assert.Empty(CampTrading.Core.Ledger.InvariantChecker.Check(restored));
    }

    [Fact]
    public void Restoring_the_snapshot_object_directly_also_snapshots_identically()
    {
        var (x, _, _, _) = Busy();
        var restored = ExchangeEngine.Restore(x.Engine.CreateSnapshot());
        Assert.Equal(x.SnapshotJson(), TestExchange.Around(restored).SnapshotJson());
    }

    [Fact]
    public void Restored_engine_keeps_sessions_books_and_balances()
    {
        var (x, camp, byte_, s) = Busy();
        var restored = TestExchange.Around(RoundTrip(x.Engine));

        Assert.Equal(x.Engine.Session, restored.Engine.Session);
        Assert.Equal(x.Engine.NextWakeUp, restored.Engine.NextWakeUp);
        Assert.Equal(x.Engine.Rules, restored.Engine.Rules);
        Assert.Equal(x.Engine.LastSeq, restored.Engine.LastSeq);
        Assert.Equal(x.Engine.LastTime, restored.Engine.LastTime);
        Assert.Equal(x.Engine.OpenOrderCount, restored.Engine.OpenOrderCount);
        Assert.Equal(x.Engine.AccountCount, restored.Engine.AccountCount);
        foreach (var instrument in new[] { camp, byte_ })
            foreach (var side in new[] { Side.Buy, Side.Sell })
            {
                Assert.Equal(x.QueueOf(instrument, side), restored.QueueOf(instrument, side));
                Assert.Equal(x.Depth(instrument, side), restored.Depth(instrument, side));
            }
        Assert.Equal(x.Instrument(camp).ReferencePrice, restored.Instrument(camp).ReferencePrice);
        Assert.Equal(x.Instrument(byte_).LastPrice, restored.Instrument(byte_).LastPrice);
        Assert.Same(restored.Instrument(byte_), restored.Engine.FindInstrument("byte"));
        foreach (var id in s)
        {
            Assert.Equal(x.Account(id).Debt, restored.Account(id).Debt);
            Assert.Equal(x.OpenOrders(id), restored.OpenOrders(id));
            Assert.Equal(x.Points(id), restored.Points(id));
            Assert.Equal(x.ReservedPoints(id), restored.ReservedPoints(id));
        }
    }

    [Fact]
    public void Continuing_the_same_commands_on_original_and_restored_gives_the_same_results()
    {
        var (x, camp, byte_, s) = Busy();
        var y = TestExchange.Around(RoundTrip(x.Engine));
        var markX = x.Mark;
        var markY = y.Mark;

        var commands = MoreCommands(camp, byte_, s).ToList();
        for (var i = 0; i < commands.Count; i++)
        {
            var at = At(14, i);
            Assert.Equal(x.ApplyAt(at, commands[i]), y.ApplyAt(at, commands[i]));
        }

        Assert.Equal(x.EventsSince(markX), y.EventsSince(markY));
        Assert.Equal(x.SnapshotJson(), y.SnapshotJson());
        x.TickAt(At(17));
        y.TickAt(At(17));
        Assert.Equal(x.SnapshotJson(), y.SnapshotJson());
    }

    [Fact]
    public void Restored_engine_keeps_time_priority_within_a_level()
    {
        var x = new TestExchange();
        var camp = x.List("CAMP");
        var ids = Enumerable.Range(0, 5).Select(i => x.OpenAccount($"s{i}", 1_000)).ToArray();
        var orders = ids.Select(id => x.Buy(id, camp, 2, 20).Id).ToArray();
        x.Cancel(ids[2], orders[2]);

        var y = TestExchange.Around(RoundTrip(x.Engine));
        var seller = y.OpenAccount("seller");
        y.GrantShares(seller, camp, 100);
        var mark = y.Mark;
        y.Sell(seller, camp, 5, 20);

        Assert.Equal([orders[0], orders[1], orders[3]], y.EventsSince(mark, EventKind.Trade).Select(t => t.OtherOrder));
        Assert.Equal([orders[3], orders[4]], y.QueueOf(camp, Side.Buy));
    }

    [Fact]
    public void Restored_engine_keeps_counting_the_daily_limit()
    {
        var x = new TestExchange();
        var camp = x.List("CAMP");
        var alice = x.OpenAccount("alice", 1_000);
        x.SetRules(new() { DailyOrderLimit = 2 });
        x.Buy(alice, camp, 1, 19);
        x.Buy(alice, camp, 1, 19);

        var y = TestExchange.Around(RoundTrip(x.Engine));
        y.Reject(new PlaceOrder(alice, camp, Side.Buy, OrderType.Limit, 1, 19), RejectCode.DailyLimitReached);
    }

    [Fact]
    public void Restored_engine_continues_ids_where_the_original_stopped()
    {
        var (x, camp, _, s) = Busy();
        var y = TestExchange.Around(RoundTrip(x.Engine));

        Assert.Equal(x.Buy(s[0], camp, 1, 19).Id, y.Buy(s[0], camp, 1, 19).Id);
        Assert.Equal(x.OpenAccount("next"), y.OpenAccount("next"));
    }

    [Fact]
    public void Snapshot_of_a_fresh_engine_round_trips()
    {
        var engine = new ExchangeEngine();
        var restored = RoundTrip(engine);
        Assert.Equal(
            JsonSerializer.Serialize(engine.CreateSnapshot(), TestExchange.Json),
            JsonSerializer.Serialize(restored.CreateSnapshot(), TestExchange.Json));
        Assert.Equal(SystemAccounts.Names.Count, restored.Accounts().Count());
    }

    [Fact]
    public void Snapshot_of_an_unsupported_version_is_refused()
    {
        var snapshot = new ExchangeEngine().CreateSnapshot() with { Version = EngineSnapshot.CurrentVersion + 1 };
        Assert.Throws<InvalidOperationException>(() => ExchangeEngine.Restore(snapshot));
    }

    [Fact]
    public void Snapshot_is_a_copy_that_later_commands_do_not_change()
    {
        var (x, camp, _, s) = Busy();
        var snapshot = x.Engine.CreateSnapshot();
        var json = JsonSerializer.Serialize(snapshot, TestExchange.Json);

        x.Buy(s[0], camp, 5, 19);
        x.GrantPoints(s[1], 99);

        Assert.Equal(json, JsonSerializer.Serialize(snapshot, TestExchange.Json));
    }
}
