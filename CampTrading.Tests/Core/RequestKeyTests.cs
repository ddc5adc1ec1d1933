using System.Text.Json;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Trading;

namespace CampTrading.Tests.Core;

/// <summary>
/// One-use request keys on money-moving commands: a repeated key (a double tap, a retried or replayed button) answers the
/// first result and acts no more; keys belong to one account; the memory survives snapshots and is bounded.
/// </summary>
public sealed class RequestKeyTests
{
    private static (TestExchange X, int Alice, int Bob, int Camp) Market()
    {
        var x = new TestExchange();
        var camp = x.List("CAMP", 20, 1_000);
        return (x, x.OpenAccount("alice", 10_000), x.OpenAccount("bob", 10_000), camp);
    }

    [Fact]
    public void The_same_key_twice_places_one_order_and_answers_the_first_result()
    {
        var (x, alice, _, camp) = Market();
        var order = new PlaceOrder(alice, camp, Side.Buy, OrderType.Limit, 10, 19) { RequestKey = "tg-order-1" };
        var first = x.Ok(order);
        var state = x.StateJson();
        var mark = x.Mark;

        var second = x.Ok(order);
        Assert.True(second.IsRepeat);
        Assert.False(first.IsRepeat);
        Assert.Equal(first, second with { IsRepeat = false });
        Assert.Equal(state, x.StateJson());
        Assert.Empty(x.EventsSince(mark));
        Assert.Single(x.OpenOrders(alice));
    }

    [Fact]
    public void The_same_key_twice_transfers_once_and_creates_one_duel()
    {
        var (x, alice, bob, _) = Market();
        var transfer = new Transfer(alice, bob, 300) { RequestKey = "k1" };
        var first = x.Ok(transfer);
        var repeat = x.Ok(transfer);
        Assert.True(repeat.IsRepeat);
        Assert.Equal(first.Id, repeat.Id);
        Assert.Equal(10_300, x.Points(bob));

        var duel = new CreateDuel(alice, bob, 50, DuelGame.RockPaperScissors) { RequestKey = "k2" };
        var created = x.Ok(duel);
        Assert.Equal(created.Id, x.Ok(duel).Id); // not DuelAlreadyOpen: the first answer
        Assert.Equal(1, x.Engine.ActiveDuelCount);
    }

    [Fact]
    public void The_same_key_with_a_different_request_is_refused_and_changes_nothing()
    {
        var (x, alice, bob, camp) = Market();
        var order = new PlaceOrder(alice, camp, Side.Buy, OrderType.Limit, 10, 19) { RequestKey = "bot-1" };
        x.Ok(order);
        var transfer = new Transfer(alice, bob, 300) { RequestKey = "k1" };
        x.Ok(transfer);
        var duel = new CreateDuel(alice, bob, 50, DuelGame.RockPaperScissors) { RequestKey = "k2" };
        x.Ok(duel);
        var state = x.StateJson();
        var mark = x.Mark;

        // A bot that reused its id for a new order must not read the first order's outcome as the new one's.
        x.Reject(order with { Side = Side.Sell, Type = OrderType.Market, Quantity = 9_999, Price = 0, TimeInForce = TimeInForce.Ioc },
            RejectCode.RequestKeyConflict);
        x.Reject(order with { Price = 18 }, RejectCode.RequestKeyConflict);
        x.Reject(order with { TimeInForce = TimeInForce.Ioc }, RejectCode.RequestKeyConflict);
        x.Reject(transfer with { Amount = 999 }, RejectCode.RequestKeyConflict);
        x.Reject(transfer with { Memo = "other" }, RejectCode.RequestKeyConflict);
        x.Reject(duel with { Stake = 60 }, RejectCode.RequestKeyConflict);
        x.Reject(new Transfer(alice, bob, 300) { RequestKey = "bot-1" }, RejectCode.RequestKeyConflict); // a key names one request of any kind
        Assert.Equal(state, x.StateJson());
        Assert.All(x.EventsSince(mark), e => Assert.Equal((EventKind.OrderRejected, RejectCode.RequestKeyConflict), (e.Kind, e.RejectCode)));

        Assert.True(x.Ok(order).IsRepeat); // the same request still answers as before
        Assert.Equal("request_key_conflict", RejectCodes.Code(RejectCode.RequestKeyConflict));
    }

