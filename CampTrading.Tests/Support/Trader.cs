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
        await Expect(page).ToHaveURLAsync(TradeUrl());
        var trader = new Trader(page, name);
        await trader.WaitUntilInteractiveAsync();
        return trader;
    }

    public Task WaitUntilInteractiveAsync() =>
        Expect(Id("trade-page")).ToHaveAttributeAsync("data-interactive", "true");

    public ILocator Id(string testId) => page.GetByTestId(testId);

    public ILocator Ticket => Id("order-ticket");
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

    /// <summary>
    /// Clicks submit, confirms when the ticket asks (market and large orders; small limit orders go at once), and waits
    /// for the engine's answer to this submission (not the previous one).
    /// </summary>
    public async Task<string> SubmitAsync()
    {
        // Whether the ticket asks is the server's decision on the values just typed: wait for whichever comes, dialog or answer.
        var before = await Ticket.GetAttributeAsync("data-submissions") ?? "0";
        await Id("submit-order").ClickAsync();
        var answered = page.Locator($"[data-testid=order-ticket]:not([data-submissions='{before}'])");
        await Expect(Id("confirm-ok").Or(answered)).ToBeVisibleAsync();
        if (await Id("confirm-ok").IsVisibleAsync()) await Id("confirm-ok").ClickAsync();
        return await ResultAfterAsync(before);
    }

    /// <summary>Clicks submit on an order the ticket confirms first: the confirmation dialog opens.</summary>
    public async Task OpenConfirmationAsync()
    {
        await Id("submit-order").ClickAsync();
        await Expect(Id("confirm-ok")).ToBeVisibleAsync();
    }

    /// <summary>Confirms the order on show and waits for the engine's answer to it.</summary>
    public async Task<string> ConfirmAsync()
    {
        var before = await Ticket.GetAttributeAsync("data-submissions") ?? "0";
        await Id("confirm-ok").ClickAsync();
        return await ResultAfterAsync(before);
    }

    /// <summary>The outcome snackbar of submission number <paramref name="submission"/>.</summary>
    public ILocator Result(string submission) => page.Locator($"[data-testid=ticket-result][data-submission='{submission}']");

    /// <summary>Waits for the next answer after <paramref name="before"/> submissions, reads it and closes its snackbar (so it covers nothing).</summary>
    private async Task<string> ResultAfterAsync(string before)
    {
        await Expect(Ticket).Not.ToHaveAttributeAsync("data-submissions", before);
        var submission = await Ticket.GetAttributeAsync("data-submissions") ?? "0";
        var result = Result(submission);
        var text = await result.InnerTextAsync();
        LastResultCode = await result.GetAttributeAsync("data-code");
        await DismissAsync(result);
        return text;
    }

    /// <summary>The stable code of the last refusal (kept out of the student's sight, in a data attribute), or null.</summary>
    public string? LastResultCode { get; private set; }

    /// <summary>Closes the snackbar holding <paramref name="content"/>, if it is still there.</summary>
    public async Task DismissAsync(ILocator content)
    {
        var close = page.Locator(".mud-snackbar", new() { Has = content }).Locator("button");
        try { await close.First.ClickAsync(new() { Timeout = 2_000 }); }
        catch (TimeoutException) { } // already gone
    }

    /// <summary>Cancels the first open order shown, confirming in the dialog.</summary>
    public async Task CancelFirstOrderAsync()
    {
        await MyOrders.First.GetByTestId("cancel-order").ClickAsync();
        await Id("confirm-ok").ClickAsync();
    }

    /// <summary>A whole number as the page writes it: 9,895.</summary>
    public static string N(long value) => value.ToString("N0", CultureInfo.GetCultureInfo("zh-TW"));

    [GeneratedRegex(@"/trade/?$")]
    public static partial Regex TradeUrl();
}
