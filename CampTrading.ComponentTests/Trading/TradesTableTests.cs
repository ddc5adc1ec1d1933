using CampTrading.ComponentTests.Support;
using CampTrading.Core.Trading;
using CampTrading.Web.Trading;

namespace CampTrading.ComponentTests.Trading;

public sealed class TradesTableTests : CampComponentTest
{
    [Fact]
    public void Newest_trade_first_coloured_by_the_side_that_took()
    {
        var cut = Render<TradesTable>(ps => ps
            .Add(c => c.Trades, [TradingData.Trade(1, 20, 10, Side.Buy), TradingData.Trade(3, 18, 1_200, Side.Sell), TradingData.Trade(2, 19, 4, Side.Buy)])
            .Add(c => c.AccountId, 42));

        var rows = cut.FindAll("[data-testid=trade-row]");
        Assert.Equal(["3", "2", "1"], rows.Select(r => r.GetAttribute("data-trade-id")!));
        var newest = rows[0].QuerySelector("[data-testid=trade-price]")!;
        Assert.Equal("18", newest.TextContent);
        Assert.Contains("down", newest.ClassList); // a seller hit a bid: green
        Assert.Contains("up", rows[1].QuerySelector("[data-testid=trade-price]")!.ClassList); // a buyer took an ask: red
        Assert.Equal("1,200", rows[0].QuerySelector("[data-testid=trade-qty]")!.TextContent);
        Assert.Equal("01:02:03", rows[0].QuerySelector("td")!.TextContent);
    }

    [Fact]
    public void The_viewers_own_trades_are_marked_bought_or_sold()
    {
        var cut = Render<TradesTable>(ps => ps
            .Add(c => c.Trades, [TradingData.Trade(1, 20, 10, Side.Buy, buyer: 7), TradingData.Trade(2, 19, 4, Side.Sell, seller: 7), TradingData.Trade(3, 19, 4, Side.Sell)])
            .Add(c => c.AccountId, 7));

        Assert.Equal(["我賣", "我買"], cut.FindAll("[data-testid=trade-mine]").Select(e => e.TextContent));
        Assert.Equal(2, cut.FindAll("[data-testid=trade-row].mine").Count);
    }

    [Fact]
    public void No_trades_yet_says_so()
    {
        var cut = Render<TradesTable>(ps => ps.Add(c => c.Trades, []));

        Assert.Equal("尚無成交", cut.Find("[data-testid=no-trades]").TextContent);
    }
}
