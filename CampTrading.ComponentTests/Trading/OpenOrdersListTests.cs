using CampTrading.ComponentTests.Support;
using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Trading;

namespace CampTrading.ComponentTests.Trading;

public sealed class OpenOrdersListTests : CampComponentTest
{
    private readonly List<long> _cancelled = [];

    private IRenderedComponent<OpenOrdersList> RenderList(params OpenOrderItem[] orders) =>
        Render<OpenOrdersList>(ps => ps
            .Add(c => c.Orders, orders)
            .Add(c => c.SymbolOf, _ => "CAMP")
            .Add(c => c.Cancel, id => { _cancelled.Add(id); return Task.FromResult(new CommandResult(RejectCode.None, id)); }));

    private static OpenOrderItem Order(long id = 5) => new(id, TradingData.Camp, Side.Sell, 23, 10, 3, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Lists_what_remains_with_what_filled()
    {
        var cut = RenderList(Order());

        Assert.Equal("3 股", cut.Find("[data-testid=order-qty]").TextContent);
        Assert.Equal("23", cut.Find("[data-testid=order-price]").TextContent);
        Assert.Contains("已成交 7/10", cut.Find("[data-testid=my-order]").TextContent);
        Assert.Empty(RenderList().FindAll("[data-testid=my-order]"));
    }

    [Fact]
    public async Task Cancel_asks_first_and_backing_out_keeps_the_order()
    {
        var providers = RenderWithProviders();
        var cut = RenderList(Order());

        var click = cut.InvokeAsync(() => cut.Find("[data-testid=cancel-order]").Click());
        providers.WaitForAssertion(() => Assert.Contains("賣出 CAMP 3 股 @ 23", providers.Find("[data-testid=confirm-dialog]").TextContent));
        await providers.Find("[data-testid=confirm-cancel]").ClickAsync(new());
        await click;

        Assert.Empty(_cancelled);
    }

    [Fact]
    public async Task Confirming_cancels_and_tells_in_a_snackbar()
    {
        var providers = RenderWithProviders();
        var cut = RenderList(Order(9));

        var click = cut.InvokeAsync(() => cut.Find("[data-testid=cancel-order]").Click());
        providers.WaitForAssertion(() => providers.Find("[data-testid=confirm-ok]"));
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;

        Assert.Equal([9L], _cancelled);
        providers.WaitForAssertion(() => Assert.Contains("委託已取消", providers.Markup));
    }
}
