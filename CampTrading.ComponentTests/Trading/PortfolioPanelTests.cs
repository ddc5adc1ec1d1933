using CampTrading.ComponentTests.Support;
using CampTrading.Core.ReadModels;
using CampTrading.Web.Trading;

namespace CampTrading.ComponentTests.Trading;

public sealed class PortfolioPanelTests : CampComponentTest
{
    private IRenderedComponent<PortfolioPanel> RenderPanel(AccountView account, long mark) =>
        Render<PortfolioPanel>(ps => ps
            .Add(c => c.Account, account)
            .Add(c => c.MarkPrices, new Dictionary<int, long> { [TradingData.Camp] = mark }));

    [Fact]
    public void Balances_have_thousands_separators_and_net_worth_counts_shares_at_mark_minus_debt()
    {
        var account = TradingData.Account(points: 1_234_567, reserved: 1_000, holdings: new HoldingView(TradingData.Camp, "CAMP", 500, 100, 10_000));
        var cut = RenderPanel(account, mark: 22);

        Assert.Equal("1,234,567", cut.Find("[data-testid=points]").TextContent);
        Assert.Equal("1,233,567", cut.Find("[data-testid=available-points]").TextContent);
        Assert.Equal("1,000", cut.Find("[data-testid=reserved-points]").TextContent);
        Assert.Equal("1,245,567", cut.Find("[data-testid=net-worth]").TextContent);
        Assert.Equal("500", cut.Find("[data-testid=holding-CAMP] [data-testid=shares]").TextContent);
        Assert.Equal("100", cut.Find("[data-testid=holding-CAMP] [data-testid=reserved-shares]").TextContent);
        Assert.Equal("11,000", cut.Find("[data-testid=holding-CAMP] [data-testid=value]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=debt]"));
    }

    [Fact]
    public void A_gain_is_signed_plus_in_red_and_a_loss_minus_in_green()
    {
        var gain = RenderPanel(TradingData.Account(realized: -80, holdings: new HoldingView(TradingData.Camp, "CAMP", 500, 0, 9_750)), mark: 22);

        var pnl = gain.Find("[data-testid=holding-CAMP] [data-testid=holding-pnl]");
        Assert.Equal("+1,250", pnl.TextContent);
        Assert.Contains("up", pnl.ClassList);
        Assert.Equal("+1,250", gain.Find("[data-testid=unrealized-pnl]").TextContent);
        var realized = gain.Find("[data-testid=realized-pnl]");
        Assert.Equal("−80", realized.TextContent);
        Assert.Contains("down", realized.ClassList);

        var flat = RenderPanel(TradingData.Account(holdings: new HoldingView(TradingData.Camp, "CAMP", 10, 0, 200)), mark: 20);
        Assert.Equal("0", flat.Find("[data-testid=unrealized-pnl]").TextContent);
        Assert.Contains("flat", flat.Find("[data-testid=unrealized-pnl]").ClassList);
    }

    [Fact]
    public void Debt_shows_only_while_owed_and_no_holdings_says_so()
    {
        var cut = RenderPanel(TradingData.Account(points: 0, debt: 2_500), mark: 20);

        Assert.Equal("2,500", cut.Find("[data-testid=debt]").TextContent);
        Assert.Equal("−2,500", cut.Find("[data-testid=net-worth]").TextContent.Replace("-", "−"));
        Assert.Equal("尚未持有股票", cut.Find("[data-testid=no-holdings]").TextContent);
    }
}
