using CampTrading.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.MarketMaker;

/// <summary>
/// The house market maker from the console in a real browser against the real app: an admin chooses the stock, saves the
/// settings, funds the house and resumes it; its quotes appear on the page and in a student's order book on the phone;
/// the dashboard card shows it quoting; a pause takes them away. Screenshots: market-maker (desktop and phone).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class MarketMakerEndToEndTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public Task Staff_set_up_fund_resume_and_pause_the_house_market_maker() => RunAsync(async () =>
    {
        var admin = await NewStaffPageAsync("maker-admin", "admin", 1280, 800);
        await admin.GotoAsync("/staff");
        await Expect(admin.GetByTestId("dashboard")).ToHaveAttributeAsync("data-interactive", "true");
        await StaffNavAsync(admin, "market-maker");
        await Expect(admin.GetByTestId("market-maker")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(admin.GetByTestId("maker-state")).ToContainTextAsync("Not set up");

        // A refused setting first: nothing is stored.
        await admin.GetByTestId("maker-levels").FillAsync("11");
        // The field checks itself when the value is committed: wait for that round trip, or on a busy machine the click
        // can land while the form is re-rendering with the new value and be lost.
        await admin.GetByTestId("maker-levels").PressAsync("Tab");
        await Expect(admin.Locator(".mud-input-helper-text.mud-input-error").Filter(new() { HasText = "The levels must be 1–10" })).ToBeVisibleAsync();
        await admin.GetByTestId("maker-save").ClickAsync();
        await Expect(admin.GetByTestId("maker-outcome-errors")).ToContainTextAsync("Choose a stock");
        await Expect(admin.GetByTestId("maker-outcome-errors")).ToContainTextAsync("The levels must be 1–10");

        await admin.PickAsync("maker-stock", "CAMP");
        await admin.GetByTestId("maker-levels").FillAsync("2");
        await admin.GetByTestId("maker-refresh").FillAsync("1");
        await admin.GetByTestId("maker-save").ClickAsync();
        await Expect(admin.GetByTestId("maker-outcome")).ToContainTextAsync("Settings saved");
        await Expect(admin.GetByTestId("maker-state")).ToContainTextAsync("Paused by staff");

        await admin.GetByTestId("maker-fund-points").FillAsync("50000");
        await admin.GetByTestId("maker-fund-shares").FillAsync("200");
        await admin.GetByTestId("maker-fund-go").ClickAsync();
        await Expect(admin.GetByTestId("maker-fund-outcome")).ToContainTextAsync("Funded 50,000 points and 200 shares");

        await admin.GetByTestId("maker-resume").ClickAsync();
        await Expect(admin.GetByTestId("maker-state")).ToContainTextAsync("Quoting");
        // The IPO ask rests at 20: the house bids below it (19, 18) and asks above the mark (21, 22).
        await Expect(admin.GetByTestId("maker-quote")).ToHaveCountAsync(4);
        await Expect(admin.GetByTestId("maker-shares")).ToHaveTextAsync("200");

        var student = await SignInAsync("maker-student");
        await Expect(student.Page.Locator("[data-testid=book-bid][data-price='19']")).ToHaveCountAsync(1);
        await Expect(student.Page.Locator("[data-testid=book-ask][data-price='21']")).ToHaveCountAsync(1);

        await admin.EvaluateAsync("window.scrollTo(0, 0)");
        await ShootPhoneAndDesktopAsync(admin, "market-maker", fullPage: true);

        await admin.GotoAsync("/staff");
        await Expect(admin.GetByTestId("dash-market-maker")).ToContainTextAsync("Quoting");
        await Expect(admin.GetByTestId("dash-market-maker")).ToContainTextAsync("CAMP");

        await admin.GotoAsync("/staff/market-maker");
        await Expect(admin.GetByTestId("market-maker")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.GetByTestId("maker-pause").ClickAsync();
        await Expect(admin.GetByTestId("maker-state")).ToContainTextAsync("Paused by staff");
        await Expect(admin.GetByTestId("maker-no-quotes")).ToBeVisibleAsync();
        await Expect(student.Page.Locator("[data-testid=book-bid][data-price='19']")).ToHaveCountAsync(0);
    });
}
