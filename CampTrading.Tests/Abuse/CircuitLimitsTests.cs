using CampTrading.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.Abuse;

/// <summary>
/// One account holds at most <c>CircuitLimits:PerAccount</c> live pages (here 2): the next tab stays as prerendered, not
/// live, while another student is unaffected; closing a tab frees its place. Real app, real browser.
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
        var second = await first.Page.Context.NewPageAsync();
        await OpenTradeAsync(second);
        await Expect(second.GetByTestId("trade-page")).ToHaveAttributeAsync("data-interactive", "true"); // live page 2

        var third = await first.Page.Context.NewPageAsync();
        await OpenTradeAsync(third);
        await Expect(third.GetByTestId("trade-page")).ToBeVisibleAsync(); // prerendered, so the tab is not blank
        await Task.Delay(TimeSpan.FromSeconds(2)); // long enough for a circuit to start, had it been allowed
        Assert.Null(await third.GetByTestId("trade-page").GetAttributeAsync("data-interactive"));

        var other = await Trader.SignInAsync(chromium, app.BaseUrl, "Cap Two"); // another account is not affected
        await other.WaitUntilInteractiveAsync();

        await second.CloseAsync(new() { RunBeforeUnload = true }); // the tab's disconnect beacon ends its circuit
        await third.CloseAsync();
        var fourth = await first.Page.Context.NewPageAsync();
        Assert.True(await BecomesLiveAsync(fourth), "a tab opened after another closed never went live\n" + app.Output());
        await first.WaitUntilInteractiveAsync(); // the first tab lived through all of it

        // Tabs that start together all pass the first look; the count as each circuit opens still lets only one more live.
        var burst = await Trader.SignInAsync(chromium, app.BaseUrl, "Cap Three");
        var tabs = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => burst.Page.Context.NewPageAsync()));
        await Task.WhenAll(tabs.Select(OpenTradeAsync));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var live = 0;
        foreach (var tab in tabs) if (await tab.GetByTestId("trade-page").GetAttributeAsync("data-interactive") == "true") live++;
        Assert.True(live == 1, $"{live} of 5 tabs went live beside the signed-in one\n{app.Output()}");
        Assert.Contains("Refused a new page for account:", app.Output(), StringComparison.Ordinal);
    }

    /// <summary>Opens /trade until it goes live (the closed tab's beacon may still be on its way), for at most about 20 s.</summary>
    private static async Task<bool> BecomesLiveAsync(IPage page)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await OpenTradeAsync(page);
            try
            {
                await Expect(page.GetByTestId("trade-page")).ToHaveAttributeAsync("data-interactive", "true", new() { Timeout = 4_000 });
                return true;
            }
            catch (PlaywrightException) { }
        }
        return false;
    }

    private static async Task OpenTradeAsync(IPage page) => await page.GotoAsync("/trade");
}
