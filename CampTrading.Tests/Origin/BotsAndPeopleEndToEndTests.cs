using CampTrading.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.Origin;

/// <summary>
/// Bots vs people in a real browser against the real app: a camper's program places an order through the API, another
/// camper trades on the page; the leaderboard's Bots / People chips list each, with a "bot" mark. Screenshots:
/// leaderboard-bots. Staff then see both orders on the console's order history and filter the bot's out by origin
/// (staff-orders, staff-orders-phone).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class BotsAndPeopleEndToEndTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public Task An_api_trader_is_a_bot_on_the_leaderboard_and_the_chips_list_bots_and_people() => RunAsync(async () =>
    {
        var bot = await SignInAsync("algo", 1280, 800);
        using (var api = await ApiTrader.CreateAsync(bot.Page, App.BaseUrl))
            Assert.Equal("open", await api.PlaceAsync("buy", 2, 19));

        var person = await SignInAsync("hand");
        Assert.StartsWith("已掛單", await person.PlaceAsync("buy", 3, 18), StringComparison.Ordinal);

        var phone = person.Page;
        await phone.GotoAsync("/leaderboard");
        await Expect(phone.GetByTestId("leaderboard-page")).ToHaveAttributeAsync("data-interactive", "true");
        var botRow = phone.Locator("tr", new() { HasText = bot.Name });
        await Expect(botRow.GetByTestId("bot-mark")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("my-row").GetByTestId("bot-mark")).ToHaveCountAsync(0);

        await phone.GetByTestId("trader-filter-bots").ClickAsync();
        await Expect(phone.Locator("tr", new() { HasText = person.Name })).ToHaveCountAsync(0);
        await Expect(botRow).ToHaveCountAsync(1);
        await Expect(phone.GetByTestId("my-rank-pinned")).ToHaveCountAsync(0); // she is not a bot: no rank in this list
        await ShootPhoneAndDesktopAsync(phone, "leaderboard-bots");

        await phone.GetByTestId("trader-filter-people").ClickAsync();
        await Expect(phone.GetByTestId("my-row")).ToBeVisibleAsync();
        await Expect(botRow).ToHaveCountAsync(0);
        await Expect(phone.GetByTestId("my-rank-pinned")).ToHaveCountAsync(1);

        // Staff see the whole camp's orders and pick out the bots' with the origin chips.
        foreach (var (width, height, shot) in new[] { (1280, 800, "staff-orders-desktop"), (390, 844, "staff-orders-phone") })
        {
            var staff = await NewStaffPageAsync($"orders-{width}", "admin", width, height);
            await staff.GotoAsync("/staff/orders");
            await Expect(staff.GetByTestId("orders-page")).ToHaveAttributeAsync("data-interactive", "true");
            var botOrder = staff.GetByTestId("order-history").Locator("tr", new() { HasText = bot.Name });
            var personOrder = staff.GetByTestId("order-history").Locator("tr", new() { HasText = person.Name });
            await RefreshUntilAsync(staff, botOrder);
            await Expect(personOrder.GetByTestId("order-history-origin")).ToHaveTextAsync("網頁 Web");
            await Expect(botOrder.GetByTestId("order-history-origin")).ToHaveTextAsync("API");
            await ShootAsync(staff, shot);

            await staff.GetByTestId("orders-origin-api").ClickAsync();
            await Expect(personOrder).ToHaveCountAsync(0);
            await Expect(botOrder).ToHaveCountAsync(1);
            await Expect(staff.GetByTestId("orders-today-api")).ToContainTextAsync("1");
        }
    });

    /// <summary>The order history reads the query table, which trails the engine by a moment: refresh until the row is there.</summary>
    private static async Task RefreshUntilAsync(IPage page, ILocator row)
    {
        for (var attempt = 0; attempt < 20 && await row.CountAsync() == 0; attempt++)
        {
            await page.GetByTestId("orders-refresh").ClickAsync();
            try { await Expect(row).ToHaveCountAsync(1, new() { Timeout = 500 }); }
            catch (PlaywrightException) { }
        }
        await Expect(row).ToHaveCountAsync(1);
    }
}
