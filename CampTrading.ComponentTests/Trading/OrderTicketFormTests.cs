using CampTrading.ComponentTests.Support;
using CampTrading.Core.Engine;
using CampTrading.Core.Market;
using CampTrading.Core.ReadModels;
using CampTrading.Core.Trading;
using CampTrading.Web.Trading;
using Microsoft.AspNetCore.Components;

namespace CampTrading.ComponentTests.Trading;

public sealed class OrderTicketFormTests : CampComponentTest
{
    private readonly List<PlaceOrder> _sent = [];
    private CommandResult _answer = new(RejectCode.None, 1, OrderStatus.Open, Remaining: 5);

    private IRenderedComponent<OrderTicketForm> RenderTicket(InstrumentView? instrument = null, AccountView? account = null, MarketStatusView? status = null) =>
        Render<OrderTicketForm>(ps => ps
            .Add(c => c.AccountId, 7)
            .Add(c => c.Instrument, instrument ?? TradingData.Instrument())
            .Add(c => c.Account, account ?? TradingData.Account())
            .Add(c => c.Status, status ?? TradingData.Status())
            .Add(c => c.Submit, order => { _sent.Add(order); return Task.FromResult(_answer); }));

    private static void Type(IRenderedComponent<OrderTicketForm> cut, string testId, long value) =>
        cut.Find($"input[data-testid={testId}]").Input(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static bool SubmitDisabled(IRenderedComponent<OrderTicketForm> cut) => cut.Find("[data-testid=submit-order]").HasAttribute("disabled");

    [Fact]
    public void Presets_fill_the_quantity_and_max_is_what_the_points_buy()
    {
        var cut = RenderTicket();

        cut.Find("[data-testid=qty-100]").Click();
        Assert.Equal(100, cut.Instance.Model.Quantity);
        Assert.Equal("100", cut.Find("input[data-testid=qty-input]").GetAttribute("value"));

        cut.Find("[data-testid=qty-max]").Click(); // 10,000 points at the best ask of 20
        Assert.Equal(500, cut.Instance.Model.Quantity);
        Assert.Contains("10,000", cut.Find("[data-testid=ticket-estimate]").TextContent);
    }

    [Fact]
    public void A_closed_market_disables_submit_and_says_why()
    {
        var cut = RenderTicket(status: TradingData.Status(SessionState.Closed));

        Assert.True(SubmitDisabled(cut));
        Assert.Contains("市場休市中", cut.Find("[data-testid=market-closed]").TextContent);
    }

    [Fact]
    public void Students_see_that_the_ipo_is_in_the_opening_auction_or_waits_for_the_next_one()
    {
        var inAuction = TradingData.Instrument(asks: [new(20, 1_000_000, 1)]) with { Ipo = new IpoView(IpoPhase.InAuction, 20, 1_000_000) };
        var cut = RenderTicket(instrument: inAuction, status: TradingData.Status(SessionState.PreOpen));
        var line = cut.Find("[data-testid=ipo-auction]");
        Assert.Equal("InAuction", line.GetAttribute("data-phase"));
        Assert.Contains("IPO：1,000,000 股以 20 點參加開盤競價", line.TextContent);

        var waiting = TradingData.Instrument() with { Ipo = new IpoView(IpoPhase.WaitingForAuction, 20, 500) };
        cut = RenderTicket(instrument: waiting);
        Assert.Contains("IPO：500 股將以 20 點在下次開盤競價", cut.Find("[data-testid=ipo-auction]").TextContent);

        var standing = TradingData.Instrument() with { Ipo = new IpoView(IpoPhase.Standing, 20, 500) };
        Assert.Empty(RenderTicket(instrument: standing).FindAll("[data-testid=ipo-auction]")); // a standing ask is just part of the book
    }

    [Fact]
    public void The_pre_open_takes_orders_and_shows_the_indicative_auction_price()
    {
        var crossed = TradingData.Instrument(bids: [new(21, 30, 2)], asks: [new(19, 10, 1)]) with { Indicative = new AuctionOutcome(20, 10, 30, 10) };
        var cut = RenderTicket(instrument: crossed, status: TradingData.Status(SessionState.PreOpen));
        Type(cut, "qty-input", 5);

        Assert.False(SubmitDisabled(cut));
        Assert.Empty(cut.FindAll("[data-testid=market-closed]"));
        Assert.Contains("開盤時，所有訂單以同一個價格撮合", cut.Find("[data-testid=pre-open]").TextContent);
        Assert.Equal("試算價 20，可成交 10 股", cut.Find("[data-testid=indicative]").TextContent);

        cut.Render(ps => ps.Add(c => c.Instrument, TradingData.Instrument()));
        Assert.Equal("買賣價格還沒有交集", cut.Find("[data-testid=indicative]").TextContent);
    }

    [Fact]
    public void A_market_change_that_leaves_the_ticket_as_it_shows_does_not_draw_it_again()
    {
        var cut = RenderTicket(); // a limit buy at the best ask, 20
        var drawn = cut.RenderCount;

        // Bids arrive and the engine moves on: a limit buy at 20 shows the same.
        cut.Render(ps => ps
            .Add(c => c.Instrument, TradingData.Instrument(bids: [new(18, 40, 2), new(17, 5, 1)]))
            .Add(c => c.Status, TradingData.Status() with { LastSeq = 42 }));
        Assert.Equal(drawn, cut.RenderCount);

        // A better ask moves the price the ticket follows until the student chooses one: drawn again.
        cut.Render(ps => ps.Add(c => c.Instrument, TradingData.Instrument(asks: [new(19, 10, 1), new(20, 1_000_000, 1)])));
        Assert.Equal(drawn + 1, cut.RenderCount);
        Assert.Equal("19", cut.Find("input[data-testid=price-input]").GetAttribute("value"));

        // A market buy's estimate walks the book: a change deeper in it that the order reaches redraws the ticket.
        cut.FindAll("[data-testid=order-type] .mud-toggle-item")[^1].Click();
        Type(cut, "qty-input", 20);
        drawn = cut.RenderCount;
        cut.Render(ps => ps.Add(c => c.Instrument, TradingData.Instrument(asks: [new(19, 10, 1), new(21, 1_000_000, 1)])));
        Assert.Equal(drawn + 1, cut.RenderCount);
        Assert.Contains("400", cut.Find("[data-testid=ticket-estimate]").TextContent); // 10 × 19 + 10 × 21

        // The student's own points change what the ticket shows.
        cut.Render(ps => ps.Add(c => c.Account, TradingData.Account(points: 9_000)));
        Assert.Equal(drawn + 2, cut.RenderCount);
        Assert.Contains("9,000", cut.Find("[data-testid=ticket-available]").TextContent);
    }

    [Fact]
    public void A_halted_market_says_halted()
    {
        var cut = RenderTicket(status: TradingData.Status(SessionState.Halted));

        Assert.True(SubmitDisabled(cut));
        Assert.Contains("暫停交易", cut.Find("[data-testid=market-closed]").TextContent);
    }

    [Fact]
    public void A_quantity_over_the_per_order_cap_disables_submit_with_the_cap()
    {
        var cut = RenderTicket(status: TradingData.Status(maxQuantity: 1_000));
        Type(cut, "qty-input", 1_001);

        Assert.True(SubmitDisabled(cut));
        var reason = cut.Find("[data-testid=submit-blocked]");
        Assert.Equal("QuantityTooLarge", reason.GetAttribute("data-reason"));
        Assert.Equal("每筆最多 1,000 股。", reason.TextContent);
    }

    [Fact]
    public void A_price_outside_the_band_warns_and_disables_submit()
    {
        var cut = RenderTicket();
        Type(cut, "price-input", 30);

        Assert.Equal("超出漲跌幅 16–24", cut.Find("[data-testid=band-warning]").TextContent);
        Assert.True(SubmitDisabled(cut));

        cut.Find("[data-testid=price-down]").Click(); // the stepper brings it back inside the band
        Assert.Equal(24, cut.Instance.Model.Price);
        Assert.Empty(cut.FindAll("[data-testid=band-warning]"));
        Assert.False(SubmitDisabled(cut));
    }

    [Fact]
    public async Task A_small_limit_order_goes_at_once_and_the_outcome_is_a_snackbar()
    {
        var providers = RenderWithProviders();
        var cut = RenderTicket();
        Type(cut, "price-input", 19);
        Type(cut, "qty-input", 5);
        Assert.Equal("false", cut.Find("[data-testid=order-ticket]").GetAttribute("data-confirm"));

        await cut.Find("[data-testid=submit-order]").ClickAsync(new());

        var order = Assert.Single(_sent);
        Assert.Equal((Side.Buy, OrderType.Limit, 5L, 19L), (order.Side, order.Type, order.Quantity, order.Price));
        Assert.Empty(providers.FindAll("[data-testid=confirm-dialog]"));
        providers.WaitForAssertion(() => Assert.Equal("已掛單：買進 5 股 @ 19", providers.Find("[data-testid=ticket-result]").TextContent));
        Assert.Equal("1", cut.Find("[data-testid=order-ticket]").GetAttribute("data-submissions"));
    }

    [Fact]
    public async Task A_market_order_asks_first_and_backing_out_sends_nothing()
    {
        var providers = RenderWithProviders();
        var cut = RenderTicket();
        cut.Find("[data-testid=order-type]").QuerySelectorAll("*").First(e => e.TextContent.Trim() == "市價" && e.ChildElementCount == 0).Click();
        Type(cut, "qty-input", 4);
        Assert.Equal(OrderType.Market, cut.Instance.Model.Type);

        var click = cut.InvokeAsync(() => cut.Find("[data-testid=submit-order]").Click());
        providers.WaitForAssertion(() => Assert.Equal("市價，最高到漲停 24", providers.Find("[data-testid=confirm-price]").TextContent));
        Assert.Equal("買 CAMP", providers.Find("[data-testid=confirm-side]").TextContent.Trim());
        Assert.Equal("4 股", providers.Find("[data-testid=confirm-qty]").TextContent);
        Assert.Equal("0 點（交易不收手續費）", providers.Find("[data-testid=confirm-fee]").TextContent);

        await providers.Find("[data-testid=confirm-cancel]").ClickAsync(new());
        await click;
        Assert.Empty(_sent);
        Assert.Equal("0", cut.Find("[data-testid=order-ticket]").GetAttribute("data-submissions"));
    }

    [Fact]
    public async Task A_large_limit_order_asks_first_and_confirming_sends_it()
    {
        var providers = RenderWithProviders();
        var cut = RenderTicket();
        Type(cut, "price-input", 20);
        Type(cut, "qty-input", 50); // 1,000 points
        Assert.Equal("true", cut.Find("[data-testid=order-ticket]").GetAttribute("data-confirm"));

        var click = cut.InvokeAsync(() => cut.Find("[data-testid=submit-order]").Click());
        providers.WaitForAssertion(() => providers.Find("[data-testid=confirm-ok]"));
        Assert.Empty(_sent);
        await providers.Find("[data-testid=confirm-ok]").ClickAsync(new());
        await click;

        Assert.Equal(50, Assert.Single(_sent).Quantity);
    }

    [Fact]
    public async Task A_refusal_reads_plainly_and_keeps_its_code_out_of_sight()
    {
        _answer = new CommandResult(RejectCode.InsufficientShares, Detail1: 5, Detail2: 0);
        var providers = RenderWithProviders();
        // The page sees 5 shares; the engine, a moment later, sees none (sold elsewhere, e.g. through the bot).
        var cut = RenderTicket(account: TradingData.Account(holdings: new HoldingView(TradingData.Camp, "CAMP", 5, 0)));
        cut.Find("[data-testid=side-sell]").Click();
        Type(cut, "price-input", 20);
        Type(cut, "qty-input", 5);

        await cut.Find("[data-testid=submit-order]").ClickAsync(new());

        providers.WaitForAssertion(() =>
        {
            var result = providers.Find("[data-testid=ticket-result]");
            Assert.Equal("可用股數不足（需要 5，可用 0）", result.TextContent);
            Assert.Equal("insufficient_shares", result.GetAttribute("data-code"));
            Assert.Contains("error", result.ClassList);
        });
    }

    [Fact]
    public void Selling_more_than_one_holds_disables_submit_with_what_can_be_sold()
    {
        var cut = RenderTicket(account: TradingData.Account(holdings: new HoldingView(TradingData.Camp, "CAMP", 3, 1)));
        cut.Find("[data-testid=side-sell]").Click();
        Assert.Equal("2 股", cut.Find("[data-testid=ticket-max]").TextContent);
        Type(cut, "qty-input", 5);

        var reason = cut.Find("[data-testid=submit-blocked]");
        Assert.Equal("NotEnoughShares", reason.GetAttribute("data-reason"));
        Assert.Equal("可用股數不足（可用 2 股）。", reason.TextContent);
        Assert.True(SubmitDisabled(cut));

        Type(cut, "qty-input", 2);
        Assert.Empty(cut.FindAll("[data-testid=submit-blocked]"));
        Assert.False(SubmitDisabled(cut));
    }

    [Fact]
    public void A_limit_buy_over_the_points_says_how_many_can_be_bought_and_disables_submit()
    {
        var cut = RenderTicket(account: TradingData.Account(points: 1_000));
        Type(cut, "price-input", 19);
        Assert.Equal("52 股", cut.Find("[data-testid=ticket-max]").TextContent); // 1,000 / 19
        Assert.Contains("可買", cut.Find("[data-testid=ticket-max]").ParentElement!.TextContent);

        Type(cut, "qty-input", 53);
        var reason = cut.Find("[data-testid=submit-blocked]");
        Assert.Equal("NotEnoughPoints", reason.GetAttribute("data-reason"));
        Assert.Equal("點數不夠：這個價格最多可買 52 股（可用 1,000 點）。", reason.TextContent);
        Assert.True(SubmitDisabled(cut));

        Type(cut, "qty-input", 52);
        Assert.False(SubmitDisabled(cut));
    }

    [Fact]
    public void The_affordable_quantity_never_exceeds_the_per_order_cap()
    {
        var cut = RenderTicket(account: TradingData.Account(points: 1_000_000), status: TradingData.Status(maxQuantity: 100));
        Type(cut, "price-input", 20);

        Assert.Equal("100 股", cut.Find("[data-testid=ticket-max]").TextContent);
    }

    [Fact]
    public void A_market_buy_beyond_the_points_only_warns()
    {
        var cut = RenderTicket(account: TradingData.Account(points: 100));
        cut.Find("[data-testid=order-type]").QuerySelectorAll("*").First(e => e.TextContent.Trim() == "市價" && e.ChildElementCount == 0).Click();
        Type(cut, "qty-input", 10); // about 200 points at the ask of 20

        Assert.Equal("可用點數可能不足（約需 200 點，可用 100 點）。", cut.Find("[data-testid=ticket-warning]").TextContent);
        Assert.False(SubmitDisabled(cut));
    }

    [Fact]
    public async Task The_last_answer_goes_when_the_order_changes()
    {
        var providers = RenderWithProviders();
        var cut = RenderTicket();
        Type(cut, "price-input", 19);
        Type(cut, "qty-input", 5);
        await cut.Find("[data-testid=submit-order]").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.NotEmpty(providers.FindAll("[data-testid=ticket-result]")));

        Type(cut, "qty-input", 6);

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=ticket-result]")));
    }

    [Fact]
    public async Task A_resting_answer_goes_once_that_order_fills()
    {
        _answer = new(RejectCode.None, 77, OrderStatus.Open, Remaining: 5);
        var providers = RenderWithProviders();
        var cut = RenderTicket();
        Type(cut, "price-input", 19);
        Type(cut, "qty-input", 5);
        await cut.Find("[data-testid=submit-order]").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Equal("已掛單：買進 5 股 @ 19", providers.Find("[data-testid=ticket-result]").TextContent));

        await cut.InvokeAsync(() => cut.Instance.SeeTrades([TradingData.Trade(1, 19, 2, Side.Sell) with { BuyOrderId = 76 }], _ => 0));
        Assert.NotEmpty(providers.FindAll("[data-testid=ticket-result]")); // someone else's order
        await cut.InvokeAsync(() => cut.Instance.SeeTrades([TradingData.Trade(2, 19, 5, Side.Sell) with { BuyOrderId = 77 }], _ => 0));

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=ticket-result]")));
    }

    [Fact]
    public async Task An_answer_that_tells_a_partial_fill_stays_when_that_fill_is_drawn_after_it()
    {
        _answer = new(RejectCode.None, 78, OrderStatus.Open, Filled: 3, FilledValue: 57, Remaining: 7);
        var providers = RenderWithProviders();
        var cut = RenderTicket();
        Type(cut, "price-input", 19);
        Type(cut, "qty-input", 10);
        await cut.Find("[data-testid=submit-order]").ClickAsync(new());
        providers.WaitForAssertion(() => Assert.StartsWith("部分成交", providers.Find("[data-testid=ticket-result]").TextContent));

        // The trade of that same command, drawn after the answer: 7 still rest, as the answer says.
        await cut.InvokeAsync(() => cut.Instance.SeeTrades([TradingData.Trade(1, 19, 3, Side.Sell) with { BuyOrderId = 78 }], _ => 7));
        Assert.NotEmpty(providers.FindAll("[data-testid=ticket-result]"));

        await cut.InvokeAsync(() => cut.Instance.SeeTrades([TradingData.Trade(2, 19, 2, Side.Sell) with { BuyOrderId = 78 }], _ => 5));
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=ticket-result]")));
    }

    [Fact]
    public async Task A_price_picked_in_the_book_takes_the_other_side_at_that_price()
    {
        var cut = RenderTicket(instrument: TradingData.Instrument(bids: [new(18, 10, 1)]));

        await cut.InvokeAsync(() => cut.Instance.PickAsync(new BookPick(Side.Sell, 18)));

        Assert.Equal((Side.Sell, OrderType.Limit, 18L), (cut.Instance.Model.Side, cut.Instance.Model.Type, cut.Instance.Model.Price));
        Assert.Contains("sell", cut.Find("[data-testid=order-ticket]").ClassList);
        Assert.Equal("true", cut.Find("[data-testid=side-sell]").GetAttribute("aria-pressed"));
    }
}

