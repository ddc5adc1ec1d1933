using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.Support;

/// <summary>
/// A signed-in student trading through the trading API with a personal token made on their token page: how a test fills
/// a market quickly (an order placed on the ticket costs a browser round trip and a redraw of every open trading page).
/// </summary>
public sealed class ApiTrader : IDisposable
{
    private readonly HttpClient _http;

    private ApiTrader(Uri baseUrl, string secret)
    {
        _http = new HttpClient { BaseAddress = baseUrl };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
    }

    /// <summary>Makes a token allowed to trade on <paramref name="page"/> (signed in as the student; it is left on the token page).</summary>
    public static async Task<ApiTrader> CreateAsync(IPage page, Uri baseUrl, string name = "algo")
    {
        await page.GotoAsync("/api-tokens");
        await Expect(page.GetByTestId("api-tokens-page")).ToHaveAttributeAsync("data-interactive", "true");
        await page.GetByTestId("token-name").FillAsync(name);
        await page.GetByTestId("scope-trade").ClickAsync();
        // A click that lands while the form re-renders is dropped by Blazor (as EndToEndTest.ClickUntilVisibleAsync says):
        // click again, at most three times, until the new secret shows.
        var secret = page.GetByTestId("token-secret");
        for (var click = 0; click < 3 && await secret.CountAsync() == 0; click++)
        {
            try
            {
                await page.GetByTestId("create-token").ClickAsync(new() { Timeout = 5_000 });
                await Expect(secret).ToBeVisibleAsync(new() { Timeout = 5_000 });
            }
            catch (PlaywrightException) { }
        }
        await Expect(secret).ToBeVisibleAsync();
        return new ApiTrader(baseUrl, (await page.GetByTestId("token-secret").InnerTextAsync()).Trim());
    }

    /// <summary>A CAMP order (limit at <paramref name="price"/>, market without one); returns the order's status: filled, open, cancelled.</summary>
    public async Task<string> PlaceAsync(string side, long quantity, long? price = null)
    {
        var order = new Dictionary<string, object>
        {
            ["symbol"] = "CAMP",
            ["side"] = side,
            ["type"] = price is null ? "market" : "limit",
            ["quantity"] = quantity,
        };
        if (price is long limit) order["price"] = limit;
        for (var attempt = 0; ; attempt++)
        {
            using var response = await _http.PostAsJsonAsync(new Uri("/api/v1/orders", UriKind.Relative), order);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 20)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromMilliseconds(250));
                continue;
            }
            Assert.True(response.IsSuccessStatusCode, $"{side} {quantity.ToString(CultureInfo.InvariantCulture)} @ {price}: {(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()!;
        }
    }

    public void Dispose() => _http.Dispose();
}
