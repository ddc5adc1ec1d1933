using CampTrading.ComponentTests.Support;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Trading;

namespace CampTrading.ComponentTests.Trading;

public sealed class OrderBookLevelsTests : CampComponentTest
{
    private static readonly InstrumentView Book = TradingData.Instrument(
        bids: [new(19, 1_500, 2), new(18, 30, 1)],
        asks: [new(21, 5, 1), new(22, 40, 3)],
        last: 20);

    private IRenderedComponent<OrderBookLevels> RenderBook(IReadOnlyList<OpenOrderItem>? own = null, Action<BookPick>? pick = null) =>
        Render<OrderBookLevels>(ps => ps
            .Add(c => c.Instrument, Book)
            .Add(c => c.OwnOrders, own ?? [])
            .Add(c => c.OnPick, p => pick?.Invoke(p)));

    [Fact]
    public void Asks_stand_above_the_spread_highest_first_and_bids_below_best_first()
    {
        var cut = RenderBook();

        Assert.Equal(["22", "21"], cut.FindAll("[data-testid=book-ask]").Select(e => e.GetAttribute("data-price")!));
        Assert.Equal(["19", "18"], cut.FindAll("[data-testid=book-bid]").Select(e => e.GetAttribute("data-price")!));
        Assert.Equal("1,500", cut.Find("[data-testid=book-bid][data-price='19'] [data-testid=qty]").TextContent);
        Assert.Equal("價差 2", cut.Find("[data-testid=book-spread]").TextContent);
        Assert.Equal("20", cut.Find("[data-testid=book-last]").TextContent);
    }

    [Fact]
    public void Sell_side_prices_are_green_and_buy_side_prices_red()
    {
        var cut = RenderBook();

        Assert.All(cut.FindAll("[data-testid=book-ask] .price"), e => Assert.Contains("down", e.ClassList));
        Assert.All(cut.FindAll("[data-testid=book-bid] .price"), e => Assert.Contains("up", e.ClassList));
        // Depth bars on a log scale: the biggest level is full, a small one is not flattened to nothing.
        Assert.Contains("--depth: 100%", cut.Find("[data-testid=book-bid][data-price='19']").GetAttribute("style"));
        Assert.Equal("24.5%", OrderBookLevels.Depth(5, 1_500));
    }

    [Fact]
    public void The_viewers_own_resting_prices_are_marked_on_their_side_only()
    {
        var now = DateTimeOffset.UnixEpoch;
        var cut = RenderBook([new(1, TradingData.Camp, Side.Sell, 22, 10, 10, now), new(2, TradingData.Camp, Side.Buy, 18, 5, 5, now), new(3, 99, Side.Buy, 19, 1, 1, now)]);

        Assert.Equal("true", cut.Find("[data-testid=book-ask][data-price='22']").GetAttribute("data-mine"));
        Assert.Equal("true", cut.Find("[data-testid=book-bid][data-price='18']").GetAttribute("data-mine"));
        Assert.Null(cut.Find("[data-testid=book-bid][data-price='19']").GetAttribute("data-mine")); // another instrument's order
        Assert.Null(cut.Find("[data-testid=book-ask][data-price='21']").GetAttribute("data-mine"));
    }

    [Fact]
    public void Tapping_an_ask_buys_at_it_and_a_bid_sells_at_it()
    {
        var picks = new List<BookPick>();
        var cut = RenderBook(pick: picks.Add);

        cut.Find("[data-testid=book-ask][data-price='21']").Click();
        cut.Find("[data-testid=book-bid][data-price='18']").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.Equal([new BookPick(Side.Buy, 21), new BookPick(Side.Sell, 18)], picks);
    }

    [Fact]
    public void A_book_drawn_again_keeps_each_rows_handlers_so_a_batch_carries_only_what_changed()
    {
        var picks = new List<BookPick>();
        var cut = RenderBook(pick: picks.Add);
        string Handler(string price) => cut.Find($"[data-testid=book-ask][data-price='{price}']").GetAttribute("blazor:onclick")!;
        var before = Handler("21");

        // A new level above and a changed quantity at 21: the row at 21 is the same row with the same handler.
        var moved = TradingData.Instrument(bids: [new(19, 1_500, 2)], asks: [new(21, 7, 2), new(22, 40, 3), new(23, 1, 1)], last: 20);
        cut.Render(ps => ps.Add(c => c.Instrument, moved));

        Assert.NotNull(before);
        Assert.Equal(before, Handler("21"));
        Assert.Equal("7", cut.Find("[data-testid=book-ask][data-price='21'] [data-testid=qty]").TextContent);
        cut.Find("[data-testid=book-ask][data-price='23']").Click();
        cut.Find("[data-testid=book-ask][data-price='21']").Click();
        Assert.Equal([new BookPick(Side.Buy, 23), new BookPick(Side.Buy, 21)], picks);
    }

    [Fact]
    public void An_empty_book_says_so()
    {
        var cut = Render<OrderBookLevels>(ps => ps.Add(c => c.Instrument, TradingData.Instrument(bids: [], asks: [])));

        Assert.Equal("沒有賣單", cut.Find("[data-testid=no-asks]").TextContent);
        Assert.Equal("沒有買單", cut.Find("[data-testid=no-bids]").TextContent);
        Assert.Equal("最新價", cut.Find("[data-testid=book-spread]").TextContent);
    }
}
