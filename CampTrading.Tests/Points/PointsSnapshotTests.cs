using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Market;
using CampTrading.Core.Trading;
using CampTrading.Tests.Core;

namespace CampTrading.Tests.Points;

/// <summary>Everything the points commands change survives snapshot → restore, and the future is the same.</summary>
public class PointsSnapshotTests
{
    private static (TestExchange X, int[] S, int Camp) Busy()
    {
        var x = new TestExchange();
        var camp = x.List("CAMP", 20, 0);
        var s = new[]
        {
            x.OpenStudent("王小明", "Red", 5_000), x.OpenStudent("alice", "Red", 2_000),
            x.OpenStudent("bob", "Blue", 1_000), x.OpenStudent("carol", null),
        };
        x.GrantShares(s[2], camp, 50);
        x.Buy(s[0], camp, 10, 20);
        x.Sell(s[2], camp, 20, 22);
        x.SetRules(new TradingRules { TransferFeeBasisPoints = 175, MinTransferFee = 3 });
        x.Transfer(s[0], s[1], 700, "thanks");
        x.GrantToGroup("Red", 40);
        x.GrantToGroup(null, -1_100);   // bob and carol fall short: debt
        x.RecordDebt(s[1], 200);
        x.Transfer(s[0], s[2], 50);     // repays part of bob's debt
        x.ClearDebt(s[3]);
        x.Restrict(s[1], AccountRestrictions.Frozen);
        x.Restrict(s[3], AccountRestrictions.Disabled);
        x.SetTeam(s[3], "Green");
        x.SetTeam(s[1], null);
        return (x, s, camp);
    }

    private static ExchangeEngine RoundTrip(ExchangeEngine engine, JsonSerializerOptions options)
    {
        var json = JsonSerializer.Serialize(engine.CreateSnapshot(), options);
        return ExchangeEngine.Restore(JsonSerializer.Deserialize<EngineSnapshot>(json, options)!);
    }

    [Fact]
    public void Snapshot_round_trips_to_the_same_json()
    {
        var (x, s, _) = Busy();
        Assert.True(x.Debt(s[2]) > 0);
        Assert.NotEqual(AccountRestrictions.None, x.Account(s[1]).Restrictions);

        foreach (var options in new[] { TestExchange.Json, CommandSerializer.Options })
        {
            var restored = TestExchange.Around(RoundTrip(x.Engine, options));
            Assert.Equal(x.SnapshotJson(), restored.SnapshotJson());
            Assert.Equal(x.Engine.Rules, restored.Engine.Rules);
            foreach (var id in s)
            {
                Assert.Equal(x.Account(id).Debt, restored.Account(id).Debt);
                Assert.Equal(x.Account(id).Team, restored.Account(id).Team);
                Assert.Equal(x.Account(id).Restrictions, restored.Account(id).Restrictions);
            }
        }
    }

    [Fact]
    public void Original_and_restored_give_the_same_results_to_the_same_commands()
    {
        var (x, s, camp) = Busy();
        var y = TestExchange.Around(RoundTrip(x.Engine, CommandSerializer.Options));
        Command[] more =
        [
            new Transfer(s[0], s[2], 400),
            new Transfer(s[1], s[0], 10),                 // frozen
            new Transfer(s[0], s[3], 10),                 // disabled recipient
            new GrantToGroup("Green", 30, "r", "staff"),
            new GrantToGroup("Red", -10_000, "r", "staff"),
            new RecordDebt(s[2], 75, "late", "admin"),
            new PlaceOrder(s[2], camp, Side.Buy, OrderType.Limit, 1, 20), // in debt
            new ClearDebt(s[2], "ok", "admin"),
            new SetRestrictions(s[1], AccountRestrictions.None, "admin"),
            new Transfer(s[1], s[2], 1),
            new SetTeam(s[2], "Red", "admin"),
            new GrantToGroup("Red", 5, "r", "staff"),
        ];
        foreach (var command in more)
        {
            // The journal's own serializer: what replay would read back.
            var replayed = CommandSerializer.Deserialize(CommandSerializer.Serialize(command));
            Assert.Equal(x.Apply(command), y.Apply(replayed));
        }
        Assert.Equal(x.SnapshotJson(), y.SnapshotJson());
    }

    [Theory]
    [InlineData("transfer")]
    [InlineData("grant_group")]
    [InlineData("record_debt")]
    [InlineData("clear_debt")]
    [InlineData("set_restrictions")]
    [InlineData("set_team")]
    public void Points_commands_keep_their_journal_type_names(string name)
    {
        Command command = name switch
        {
            "transfer" => new Transfer(100, 101, 5, "m"),
            "grant_group" => new GrantToGroup("Red", -5, "r", "a"),
            "record_debt" => new RecordDebt(100, 5, "r", "a"),
            "clear_debt" => new ClearDebt(100, "r", "a"),
            "set_restrictions" => new SetRestrictions(100, AccountRestrictions.Frozen | AccountRestrictions.Disabled, "a"),
            _ => new SetTeam(100, "紅隊", "a"),
        };
        var json = CommandSerializer.Serialize(command);
        Assert.Contains($"\"$t\":\"{name}\"", json, StringComparison.Ordinal);
        Assert.Equal(command, CommandSerializer.Deserialize(json));
    }

    [Fact]
    public void Rules_without_fee_fields_read_as_the_defaults()
    {
        // Snapshots written before the fee settings existed.
        var rules = JsonSerializer.Deserialize<TradingRules>("""{"bandPercent":25,"maxOrderQuantity":500,"dailyOrderLimit":50}""", CommandSerializer.Options)!;
        Assert.Equal(100, rules.TransferFeeBasisPoints);
        Assert.Equal(1, rules.MinTransferFee);
        Assert.Equal(25, rules.BandPercent);
    }
}