public sealed class MarketClosedBannerTests : CampComponentTest, IAsyncLifetime
{
    private readonly CampTrading.ComponentTests.Points.TestMarket _market = new();

    public MarketClosedBannerTests()
    {
        _market.AddTo(Services);
        SetRendererInfo(new RendererInfo("Server", true));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _market.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public async Task A_closed_market_is_a_banner_that_goes_when_it_opens_and_says_halted_when_halted()
    {
        await _market.SubmitAsync(new ListInstrument("CAMP", "Camp Corp"));
        var cut = Render<MarketClosedBanner>();

        Assert.Contains("休市", cut.Find("[data-testid=market-closed-banner] strong").TextContent);
        Assert.Contains("現在不能下單", cut.Find("[data-testid=market-closed-banner]").TextContent);
        Assert.Equal("alert", cut.Find("[data-testid=market-closed-banner]").GetAttribute("role"));

        await _market.SubmitAsync(new SetMarketOverride(MarketOverride.ForceOpen, "test"));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=market-closed-banner]")));

        await _market.SubmitAsync(new SetMarketOverride(MarketOverride.Halt, "test"));
        cut.WaitForAssertion(() => Assert.Contains("暫停交易", cut.Find("[data-testid=market-closed-banner]").TextContent));
        Assert.Equal("Halted", cut.Find("[data-testid=market-closed-banner]").GetAttribute("data-session"));
    }

    [Fact]
    public async Task The_pre_open_is_a_calm_banner_that_says_orders_wait_for_one_price()
    {
        await _market.SubmitAsync(new ListInstrument("CAMP", "Camp Corp"));
        await _market.SubmitAsync(new SetMarketOverride(MarketOverride.PreOpen, "test"));
        var cut = Render<MarketClosedBanner>();

        var banner = cut.Find("[data-testid=market-closed-banner]");
        Assert.Equal("PreOpen", banner.GetAttribute("data-session"));
        Assert.Equal("status", banner.GetAttribute("role"));
        Assert.Contains("開盤前競價", banner.QuerySelector("strong")!.TextContent);
        Assert.Contains("以同一個價格撮合", banner.TextContent);
    }
}
