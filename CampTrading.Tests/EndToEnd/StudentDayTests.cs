using System.Text.RegularExpressions;
using CampTrading.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// A student's day in real Chromium (issue 12): web notifications reach the phone that is not acting, the point history tells
/// a trade without the other side's name, the ticket stops what cannot go through, and a closed market is a banner.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class StudentDayTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public Task A_resting_order_filled_from_another_phone_is_a_toast_and_the_history_tells_the_trade() => RunAsync(async () =>
    {
        var nora = await SignInAsync("nora");
        var otto = await SignInAsync("otto");
        Assert.StartsWith("全部成交：買進 10 股", await nora.PlaceAsync("buy", 10));
        Assert.StartsWith("已掛單：賣出 5 股 @ 19", await nora.PlaceAsync("sell", 5, 19));
        // Nora has switched to another tab (as far as her page can tell).
        await nora.Page.EvaluateAsync("() => { document.hasFocus = () => false; }");

        Assert.StartsWith("全部成交：買進 5 股，均價 19", await otto.PlaceAsync("buy", 5, 19));

        // Nora's phone did nothing: the fill of her resting order reaches it as a toast, linking to the stock.
        var toast = nora.Id("notification-toast");
        await Expect(toast).ToContainTextAsync("成交：賣出 CAMP 5 股 @ 19，委託全部成交");
        await Expect(toast).ToHaveAttributeAsync("data-kind", "fills");
        // The tab says there is news, until she looks at it again.
        await Expect(nora.Page).ToHaveTitleAsync(new Regex(@"^\(1\) CAMP"));
        await nora.Page.EvaluateAsync("() => { delete document.hasFocus; window.dispatchEvent(new Event('focus')); }");
        await Expect(nora.Page).Not.ToHaveTitleAsync(new Regex(@"^\(\d+\) "));
        await Expect(nora.MyOrders).ToHaveCountAsync(0);
        // Otto took the order and already read the answer on his ticket: no second notice for him.
        await Expect(otto.Id("notification-toast")).ToHaveCountAsync(0);
        await ShootPhoneAndDesktopAsync(nora.Page, "notification-toast");

        // Her point history tells the trade — what, how many, at what price — and never that it was Otto.
        await nora.Page.GotoAsync("/wallet");
        await Expect(nora.Id("point-history")).ToBeVisibleAsync();
        var sale = nora.Page.Locator("[data-testid=ledger-row][data-kind=Trade]").First;
        await Expect(sale.GetByTestId("ledger-detail")).ToHaveTextAsync("賣出 5 CAMP @ 19");
        await Expect(nora.Id("point-history")).Not.ToContainTextAsync("otto");
        // Scrolled to the sale at each width (a resize lays the page out again from the top).
        foreach (var (width, height, name) in new[] { (390, 844, "point-history-trade-phone"), (1280, 800, "point-history-trade-desktop") })
        {
            await nora.Page.SetViewportSizeAsync(width, height);
            await sale.EvaluateAsync("e => e.scrollIntoView({ block: 'center' })");
            await ShootAsync(nora.Page, name);
        }
    });

    [Fact]
    public Task The_ticket_says_what_I_can_buy_and_a_closed_market_is_a_banner() => RunAsync(async () =>
    {
        var pia = await SignInAsync("pia");
        await Expect(pia.Id("market-closed-banner")).ToHaveCountAsync(0);

        await pia.Id("side-buy").ClickAsync();
        await pia.Ticket.GetByText("限價", new() { Exact = true }).ClickAsync();
        await pia.Id("price-input").FillAsync("20");
        await pia.Id("qty-input").FillAsync("600");
        await Expect(pia.Id("ticket-max")).ToHaveTextAsync("500 股");
        await Expect(pia.Id("submit-blocked")).ToHaveTextAsync("點數不夠：這個價格最多可買 500 股（可用 10,000 點）。");
        await Expect(pia.Id("submit-order")).ToBeDisabledAsync();
        await pia.Id("submit-blocked").EvaluateAsync("e => e.scrollIntoView({ block: 'center' })");
        await ShootPhoneAndDesktopAsync(pia.Page, "trade-ticket-validation");

        // The staff close the market: the trade page says so across the top, live.
        var admin = await NewStaffPageAsync("admin-day", "admin", 1280, 800);
        await admin.GotoAsync("/staff/market");
        await Expect(admin.GetByTestId("market-control")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.GetByTestId("override-close").ClickAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();
        await Expect(admin.GetByTestId("control-session")).ToContainTextAsync("Closed");

        await Expect(pia.Id("market-closed-banner")).ToContainTextAsync("休市");
        await Expect(pia.Id("market-closed-banner")).ToContainTextAsync("現在不能下單");
        await Expect(pia.Id("submit-order")).ToBeDisabledAsync();
        await pia.Page.EvaluateAsync("window.scrollTo(0, 0)");
        await ShootPhoneAndDesktopAsync(pia.Page, "trade-market-closed");
        await pia.Id("theme-switch").ClickAsync();
        await Expect(pia.Page.Locator("html")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\btheme-light\b"));
        await pia.WaitUntilInteractiveAsync();
        await Expect(pia.Id("market-closed-banner")).ToBeVisibleAsync();
        await pia.Page.SetViewportSizeAsync(390, 844);
        await pia.Page.EvaluateAsync("window.scrollTo(0, 0)");
        await ShootAsync(pia.Page, "trade-market-closed-light-phone");

        await admin.GetByTestId("override-open").ClickAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();
        await Expect(pia.Id("market-closed-banner")).ToHaveCountAsync(0);
    });
}
