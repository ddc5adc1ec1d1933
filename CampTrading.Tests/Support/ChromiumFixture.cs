using Microsoft.Playwright;

namespace CampTrading.Tests.Support;

/// <summary>
/// Debian's Chromium headless shell (/usr/bin/chromium-headless-shell, the same Blink without the desktop browser around
/// it, as Playwright itself uses for headless runs) driven by Playwright. Never downloads a browser: when it is missing the
/// tests fail and say how to install it. CAMP_CHROMIUM names another Chromium binary.
/// One Playwright driver and one browser serve the whole test run (the first fixture starts them, the end of the test
/// process closes them): every test still gets its own browser context, so nothing is shared between tests but the
/// process, and the run does not pay for two dozen driver and browser start-ups.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public static readonly string ExecutablePath = Environment.GetEnvironmentVariable("CAMP_CHROMIUM") ?? "/usr/bin/chromium-headless-shell";

    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static IPlaywright? s_playwright;
    private static IBrowser? s_browser;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Starting.WaitAsync();
        try
        {
            if (s_browser is not { IsConnected: true }) s_browser = await LaunchAsync();
            Browser = s_browser;
        }
        finally
        {
            Starting.Release();
        }
    }

    private static async Task<IBrowser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException(
                $"The Chromium headless shell is not installed at {ExecutablePath}. The end-to-end tests use the system browser and never download one: " +
                "install it with `sudo apt-get install -y chromium-headless-shell fonts-noto-cjk` (CI does this in .ci/prerequisites.sh).");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout(10_000);
        if (s_playwright is null)
        {
            s_playwright = await Playwright.CreateAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => CloseShared();
        }
        return await s_playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
                "--disable-smooth-scrolling", "--disable-threaded-animation", "--num-raster-threads=1",
                "--disable-features=PaintHolding,Translate,OptimizationHints,MediaRouter,AcceptCHFrame",
                // A synthetic camera that needs no permission prompt, for the QR page's in-page scanner.
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            ],
        });
    }

    private static void CloseShared()
    {
        try
        {
            s_browser?.CloseAsync().Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The driver may already be gone with the test process: nothing is left to close.
        }
        s_playwright?.Dispose();
    }

    /// <summary>A fresh browser profile (own cookies) with a phone-sized or desktop-sized viewport, in the camp's locale and time zone.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl, int width = 390, int height = 844)
    {
        var phone = width < 720;
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            DeviceScaleFactor = 1,
            IsMobile = phone,
            HasTouch = phone,
            Locale = "zh-TW",
            TimezoneId = "Asia/Taipei",
            ReducedMotion = ReducedMotion.Reduce,
        });
        _contexts.Enqueue(context);
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) _cspViolations.Enqueue($"{page.Url}: {message.Text}");
            else if (message.Type == "error") _consoleErrors.Enqueue($"{page.Url}: {message.Text}");
        };
        page.PageError += (_, error) => _consoleErrors.Enqueue($"{page.Url}: uncaught {error}");
        return page;
    }

    private readonly System.Collections.Concurrent.ConcurrentQueue<IBrowserContext> _contexts = new();

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _cspViolations = new();

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _consoleErrors = new();

    /// <summary>Every error any page wrote on its console or left uncaught so far (shown when a test fails).</summary>
    public IReadOnlyCollection<string> ConsoleErrors => _consoleErrors;

    /// <summary>Every Content-Security-Policy violation any page reported on its console so far.</summary>
    public IReadOnlyCollection<string> CspViolations => _cspViolations;

    /// <summary>Closes what this class opened (a context a test left open included); the browser stays for the next class.</summary>
    public async Task DisposeAsync()
    {
        while (_contexts.TryDequeue(out var context))
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // Already closed by its test.
            }
        }
    }
}
