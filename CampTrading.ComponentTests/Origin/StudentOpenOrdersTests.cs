using CampTrading.ComponentTests.Support;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Roster;

namespace CampTrading.ComponentTests.Origin;

/// <summary>The staff student page's open orders: where each came from, and a filter by origin.</summary>
public sealed class StudentOpenOrdersTests : CampComponentTest
{
    private static readonly DateTimeOffset At = new(2026, 7, 1, 2, 0, 0, TimeSpan.Zero);

    private static readonly OpenOrderItem[] Orders =
    [
        new(3, 1, Side.Buy, 19, 10, 10, At, OrderOrigin.Api),
        new(2, 1, Side.Sell, 22, 5, 4, At, OrderOrigin.Web),
        new(1, 1, Side.Buy, 18, 2, 2, At, OrderOrigin.Telegram),
        new(0, 1, Side.Buy, 17, 1, 1, At),
    ];

    private IRenderedComponent<StudentOpenOrders> RenderOrders() =>
        Render<StudentOpenOrders>(p => p.Add(o => o.Orders, Orders).Add(o => o.Symbol, _ => "CAMP"));

    [Fact]
    public void Every_order_shows_its_origin()
    {
        var cut = RenderOrders();

        Assert.Equal(["API", "網頁 Web", "Telegram", "未記錄 Unrecorded"], cut.FindAll("[data-testid=student-order-origin]").Select(c => c.TextContent));
        Assert.Contains("來源 Origin", cut.Find("[data-testid=student-orders] thead").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Staff_filter_the_orders_by_origin_and_back_to_all()
    {
        var cut = RenderOrders();

        cut.Find("[data-testid=order-origin-api]").Click();
        var row = Assert.Single(cut.FindAll("[data-testid=student-order-row]"));
        Assert.Equal("api", row.GetAttribute("data-origin"));
        Assert.Contains("19", row.TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=order-origin-web]").Click();
        Assert.Equal(["web"], cut.FindAll("[data-testid=student-order-row]").Select(r => r.GetAttribute("data-origin")));

        cut.Find("[data-testid=order-origin-house]").Click();
        Assert.Empty(cut.FindAll("[data-testid=student-order-row]"));
        Assert.Contains("No open orders from this origin", cut.Find("[data-testid=student-orders-filtered-out]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=order-origin-all]").Click();
        Assert.Equal(4, cut.FindAll("[data-testid=student-order-row]").Count);
    }
}
