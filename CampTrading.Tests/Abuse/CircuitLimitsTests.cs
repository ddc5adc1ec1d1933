using CampTrading.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.Abuse;

/// <summary>
/// One account holds at most <c>CircuitLimits:PerAccount</c> live pages (here 2): the next tab stays as prerendered, not
/// live, while another student is unaffected; closing a tab frees its place. A signed-out address is bounded the same way
/// (<c>PerSignedOutSource</c>). Real app, real browser.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CircuitLimitsTests(PostgresFixture postgres, ChromiumFixture chromium) : IClassFixture<PostgresFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task An_account_at_its_limit_of_live_pages_gets_no_more_until_it_closes_one()
    {
        await using var app = AppProcess.Start(await postgres.CreateDatabaseAsync("circuitcap"), ("CircuitLimits__PerAccount", "2"));
        await app.WaitForHealthAsync("ok", TimeSpan.FromSeconds(90)); // the deadline only ends a hung start

        var first = await Trader.SignInAsync(chromium, app.BaseUrl, "Cap One"); // live page 1: /trade
        var (second, live) = await OpenTradeAsync(first.Page.Context);
        Assert.Equal("live", live);
        var (refusedTab, third) = await OpenTradeAsync(first.Page.Context);
        Assert.Equal("refused", third); // the tab shows the prerendered page, not live, under the app's error bar
        await Expect(refusedTab.Locator("#blazor-error-ui")).ToBeVisibleAsync();
        await Expect(refusedTab.GetByTestId("live-page-limit")).ToContainTextAsync("Close other tabs, then reload"); // and says why
        await Expect(second.GetByTestId("live-page-limit")).ToHaveCountAsync(0);

        var other = await Trader.SignInAsync(chromium, app.BaseUrl, "Cap Two"); // another account is not affected
        await other.WaitUntilInteractiveAsync();

        var open = await OpenCircuitsAsync(app);
        await second.GotoAsync("about:blank"); // leaving the page sends its disconnect beacon, which ends its circuit
        for (var waited = 0; waited < 200 && await OpenCircuitsAsync(app) >= open; waited++) await Task.Delay(100);
        Assert.True(await OpenCircuitsAsync(app) < open, "the left page's circuit was not closed");
        Assert.Equal("live", (await OpenTradeAsync(first.Page.Context)).Outcome);
        await first.WaitUntilInteractiveAsync(); // the first tab lived through all of it

        // Tabs that start together all pass the first look; the count as each circuit opens still lets only one more live.
        var burst = await Trader.SignInAsync(chromium, app.BaseUrl, "Cap Three");
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => OpenTradeAsync(burst.Page.Context)));
        Assert.True(outcomes.Count(o => o.Outcome == "live") == 1, string.Join(", ", outcomes.Select(o => o.Outcome)) + "\n" + app.Output());
        await app.WaitForOutputAsync("Refused a new page for account:", TimeSpan.FromSeconds(30)); // logged through a queue: may follow the refusal
    }

    /// <summary>
    /// Opens /trade in a new tab of <paramref name="browser"/>: "live" once its circuit is up, "refused" once the page says
    /// its circuit did not start (the hub filter) or was ended (the circuit handler).
    /// </summary>
    private static async Task<(IPage Page, string Outcome)> OpenTradeAsync(IBrowserContext browser)
    {
        var page = await browser.NewPageAsync();
        var refused = false;
        page.Console += (_, message) => refused |= message.Text.Contains("Failed to start the circuit", StringComparison.Ordinal)
            || message.Text.Contains("limit of open pages", StringComparison.Ordinal); // CircuitLimitException, shown in Development
        await page.GotoAsync("/trade");
        for (var waited = 0; waited < 200; waited++) // about 20 s: the deadline only ends a hung test
        {
            if (await page.GetByTestId("trade-page").GetAttributeAsync("data-interactive") == "true") return (page, "live");
            if (refused) return (page, "refused");
            await Task.Delay(100);
        }
        return (page, "neither");
    }

    [Fact]
    public async Task A_signed_out_address_at_its_limit_of_live_pages_gets_no_more_while_another_address_does()
    {
        // Behind a proxy on this machine, as the README runs a camp: the client's address comes from X-Forwarded-For.
        await using var app = AppProcess.Start(await postgres.CreateDatabaseAsync("circuitcapanon"),
            ("CircuitLimits__PerSignedOutSource", "2"), ("ReverseProxy__KnownProxies__0", "127.0.0.1"));
        await app.WaitForHealthAsync("ok", TimeSpan.FromSeconds(90)); // the deadline only ends a hung start

        var camper = await Browser(app, "203.0.113.7");
        Assert.Equal(["started", "started", "refused"], [await BoardAsync(app, camper), await BoardAsync(app, camper), await BoardAsync(app, camper)]);
        var neighbour = await Browser(app, "203.0.113.8");
        Assert.Equal("started", await BoardAsync(app, neighbour));
        await app.WaitForOutputAsync("Refused a new page for source:203.0.113.7", TimeSpan.FromSeconds(30)); // logged through a queue: may follow the refusal
    }

    private async Task<IBrowserContext> Browser(AppProcess app, string clientAddress)
    {
        var page = await chromium.NewPageAsync(app.BaseUrl, 1280, 800);
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Forwarded-For"] = clientAddress });
        await page.CloseAsync();
        return page.Context;
    }

    /// <summary>Opens the public board in a new tab: "started" once the app counts one more circuit, "refused" when it did not start.</summary>
    private static async Task<string> BoardAsync(AppProcess app, IBrowserContext browser)
    {
        var before = await OpenCircuitsAsync(app);
        var page = await browser.NewPageAsync();
        var refused = false;
        page.Console += (_, message) => refused |= message.Text.Contains("Failed to start the circuit", StringComparison.Ordinal);
        await page.GotoAsync("/board");
        for (var waited = 0; waited < 200; waited++) // about 20 s: the deadline only ends a hung test
        {
            if (refused) return "refused";
            if (await OpenCircuitsAsync(app) > before) return "started";
            await Task.Delay(100);
        }
        return "neither";
    }

    private static async Task<int> OpenCircuitsAsync(AppProcess app)
    {
        using var http = app.Client();
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var line = metrics.Split('\n').Single(l => l.StartsWith("camp_circuits_open{", StringComparison.Ordinal));
        return int.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
