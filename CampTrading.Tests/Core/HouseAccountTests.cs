using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;

namespace CampTrading.Tests.Core;

/// <summary>The house market maker re-quotes all day: the students' daily order limit is not its limit.</summary>
public sealed class HouseAccountTests
{
    [Fact]
    public void The_daily_order_limit_binds_students_but_not_the_house()
    {
        var x = new TestExchange();
        var camp = x.List("CAMP", ipoShares: 0);
        x.SetRules(new TradingRules { DailyOrderLimit = 2 });
        var student = x.OpenAccount("mei", 1_000);
        var house = x.OpenAccount("house", 1_000, AccountKind.House);

        Assert.True(x.Buy(student, camp, 1, 18).IsOk);
        Assert.True(x.Buy(student, camp, 1, 18).IsOk);
        Assert.Equal(RejectCode.DailyLimitReached, x.Buy(student, camp, 1, 18).Code);
        for (var i = 0; i < 5; i++) Assert.True(x.Buy(house, camp, 1, 19).IsOk);
    }
}
