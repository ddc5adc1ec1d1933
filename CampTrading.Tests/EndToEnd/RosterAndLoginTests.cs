using System.Text;
using System.Text.RegularExpressions;
using CampTrading.Tests.Durability;
using CampTrading.Tests.Infrastructure;
using CampTrading.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// An admin imports a roster and prints badges; a student signs in on a phone with the code from a badge and
/// lands on their portfolio. The admin session comes from the Development-only POST /dev/signin-role hook.
/// Screenshots go to the test output folder, or with CAMP_DOCS_SCREENSHOTS=1 to docs/screenshots/.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class RosterAndLoginTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public Task Admin_imports_a_roster_prints_badges_and_a_student_signs_in_with_the_code_on_a_phone() => RunAsync(async () =>
    {
        var admin = await NewStaffPageAsync("admin-e2e", "admin", 1280, 900);

        // Import: three students (one with a quoted name), one bad row.
        await admin.GotoAsync("/staff/roster");
        await Expect(admin.GetByTestId("roster-page")).ToHaveAttributeAsync("data-interactive", "true");
        var csv = "\uFEFFid,name,team,email\nS001,王小明,紅隊 Red,ming@example.org\nS002,\"Lee, Ann\",藍隊 Blue,\nS003,陳美玲,紅隊 Red,\n,Nobody,Red,\n"
            + string.Concat(Enumerable.Range(4, 6).Select(i => $"S00{i},學員{i},{(i % 2 == 0 ? "藍隊 Blue" : "綠隊 Green")},\n"));
        await admin.UploadRosterAsync(csv);
        await Expect(admin.GetByTestId("count-new")).ToHaveTextAsync("9");
        await Expect(admin.GetByTestId("count-invalid")).ToHaveTextAsync("1");
        await Expect(admin.Locator("[data-testid=roster-row][data-change=Invalid]")).ToContainTextAsync("missing id");
        await admin.GetByTestId("roster-apply").ClickAsync();
        // One plain sentence, not a table of unchanged rows; new students start at 0 points and the page says where to grant.
        await Expect(admin.GetByTestId("roster-applied")).ToContainTextAsync("9 new students created, 1 skipped: line 5, 缺少 id missing id.");
        await Expect(admin.GetByTestId("roster-zero-points")).ToContainTextAsync("start with 0 points");
        await Expect(admin.GetByTestId("roster-grant-link")).ToHaveAttributeAsync("href", "/staff/points");
        await Expect(admin.GetByTestId("roster-failed-row")).ToContainTextAsync("missing id"); // the skipped row, with its reason
        await Expect(admin.GetByTestId("roster-preview-table")).ToBeHiddenAsync(); // every row: collapsed
        await admin.GetByTestId("roster-details").Locator("summary").ClickAsync();
        await Expect(admin.GetByTestId("count-unchanged")).ToHaveTextAsync("9"); // the details now match the database
        await Expect(admin.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 15_000 }); // the outcome stays on the page; the snackbar fades
        await ShootPhoneAndDesktopAsync(admin, "staff-roster", fullPage: true);

        // Pasted CSV instead of a file: the same preview; an empty paste is refused by the form.
        await admin.GotoAsync("/staff/roster");
        await Expect(admin.GetByTestId("roster-page")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.GetByTestId("roster-preview").ClickAsync();
        await Expect(admin.GetByTestId("roster-form")).ToContainTextAsync("Paste the CSV, or choose a file.");
        await admin.GetByTestId("roster-text").FillAsync("id,name,team\nS001,王小明,紅隊 Red\nS010,新來的,綠隊 Green\n");
        await admin.GetByTestId("roster-preview").ClickAsync();
        await Expect(admin.GetByTestId("count-unchanged")).ToHaveTextAsync("1");
        await Expect(admin.GetByTestId("count-new")).ToHaveTextAsync("1");

        // Teams: the imported teams with their members.
        await admin.GotoAsync("/staff/teams");
        await Expect(admin.GetByTestId("teams-page")).ToHaveAttributeAsync("data-interactive", "true");
        var red = admin.Locator("[data-testid=team-row][data-team='紅隊 Red']");
        await red.Locator("summary").ClickAsync();
        await Expect(red.GetByTestId("team-member")).ToHaveCountAsync(2);
        await ShootPhoneAndDesktopAsync(admin, "staff-teams", fullPage: true);

        // Badges: the app was opened on 127.0.0.1, which phones cannot open: no sheet until the public address is set.
        await admin.GotoAsync("/staff/badges");
        await Expect(admin.GetByTestId("badges-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(admin.GetByTestId("print-guard-alert")).ToContainTextAsync("Printing is blocked.");
        await Expect(admin.GetByTestId("badge")).ToHaveCountAsync(0);
        await Expect(admin.GetByTestId("print-badges")).ToBeDisabledAsync();
        await ShootPhoneAndDesktopAsync(admin, "badges-print-guard");
        await admin.GotoAsync("/staff/badges"); // a fresh desktop layout after the phone-sized screenshot
        await Expect(admin.GetByTestId("badges-page")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.GetByTestId("public-address-input").FillAsync("http://127.0.0.1:8080");
        await admin.GetByTestId("public-address-save").ClickAsync();
        await Expect(admin.GetByTestId("public-address-outcome")).ToContainTextAsync("phones cannot"); // stored, still flagged
        await Expect(admin.GetByTestId("badge")).ToHaveCountAsync(0);
        await admin.GetByTestId("public-address-input").FillAsync(PublicAddressSteps.LanAddress);
        await admin.GetByTestId("public-address-save").ClickAsync();

        // Badges: all, then one team; every sheet names the address its codes open.
        await Expect(admin.GetByTestId("badge")).ToHaveCountAsync(9);
        await Expect(admin.GetByTestId("print-guard")).ToHaveCountAsync(0);
        await Expect(admin.GetByTestId("sheet-address")).ToHaveCountAsync(2);
        await Expect(admin.GetByTestId("sheet-address").First).ToContainTextAsync($"QR → {PublicAddressSteps.LanAddress}");
        await Expect(admin.GetByTestId("badges-summary")).ToContainTextAsync($"{PublicAddressSteps.LanAddress}/login/");
        var ming = admin.GetByTestId("badge").Filter(new() { HasText = "王小明" });
        // Two QR codes: the public number (booths, arcade) and the private sign-in code.
        await Expect(ming.Locator("img.badge-qr")).ToHaveCountAsync(2);
        await Expect(ming.Locator("img.badge-qr").First).ToHaveAttributeAsync("src", new Regex("^data:image/png;base64,"));
        await Expect(ming.Locator("img.badge-qr").Last).ToHaveAttributeAsync("src", new Regex("^data:image/png;base64,"));
        await Expect(ming.GetByTestId("badge-number")).ToHaveTextAsync(new Regex(@"^#\d{4,}$"));
        var code = (await ming.GetByTestId("badge-code").InnerTextAsync()).Trim();
        Assert.Matches(CodePattern(), code);
        await ShootPhoneAndDesktopAsync(admin, "badges", fullPage: true);
        await admin.EmulateMediaAsync(new() { Media = Media.Print });
        var pdf = await admin.PdfAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "badges-print.pdf"), Format = "A4", PrintBackground = true });
        Assert.Equal(2, Regex.Count(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]")); // 9 badges: two A4 sheets of 8
        await admin.EmulateMediaAsync(new() { Media = Media.Screen });

        await admin.GotoAsync("/staff/badges?team=" + Uri.EscapeDataString("紅隊 Red"));
        await Expect(admin.GetByTestId("badge")).ToHaveCountAsync(2);
        // The team filter is a select that changes the address.
        await Expect(admin.GetByTestId("badges-page")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.PickAsync("badge-team", "綠隊 Green");
        await Expect(admin).ToHaveURLAsync(new Regex("team=%E7%B6%A0"));
        await Expect(admin.GetByTestId("badge")).ToHaveCountAsync(3);

        // The student scans the badge: /login/{code} with the code filled in.
        var phone = await NewPageAsync(390, 844);
        await phone.GotoAsync("/login/" + code.Replace("-", "", StringComparison.Ordinal));
        await Expect(phone.Locator("#code")).ToHaveValueAsync(code);
        await ShootAsync(phone, "login-phone");
        await phone.GetByTestId("code-form").Locator("button[type=submit]").ClickAsync();
        // First use of the secret: the student must choose a PIN before signing in.
        await Expect(phone).ToHaveURLAsync(new Regex("pin=new"));
        // The rule is on the form before the first try, not only after a refusal.
        await Expect(phone.GetByTestId("pin-rule")).ToContainTextAsync("不可全同或連號");
        await phone.GetByTestId("new-pin").FillAsync("2580");
        await phone.GetByTestId("code-form").Locator("button[type=submit]").ClickAsync();
        await Expect(phone).ToHaveURLAsync(Trader.TradeUrl());
        var trader = new Trader(phone, "王小明");
        await trader.WaitUntilInteractiveAsync();
        await Expect(trader.Points).ToBeVisibleAsync();
        await Expect(phone.Locator(".app-header .who")).ToHaveTextAsync("王小明");
        Assert.Equal(0, await phone.Locator("[data-testid=no-account]").CountAsync());

        // A student is not staff.
        await phone.GotoAsync("/staff/roster");
        await phone.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(0, await phone.GetByTestId("roster-page").CountAsync());
    });

    [Fact]
    public Task A_wrong_code_is_refused_with_a_message() => RunAsync(async () =>
    {
        var phone = await NewPageAsync(390, 844);
        await phone.GotoAsync("/signin");
        await phone.Locator("#code").FillAsync("ZZZZ-ZZZZ");
        await phone.GetByTestId("code-form").Locator("button[type=submit]").ClickAsync();
        await Expect(phone.GetByTestId("login-error")).ToContainTextAsync("Unknown sign-in code");
        // What was typed stays in the field, ready to be corrected.
        await Expect(phone.Locator("#code")).ToHaveValueAsync("ZZZZ-ZZZZ");
        // This app runs without the Telegram bot: the sign-in pages do not send anyone to it.
        Assert.Equal(0, await phone.GetByTestId("telegram-hint").CountAsync());
        await phone.GotoAsync("/signin");
        Assert.Equal(0, await phone.GetByTestId("telegram-hint").CountAsync());
        await Expect(phone.Locator(".signin-card")).Not.ToContainTextAsync("Telegram");
    });

    [Fact]
    public Task Signing_out_ends_the_session_and_another_site_cannot_sign_anyone_out() => RunAsync(async () =>
    {
        var trader = await SignInAsync("Leaver");
        // A post from elsewhere (no antiforgery token) is refused and the student stays signed in.
        var forged = await trader.Page.Context.APIRequest.PostAsync("/signout", new() { Form = trader.Page.Context.APIRequest.CreateFormData(), MaxRedirects = 0 });
        Assert.Equal(400, forged.Status);
        await trader.Page.ReloadAsync();
        await trader.WaitUntilInteractiveAsync();

        await trader.Id("sign-out").ClickAsync();
        await Expect(trader.Page).ToHaveURLAsync(new Regex("/signin$"));
        await trader.Page.GotoAsync("/trade");
        await Expect(trader.Page).ToHaveURLAsync(new Regex("/signin\\?"));
    });

    [Fact]
    public Task Every_page_has_the_camp_favicon() => RunAsync(async () =>
    {
        var phone = await NewPageAsync(390, 844);
        await phone.GotoAsync("/signin");
        var href = await phone.Locator("link[rel=icon]").GetAttributeAsync("href");
        Assert.NotNull(href);
        var icon = await phone.Context.APIRequest.GetAsync("/" + href!.TrimStart('/'));
        Assert.Equal(200, icon.Status);
        Assert.StartsWith("image/svg+xml", icon.Headers["content-type"], StringComparison.Ordinal);
    });

    [GeneratedRegex("^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$")]
    private static partial Regex CodePattern();
}
