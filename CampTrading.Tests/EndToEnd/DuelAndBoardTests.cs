using System.Text.RegularExpressions;
using CampTrading.Tests.Infrastructure;
using Microsoft.Playwright;
using Npgsql;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// Duels between two phones (challenge, accept, hidden choices, result and balances live in both), staff cancelling a
/// duel with a refund, and the public projector board following a trade without anyone signed in.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DuelAndBoardTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = 2_000 };
    private static readonly LocatorAssertionsToHaveCountOptions LiveCount = new() { Timeout = 2_000 };
    private static readonly LocatorAssertionsToContainTextOptions LiveContains = new() { Timeout = 2_000 };

    private static async Task<Trader> OnDuelsAsync(Trader trader)
    {
        await trader.Page.GotoAsync("/duels");
        await Expect(trader.Id("duels-page")).ToHaveAttributeAsync("data-interactive", "true");
        return trader;
    }

    private static ILocator Duel(Trader trader) => trader.Id("my-duel").First;

    /// <summary>The outcome snackbar of this page's <paramref name="n"/>th challenge.</summary>
    private static ILocator DuelMessage(Trader trader, int n) => trader.Page.Locator($"[data-testid=duel-message][data-sent='{n}']");

    [Fact]
    public Task Two_phones_duel_live_and_staff_can_cancel_a_duel_with_a_refund() => RunAsync(async () =>
    {
        var ann = await OnDuelsAsync(await SignInAsync("ann"));
        var ben = await OnDuelsAsync(await SignInAsync("ben"));
        await Expect(ann.Id("no-duels")).ToBeVisibleAsync();

        // Ann challenges Ben by name to rock-paper-scissors for 100: her stake is reserved at once.
        await ann.Id("duel-opponent").FillAsync(ben.Name);
        await ann.Id("duel-stake").FillAsync("100");
        await ann.Id("game-rps").ClickAsync();
        await ann.Id("duel-create").ClickAsync();
        await Expect(DuelMessage(ann, 1)).ToContainTextAsync("已發起挑戰");
        await Expect(ann.Id("duel-available")).ToHaveTextAsync("9,900", Live);
        await Expect(Duel(ann)).ToHaveAttributeAsync("data-phase", "Open", new() { Timeout = 2_000 });
        await Expect(Duel(ann).GetByTestId("duel-opponent-name")).ToHaveTextAsync(ben.Name);
        await Expect(Duel(ann).GetByTestId("duel-countdown")).ToContainTextAsync(new Regex(@"剩餘 [45]:\d\d"));

        // A second challenge while one runs is refused with the engine's reason (its code stays out of sight).
        await ann.Id("duel-opponent").FillAsync("");
        await ann.Id("duel-create").ClickAsync();
        await Expect(DuelMessage(ann, 2)).ToHaveTextAsync("你已經有一場進行中的對決");
        await Expect(DuelMessage(ann, 2)).ToHaveAttributeAsync("data-code", "duel_already_open");
        await ann.DismissAsync(DuelMessage(ann, 1));
        await ann.DismissAsync(DuelMessage(ann, 2));

        // Ben sees it arrive without a reload and accepts: his stake is reserved too.
        var challenge = ben.Id("open-challenge");
        await Expect(challenge).ToHaveCountAsync(1, LiveCount);
        await Expect(challenge).ToContainTextAsync(ann.Name);
        await Expect(challenge).ToContainTextAsync("100");
        await challenge.GetByTestId("accept-duel").ClickAsync();
        await Expect(ben.Id("duel-available")).ToHaveTextAsync("9,900", Live);
        await Expect(Duel(ben)).ToHaveAttributeAsync("data-phase", "AwaitingChoices", new() { Timeout = 2_000 });
        await Expect(Duel(ann)).ToHaveAttributeAsync("data-phase", "AwaitingChoices", new() { Timeout = 2_000 });
        await Expect(ben.Id("open-challenges").GetByTestId("no-open-challenges")).ToBeVisibleAsync();

        // Hidden choices: Ann's rock is not revealed to Ben, who only learns that she chose.
        await Duel(ann).GetByTestId("choose-rock").ClickAsync();
        await Expect(Duel(ann).GetByTestId("duel-waiting")).ToBeVisibleAsync();
        await Expect(Duel(ben)).ToContainTextAsync("對手已出拳", LiveContains);
        await Expect(Duel(ben).GetByTestId("duel-choices")).ToHaveCountAsync(0);

        if (ForDocs) await ShootAsync(ben.Page, "duels-choose-phone", fullPage: true);

        // Ben's scissors lose to rock: both phones show the result and the balances move by the stake.
        await Duel(ben).GetByTestId("choose-scissors").ClickAsync();
        await Expect(Duel(ann).GetByTestId("duel-result")).ToHaveTextAsync("你贏了！+100 點", Live);
        await Expect(Duel(ben).GetByTestId("duel-result")).ToHaveTextAsync("你輸了 −100 點", Live);
        await Expect(Duel(ann).GetByTestId("duel-choices")).ToHaveTextAsync("你出石頭 · 對手出剪刀");
        await Expect(ann.Id("duel-available")).ToHaveTextAsync("10,100", Live);
        await Expect(ben.Id("duel-available")).ToHaveTextAsync("9,900", Live);
        await ben.Page.GotoAsync("/trade");
        await ben.WaitUntilInteractiveAsync();
        await Expect(ben.Points).ToHaveTextAsync("9,900");
        await Expect(ben.ReservedPoints).ToHaveTextAsync("0");

        // Cal throws a coin-flip challenge to the room; staff cancel it and his stake comes back.
        var cal = await OnDuelsAsync(await SignInAsync("cal"));
        await cal.Id("duel-stake").FillAsync("50");
        await cal.Id("game-coin").ClickAsync();
        await cal.Id("duel-create").ClickAsync();
        await Expect(cal.Id("duel-available")).ToHaveTextAsync("9,950", Live);
        await Expect(ann.Id("open-challenge")).ToHaveCountAsync(1, LiveCount); // the room includes Ann

        var staff = await NewStaffPageAsync("duel-admin", "admin", 1280, 800);
        await staff.GotoAsync("/staff/duels");
        await Expect(staff.GetByTestId("staff-duels")).ToHaveAttributeAsync("data-interactive", "true");
        var row = staff.Locator("tr.active-duel", new() { HasText = cal.Name });
        await Expect(row).ToHaveCountAsync(1);
        if (ForDocs)
        {
            await staff.SetViewportSizeAsync(390, 844);
            await ShootAsync(staff, "duels-staff-phone");
            await staff.SetViewportSizeAsync(1280, 800);
        }
        await row.GetByTestId("cancel-duel").ClickAsync();
        await Expect(staff.GetByTestId("confirm-dialog")).ToContainTextAsync("every reserved stake");
        if (ForDocs) await ShootAsync(staff, "duels-staff-desktop");
        await staff.GetByTestId("confirm-ok").ClickAsync();
        await Expect(staff.GetByTestId("staff-duel-message")).ToContainTextAsync("已取消並退款");
        await Expect(row).ToHaveCountAsync(0, LiveCount);
        await Expect(cal.Id("duel-available")).ToHaveTextAsync("10,000", Live);
        await Expect(Duel(cal).GetByTestId("duel-result")).ToHaveTextAsync("已取消，賭注已退回", Live);
        await Expect(ann.Id("open-challenge")).ToHaveCountAsync(0, LiveCount);

        // The cancel is in the audit log under the staff member's name, with its outcome.
        await using (var db = NpgsqlDataSource.Create(App.ConnectionString))
        {
            await using var query = db.CreateCommand("select details->>'result', details->>'challenger' from audit_log where actor = 'duel-admin' and action = 'duel.cancel'");
            await using var reader = await query.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), "no audit row for the duel cancel");
            Assert.Equal("ok", reader.GetString(0));
            Assert.Equal(cal.Name, reader.GetString(1));
            Assert.False(await reader.ReadAsync());
        }

        // A student may not open the moderation page.
        await ann.Page.GotoAsync("/staff/duels");
        await Expect(ann.Page.GetByTestId("staff-duels")).ToHaveCountAsync(0);

        if (ForDocs)
        {
            var folder = ScreenshotFolder();
            await ann.Page.GotoAsync("/duels");
            await Expect(ann.Id("duels-page")).ToHaveAttributeAsync("data-interactive", "true");
            var overflow = await ann.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"The duels page is {overflow}px wider than a 390px phone.");
            await ann.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, "duels-page-phone.png"), FullPage = true });
            var desktop = await OnDuelsAsync(await SignInAgainAsync(ben, 1280, 800));
            await desktop.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, "duels-page-desktop.png"), FullPage = true });
        }
    });

    [Fact]
    public Task The_board_is_public_and_follows_a_trade_live() => RunAsync(async () =>
    {
        var board = await NewPageAsync(1920, 1080);
        await board.GotoAsync("/board");
        await Expect(board).ToHaveURLAsync(new Regex("/board$"));
        await Expect(board.GetByTestId("board")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(board.GetByTestId("board-ticker")).ToHaveCountAsync(1);
        await Expect(board.GetByTestId("board-clock")).ToHaveTextAsync(new Regex(@"^\d\d:\d\d:\d\d$"));
        var drawn = await board.GetByTestId("board-clock").TextContentAsync();
        await Expect(board.GetByTestId("board-clock")).Not.ToHaveTextAsync(drawn!); // moved by the page, not by the server
        // The same script moves countdowns from the server's time at the render, so a phone whose clock is an hour off
        // still counts down to the right moment: 1:02:05 left by the server's clock.
        await board.EvaluateAsync("""
            () => {
                const serverNow = Date.now() + 3600000;
                const probe = document.createElement('strong');
                probe.setAttribute('data-testid', 'probe-countdown');
                probe.setAttribute('data-tick', 'countdown');
                probe.setAttribute('data-now', String(serverNow));
                probe.setAttribute('data-to', String(serverNow + 3725000));
                document.body.appendChild(probe);
            }
            """);
        await Expect(board.GetByTestId("probe-countdown")).ToHaveTextAsync(new Regex(@"^1:02:0[0-5]$"));
        await board.EvaluateAsync("() => document.querySelector('[data-testid=probe-countdown]').remove()");

        var dot = await SignInAsync("dot");
        var eli = await SignInAsync("eli");
        Assert.StartsWith("全部成交", await dot.PlaceAsync("buy", 30));
        await Expect(board.GetByTestId("board-volume")).ToHaveTextAsync("30", Live);
        Assert.StartsWith("已掛單", await dot.PlaceAsync("sell", 12, 19)); // ahead of the IPO's ask at 20
        Assert.StartsWith("全部成交", await eli.PlaceAsync("buy", 12, 19));

        // The trade reaches the projector without a reload: last price (down from 20, so green), tape, day's low, rankings.
        await Expect(board.GetByTestId("board-last-price")).ToHaveTextAsync("19", Live);
        await Expect(board.GetByTestId("board-ticker")).ToHaveClassAsync(new Regex(@"\bdown\b"), new() { Timeout = 2_000 });
        await Expect(board.GetByTestId("board-change")).ToContainTextAsync("−1", LiveContains);
        await Expect(board.GetByTestId("board-trade").First.GetByTestId("board-trade-price")).ToHaveTextAsync("19", Live);
        await Expect(board.GetByTestId("board-trade").First.GetByTestId("board-trade-qty")).ToHaveTextAsync("× 12", Live);
        await Expect(board.GetByTestId("board-trade").First.GetByTestId("board-trade-price")).ToHaveClassAsync(new Regex(@"\bdown\b")); // a downtick
        await Expect(board.GetByTestId("board-high")).ToHaveTextAsync("20", Live);
        await Expect(board.GetByTestId("board-low")).ToHaveTextAsync("19", Live);
        await Expect(board.GetByTestId("board-volume")).ToHaveTextAsync("42", Live);
        // Dot: 10,000 − 30 × 20 + 12 × 19 in points, and 18 shares at the new mark of 19.
        await Expect(board.GetByTestId("board-rank-row").Filter(new() { HasText = dot.Name })).ToContainTextAsync("9,970", LiveContains);
        var green = await board.GetByTestId("board-last-price").EvaluateAsync<string>("e => getComputedStyle(e).color");
        Assert.Equal("rgb(22, 199, 132)", green); // Taiwan: green is down

        // Nothing to press on a projector: no switches, no buttons.
        Assert.Equal(0, await board.GetByTestId("board").Locator("button, [role=button], input, select").CountAsync());
        await Expect(board.GetByTestId("chart-canvas")).ToHaveAttributeAsync("data-style", "line");
        await Expect(board.GetByTestId("chart-canvas")).ToHaveAttributeAsync("data-candles", new Regex("^[1-9]")); // the trades reached the line too
        var fits = await board.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth");
        Assert.True(fits, "The board scrolls at 1920x1080.");
        if (ForDocs)
        {
            var folder = ScreenshotFolder();
            await board.WaitForTimeoutAsync(400);
            await board.ScreenshotAsync(new() { Path = Path.Combine(folder, "board-1920x1080.png") });
            var small = await NewPageAsync(1280, 800);
            await small.GotoAsync("/board");
            await Expect(small.GetByTestId("board")).ToHaveAttributeAsync("data-interactive", "true");
            await Expect(small.GetByTestId("chart-canvas").Locator("canvas").First).ToBeVisibleAsync();
            await small.WaitForTimeoutAsync(400);
            await small.ScreenshotAsync(new() { Path = Path.Combine(folder, "board-1280x800.png") });

            // The reconnect dialog as a dropped phone sees it (shown by hand: the class blazor.web.js sets).
            await dot.Page.EvaluateAsync("() => document.getElementById('components-reconnect-modal').classList.add('components-reconnect-show')");
            await Expect(dot.Id("reconnect-modal")).ToContainTextAsync("正在重新連線");
            await dot.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, "reconnect-phone.png") });
        }
    });
}
