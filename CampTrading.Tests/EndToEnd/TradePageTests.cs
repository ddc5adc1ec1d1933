using System.Text.RegularExpressions;
using CampTrading.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// The live trading page in real Chromium against the real app. Every check made in one browser
/// about an action taken in another allows at most one second.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TradePageTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions WithinASecond = new() { Timeout = 1_000 };
    private static readonly LocatorAssertionsToHaveCountOptions CountWithinASecond = new() { Timeout = 1_000 };

    [Fact]
    public Task A_resting_sell_and_a_buy_trade_and_both_phones_update_live() => RunAsync(async () =>
    {
        var alice = await SignInAsync("alice");
        var bob = await SignInAsync("bob");

        // Alice buys from the IPO's standing ask at 20.
        Assert.StartsWith("全部成交：買進 10 股，均價 20", await alice.PlaceAsync("buy", 10));
        await Expect(alice.Points).ToHaveTextAsync("9,800");
        await Expect(alice.Shares("CAMP")).ToHaveTextAsync("10");

        // Her ask at 19 goes ahead of the IPO at 20 and appears in Bob's book without a reload.
        Assert.StartsWith("已掛單：賣出 5 股 @ 19", await alice.PlaceAsync("sell", 5, 19));
        await Expect(alice.ReservedShares("CAMP")).ToHaveTextAsync("5");
        await Expect(bob.Ask(19).GetByTestId("qty")).ToHaveTextAsync("5", WithinASecond);

        // Bob taps her ask (the ticket takes the buy side at 19) and buys 5.
        await bob.Ask(19).ClickAsync();
        await Expect(bob.Id("price-input")).ToHaveValueAsync("19");
        await bob.Id("qty-input").FillAsync("5");
        Assert.StartsWith("全部成交：買進 5 股，均價 19", await bob.SubmitAsync());

        foreach (var trader in new[] { alice, bob })
        {
            await Expect(trader.Trades.First.GetByTestId("trade-price")).ToHaveTextAsync("19", WithinASecond);
            await Expect(trader.Trades.First.GetByTestId("trade-qty")).ToHaveTextAsync("5", WithinASecond);
            await Expect(trader.LastPrice).ToHaveTextAsync("19", WithinASecond);
            await Expect(trader.Ask(19)).ToHaveCountAsync(0, CountWithinASecond);
        }
        await Expect(alice.Points).ToHaveTextAsync("9,895", WithinASecond);
        await Expect(alice.Shares("CAMP")).ToHaveTextAsync("5", WithinASecond);
        await Expect(alice.ReservedShares("CAMP")).ToHaveTextAsync("0", WithinASecond);
        await Expect(alice.MyOrders).ToHaveCountAsync(0, CountWithinASecond);
        await Expect(bob.Points).ToHaveTextAsync("9,905", WithinASecond);
        await Expect(bob.Shares("CAMP")).ToHaveTextAsync("5", WithinASecond);
    });

    [Fact]
    public Task Cancelling_an_order_removes_it_and_releases_what_it_reserved() => RunAsync(async () =>
    {
        var carol = await SignInAsync("carol");
        var dave = await SignInAsync("dave");
        Assert.StartsWith("全部成交", await carol.PlaceAsync("buy", 8));

        // A resting sell: listed under My orders, its shares reserved, visible to Dave.
        Assert.StartsWith("已掛單：賣出 3 股 @ 23", await carol.PlaceAsync("sell", 3, 23));
        await Expect(carol.MyOrders).ToHaveCountAsync(1);
        await Expect(carol.MyOrders.First.GetByTestId("order-qty")).ToHaveTextAsync("3 股");
        await Expect(carol.MyOrders.First.GetByTestId("order-price")).ToHaveTextAsync("23");
        await Expect(carol.ReservedShares("CAMP")).ToHaveTextAsync("3");
        await Expect(dave.Ask(23).GetByTestId("qty")).ToHaveTextAsync("3", WithinASecond);

        await carol.CancelFirstOrderAsync();
        await Expect(carol.MyOrders).ToHaveCountAsync(0, CountWithinASecond);
        await Expect(carol.Id("no-orders")).ToBeVisibleAsync();
        await Expect(carol.ReservedShares("CAMP")).ToHaveTextAsync("0", WithinASecond);
        await Expect(carol.Shares("CAMP")).ToHaveTextAsync("8");
        await Expect(dave.Ask(23)).ToHaveCountAsync(0, CountWithinASecond);

        // A partly filled buy: the ticket tells what filled and what rests; cancelling the rest frees its points.
        await carol.PlaceAsync("sell", 3, 18);
        Assert.Equal("部分成交：買進 3/10 股，均價 18；7 股掛單中 @ 18",
            await dave.PlaceAsync("buy", 10, 18));
        await Expect(dave.ReservedPoints).ToHaveTextAsync("126");
        await Expect(dave.MyOrders.First.GetByTestId("order-qty")).ToHaveTextAsync("7 股");
        await Expect(carol.Bid(18).GetByTestId("qty")).ToHaveTextAsync("7", WithinASecond);
        await Expect(carol.Points).ToHaveTextAsync(Trader.N(10_000 - 8 * 20 + 3 * 18), WithinASecond);

        await dave.CancelFirstOrderAsync();
        await Expect(dave.MyOrders).ToHaveCountAsync(0, CountWithinASecond);
        await Expect(dave.ReservedPoints).ToHaveTextAsync("0", WithinASecond);
        await Expect(dave.Points).ToHaveTextAsync("9,946");
        await Expect(carol.Bid(18)).ToHaveCountAsync(0, CountWithinASecond);
    });

    [Fact]
    public Task Orders_wait_for_confirmation_fills_are_listed_live_and_the_chart_range_switches() => RunAsync(async () =>
    {
        var nia = await SignInAsync("nia");
        var oto = await SignInAsync("oto");
        await Expect(nia.Id("no-fills")).ToBeVisibleAsync();

        // A market buy asks first: side, quantity, the band edge as the worst price, the estimate and no fee.
        await nia.Id("side-buy").ClickAsync();
        await nia.Ticket.GetByText("市價", new() { Exact = true }).ClickAsync();
        await nia.Id("qty-input").FillAsync("4");
        await nia.OpenConfirmationAsync();
        await Expect(nia.Id("confirm-side")).ToHaveTextAsync("買 CAMP");
        await Expect(nia.Id("confirm-qty")).ToHaveTextAsync("4 股");
        await Expect(nia.Id("confirm-price")).ToHaveTextAsync("市價，最高到漲停 24");
        await Expect(nia.Id("confirm-estimate")).ToContainTextAsync("點");
        await Expect(nia.Id("confirm-fee")).ToHaveTextAsync("0 點（交易不收手續費）");

        // Escape backs out (focus returns to the submit button), and so does the cancel button: nothing is sent.
        await EscapeAsync(nia.Page, nia.Id("order-confirm"));
        await Expect(nia.Id("submit-order")).ToBeFocusedAsync();
        await nia.OpenConfirmationAsync();
        await nia.Id("confirm-cancel").ClickAsync();
        await Expect(nia.Id("order-confirm")).ToHaveCountAsync(0);
        await Expect(nia.Ticket).ToHaveAttributeAsync("data-submissions", "0");
        await Expect(nia.Points).ToHaveTextAsync("10,000");
        await Expect(nia.MyFills).ToHaveCountAsync(0);

        if (ForDocs)
        {
            await nia.OpenConfirmationAsync();
            await nia.Page.WaitForTimeoutAsync(400);
            await ShootAsync(nia.Page, "trade-confirm-phone");
            await nia.Id("confirm-cancel").ClickAsync();
        }

        // Confirmed: the buy fills and shows up in her fills.
        Assert.StartsWith("全部成交：買進 4 股", await nia.SubmitAsync());
        await Expect(nia.MyFills).ToHaveCountAsync(1);
        await Expect(nia.MyFills.First).ToHaveAttributeAsync("data-side", "buy");
        await Expect(nia.MyFills.First.GetByTestId("fill-qty")).ToHaveTextAsync("4");

        // She sells 2 at the band's floor: a resting bid takes them now, or else Oto does.
        var sold = await nia.PlaceAsync("sell", 2, 16);
        if (sold.StartsWith("已掛單", StringComparison.Ordinal))
        {
            Assert.StartsWith("全部成交：買進 2 股，均價 16", await oto.PlaceAsync("buy", 2, 16));
            await Expect(oto.MyFills.First).ToHaveAttributeAsync("data-side", "buy");
            await Expect(oto.MyFills.First.GetByTestId("fill-price")).ToHaveTextAsync("16");
        }
        await Expect(nia.MyFills).ToHaveCountAsync(2, CountWithinASecond);
        await Expect(nia.MyFills.First).ToHaveAttributeAsync("data-side", "sell");
        await Expect(nia.MyFills.First.GetByTestId("fill-qty")).ToHaveTextAsync("2");
        await Expect(nia.MyFills.First.GetByTestId("fill-side")).ToHaveTextAsync("賣");

        // The chart leads with today's line; candles are a switch away, with their range: a day, a week, everything.
        var canvas = nia.Id("chart-canvas");
        await Expect(canvas).ToHaveAttributeAsync("data-style", "line");
        await Expect(canvas).ToHaveAttributeAsync("data-range", "TODAY");
        await Expect(canvas).ToHaveAttributeAsync("data-candles", new Regex("^[1-9]"));
        await Expect(nia.Id("chart-range")).ToHaveCountAsync(0);
        await nia.Id("chart-style").GetByText("K線", new() { Exact = true }).ClickAsync();
        await Expect(canvas).ToHaveAttributeAsync("data-style", "candles");
        await Expect(canvas).ToHaveAttributeAsync("data-range", "1D");
        await nia.Id("chart-range").GetByText("近1週", new() { Exact = true }).ClickAsync();
        await Expect(canvas).ToHaveAttributeAsync("data-range", "1W");
        await nia.Id("chart-range").GetByText("全部", new() { Exact = true }).ClickAsync();
        await Expect(canvas).ToHaveAttributeAsync("data-range", "ALL");
        await Expect(canvas).ToHaveAttributeAsync("data-candles", new Regex("^[1-9]"));
    });

    [Fact]
    public Task An_order_the_account_cannot_cover_is_stopped_on_the_ticket_in_plain_zh_TW() => RunAsync(async () =>
    {
        var erin = await SignInAsync("erin");

        // Selling shares she does not have: the ticket says how many she can sell and will not send it (no code in sight).
        await erin.Id("side-sell").ClickAsync();
        await erin.Ticket.GetByText("限價", new() { Exact = true }).ClickAsync();
        await erin.Id("price-input").FillAsync("20");
        await erin.Id("qty-input").FillAsync("5");
        await Expect(erin.Id("ticket-max")).ToHaveTextAsync("0 股");
        await Expect(erin.Id("submit-blocked")).ToHaveTextAsync("可用股數不足（可用 0 股）。");
        await Expect(erin.Id("submit-order")).ToBeDisabledAsync();
        // Buying more than her 10,000 points pay for at 20: "can buy 500".
        await erin.Id("side-buy").ClickAsync();
        await erin.Id("price-input").FillAsync("20");
        await erin.Id("qty-input").FillAsync("501");
        await Expect(erin.Id("ticket-max")).ToHaveTextAsync("500 股");
        await Expect(erin.Id("submit-blocked")).ToHaveTextAsync("點數不夠：這個價格最多可買 500 股（可用 10,000 點）。");
        await Expect(erin.Id("submit-order")).ToBeDisabledAsync();
        await Expect(erin.Points).ToHaveTextAsync("10,000");
        await Expect(erin.MyOrders).ToHaveCountAsync(0);
    });

    [Fact]
    public Task The_English_switch_turns_the_trade_page_into_English_and_back() => RunAsync(async () =>
    {
        var ivy = await SignInAsync("ivy");
        await Expect(ivy.Id("side-buy")).ToHaveTextAsync("買進");

        await ivy.Id("language-switch").ClickAsync();
        await Expect(ivy.Page).ToHaveURLAsync(Trader.TradeUrl());
        await ivy.WaitUntilInteractiveAsync();
        await Expect(ivy.Id("side-buy")).ToHaveTextAsync("Buy");
        await Expect(ivy.Id("side-sell")).ToHaveTextAsync("Sell");
        await Expect(ivy.Id("portfolio").Locator("h2")).ToHaveTextAsync("Portfolio");
        await Expect(ivy.Id("order-book").Locator("h2")).ToContainTextAsync("Order book");
        await Expect(ivy.Id("no-orders")).ToHaveTextAsync("No open orders");

        // The engine's answers come in English too, and so do the ticket's own limits.
        await ivy.Id("side-buy").ClickAsync();
        await ivy.Ticket.GetByText("Market", new() { Exact = true }).ClickAsync();
        await ivy.Id("qty-input").FillAsync("2");
        Assert.Equal("Filled: bought 2 at avg 20", await ivy.SubmitAsync());
        await ivy.Ticket.GetByText("Limit", new() { Exact = true }).ClickAsync();
        await ivy.Id("price-input").FillAsync("30");
        await Expect(ivy.Id("band-warning")).ToHaveTextAsync("Outside the band 16–24");
        await Expect(ivy.Id("submit-order")).ToBeDisabledAsync();
        await ivy.Id("side-sell").ClickAsync();
        // The sell side drawn before typing: a late draw of the side switch must not replace the quantity typed next.
        await Expect(ivy.Id("ticket-max")).ToHaveTextAsync("2 sh");
        await ivy.Id("price-input").FillAsync("20");
        await ivy.Id("qty-input").FillAsync("5");
        // More than she holds: the ticket says so in English and does not send it.
        await Expect(ivy.Id("submit-blocked")).ToHaveTextAsync("Not enough shares (2 available).");
        await Expect(ivy.Id("submit-order")).ToBeDisabledAsync();
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", await ivy.Id("order-ticket").InnerTextAsync());

        if (ForDocs)
        {
            await ivy.Page.WaitForTimeoutAsync(300);
            await ShootAsync(ivy.Page, "trade-english-phone");
        }

        await ivy.Id("language-switch").ClickAsync();
        await ivy.WaitUntilInteractiveAsync();
        await Expect(ivy.Id("side-buy")).ToHaveTextAsync("買進");
    });

    [Fact]
    public Task After_a_dropped_connection_the_page_reconnects_and_shows_what_happened_meanwhile() => RunAsync(async () =>
    {
        var kim = await SignInAsync("kim");
        var lee = await SignInAsync("lee");

        // Kim's circuit runs through a socket the test can cut, and refuse to restore, at will.
        var accepting = true;
        var sockets = new List<IWebSocketRoute>();
        await kim.Page.RouteWebSocketAsync(new Regex("/_blazor"), ws =>
        {
            if (!Volatile.Read(ref accepting)) { _ = ws.CloseAsync(); return; }
            ws.ConnectToServer();
            lock (sockets) sockets.Add(ws);
        });
        // Without a socket SignalR falls back to server-sent events or long polling over plain requests: cut those too,
        // or the circuit comes back while Kim is meant to be away.
        await kim.Page.RouteAsync(new Regex("/_blazor"), route => Volatile.Read(ref accepting) ? route.ContinueAsync() : route.AbortAsync());
        await kim.Page.ReloadAsync();
        await kim.WaitUntilInteractiveAsync();

        Volatile.Write(ref accepting, false);
        IWebSocketRoute[] open;
        lock (sockets) open = [.. sockets];
        foreach (var ws in open) await ws.CloseAsync();
        var modal = kim.Id("reconnect-modal");
        await Expect(modal).ToHaveClassAsync(new Regex(@"\bcomponents-reconnect-(show|failed)\b"));
        await Expect(modal).ToBeVisibleAsync();

        // While Kim is away, Lee buys from the IPO and offers 3 at 19.
        Assert.StartsWith("全部成交", await lee.PlaceAsync("buy", 3));
        Assert.StartsWith("已掛單", await lee.PlaceAsync("sell", 3, 19));

        // The network comes back: the same circuit resumes, and the page shows the book as it is now and works.
        Volatile.Write(ref accepting, true);
        await Expect(modal).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await Expect(kim.Ask(19).GetByTestId("qty")).ToHaveTextAsync("3");
        await kim.Ask(19).ClickAsync();
        await kim.Id("qty-input").FillAsync("3");
        Assert.StartsWith("全部成交：買進 3 股，均價 19", await kim.SubmitAsync());
    });

    [Fact]
    public Task The_book_and_tape_drawn_from_the_shared_stream_mark_what_is_mine_and_colour_each_side() => RunAsync(async () =>
    {
        var pia = await SignInAsync("pia");
        var quin = await SignInAsync("quin");

        // Pia's buy: on her tape the row is marked as hers, on Quin's the same trade is not; a buyer took: red ("up").
        Assert.StartsWith("全部成交", await pia.PlaceAsync("buy", 6));
        var tradeId = await pia.Trades.First.GetAttributeAsync("data-trade-id");
        await Expect(pia.Trades.First.GetByTestId("trade-mine")).ToHaveTextAsync("我買", WithinASecond);
        await Expect(pia.Trades.First).ToHaveClassAsync(new Regex(@"\bmine\b"));
        await Expect(quin.Trades.First).ToHaveAttributeAsync("data-trade-id", tradeId!);
        await Expect(quin.Trades.First.GetByTestId("trade-mine")).ToHaveCountAsync(0);
        await Expect(quin.Trades.First.GetByTestId("trade-price")).ToHaveClassAsync(new Regex(@"\bup\b"));

        // Her ask at the top of the band: marked hers on her book only, sell-side green, with a depth bar.
        Assert.StartsWith("已掛單", await pia.PlaceAsync("sell", 2, 24));
        await Expect(pia.Ask(24)).ToHaveAttributeAsync("data-mine", "true", new() { Timeout = 1_000 });
        await Expect(pia.Ask(24).Locator(".own-mark")).ToHaveCountAsync(1);
        await Expect(quin.Ask(24).GetByTestId("qty")).ToHaveTextAsync("2", WithinASecond);
        Assert.Null(await quin.Ask(24).GetAttributeAsync("data-mine"));
        await Expect(quin.Ask(24).Locator(".price")).ToHaveClassAsync(new Regex(@"\bdown\b"));
        Assert.Contains("--depth:", await quin.Ask(24).GetAttributeAsync("style") ?? "", StringComparison.Ordinal);
        // Asks stand highest first, down to the spread.
        var asks = await quin.Page.Locator("[data-testid=book-ask]").EvaluateAllAsync<long[]>("rows => rows.map(r => Number(r.dataset.price))");
        Assert.Equal(asks.OrderDescending(), asks);
        Assert.Equal(24, asks[0]);

        // Enter on a focused ask takes the buy side at its price, as a tap does.
        await quin.Ask(24).FocusAsync();
        await quin.Page.Keyboard.PressAsync("Enter");
        await Expect(quin.Id("price-input")).ToHaveValueAsync("24");
        await Expect(quin.Id("submit-order")).ToContainTextAsync("買進");

        // Cancelled: gone from both books, and the mark with it.
        await pia.CancelFirstOrderAsync();
        await Expect(pia.Ask(24)).ToHaveCountAsync(0, CountWithinASecond);
        await Expect(quin.Ask(24)).ToHaveCountAsync(0, CountWithinASecond);
    });

    [Fact]
    public Task An_unknown_symbol_says_so() => RunAsync(async () =>
    {
        var gus = await SignInAsync("gus");
        await gus.Page.GotoAsync("/trade/NOPE");
        await Expect(gus.Id("no-instrument")).ToContainTextAsync("NOPE");
    });

    [Fact]
    public Task Visiting_trade_without_signing_in_redirects_to_sign_in_and_back() => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/trade");
        await Expect(page).ToHaveURLAsync(new Regex(@"/signin\?returnUrl=%2Ftrade$", RegexOptions.IgnoreCase));
        await Expect(page.GetByTestId("signin-form")).ToBeVisibleAsync();

        await page.Locator("#name").FillAsync($"hank-{Guid.NewGuid():N}"[..11]);
        await page.Locator("[data-testid=signin-form] button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(Trader.TradeUrl());
        await Expect(page.GetByTestId("points")).ToHaveTextAsync("10,000");
    });
}
