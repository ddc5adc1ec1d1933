using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CampTrading.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// The venues of the camp in a real browser against the real app: QR batches and their print sheet, a community booth
/// (staff create it, booth staff unlock the phone page and reward a student once), and arcade machines (key shown
/// once, revoked). Screenshots of each page at phone and desktop size (docs/screenshots with CAMP_DOCS_SCREENSHOTS=1).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class VenueTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..5];

    [Fact]
    public Task Qr_manager_creates_a_batch_prints_its_sheet_and_voids_it() => RunAsync(async () =>
    {
        var staff = await NewStaffPageAsync("qr-staff", "qrcode_manager", 1280, 800);
        await staff.GotoAsync("/staff/qr");
        await Expect(staff.GetByTestId("qr-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(staff.GetByTestId("staff-nav-qr")).ToHaveAttributeAsync("href", "/staff/qr");
        await Expect(staff.GetByTestId("staff-nav-booths")).ToHaveCountAsync(0); // SystemAdmin pages are not offered

        var label = $"尋寶 Hunt {_run}";
        await staff.GetByTestId("qr-count").FillAsync("5");
        await staff.GetByTestId("qr-value").FillAsync("50");
        await staff.GetByTestId("qr-label").FillAsync(label);
        await staff.GetByTestId("create-batch").ClickAsync();
        await Expect(staff.GetByTestId("qr-message")).ToContainTextAsync("5 codes of 50 points");
        var row = staff.Locator("tr.qr-batch-row", new() { HasText = label });
        await Expect(row.GetByTestId("qr-batch-count")).ToHaveTextAsync("5");
        await Expect(row.GetByTestId("qr-batch-unused")).ToHaveTextAsync("5");
        await row.GetByTestId("qr-show-codes").ClickAsync();
        await Expect(staff.Locator("[data-testid=qr-code][data-status=unused]")).ToHaveCountAsync(5);
        await ShootPhoneAndDesktopAsync(staff, "qr-staff");

        // A value above the configured maximum is refused by the form and creates nothing.
        await staff.GetByTestId("qr-value").FillAsync("5000");
        // The field has taken the value (its own message shows) before Create is pressed, so the press is judged on it.
        await Expect(staff.GetByText("The points must be 1–").First).ToBeVisibleAsync();
        await staff.GetByTestId("create-batch").ClickAsync();
        await Expect(staff.GetByTestId("qr-form-errors")).ToContainTextAsync("The points must be 1–");
        await Expect(staff.Locator("tr.qr-batch-row")).ToHaveCountAsync(1);

        await staff.GetByTestId("qr-value").FillAsync("50");
        await row.GetByTestId("qr-print").ClickAsync();
        await Expect(staff).ToHaveURLAsync(new Regex(@"/staff/qr/print\?batch=\d+$"));
        await Expect(staff.GetByTestId("qr-print-page")).ToHaveAttributeAsync("data-interactive", "true");
        // Printing is guarded until an admin sets a public address phones can open (this app listens on 127.0.0.1).
        var printUrl = staff.Url;
        if (await staff.GetByTestId("print-guard").CountAsync() > 0)
        {
            await Expect(staff.GetByTestId("qr-ticket")).ToHaveCountAsync(0);
            await Expect(staff.GetByTestId("public-address-ask-admin")).ToBeVisibleAsync(); // a QR manager cannot set it
            var admin = await NewStaffPageAsync("venue-admin", "admin", 1280, 800);
            await admin.SetPublicAddressAsync();
            await staff.GotoAsync(printUrl);
            await Expect(staff.GetByTestId("qr-print-page")).ToHaveAttributeAsync("data-interactive", "true");
        }
        await Expect(staff.GetByTestId("sheet-address")).ToContainTextAsync($"QR → {PublicAddressSteps.LanAddress}");
        await Expect(staff.GetByTestId("qr-ticket")).ToHaveCountAsync(5);
        await Expect(staff.GetByTestId("qr-ticket-value")).ToHaveCountAsync(5);
        await Expect(staff.GetByTestId("qr-ticket-value").First).ToContainTextAsync("50");
        await Expect(staff.GetByTestId("qr-ticket-code").First).ToHaveTextAsync(new Regex("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$"));
        var qrSource = await staff.Locator("[data-testid=qr-ticket] img").First.GetAttributeAsync("src");
        Assert.StartsWith("data:image/png;base64,", qrSource, StringComparison.Ordinal);
        await ShootPhoneAndDesktopAsync(staff, "qr-print", fullPage: true);

        // Printed: only the sheets, no site header, staff menu or toolbar.
        await staff.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(staff.GetByTestId("staff-nav")).ToBeHiddenAsync();
        await Expect(staff.GetByTestId("print-button")).ToBeHiddenAsync();
        await Expect(staff.GetByTestId("qr-ticket").First).ToBeVisibleAsync();
        await ShootAsync(staff, "qr-print-media-desktop");
        await staff.EmulateMediaAsync(new() { Media = Media.Screen });

        await staff.GetByTestId("toggle-value").ClickAsync();
        await Expect(staff).ToHaveURLAsync(new Regex("hideValue=true"));
        await Expect(staff.GetByTestId("qr-ticket")).ToHaveCountAsync(5);
        await Expect(staff.GetByTestId("qr-ticket-value")).ToHaveCountAsync(0);

        // Voiding the unused codes: confirmation first, then nothing is left to print.
        await staff.GotoAsync("/staff/qr");
        await Expect(staff.GetByTestId("qr-page")).ToHaveAttributeAsync("data-interactive", "true");
        await row.GetByTestId("void-batch").ClickAsync();
        await Expect(staff.GetByTestId("confirm-dialog")).ToContainTextAsync("Void 5 codes with uses left");
        await staff.GetByTestId("confirm-ok").ClickAsync();
        await Expect(staff.GetByTestId("qr-message")).ToContainTextAsync("Voided 5 codes");
        await Expect(row.GetByTestId("qr-batch-voided")).ToHaveTextAsync("5");
        await Expect(row.GetByTestId("void-batch")).ToHaveCountAsync(0);
        await row.GetByTestId("qr-print").ClickAsync();
        await Expect(staff.GetByTestId("qr-print-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(staff.GetByTestId("print-summary")).ToContainTextAsync("5 voided or used up are left out");
        await Expect(staff.GetByTestId("qr-ticket")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Booth_staff_unlock_the_booth_page_reward_a_student_once_and_see_the_second_award_refused() => RunAsync(async () =>
    {
        var admin = await NewStaffPageAsync("booth-admin", "admin", 1280, 800);
        var student = $"王小明{_run}";
        await ImportRosterAsync(admin, $"id,name,team\nB{_run}1,{student},藍隊 Blue\nB{_run}2,李小華{_run},藍隊 Blue\n");
        var (code, number) = await BadgeAsync(admin, student);

        await admin.GotoAsync("/staff/booths");
        await Expect(admin.GetByTestId("booths-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(admin.GetByTestId("staff-nav-booths")).ToHaveAttributeAsync("href", "/staff/booths");
        var booth = $"天文社 Astronomy {_run}";
        await admin.GetByTestId("booth-name").FillAsync(booth);
        await Expect(admin.GetByTestId("booth-reward")).ToHaveValueAsync("1000");
        await admin.GetByTestId("create-booth").ClickAsync();
        await Expect(admin.GetByTestId("booth-secret")).ToBeVisibleAsync();
        var secret = await admin.GetByTestId("booth-secret").InnerTextAsync();
        Assert.Matches("^[a-z2-9]{12}$", secret);
        await ShootPhoneAndDesktopAsync(admin, "booths-staff");

        // The booth page on the community's phone: a wrong secret first, then the right one.
        var phone = await NewPageAsync(390, 844);
        await phone.GotoAsync("/booth");
        await Expect(phone.GetByTestId("booth-page")).ToHaveAttributeAsync("data-interactive", "true");
        await phone.PickAsync("booth-select", booth);
        await phone.GetByTestId("booth-secret-input").FillAsync("wrong-secret");
        await phone.GetByTestId("booth-unlock-button").ClickAsync();
        await Expect(phone.GetByTestId("booth-unlock-error")).ToContainTextAsync("The secret or key is wrong.");
        await phone.GetByTestId("booth-secret-input").FillAsync(secret);
        await phone.GetByTestId("booth-staff-name").FillAsync("小美");
        await ShootAsync(phone, "booth-unlock-phone");
        await phone.GetByTestId("booth-unlock-button").ClickAsync();
        await Expect(phone.GetByTestId("booth-title")).ToHaveTextAsync(booth);

        // The private sign-in QR (its URL) is refused: scanning it must not let the booth act on the account.
        await phone.GetByTestId("badge-code-input").FillAsync($"{App.BaseUrl.ToString().TrimEnd('/')}/login/{code}");
        await phone.GetByTestId("award-code-button").ClickAsync();
        await Expect(phone.GetByTestId("award-message")).ToContainTextAsync("not a student number");

        // The public number from the badge awards the student.
        await phone.GetByTestId("badge-code-input").FillAsync(number);
        await phone.GetByTestId("award-code-button").ClickAsync();
        await Expect(phone.GetByTestId("award-result")).ToHaveAttributeAsync("data-outcome", "ok");
        await Expect(phone.GetByTestId("award-result")).ToContainTextAsync(student);
        await Expect(phone.GetByTestId("award-message")).ToContainTextAsync("Awarded 1,000 points");
        await ShootAsync(phone, "booth-page-phone");

        // The tab remembers the unlocked booth; the same student typed as the printed "#number" is refused, nothing paid twice.
        await phone.ReloadAsync();
        await Expect(phone.GetByTestId("booth-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(phone.GetByTestId("booth-title")).ToHaveTextAsync(booth);
        await phone.GetByTestId("badge-code-input").FillAsync($" #{number} ");
        await phone.GetByTestId("award-code-button").ClickAsync();
        await Expect(phone.GetByTestId("award-result")).ToHaveAttributeAsync("data-outcome", "refused");
        await Expect(phone.GetByTestId("award-message")).ToContainTextAsync("此攤位已發過獎勵給這位學員");
        await Expect(phone.GetByTestId("award-message")).ToContainTextAsync("already rewarded this student");

        // Search by name shows who has been rewarded.
        await phone.GetByTestId("student-search-input").FillAsync(student);
        await phone.GetByTestId("student-search-button").ClickAsync();
        await Expect(phone.GetByTestId("student-match")).ToHaveCountAsync(1);
        await Expect(phone.GetByTestId("student-match").GetByTestId("already-awarded")).ToBeVisibleAsync();
        await ShootAsync(phone, "booth-refused-phone");
        await phone.SetViewportSizeAsync(1280, 800);
        await ShootAsync(phone, "booth-page-desktop");

        // A code that is not a badge gets a clear message.
        await phone.GetByTestId("badge-code-input").FillAsync("not a badge");
        await phone.GetByTestId("award-code-button").ClickAsync();
        await Expect(phone.GetByTestId("award-message")).ToContainTextAsync("not a student number");

        await admin.ReloadAsync();
        await Expect(admin.GetByTestId("booths-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(admin.Locator("tr.booth-row", new() { HasText = booth }).GetByTestId("booth-awards")).ToHaveTextAsync("1");
        await Expect(admin.GetByTestId("booth-secret")).ToHaveCountAsync(0); // shown once only
        await admin.GotoAsync("/staff/users");
        await Expect(admin.Locator("[data-testid=audit-row]", new() { HasText = "booth.award" }).First).ToContainTextAsync("小美");
        await Expect(admin.Locator("[data-testid=audit-row]", new() { HasText = "booth.create" }).First).ToContainTextAsync("booth-admin");
    });

    [Fact]
    public Task Admin_registers_an_arcade_machine_sees_its_key_once_and_revokes_it() => RunAsync(async () =>
    {
        var admin = await NewStaffPageAsync("arcade-admin", "admin", 1280, 800);
        await admin.GotoAsync("/staff/arcade");
        await Expect(admin.GetByTestId("arcade-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(admin.GetByTestId("staff-nav-arcade")).ToHaveAttributeAsync("href", "/staff/arcade");

        var name = $"彈珠台 Pinball {_run}";
        await admin.GetByTestId("machine-name").FillAsync(name);
        await admin.GetByTestId("register-machine").ClickAsync();
        await Expect(admin.GetByTestId("arcade-key")).ToBeVisibleAsync();
        var key = await admin.GetByTestId("arcade-key").InnerTextAsync();
        Assert.Matches(@"^\d+\.[A-Za-z0-9_-]{43}$", key);
        var row = admin.Locator("tr.machine-row", new() { HasText = name });
        await Expect(row.GetByTestId("machine-state")).ToHaveTextAsync("啟用 Active");
        await ShootPhoneAndDesktopAsync(admin, "arcade-staff");

        // The key works: an unknown student is a 404, not a 401.
        using var http = new HttpClient { BaseAddress = App.BaseUrl };
        Assert.Equal((HttpStatusCode.NotFound, "account_unknown"), await BalanceAsync(http, key));

        await admin.ReloadAsync();
        await Expect(admin.GetByTestId("arcade-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(admin.GetByTestId("arcade-key")).ToHaveCountAsync(0); // shown once only

        await row.GetByTestId("revoke").ClickAsync();
        await Expect(admin.GetByTestId("confirm-dialog")).ToContainTextAsync("The key stops working at once");
        await admin.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(admin.GetByTestId("confirm-dialog")).ToHaveCountAsync(0);
        await Expect(row.GetByTestId("machine-state")).ToHaveTextAsync("啟用 Active");
        await row.GetByTestId("revoke").ClickAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();
        await Expect(admin.GetByTestId("arcade-message")).ToContainTextAsync("Revoked the key");
        await Expect(row.GetByTestId("machine-state")).ToHaveTextAsync("已撤銷 Revoked");
        Assert.Equal((HttpStatusCode.Forbidden, "arcade_machine_revoked"), await BalanceAsync(http, key));

        // The API's documentation, rendered from /openapi/v1.json.
        await admin.GotoAsync("/api/docs");
        await Expect(admin.Locator(".swagger-ui .opblock-summary-path").First).ToBeVisibleAsync();
        await Expect(admin.Locator(".swagger-ui .opblock-summary-path", new() { HasText = "/api/arcade/v1/transactions" })).ToHaveCountAsync(1);
        await ShootPhoneAndDesktopAsync(admin, "arcade-api-docs");

        await admin.GotoAsync("/staff/users");
        await Expect(admin.Locator("[data-testid=audit-row]", new() { HasText = "arcade.register" }).First).ToContainTextAsync("arcade-admin");
        await Expect(admin.Locator("[data-testid=audit-row]", new() { HasText = "arcade.revoke" }).First).ToContainTextAsync("arcade-admin");
    });

    private static async Task ImportRosterAsync(IPage admin, string csv)
    {
        await admin.GotoAsync("/staff/roster");
        await Expect(admin.GetByTestId("roster-page")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.UploadRosterAsync(csv);
        await admin.GetByTestId("roster-apply").ClickAsync();
        await Expect(admin.GetByTestId("roster-applied")).ToContainTextAsync("2 new");
    }

    /// <summary>The registration code on the student's badge (as printed, without the dash).</summary>
    /// <summary>The student's private sign-in code (without the dash) and public number (digits) from the badge slip.</summary>
    private static async Task<(string Code, string Number)> BadgeAsync(IPage admin, string student)
    {
        await admin.SetPublicAddressAsync(); // the badges page prints nothing until the public address is set
        var badge = admin.Locator("[data-testid=badge]", new() { HasText = student });
        return ((await badge.GetByTestId("badge-code").InnerTextAsync()).Replace("-", "", StringComparison.Ordinal),
            (await badge.GetByTestId("badge-number").InnerTextAsync()).Trim().TrimStart('#'));
    }

    private static async Task<(HttpStatusCode, string?)> BalanceAsync(HttpClient http, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/arcade/v1/balance/ZZZZZZZZ", UriKind.Relative));
        request.Headers.Add("X-Arcade-Key", key);
        using var response = await http.SendAsync(request);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, problem.RootElement.GetProperty("code").GetString());
    }
}
