using CampTrading.ComponentTests.Support;
using CampTrading.Core.Trading;
using CampTrading.Web.Staff.Records;

namespace CampTrading.ComponentTests.Origin;

/// <summary>The staff console's camp-wide order history: who placed each order, where from, and what became of it.</summary>
public sealed class OrderHistoryTableTests : CampComponentTest
{
    private static readonly DateTimeOffset At = new(2026, 7, 1, 2, 0, 5, TimeSpan.Zero);

    private static readonly OrderHistoryRow[] Rows =
    [
        new(4, At, 7, 1, Side.Buy, 0, 5, 5, "filled", null, OrderOrigin.Telegram),
        new(3, At, 7, 1, Side.Sell, 22, 10, 4, "open", null, OrderOrigin.Api),
        new(2, At, 99, 1, Side.Buy, 19, 3, 0, "cancelled", "by_owner", OrderOrigin.House),
        new(1, At, 8, 2, Side.Buy, 18, 2, 0, "open", null, OrderOrigin.Unknown),
    ];

    private IRenderedComponent<OrderHistoryTable> RenderTable(IReadOnlyList<OrderHistoryRow> rows) => Render<OrderHistoryTable>(p => p
        .Add(t => t.Rows, rows)
        .Add(t => t.AccountName, id => id switch { 7 => "Ada", 99 => "造市商 House", _ => null })
        .Add(t => t.IsStudent, id => id == 7)
        .Add(t => t.InstrumentSymbol, id => id == 1 ? "CAMP" : null)
        .Add(t => t.TimeZone, TimeZoneInfo.CreateCustomTimeZone("camp", TimeSpan.FromHours(8), "camp", "camp")));

    [Fact]
    public void Each_order_shows_who_where_from_and_what_became_of_it()
    {
        var cut = RenderTable(Rows);

        Assert.Equal(["telegram", "api", "house", "unknown"], cut.FindAll("[data-testid=order-history-row]").Select(r => r.GetAttribute("data-origin")));
        Assert.Equal(["Telegram", "API", "造市 House", "未記錄 Unrecorded"], cut.FindAll("[data-testid=order-history-origin]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["全部成交 Filled", "部分成交 Part filled", "已取消 Cancelled (by_owner)", "掛單中 Open"],
            cut.FindAll("[data-testid=order-history-status]").Select(c => c.TextContent.Trim()));
        var rows = cut.FindAll("tbody tr");
        Assert.Contains("市價 Market", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("07-01 10:00:05", rows[0].TextContent, StringComparison.Ordinal); // camp time, not UTC
        Assert.Equal("/staff/students/7", rows[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(rows[2].QuerySelector("a")); // the house is not a student: no link
        Assert.Contains("#8", rows[3].TextContent, StringComparison.Ordinal); // an unknown account by number
        Assert.Contains("#2", rows[3].TextContent, StringComparison.Ordinal); // an unknown instrument by number
    }

    [Fact]
    public void No_orders_says_so()
    {
        var cut = RenderTable([]);

        Assert.Contains("No matching orders", cut.Find("[data-testid=order-history-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Todays_summary_counts_each_origin_and_shows_unrecorded_only_when_there_are_some()
    {
        var cut = Render<OrderOriginSummary>(p => p.Add(s => s.Counts, new Dictionary<OrderOrigin, long> { [OrderOrigin.Api] = 12_345, [OrderOrigin.Web] = 7 }));

        Assert.Contains("12,345", cut.Find("[data-testid=orders-today-api]").TextContent, StringComparison.Ordinal);
        Assert.Contains("7", cut.Find("[data-testid=orders-today-web]").TextContent, StringComparison.Ordinal);
        Assert.Contains("0", cut.Find("[data-testid=orders-today-telegram]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=orders-today-unknown]"));
    }
}
