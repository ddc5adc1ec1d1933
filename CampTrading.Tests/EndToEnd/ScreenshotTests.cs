using System.Text.RegularExpressions;
using CampTrading.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// Fills a fresh market (resting orders on both sides, trades for the chart) and photographs the
/// trading page at phone and desktop width, checking what a person would: nothing wider than the
/// phone, the chart drawn with candles.
/// Screenshots go to the test output folder; with CAMP_DOCS_SCREENSHOTS=1 they go to
/// docs/screenshots/ instead and the trades are spread over three minutes so the chart shows several candles.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ScreenshotTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{

    [Fact]
    public Task Populated_trading_page_at_phone_and_desktop_width() => RunAsync(async () =>
    {
        // The market is filled through the trading API (the ticket's own path is TradePageTests'): three tokens, no
        // trading page open while it fills.
        var mei = await SignInAsync("mei");
        var jun = await SignInAsync("jun");
        var ray = await SignInAsync("ray");
        using var meiApi = await ApiTrader.CreateAsync(mei.Page, App.BaseUrl);
        using var junApi = await ApiTrader.CreateAsync(jun.Page, App.BaseUrl);
        using var rayApi = await ApiTrader.CreateAsync(ray.Page, App.BaseUrl);

        // Shares from the IPO for the two sellers.
        Assert.Equal("filled", await meiApi.PlaceAsync("buy", 200));
        Assert.Equal("filled", await junApi.PlaceAsync("buy", 60));

        // Trades below the IPO price (asks at or above 20 queue behind the IPO's million shares),
        // a few per round so each candle has a body; in docs mode each round gets a minute of its own.
        long[][] rounds = [[19, 18], [18, 19, 19], [19, 17, 18], [18, 19, 18, 19], [19, 18, 17, 18]];
        var n = 0;
        for (var round = 0; round < rounds.Length; round++)
        {
            if (ForDocs && round > 0) await WaitForNextMinuteAsync();
            foreach (var price in rounds[round])
            {
                var (seller, buyer) = n % 3 == 0 ? (junApi, rayApi) : n % 3 == 1 ? (meiApi, junApi) : (meiApi, rayApi);
                var quantity = 4 + n * 7 % 11;
                n++;
                Assert.Equal("open", await seller.PlaceAsync("sell", quantity, price));
                Assert.Equal("filled", await buyer.PlaceAsync("buy", quantity, price));
            }
        }

        // Resting orders on both sides.
        Assert.Equal("open", await meiApi.PlaceAsync("sell", 40, 19));
        Assert.Equal("open", await junApi.PlaceAsync("sell", 25, 21));
        Assert.Equal("open", await meiApi.PlaceAsync("sell", 60, 23));
        Assert.Equal("open", await rayApi.PlaceAsync("buy", 30, 17));
        Assert.Equal("open", await junApi.PlaceAsync("buy", 50, 16));
        Assert.Equal("open", await meiApi.PlaceAsync("buy", 12, 17));
        Assert.Equal("open", await rayApi.PlaceAsync("buy", 5, 16));
        Assert.Equal("open", await meiApi.PlaceAsync("sell", 10, 22));

        var phone = mei.Page;
        await phone.GotoAsync("/trade");
        await mei.WaitUntilInteractiveAsync();
        await ExpectChartDrawnAsync(phone);
        var overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a 390px phone.");
        // A phone's tape shows the ten newest trades.
        Assert.True(await phone.GetByTestId("trade-row").CountAsync() > 10);
        await Expect(phone.Locator("[data-testid=trade-row]:visible")).ToHaveCountAsync(10);
        await ShootAsync(phone, "trade-phone");
        await ShootAsync(phone, "trade-phone-full", fullPage: true);

        var desktop = await SignInAgainAsync(mei, 1280, 800);
        await ExpectChartDrawnAsync(desktop.Page);
        await ShootAsync(desktop.Page, "trade-desktop");
        await ShootAsync(desktop.Page, "trade-desktop-full", fullPage: true);

        // The light theme: the custom book, tape and chart read the same camp colours (red up, green down) on white.
        foreach (var (page, size) in new[] { (phone, "phone"), (desktop.Page, "desktop") })
        {
            await page.Context.AddCookiesAsync([new Cookie { Name = "camp-theme", Value = "light", Url = App.BaseUrl.ToString() }]);
            await page.ReloadAsync();
            await Expect(page.GetByTestId("trade-page")).ToHaveAttributeAsync("data-interactive", "true");
            await ExpectChartDrawnAsync(page);
            await ShootAsync(page, $"trade-{size}-light", fullPage: size == "phone");
        }
        Output.WriteLine($"Screenshots in {ScreenshotFolder()}");

        // The interval switch redraws: the trades of this test fall on one camp day (two if it runs across midnight).
        await desktop.Page.GetByTestId("chart-style").GetByText("K線", new() { Exact = true }).ClickAsync();
        await desktop.Page.GetByTestId("price-chart").GetByText("1日", new() { Exact = true }).ClickAsync();
        await Expect(desktop.Page.GetByTestId("chart-canvas")).ToHaveAttributeAsync("data-candles", new Regex("^[12]$"));
    });

    private static async Task WaitForNextMinuteAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(60 - now.Second) - TimeSpan.FromMilliseconds(now.Millisecond) + TimeSpan.FromMilliseconds(300));
    }
}
