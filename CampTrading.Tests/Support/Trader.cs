using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.Support;

/// <summary>One signed-in student's browser on the trading page, spoken to through the page's data-testid hooks.</summary>
public sealed partial class Trader(IPage page, string name)
{
    public IPage Page => page;
    public string Name => name;

    /// <summary>Opens a new browser profile, signs in through the development sign-in form and waits until /trade is interactive.</summary>
    public static async Task<Trader> SignInAsync(ChromiumFixture chromium, Uri baseUrl, string name, int width = 390, int height = 844)
    {
        var page = await chromium.NewPageAsync(baseUrl, width, height);
        await page.GotoAsync("/signin?returnUrl=%2Ftrade");
        await page.Locator("#name").FillAsync(name);
        await page.Locator("[data-testid=signin-form] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(TradeUrl());
        var trader = new Trader(page, name);
        await trader.WaitUntilInteractiveAsync();
        return trader;
    }

    public Task WaitUntilInteractiveAsync() =>
        Expect(Id("trade-page")).ToHaveAttributeAsync("data-interactive", "true");

    public ILocator Id(string testId) => page.GetByTestId(testId);

    public ILocator Ticket => Id("order-ticket");
    public ILocator TicketResult => Id("ticket-result");
    public ILocator Points => Id("points");
    public ILocator ReservedPoints => Id("reserved-points");
    public ILocator Shares(string symbol) => Id($"holding-{symbol}").GetByTestId("shares");
    public ILocator ReservedShares(string symbol) => Id($"holding-{symbol}").GetByTestId("reserved-shares");
    public ILocator Ask(long price) => page.Locator($"[data-testid=book-ask][data-price='{price.ToString(CultureInfo.InvariantCulture)}']");
    public ILocator Bid(long price) => page.Locator($"[data-testid=book-bid][data-price='{price.ToString(CultureInfo.InvariantCulture)}']");
    public ILocator Trades => Id("trade-row");
    public ILocator MyOrders => Id("my-order");
    public ILocator MyFills => Id("my-fill");
    public ILocator LastPrice => Id("last-price");

    /// <summary>Fills the ticket and submits; <paramref name="price"/> null places a market order. Returns the ticket's answer.</summary>
    public async Task<string> PlaceAsync(string side, long quantity, long? price = null)
    {
        await Id(side == "buy" ? "side-buy" : "side-sell").ClickAsync();
        await Ticket.GetByText(price is null ? "市價" : "限價", new() { Exact = true }).ClickAsync();
        if (price is long p) await Id("price-input").FillAsync(p.ToString(CultureInfo.InvariantCulture));
        await Id("qty-input").FillAsync(quantity.ToString(CultureInfo.InvariantCulture));
        return await SubmitAsync();
    }

    /// <summary>Clicks submit, confirms, and waits for the engine's answer to this submission (not the previous one).</summary>
    public async Task<string> SubmitAsync()
    {
        await OpenConfirmationAsync();
        return await ConfirmAsync();
    }

    /// <summary>Clicks submit: the ticket asks for confirmation, with the confirm button focused.</summary>
    public async Task OpenConfirmationAsync()
    {
        await Id("submit-order").ClickAsync();
        await Expect(Id("confirm-order")).ToBeFocusedAsync();
    }

    /// <summary>Confirms the order on show and waits for the engine's answer to it.</summary>
    public async Task<string> ConfirmAsync()
    {
        var before = await Ticket.GetAttributeAsync("data-submissions") ?? "0";
        await Id("confirm-order").ClickAsync();
        await Expect(Ticket).Not.ToHaveAttributeAsync("data-submissions", before);
        return await TicketResult.InnerTextAsync();
    }

    /// <summary>A whole number as the page writes it: 9,895.</summary>
    public static string N(long value) => value.ToString("N0", CultureInfo.GetCultureInfo("zh-TW"));

    [GeneratedRegex(@"/trade/?$")]
    public static partial Regex TradeUrl();
}