    [Fact]
    public void A_key_remembered_before_requests_were_answers_any_request_as_a_repeat()
    {
        var (x, alice, bob, _) = Market();
        x.Ok(new Transfer(alice, bob, 300) { RequestKey = "k1" });
        var snapshot = x.Engine.CreateSnapshot();
        var old = snapshot with { RequestKeys = [.. snapshot.RequestKeys.Select(r => r with { Request = null })] };
        var restored = TestExchange.Around(ExchangeEngine.Restore(CommandSerializer.DeserializeSnapshot(CommandSerializer.SerializeSnapshot(old))));

        Assert.True(restored.Ok(new Transfer(alice, bob, 999) { RequestKey = "k1" }).IsRepeat);
        Assert.Equal(10_300, restored.Points(bob));
    }

    [Fact]
    public void Keys_belong_to_one_account_and_commands_without_a_key_always_act()
    {
        var (x, alice, bob, camp) = Market();
        x.Ok(new PlaceOrder(alice, camp, Side.Buy, OrderType.Limit, 1, 19) { RequestKey = "same" });
        var bobs = x.Ok(new PlaceOrder(bob, camp, Side.Buy, OrderType.Limit, 1, 19) { RequestKey = "same" });
        Assert.False(bobs.IsRepeat);
        x.Ok(new PlaceOrder(alice, camp, Side.Buy, OrderType.Limit, 1, 19));
        x.Ok(new PlaceOrder(alice, camp, Side.Buy, OrderType.Limit, 1, 19));
        Assert.Equal(3, x.OpenOrders(alice).Count);
        Assert.Single(x.OpenOrders(bob));
    }

    [Fact]
    public void A_refused_command_is_not_remembered_so_its_key_can_act_once_it_is_allowed()
    {
        var (x, alice, bob, _) = Market();
        var transfer = new Transfer(alice, bob, 20_000) { RequestKey = "big" };
        x.Reject(transfer, RejectCode.InsufficientPoints);
        x.GrantPoints(alice, 20_000);
        Assert.False(x.Ok(transfer).IsRepeat);
        Assert.True(x.Ok(transfer).IsRepeat);
        Assert.Equal(30_000, x.Points(bob));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ünïcode")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345")]
    public void Malformed_keys_are_refused(string key)
    {
        var (x, alice, bob, _) = Market();
        x.Reject(new Transfer(alice, bob, 10) { RequestKey = key }, RejectCode.InvalidCommand);
    }

    [Fact]
    public void Keys_are_forgotten_after_their_lifetime_and_beyond_the_per_account_bound()
    {
        var (x, alice, bob, _) = Market();
        var transfer = new Transfer(alice, bob, 1) { RequestKey = "old" };
        x.Ok(transfer);
        x.Advance(RequestKeys.Lifetime + TimeSpan.FromSeconds(1));
        Assert.False(x.Ok(transfer).IsRepeat);

        for (var i = 0; i < RequestKeys.MaxPerAccount; i++) x.Ok(new Transfer(alice, bob, 1) { RequestKey = $"n{i}" });
        Assert.Null(x.Engine.RememberedRequest(alice, "old"));
        Assert.NotNull(x.Engine.RememberedRequest(alice, "n0"));
    }

    [Fact]
    public void Remembered_keys_survive_a_snapshot_and_journal_format_round_trip()
    {
        var (x, alice, bob, camp) = Market();
        var order = new PlaceOrder(alice, camp, Side.Buy, OrderType.Limit, 10, 19) { RequestKey = "o" };
        var transfer = new Transfer(bob, alice, 5) { RequestKey = "o" };
        var placed = x.Ok(order);
        x.Ok(transfer);

        var bytes = CommandSerializer.SerializeSnapshot(x.Engine.CreateSnapshot());
        var restored = TestExchange.Around(ExchangeEngine.Restore(CommandSerializer.DeserializeSnapshot(bytes)));
        Assert.Equal(x.SnapshotJson(), restored.SnapshotJson());

        var journaled = CommandSerializer.Deserialize(CommandSerializer.Serialize(order));
        var again = restored.Ok(journaled);
        Assert.True(again.IsRepeat);
        Assert.Equal(placed, again with { IsRepeat = false });
        Assert.True(restored.Ok(transfer).IsRepeat);
        Assert.Single(restored.OpenOrders(alice));
        Assert.DoesNotContain("requestKey", CommandSerializer.Serialize(order with { RequestKey = null }), StringComparison.Ordinal);
        Assert.Equal(JsonSerializer.Serialize(x.Engine.CreateSnapshot().RequestKeys), JsonSerializer.Serialize(restored.Engine.CreateSnapshot().RequestKeys));
    }
}
