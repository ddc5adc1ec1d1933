using System.Text.Json;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;

namespace CampTrading.Tests.Core;

/// <summary>OpenAccount's idempotency key: a retried open (e.g. a roster import that crashed half-way) never opens a second account.</summary>
public sealed class AccountKeyTests
{
    [Fact]
    public void Opening_twice_with_one_key_returns_the_first_account_and_opens_nothing()
    {
        var x = new TestExchange();
        var first = x.Ok(new OpenAccount("王小明", AccountKind.Student, "Red", Key: "roster:S1")).Id;
        var accounts = x.Engine.Accounts().Count();
        var mark = x.Mark;

        var again = x.Ok(new OpenAccount("王小明 (renamed)", AccountKind.Student, "Blue", Key: "roster:S1"));
        Assert.Equal(first, again.Id);
        Assert.Equal(accounts, x.Engine.Accounts().Count());
        Assert.Equal(mark, x.Mark); // no event: nothing happened
        Assert.Equal("王小明", x.Account((int)first).Name);

        Assert.NotEqual(first, x.Ok(new OpenAccount("王小明", AccountKind.Student, "Red", Key: "roster:S2")).Id);
        Assert.NotEqual(first, x.Ok(new OpenAccount("王小明", AccountKind.Student, "Red")).Id); // no key: always a new account
    }

    [Theory]
    [InlineData("")]
    [InlineData("roster:" + "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789")]
    public void Empty_or_overlong_keys_are_refused(string key) =>
        new TestExchange().Reject(new OpenAccount("Ann", Key: key), RejectCode.InvalidCommand);

    [Fact]
    public void Keys_survive_a_snapshot()
    {
        var x = new TestExchange();
        var opened = (int)x.Ok(new OpenAccount("Ann", Key: "roster:A")).Id;
        var json = JsonSerializer.Serialize(x.Engine.CreateSnapshot(), TestExchange.Json);
        var restored = TestExchange.Around(ExchangeEngine.Restore(JsonSerializer.Deserialize<EngineSnapshot>(json, TestExchange.Json)!));

        Assert.Equal(opened, restored.Engine.AccountByKey("roster:A"));
        Assert.Equal(opened, restored.Ok(new OpenAccount("Ann", Key: "roster:A")).Id);
        Assert.Equal(x.SnapshotJson(), TestExchange.Around(ExchangeEngine.Restore(x.Engine.CreateSnapshot())).SnapshotJson());
    }
}
