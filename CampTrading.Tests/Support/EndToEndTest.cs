using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.Support;

/// <summary>
/// Shared plumbing of the browser tests: unique account names, signing in, and on failure the
/// app's recent output and a screenshot of every open page in the test log.
/// </summary>
public abstract class EndToEndTest(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<IPage> _pages = [];
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];

    protected CampAppFixture App => app;
    protected ChromiumFixture Chromium => chromium;
    protected ITestOutputHelper Output => output;

    /// <summary>
    /// Follows a staff menu item. The menu is a MudDrawer: beside the page on a desktop, behind the app bar's menu button
    /// on a phone (opened first when it is closed).
    /// </summary>
    protected static async Task StaffNavAsync(IPage page, string key)
    {
        if (await page.Locator(".staff-drawer.mud-drawer--open").CountAsync() == 0)
            await page.GetByTestId("staff-menu").ClickAsync();
        await page.GetByTestId("staff-nav-" + key).ClickAsync();
    }

    /// <summary>
    /// Presses Escape until the dialog has closed. MudBlazor hooks its Escape key just after the dialog first renders, so
    /// a key pressed in that instant is lost (a person simply presses again); more than a few presses is a failure.
    /// </summary>
    protected static async Task EscapeAsync(IPage page, ILocator dialog)
    {
        for (var press = 0; press < 5 && await dialog.CountAsync() > 0; press++)
        {
            await page.Keyboard.PressAsync("Escape");
            try { await Expect(dialog).ToHaveCountAsync(0, new() { Timeout = 1_000 }); }
            catch (PlaywrightException) { }
        }
        await Expect(dialog).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Clicks a button that opens something (a confirmation dialog) until it has opened. A click that lands while the
    /// form re-renders after a field changed can reach the server with an event handler that render has just replaced,
    /// and Blazor drops it ("There is no event handler associated with this event"); a person simply taps again. More
    /// than a few clicks is a failure.
    /// </summary>
    protected static async Task ClickUntilVisibleAsync(ILocator button, ILocator opened)
    {
        for (var click = 0; click < 3 && await opened.CountAsync() == 0; click++)
        {
            try
            {
                await button.ClickAsync(new() { Timeout = 5_000 });
                await Expect(opened).ToBeVisibleAsync(new() { Timeout = 5_000 });
            }
            catch (PlaywrightException) { }
        }
        await Expect(opened).ToBeVisibleAsync();
    }

    /// <summary>Signs in a new student whose name is unique to this test.</summary>
    protected async Task<Trader> SignInAsync(string name, int width = 390, int height = 844)
    {
        var trader = await Trader.SignInAsync(chromium, app.BaseUrl, $"{name}-{_run}", width, height);
        _pages.Add(trader.Page);
        return trader;
    }

    /// <summary>The same student in another browser (e.g. a desktop beside the phone).</summary>
    protected async Task<Trader> SignInAgainAsync(Trader trader, int width, int height)
    {
        var again = await Trader.SignInAsync(chromium, app.BaseUrl, trader.Name, width, height);
        _pages.Add(again.Page);
        return again;
    }

    /// <summary>Screenshots go to the test output, or with CAMP_DOCS_SCREENSHOTS=1 to docs/screenshots/ for the README.</summary>
    protected static bool ForDocs { get; } = Environment.GetEnvironmentVariable("CAMP_DOCS_SCREENSHOTS") == "1";

    protected static string ScreenshotFolder()
    {
        var folder = ForDocs
            ? Path.Combine(RepoPaths.Root, "docs", "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>One screenshot, <c>{file}.png</c>, into the screenshot folder.</summary>
    protected static Task ShootAsync(IPage page, string file, bool fullPage = false) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder(), file + ".png"), FullPage = fullPage });

    /// <summary>
    /// The page at 390×844 and at 1280×800 (<c>{name}-phone.png</c>, <c>{name}-desktop.png</c>), the width it has first so
    /// that what the test scrolled to is in the shot, then back at its size. A console page is shot on the phone once its
    /// navigation drawer has slid away.
    /// </summary>
    protected static async Task ShootPhoneAndDesktopAsync(IPage page, string name, bool fullPage = false)
    {
        var size = page.ViewportSize!;
        var phoneFirst = size.Width < 600;
        if (phoneFirst) await ShootPhoneAsync(page, name, fullPage);
        await page.SetViewportSizeAsync(1280, 800);
        await ShootAsync(page, name + "-desktop", fullPage);
        if (!phoneFirst) await ShootPhoneAsync(page, name, fullPage);
        await page.SetViewportSizeAsync(size.Width, size.Height);
    }

    private static async Task ShootPhoneAsync(IPage page, string name, bool fullPage)
    {
        await page.SetViewportSizeAsync(390, 844);
        if (await page.Locator(".staff-drawer").CountAsync() > 0)
        {
            await Expect(page.Locator(".mud-main-content")).ToHaveCSSAsync("margin-left", "0px");
            await page.WaitForFunctionAsync("() => document.querySelector('.staff-drawer').getBoundingClientRect().right <= 0");
        }
        await ShootAsync(page, name + "-phone", fullPage);
    }

    /// <summary>The price chart has drawn its data (screenshots wait for it).</summary>
    protected static async Task ExpectChartDrawnAsync(IPage page)
    {
        var chart = page.GetByTestId("chart-canvas");
        await Expect(chart.Locator("canvas").First).ToBeVisibleAsync();
        await Expect(chart).ToHaveAttributeAsync("data-candles", new Regex("^[1-9]"));
        await page.WaitForTimeoutAsync(300); // let the chart finish its animation frame before the photo
    }

    /// <summary>A staff session through the Development-only POST /dev/signin-role hook.</summary>
    protected async Task<IPage> NewStaffPageAsync(string name, string role, int width, int height)
    {
        var page = await NewPageAsync(width, height);
        var signedIn = await page.Context.APIRequest.PostAsync("/dev/signin-role", new()
        {
            Form = page.Context.APIRequest.CreateFormData().Set("name", name).Set("role", role),
        });
        Assert.True(signedIn.Ok, $"dev role sign-in: {signedIn.Status}");
        return page;
    }

    /// <summary>A new browser profile that nobody has signed in with.</summary>
    protected async Task<IPage> NewPageAsync(int width = 390, int height = 844)
    {
        var page = await chromium.NewPageAsync(app.BaseUrl, width, height);
        _pages.Add(page);
        return page;
    }

    protected async Task RunAsync(Func<Task> test)
    {
        var circuitFailures = app.CircuitFailures;
        var cspViolations = chromium.CspViolations.Count;
        var consoleErrors = chromium.ConsoleErrors.Count;
        try
        {
            await test();
            // The security headers' CSP must let every page work: a blocked script or socket shows up as a console violation.
            if (chromium.CspViolations.Count != cspViolations)
                throw new Xunit.Sdk.XunitException("Content-Security-Policy violations:\n" + string.Join('\n', chromium.CspViolations.Skip(cspViolations)));
            // A crashed circuit can go unnoticed by the assertions (the page just stops updating): never let it pass.
            if (app.CircuitFailures != circuitFailures)
                throw new Xunit.Sdk.XunitException($"The app logged {app.CircuitFailures - circuitFailures} unhandled circuit exception(s) during the test.");
        }
        catch
        {
            foreach (var page in _pages)
            {
                var file = Path.Combine(Path.GetTempPath(), $"camp-e2e-failure-{Guid.NewGuid():N}.png");
                try
                {
                    await page.ScreenshotAsync(new() { Path = file, FullPage = true });
                    output.WriteLine($"Screenshot of {page.Url}: {file}");
                }
                catch (PlaywrightException) { }
            }
            output.WriteLine("---- Browser console errors ----");
            foreach (var error in chromium.ConsoleErrors.Skip(consoleErrors)) output.WriteLine(error);
            output.WriteLine("---- CampTrading.Web output (last 200 lines) ----");
            output.WriteLine(app.Output());
            throw;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var page in _pages) await page.Context.CloseAsync();
    }
}
