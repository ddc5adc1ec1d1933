using System.Globalization;
using System.Text.Json;
using CampTrading.Core.Engine;
using CampTrading.Core.Trading;
using CampTrading.Web.Exchange;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CampTrading.LoadDriver;

/// <summary>
/// What a phone shows: the whole app on a fresh database, two separate headless Chromium processes signed in as two
/// students on /trade (phone size), and N trades made one at a time through the engine. A MutationObserver in each page
/// stamps the moment a new row appears in the tape (<c>data-trade-id</c>); latency = that stamp − the moment the trade's
/// order was submitted (the same machine's clock), so it includes the durable commit, the read model, the circuit's render
/// and the browser's DOM update. Trades are paced so that each one is on screen before the next is made.
/// </summary>
internal static class BrowserLatency
{
    private const long Price = 19;
    private const string Chromium = "/usr/bin/chromium";

    private const string Observer = """
        () => {
          const seen = new Set([...document.querySelectorAll('[data-testid=trade-row]')].map(r => r.dataset.tradeId));
          window.__tradeSeen = [];
          new MutationObserver(() => {
            const now = performance.timeOrigin + performance.now();
            for (const row of document.querySelectorAll('[data-testid=trade-row]')) {
              const id = row.dataset.tradeId;
              if (!seen.has(id)) { seen.add(id); window.__tradeSeen.push([Number(id), now]); }
            }
          }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-trade-id'] });
        }
        """;

    public static async Task<int> RunAsync(Arguments args)
    {
        var trades = args.Int("trades", 100);
        var gapMs = args.Int("gap-ms", 300);
        if (!File.Exists(Chromium))
        {
            Console.Error.WriteLine($"browser-latency needs Chromium at {Chromium}: sudo apt-get install -y chromium fonts-noto-cjk");
            return 2;
        }
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

        await using var app = new DriverApp(args.Connection, new Dictionary<string, string>
        {
            ["StudentLimits:Orders:PerAccount"] = "1000000", // one buyer makes every trade
            ["StudentLimits:Orders:PerSource"] = "1000000",
        });
        var baseAddress = app.StartOnFreePort();
        var exchange = app.Services.GetRequiredService<ExchangeService>();
        var buyer = await exchange.OpenWithDeepAskAsync(trades + 10, Price, "browser-latency");

        using var playwright = await Playwright.CreateAsync();
        var browsers = new List<IBrowser>();
        var pages = new List<IPage>();
        for (var i = 0; i < 2; i++)
        {
            var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
            browsers.Add(browser);
            pages.Add(await SignInAsync(browser, baseAddress, $"latency-{i + 1}"));
        }

        // Warm-up: JIT, the circuit's first renders of the tape.
        for (var i = 0; i < 5; i++) { await BuyOneAsync(exchange, buyer); await Task.Delay(gapMs); }
        foreach (var page in pages) await page.EvaluateAsync(Observer);

        var submitted = new double[trades];
        for (var i = 0; i < trades; i++)
        {
            submitted[i] = UnixMs();
            await BuyOneAsync(exchange, buyer);
            await Task.Delay(gapMs);
        }
        await Task.Delay(2_000); // the last render in flight

        var latencies = new List<double>();
        var missing = 0;
        Console.WriteLine($"browser latency: {trades} trades, one every {gapMs} ms, to 2 Chromium processes on /trade (390×844)");
        for (var b = 0; b < pages.Count; b++)
        {
            var seen = JsonSerializer.Deserialize<double[][]>(await pages[b].EvaluateAsync<string>("() => JSON.stringify(window.__tradeSeen)"))!
                .OrderBy(s => s[0]).Select(s => s[1]).ToArray();
            missing += Math.Max(0, trades - seen.Length);
            var mine = seen.Take(trades).Select((shown, i) => shown - submitted[i]).ToList();
            latencies.AddRange(mine);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"browser {b + 1}          {seen.Length} of {trades} trades shown   p50 {Percentile(mine, 0.50):F1} ms   p99 {Percentile(mine, 0.99):F1} ms   max {mine.DefaultIfEmpty().Max():F1} ms"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"submit→shown       p50 {Percentile(latencies, 0.50):F1} ms   p99 {Percentile(latencies, 0.99):F1} ms   max {latencies.DefaultIfEmpty().Max():F1} ms   missing {missing}"));

        foreach (var browser in browsers) await browser.DisposeAsync();
        return missing == 0 ? 0 : 1;
    }

    private static async Task<IPage> SignInAsync(IBrowser browser, Uri baseAddress, string name)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString(), ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin?returnUrl=%2Ftrade");
        await page.Locator("#name").FillAsync(name);
        await page.Locator("[data-testid=signin-form] button[type=submit]").ClickAsync();
        await page.Locator("[data-testid=trade-page][data-interactive=true]").WaitForAsync();
        return page;
    }

    private static async Task BuyOneAsync(ExchangeService exchange, int buyer)
    {
        var result = await exchange.SubmitAsync(new PlaceOrder(buyer, 1, Side.Buy, OrderType.Limit, 1, Price, TimeInForce.Ioc));
        if (!result.IsOk || result.Filled != 1) throw new InvalidOperationException($"the buy made no trade: {RejectCodes.Code(result.Code)}");
    }

    private static double UnixMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
