using System.Text.RegularExpressions;
using CampTrading.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// The student pages on a phone (390×844) against the real app: home with holdings and P&amp;L, a wallet transfer that
/// reaches the recipient's home live, QR redemption (fresh, then already used), the leaderboard with the student's own
/// rank, and sign-in for anonymous visitors. Each page is photographed at phone and desktop width
/// (<c>student-&lt;page&gt;-phone.png</c> / <c>-desktop.png</c>).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class StudentPagesTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = 5_000 };

    private static async Task OpenAsync(IPage page, string path, string testId)
    {
        await page.GotoAsync(path);
        await Expect(page.GetByTestId(testId)).ToHaveAttributeAsync("data-interactive", "true");
    }

    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the phone.");
    }

    private static async Task ShotAsync(IPage page, string name) =>
        await ShootAsync(page, $"student-{name}");

    /// <summary>
    /// Types the start of a name and taps the suggestion. A search that lands late re-renders the list and swallows
    /// a tap on the replaced item (CI saw it once, on a loaded machine); a person taps again, and so does this.
    /// </summary>
    private static async Task PickRecipientAsync(IPage wallet, string name)
    {
        var chosen = wallet.GetByTestId("recipient-chosen");
        for (var attempt = 1; ; attempt++)
        {
            await wallet.GetByTestId("recipient-input").FillAsync(name[..4]); // one input event: no late keystroke can undo the pick
            await wallet.GetByTestId("suggestion").Filter(new() { HasText = name }).ClickAsync();
            try
            {
                await Expect(chosen).ToContainTextAsync(name, new() { Timeout = 4_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await wallet.GetByTestId("recipient-input").FillAsync("");
            }
        }
    }

    /// <summary>The same page in the light theme (the theme cookie, then a reload), for a <c>-light</c> screenshot.</summary>
    private static async Task LightShotAsync(IPage page, string testId, string name)
    {
        var origin = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
        await page.Context.AddCookiesAsync([new Cookie { Name = "camp-theme", Value = "light", Url = origin }]);
        await OpenAsync(page, new Uri(page.Url).PathAndQuery, testId);
        await ShotAsync(page, name);
    }

    /// <summary>A fresh single-use QR code worth <paramref name="value"/>, made by a QR manager through the Development hook.</summary>
    private async Task<string> NewQrCodeAsync(long value)
    {
        var staff = await NewStaffPageAsync("qr-staff", "qrcode_manager", 390, 844);
        var response = await staff.Context.APIRequest.PostAsync("/dev/qr-codes", new()
        {
            Form = staff.Context.APIRequest.CreateFormData().Set("value", value.ToString(System.Globalization.CultureInfo.InvariantCulture)).Set("uses", "1"),
        });
        Assert.True(response.Ok, $"dev QR code: {response.Status}");
        return await response.TextAsync();
    }

    [Fact]
    public Task Home_shows_pnl_after_trades_and_a_wallet_transfer_reaches_the_recipients_home_live() => RunAsync(async () =>
    {
        var alice = await SignInAsync("alice");
        var bob = await SignInAsync("bob");

        // Alice buys 10 at 20 (cost 200); Bob bids 19 (below the IPO's ask) and Alice sells him one: the last price is 19.
        Assert.StartsWith("全部成交", await alice.PlaceAsync("buy", 10));
        Assert.StartsWith("已掛單", await bob.PlaceAsync("buy", 1, 19));
        Assert.StartsWith("全部成交", await alice.PlaceAsync("sell", 1, 19));

        // Her home: 9 shares, basis 180 (average 20), worth 9 × 19 = 171, down 9 (green); 1 lost on the sale.
        var home = alice.Page;
        await OpenAsync(home, "/", "home-page");
        var camp = home.GetByTestId("holding-CAMP");
        await Expect(camp.GetByTestId("avg-cost")).ToHaveTextAsync("20");
        await Expect(camp.GetByTestId("mark-price")).ToHaveTextAsync("19");
        await Expect(camp.GetByTestId("market-value")).ToHaveTextAsync("171");
        await Expect(camp.GetByTestId("pnl")).ToContainTextAsync("−9");
        await Expect(camp.GetByTestId("pnl")).ToHaveClassAsync(new Regex(@"\bloss\b"));
        await Expect(home.GetByTestId("realized-pnl")).ToHaveTextAsync("−1");
        await Expect(home.GetByTestId("points")).ToHaveTextAsync("9,819");
        await Expect(home.GetByTestId("net-worth")).ToHaveTextAsync("9,990");
        await Expect(home.GetByTestId("market-status")).ToBeVisibleAsync();
        await Expect(home.GetByTestId("nav-Home")).ToHaveClassAsync(new Regex(@"\bactive\b"));
        await AssertFitsThePhoneAsync(home);
        await ShotAsync(home, "home-phone");

        // Bob sends her 300 from his wallet: a suggestion for the name, the fee preview, a confirmation.
        var wallet = bob.Page;
        await bob.Id("nav-Wallet").ClickAsync();
        await Expect(wallet.GetByTestId("wallet-page")).ToHaveAttributeAsync("data-interactive", "true");
        await PickRecipientAsync(wallet, alice.Name);
        await wallet.GetByTestId("amount-input").FillAsync("300");
        await Expect(wallet.GetByTestId("fee")).ToHaveTextAsync("3");
        await Expect(wallet.GetByTestId("total")).ToHaveTextAsync("303");
        await AssertFitsThePhoneAsync(wallet);
        await ShotAsync(wallet, "wallet-phone");
        // Escape backs out of the confirmation (the one confirm dialog); reviewing again asks again, fee included.
        await wallet.GetByTestId("review-transfer").ClickAsync();
        await Expect(wallet.GetByTestId("confirm-dialog")).ToBeVisibleAsync();
        await EscapeAsync(wallet, wallet.GetByTestId("confirm-dialog"));
        await wallet.GetByTestId("review-transfer").ClickAsync();
        await Expect(wallet.GetByTestId("confirm-dialog")).ToContainTextAsync("300");
        await Expect(wallet.GetByTestId("confirm-fee")).ToContainTextAsync("303");
        await ShotAsync(wallet, "wallet-confirm-phone");
        await wallet.GetByTestId("confirm-ok").ClickAsync();
        await Expect(wallet.GetByTestId("transfer-result")).ToContainTextAsync($"已轉 300 點給 {alice.Name}");

        // Her home updates without a reload; his history lists the transfer and its fee.
        await Expect(home.GetByTestId("points")).ToHaveTextAsync("10,119", Live);
        await Expect(home.GetByTestId("net-worth")).ToHaveTextAsync("10,290", Live);
        await Expect(wallet.GetByTestId("ledger-row").First).ToHaveAttributeAsync("data-kind", "TransferFee", new() { Timeout = 5_000 });
        await Expect(wallet.GetByTestId("ledger-row").Nth(1)).ToContainTextAsync("−300");

        // The kind filter narrows the history to trades.
        await wallet.GetByTestId("filter-kind").ClickAsync();
        await wallet.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex("^\\s*交易\\s*$") }).ClickAsync();
        await wallet.GetByTestId("filter-apply").ClickAsync();
        await Expect(wallet.Locator("[data-testid=ledger-row]:not([data-kind=Trade])")).ToHaveCountAsync(0);
        await Expect(wallet.GetByTestId("ledger-row")).Not.ToHaveCountAsync(0);

        // A name nobody has is said so, and no transfer can be reviewed.
        await wallet.GetByTestId("recipient-input").FillAsync("nobody-by-this-name");
        await Expect(wallet.GetByTestId("recipient-not-found")).ToBeVisibleAsync();
        await Expect(wallet.GetByTestId("review-transfer")).ToBeDisabledAsync();

        var desktop = await SignInAgainAsync(alice, 1280, 800);
        await OpenAsync(desktop.Page, "/", "home-page");
        await ShotAsync(desktop.Page, "home-desktop");
        await OpenAsync(desktop.Page, "/wallet", "wallet-page");
        await Expect(desktop.Page.GetByTestId("ledger-row").First).ToBeVisibleAsync();
        await ShotAsync(desktop.Page, "wallet-desktop");
        await LightShotAsync(desktop.Page, "wallet-page", "wallet-desktop-light");
    });

    [Fact]
    public Task A_QR_code_opened_before_sign_in_redeems_after_it_and_then_kindly_says_it_was_used() => RunAsync(async () =>
    {
        var code = await NewQrCodeAsync(150);

        // The phone's camera opens /qr/CODE; sign-in comes first and leads back.
        var page = await NewPageAsync();
        await page.GotoAsync($"/qr/{code}");
        await Expect(page).ToHaveURLAsync(new Regex(@"/signin\?returnUrl=%2Fqr%2F" + code + "$", RegexOptions.IgnoreCase));
        var name = $"carol-{Guid.NewGuid():N}"[..12];
        await page.Locator("#name").FillAsync(name);
        await page.Locator("[data-testid=signin-form] button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/qr/" + code + "$"));
        await Expect(page.GetByTestId("qr-result")).ToHaveAttributeAsync("data-code", "ok");
        await Expect(page.GetByTestId("qr-gained")).ToHaveTextAsync("+150 點");
        await AssertFitsThePhoneAsync(page);
        await ShotAsync(page, "qr-phone");

        // Opening it again: she already has it.
        await OpenAsync(page, $"/qr/{code}", "qr-page");
        await Expect(page.GetByTestId("qr-result")).ToHaveAttributeAsync("data-code", "qr_already_redeemed");
        await Expect(page.GetByTestId("qr-headline")).ToHaveTextAsync("你已經兌換過這個 QR Code 了");

        // Someone else with the same single-use code: used up, said kindly.
        var dave = await SignInAsync("dave");
        await OpenAsync(dave.Page, $"/qr/{code}", "qr-page");
        await Expect(dave.Page.GetByTestId("qr-result")).ToHaveAttributeAsync("data-code", "qr_used_up");
        await Expect(dave.Page.GetByTestId("qr-headline")).ToHaveTextAsync("這個 QR Code 已經被用過了");
        await ShotAsync(dave.Page, "qr-used-phone");

        // Typed by hand on /qr: an unknown code.
        await OpenAsync(dave.Page, "/qr", "qr-page");
        await dave.Page.GetByTestId("qr-input").FillAsync("nope-nope-nope");
        await dave.Page.GetByTestId("qr-submit").ClickAsync();
        await Expect(dave.Page.GetByTestId("qr-result")).ToHaveAttributeAsync("data-code", "qr_unknown");

        var desktop = await SignInAgainAsync(dave, 1280, 800);
        await OpenAsync(desktop.Page, $"/qr/{code}", "qr-page");
        await Expect(desktop.Page.GetByTestId("qr-result")).ToBeVisibleAsync();
        await ShotAsync(desktop.Page, "qr-desktop");
    });

    [Fact]
    public Task A_photographed_QR_code_redeems_in_place_and_the_camera_scanner_opens_and_closes() => RunAsync(async () =>
    {
        var code = await NewQrCodeAsync(250);
        var erin = await SignInAsync("erin");
        var before = Digits(await erin.Points.TextContentAsync());
        var page = erin.Page;
        await OpenAsync(page, "/qr", "qr-page");
        var scanner = page.GetByTestId("qr-scanner");

        // A picture without a code says so and redeems nothing.
        await page.GetByTestId("qr-photo").SetInputFilesAsync(new FilePayload { Name = "blank.png", MimeType = "image/png", Buffer = BlankPng });
        await Expect(page.GetByTestId("qr-scan-problem")).ToHaveTextAsync("照片裡找不到 QR Code。請靠近一點、對準並拍清楚後再試一次。");
        await Expect(page.GetByTestId("qr-result")).ToHaveCountAsync(0);

        // A photo of the printed link (any host: the code comes from the /qr/{code} path) redeems without leaving the page.
        var link = new Uri(App.BaseUrl, $"/qr/{code}").ToString();
        await page.GetByTestId("qr-photo").SetInputFilesAsync(new FilePayload { Name = "qr.png", MimeType = "image/png", Buffer = QrPng(link) });
        await Expect(page.GetByTestId("qr-result")).ToHaveAttributeAsync("data-code", "ok");
        await Expect(page.GetByTestId("qr-gained")).ToHaveTextAsync("+250 點");
        await Expect(page.GetByTestId("qr-balance")).ToHaveTextAsync($"目前點數 {before + 250:N0}");
        await Expect(page.GetByTestId("qr-scan-problem")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new Regex("/qr$"));

        // The in-page camera (Chromium's fake device) opens on Scan and is released on Close.
        await page.Context.GrantPermissionsAsync(["camera"]);
        await page.GetByTestId("qr-scan").ClickAsync();
        await Expect(scanner).ToHaveAttributeAsync("data-state", "scanning");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('[data-testid=qr-scanner] video').srcObject?.active === true"));
        await AssertFitsThePhoneAsync(page);
        await ShotAsync(page, "qr-scan-phone");
        await page.GetByTestId("qr-scan-close").ClickAsync();
        await Expect(scanner).ToHaveAttributeAsync("data-state", "idle");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('[data-testid=qr-scanner] video').srcObject === null"));
        await Expect(page.GetByTestId("qr-scan-problem")).ToHaveCountAsync(0);
    });

    private static long Digits(string? text) =>
        long.Parse(Regex.Replace(text ?? "", "[^0-9]", ""), System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] QrPng(string text)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.M);
        return new QRCoder.PngByteQRCode(data).GetGraphic(8);
    }

    /// <summary>A 1×1 PNG: a readable picture with no QR code in it.</summary>
    private static readonly byte[] BlankPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public Task The_leaderboard_highlights_and_pins_the_students_own_rank_and_follows_it_live() => RunAsync(async () =>
    {
        await SignInAsync("frank");
        await SignInAsync("gina");
        var erin = await SignInAsync("erin");
        var phone = erin.Page;
        await OpenAsync(phone, "/leaderboard", "leaderboard-page");
        var myRow = phone.GetByTestId("my-row");
        await Expect(myRow).ToContainTextAsync(erin.Name);
        await Expect(myRow).ToHaveAttributeAsync("aria-current", "true");
        await Expect(phone.GetByTestId("my-rank-pinned")).ToContainTextAsync("10,000");

        // Points from a QR code redeemed on her other device move her up, live on the phone.
        var code = await NewQrCodeAsync(900);
        var desktop = await SignInAgainAsync(erin, 1280, 800);
        await OpenAsync(desktop.Page, $"/qr/{code}", "qr-page");
        await Expect(desktop.Page.GetByTestId("qr-result")).ToHaveAttributeAsync("data-code", "ok");
        await Expect(phone.GetByTestId("my-rank-pinned")).ToContainTextAsync("10,900", new() { Timeout = 5_000 });
        var rank = (await myRow.Locator(".rank").InnerTextAsync()).Trim();
        await Expect(phone.GetByTestId("my-rank")).ToHaveTextAsync($"第 {rank} 名");
        // Her row is on screen, so the pinned bar stands aside.
        await Expect(phone.GetByTestId("my-rank-pinned")).ToHaveClassAsync(new Regex(@"\bin-view\b"));
        await AssertFitsThePhoneAsync(phone);
        await ShotAsync(phone, "leaderboard-phone");

        await phone.GetByTestId("tab-teams").ClickAsync();
        await Expect(phone.Locator(".mud-tab", new() { Has = phone.GetByTestId("tab-teams") })).ToHaveClassAsync(new Regex(@"\bmud-tab-active\b"));

        await OpenAsync(desktop.Page, "/leaderboard", "leaderboard-page");
        await Expect(desktop.Page.GetByTestId("my-row")).ToBeVisibleAsync();
        await ShotAsync(desktop.Page, "leaderboard-desktop");
        await LightShotAsync(phone, "leaderboard-page", "leaderboard-phone-light");
        await LightShotAsync(desktop.Page, "leaderboard-page", "leaderboard-desktop-light");

        // The English switch: the same page and menu from the English resources.
        await desktop.Page.GetByTestId("language-switch").ClickAsync();
        await Expect(desktop.Page.GetByTestId("leaderboard-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(desktop.Page.GetByTestId("tab-individuals")).ToHaveTextAsync("Individuals");
        await Expect(desktop.Page.GetByTestId("nav-Wallet").Locator(".label")).ToHaveTextAsync("Wallet");
        await Expect(desktop.Page.GetByTestId("my-rank-pinned")).ToContainTextAsync("Your rank");
    });

    [Theory]
    [InlineData("/")]
    [InlineData("/wallet")]
    [InlineData("/leaderboard")]
    [InlineData("/qr")]
    public Task Anonymous_visitors_get_the_sign_in_page(string path) => RunAsync(async () =>
    {
        var page = await NewPageAsync();
        await page.GotoAsync(path);
        await Expect(page).ToHaveURLAsync(new Regex(@"/signin\?returnUrl=" + Regex.Escape(Uri.EscapeDataString(path)) + "$", RegexOptions.IgnoreCase));
        await Expect(page.GetByTestId("signin-form")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("student-nav")).ToHaveCountAsync(0);
    });
}
