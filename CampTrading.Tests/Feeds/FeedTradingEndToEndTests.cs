using CampTrading.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.Feeds;

/// <summary>
/// A feed-priced instrument in real browsers against the real app: staff list BTC on the console, priced by the bundled
/// replay recording at 60× (the app's own feed service reads it); a student buys 0.005 BTC on a phone at the house's quote
/// and holds exactly that, rests a limit below the quote and cancels it, while the replayed price keeps moving the quote.
/// Screenshots: feed-trade (phone, desktop), feed-limit (phone),
/// feed-console (desktop).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class FeedTradingEndToEndTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public Task Staff_list_btc_on_a_replayed_feed_and_a_student_buys_a_fraction_on_the_phone_while_the_price_moves() => RunAsync(async () =>
    {
        var staff = await NewStaffPageAsync("feed-admin", "admin", 1280, 800);
        await staff.GotoAsync("/staff/market");
        await Expect(staff.GetByTestId("market-control")).ToHaveAttributeAsync("data-interactive", "true");
        await staff.GetByTestId("feed-symbol").FillAsync("BTC");
        await staff.GetByTestId("feed-name").FillAsync("Bitcoin");
        await staff.GetByTestId("feed-speed").FillAsync("60");
        await Expect(staff.GetByTestId("feed-symbol")).ToHaveValueAsync("BTC");
        await ClickUntilVisibleAsync(staff.GetByTestId("feed-submit"), staff.GetByTestId("confirm-dialog"));
        await Expect(staff.GetByTestId("confirm-dialog")).ToContainTextAsync("BTC");
        await staff.GetByTestId("confirm-ok").ClickAsync();
        var row = staff.GetByTestId("feed-row").Filter(new() { HasText = "BTC" });
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        var student = await SignInAsync("hodler");
        var phone = student.Page;
        await phone.GotoAsync("/trade/BTC");
        await Expect(phone.GetByTestId("trade-page")).ToHaveAttributeAsync("data-interactive", "true");
        var quote = phone.GetByTestId("feed-quote");
        await Expect(quote).Not.ToContainTextAsync("等待報價", new() { Timeout = 30_000 }); // the first replayed price arrived
        await Expect(phone.GetByTestId("feed-halted")).ToHaveCountAsync(0);
        var firstQuote = (await quote.TextContentAsync())!.Trim();

        await phone.GetByTestId("feed-quantity").FillAsync("0.0005"); // finer than the lot 0.001: refused before sending
        await Expect(phone.GetByTestId("feed-submit-order")).ToBeDisabledAsync();
        await phone.GetByTestId("feed-quantity").FillAsync("0.005");
        await Expect(phone.GetByTestId("feed-preview")).ToBeVisibleAsync();
        await ShootAsync(phone, "feed-trade-phone");
        await phone.GetByTestId("feed-submit-order").ClickAsync();
        await Expect(phone.Locator(".mud-snackbar")).ToContainTextAsync("0.005 BTC");
        await Expect(phone.GetByTestId("holding-BTC")).ToContainTextAsync("0.005");
        await Expect(phone.GetByTestId("my-fill").First.GetByTestId("fill-qty")).ToHaveTextAsync("0.005"); // units, not minor units
        await Expect(phone.GetByTestId("trades-tape").GetByTestId("trade-qty").First).ToHaveTextAsync("0.005");
        await Expect(phone.GetByTestId("band")).ToHaveCountAsync(0); // a feed has no price band
        await Expect(phone.GetByTestId("order-book")).ToHaveCountAsync(0); // nor a book: the house quotes on the ticket

        // A limit far below the quote rests in My orders, in BTC rather than minor units, and is cancelled from there.
        await phone.GetByTestId("feed-order-type").GetByText("限價").ClickAsync();
        await phone.GetByTestId("feed-price").FillAsync("1000");
        await phone.GetByTestId("feed-quantity").FillAsync("0.01");
        await Expect(phone.GetByTestId("feed-limit-outcome")).ToHaveAttributeAsync("data-rests", "true");
        await phone.GetByTestId("feed-submit-order").ClickAsync();
        var resting = phone.GetByTestId("my-order");
        await Expect(resting).ToHaveCountAsync(1);
        await Expect(resting.GetByTestId("order-qty")).ToHaveTextAsync("0.010");
        await Expect(resting.GetByTestId("order-price")).ToHaveTextAsync("1,000");
        await ShootAsync(phone, "feed-limit-phone");
        await resting.GetByTestId("cancel-order").ClickAsync();
        await phone.GetByTestId("confirm-ok").ClickAsync();
        await Expect(phone.GetByTestId("my-order")).ToHaveCountAsync(0);

        // The replay keeps moving the price: the quote changes without the student doing anything.
        await Expect(quote).Not.ToHaveTextAsync(firstQuote, new() { Timeout = 60_000 });

        var desktop = (await SignInAgainAsync(student, 1280, 800)).Page;
        await desktop.GotoAsync("/trade/BTC");
        await Expect(desktop.GetByTestId("trade-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(desktop.GetByTestId("holding-BTC")).ToContainTextAsync("0.005");
        await ExpectChartDrawnAsync(desktop); // the chart spans the book's columns: a feed has no book
        await ShootAsync(desktop, "feed-trade-desktop");
        await Expect(row.GetByTestId("feed-status")).ToBeVisibleAsync();
        await ShootAsync(staff, "feed-console-desktop");
    });
}
