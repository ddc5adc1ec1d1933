using CampTrading.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// The opening auction in a browser: staff close the market and press Pre-open on the console; two students on phones
/// place a crossing sell at 19 and buy at 21; both pages and the board show the same indicative price (19: the IPO's
/// ask at 20 adds volume only at 20 and above, so 19 has the least imbalance); staff open; both see the one trade at 19.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class OpeningAuctionE2ETests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public Task Staff_pre_open_two_phones_see_one_indicative_price_and_the_open_trades_at_it() => RunAsync(async () =>
    {
        var alice = await SignInAsync("auction-alice");
        var bob = await SignInAsync("auction-bob");
        Assert.StartsWith("全部成交：買進 5 股", await alice.PlaceAsync("buy", 5)); // shares to sell in the auction

        var board = await NewPageAsync(1280, 800);
        await board.GotoAsync("/board");
        await Expect(board.GetByTestId("board")).ToHaveAttributeAsync("data-interactive", "true");

        var admin = await NewStaffPageAsync("admin-auction", "admin", 1280, 800);
        await admin.GotoAsync("/staff");
        await StaffNavAsync(admin, "market");
        await Expect(admin.GetByTestId("market-control")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.GetByTestId("override-close").ClickAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();
        await Expect(admin.GetByTestId("control-session")).ToContainTextAsync("Closed");
        await admin.GetByTestId("override-pre-open").ClickAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();
        await Expect(admin.GetByTestId("control-session")).ToContainTextAsync("Pre");

        foreach (var student in new[] { alice, bob })
            await Expect(student.Id("auction-countdown").First).ToContainTextAsync("工作人員宣布開盤時撮合");
        await Expect(board.GetByTestId("board-banner")).ToContainTextAsync("工作人員宣布開盤時撮合");

        Assert.StartsWith("已掛單：賣出 5 股 @ 19", await alice.PlaceAsync("sell", 5, 19));
        Assert.StartsWith("已掛單：買進 5 股 @ 21", await bob.PlaceAsync("buy", 5, 21));
        foreach (var student in new[] { alice, bob })
            await Expect(student.Id("indicative")).ToHaveTextAsync("試算價 19，可成交 5 股");
        await Expect(board.GetByTestId("board-indicative")).ToContainTextAsync("19");

        await ShootAsync(alice.Page, "trade-pre-open-phone", fullPage: true);
        await ShootAsync(board, "board-pre-open-desktop");
        var desk = await SignInAsync("auction-desk", 1280, 800);
        await Expect(desk.Id("indicative")).ToHaveTextAsync("試算價 19，可成交 5 股");
        await ShootAsync(desk.Page, "trade-pre-open-desktop", fullPage: true);
        var boardPhone = await NewPageAsync(390, 844);
        await boardPhone.GotoAsync("/board");
        await Expect(boardPhone.GetByTestId("board-indicative")).ToContainTextAsync("19");
        await ShootAsync(boardPhone, "board-pre-open-phone", fullPage: true);

        await admin.GetByTestId("override-open").ClickAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();
        await Expect(admin.GetByTestId("control-session")).ToContainTextAsync("Open");
        foreach (var student in new[] { alice, bob })
        {
            await Expect(student.Trades.First.GetByTestId("trade-price")).ToHaveTextAsync("19");
            await Expect(student.Trades.First.GetByTestId("trade-qty")).ToHaveTextAsync("5");
            await Expect(student.LastPrice).ToHaveTextAsync("19");
        }
        await Expect(bob.Shares("CAMP")).ToHaveTextAsync("5");
        await Expect(board.GetByTestId("board-banner")).ToHaveCountAsync(0);
    });
}
