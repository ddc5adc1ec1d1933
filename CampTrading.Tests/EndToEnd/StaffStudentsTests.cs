using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CampTrading.Tests.Durability;
using CampTrading.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// An admin imports a roster, finds a student on /staff/students, freezes them and grants points, and sees the engine
/// refuse a zero grant. Screenshot to the test output folder, or with CAMP_DOCS_SCREENSHOTS=1 to docs/screenshots/.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class StaffStudentsTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public Task Admin_finds_a_student_freezes_them_grants_points_and_sees_a_refusal() => RunAsync(async () =>
    {
        var admin = await NewStaffPageAsync("admin-students", "admin", 1280, 800);

        await admin.GotoAsync("/staff/roster");
        await Expect(admin.GetByTestId("roster-page")).ToHaveAttributeAsync("data-interactive", "true");
        const string csv = "id,name,team\nT101,林大同,黃隊 Yellow\nT102,張雅婷,黃隊 Yellow\nT103,Kim Park,紫隊 Purple\n";
        await admin.UploadRosterAsync(csv);
        await admin.GetByTestId("roster-apply").ClickAsync();
        await Expect(admin.GetByTestId("roster-applied")).ToContainTextAsync("3 new");

        await admin.GotoAsync("/staff");
        await StaffNavAsync(admin, "students");
        await Expect(admin).ToHaveURLAsync(new Regex("/staff/students$"));
        await Expect(admin.GetByTestId("students-page")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.GetByTestId("student-search").FillAsync("大同");
        await admin.GetByTestId("student-search").PressAsync("Enter");
        await Expect(admin.Locator(".student-row")).ToHaveCountAsync(1);
        await Expect(admin.Locator(".student-row")).ToContainTextAsync("T101");
        await Expect(admin.Locator(".student-row")).ToContainTextAsync("否 No"); // Telegram not linked

        await admin.GetByTestId("student-link").ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex(@"/staff/students/\d+$"));
        await Expect(admin.GetByTestId("student-detail")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(admin.GetByTestId("student-name")).ToHaveTextAsync("林大同");
        await Expect(admin.GetByTestId("student-external-id")).ToHaveTextAsync("T101");
        var before = long.Parse(await admin.GetByTestId("student-points").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

        await admin.GetByTestId("freeze").ClickAsync();
        await Expect(admin.GetByTestId("student-state-label")).ToHaveTextAsync("凍結 Frozen");
        await Expect(admin.GetByTestId("unfreeze")).ToBeVisibleAsync();

        await admin.GetByTestId("points-amount").FillAsync("100");
        await admin.GetByTestId("points-reason").FillAsync("值星表現 Good duty");
        await admin.GetByTestId("grant-points").ClickAsync();
        await Expect(admin.GetByTestId("student-message")).ToContainTextAsync("Granted 100 points");
        await Expect(admin.GetByTestId("student-points")).ToHaveTextAsync((before + 100).ToString("N0", CultureInfo.InvariantCulture));
        await Expect(admin.Locator("tr.ledger-row.ledger-kind-grant").First).ToContainTextAsync("+100");

        // Refusal: the engine's answer, in zh-TW with its code.
        await Expect(admin.GetByTestId("grant-points")).ToBeEnabledAsync();
        await admin.GetByTestId("points-amount").FillAsync("0");
        await admin.GetByTestId("grant-points").ClickAsync();
        await Expect(admin.GetByTestId("student-message")).ToContainTextAsync("invalid_amount");
        await Expect(admin.GetByTestId("student-message")).ToContainTextAsync("金額必須不為零的整數");
        await Expect(admin.GetByTestId("student-points")).ToHaveTextAsync((before + 100).ToString("N0", CultureInfo.InvariantCulture));
        await ShootAsync(admin, "staff-student-desktop", fullPage: true);

        // Back on the list, the state filter finds the frozen student.
        await admin.GotoAsync("/staff/students");
        await Expect(admin.GetByTestId("students-page")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.GetByTestId("student-state-frozen").ClickAsync();
        await Expect(admin.Locator(".student-row")).ToHaveCountAsync(1);
        await Expect(admin.Locator(".student-row")).ToContainTextAsync("林大同");
        await Expect(admin.Locator(".student-row")).ToContainTextAsync("凍結 Frozen");

        // The audit log names the acting staff member.
        await admin.GotoAsync("/staff/users");
        await Expect(admin.Locator("[data-testid=audit-row]", new() { HasText = "student.grant" }).First).ToContainTextAsync("admin-students");
        await Expect(admin.Locator("[data-testid=audit-row]", new() { HasText = "student.freeze" }).First).ToContainTextAsync("admin-students");
    });

    [Fact]
    public Task Admin_disables_records_debt_takes_into_debt_resets_login_and_pages_the_ledger_and_a_point_manager_sees_only_points() => RunAsync(async () =>
    {
        var admin = await NewStaffPageAsync("admin-actions", "admin", 390, 844); // the console on a phone
        await admin.GotoAsync("/staff/roster");
        await Expect(admin.GetByTestId("roster-page")).ToHaveAttributeAsync("data-interactive", "true");
        const string csv = "id,name,team\nT201,周杰,橙隊 Orange\n";
        await admin.UploadRosterAsync(csv);
        await admin.GetByTestId("roster-apply").ClickAsync();
        await Expect(admin.GetByTestId("roster-applied")).ToContainTextAsync("1 new");
        await admin.GotoAsync("/staff/students");
        await Expect(admin.GetByTestId("students-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(admin.Locator(".student-row").First).ToBeVisibleAsync();
        await ShootAsync(admin, "staff-students-phone");
        await OpenStudentAsync(admin, "周杰");

        // Disable asks first; cancelling changes nothing, confirming disables; enable needs no confirmation.
        await admin.GetByTestId("disable").ClickAsync();
        var dialog = admin.GetByTestId("confirm-dialog");
        await Expect(dialog).ToContainTextAsync("Disable 周杰?");
        await ShootAsync(admin, "staff-confirm-phone");
        await admin.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(admin.GetByTestId("student-state-label")).Not.ToContainTextAsync("Disabled");
        await admin.GetByTestId("disable").ClickAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();
        await Expect(admin.GetByTestId("student-state-label")).ToContainTextAsync("Disabled");
        await admin.GetByTestId("enable").ClickAsync();
        await Expect(admin.GetByTestId("student-state-label")).Not.ToContainTextAsync("Disabled");

        // 21 grants: the ledger grid pages in SQL (20 per page, newest first).
        for (var i = 1; i <= 21; i++)
        {
            await Expect(admin.GetByTestId("grant-points")).ToBeEnabledAsync(); // the previous grant has finished
            await admin.GetByTestId("points-amount").FillAsync("10");
            await admin.GetByTestId("grant-points").ClickAsync();
            await Expect(admin.GetByTestId("student-points")).ToHaveTextAsync((10 * i).ToString("N0", CultureInfo.InvariantCulture));
        }
        var ledger = admin.Locator("tr.ledger-row");
        var pager = admin.GetByTestId("ledger-pager");
        await Expect(ledger).ToHaveCountAsync(20);
        await pager.Locator("button[aria-label='Next page']").ClickAsync();
        await Expect(ledger).ToHaveCountAsync(1);
        await Expect(ledger).ToContainTextAsync("+10");
        await pager.Locator("button[aria-label='Previous page']").ClickAsync();
        await Expect(ledger).ToHaveCountAsync(20);

        // A take larger than the balance: the balance goes to zero and the rest becomes debt, never a negative balance.
        await Expect(admin.GetByTestId("grant-points")).ToBeEnabledAsync();
        await admin.GetByTestId("points-amount").FillAsync("-250");
        await admin.GetByTestId("points-reason").FillAsync("損壞器材 Broken kit");
        await admin.GetByTestId("grant-points").ClickAsync();
        await Expect(admin.GetByTestId("student-points")).ToHaveTextAsync("0");
        await Expect(admin.GetByTestId("student-debt")).ToHaveTextAsync("40");
        // Record more debt, then clear it.
        await Expect(admin.GetByTestId("grant-points")).ToBeEnabledAsync();
        await admin.GetByTestId("points-amount").FillAsync("15");
        await admin.GetByTestId("record-debt").ClickAsync();
        await Expect(admin.GetByTestId("student-debt")).ToHaveTextAsync("55");
        await admin.GetByTestId("clear-debt").ClickAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();
        await Expect(admin.GetByTestId("student-debt")).ToHaveTextAsync("0");

        // Reset login asks first, then shows a new code.
        var oldCode = (await admin.GetByTestId("student-code").InnerTextAsync()).Trim();
        await admin.GetByTestId("reset-login").ClickAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();
        await Expect(admin.GetByTestId("student-message")).ToContainTextAsync("new code");
        await Expect(admin.GetByTestId("student-code")).Not.ToHaveTextAsync(oldCode);
        await ShootAsync(admin, "staff-student-phone", fullPage: true);

        // A point manager: points, but no debt (the admin's, SPEC), account-state or login actions, and no roster/staff pages in the menu.
        var manager = await NewStaffPageAsync("points-only", "point_manager", 1280, 800);
        await OpenStudentAsync(manager, "周杰");
        await Expect(manager.GetByTestId("grant-points")).ToBeVisibleAsync();
        // The private sign-in code is for ManageUsers only; other roles see the public number.
        await Expect(manager.GetByTestId("student-number")).ToBeVisibleAsync();
        await Expect(manager.GetByTestId("student-code")).ToHaveCountAsync(0);
        foreach (var action in ManagerOnlyActions)
            await Expect(manager.GetByTestId(action)).ToHaveCountAsync(0);
        await Expect(manager.GetByTestId("staff-nav-students")).ToBeVisibleAsync();
        foreach (var item in AdminOnlyPages)
            await Expect(manager.GetByTestId("staff-nav-" + item)).ToHaveCountAsync(0);
    });

    private static readonly string[] ManagerOnlyActions = ["freeze", "disable", "reset-login", "record-debt"];
    private static readonly string[] AdminOnlyPages = ["users", "roster", "badges"];

    /// <summary>Searches the students page for a name and opens the one match.</summary>
    private static async Task OpenStudentAsync(IPage page, string name)
    {
        await page.GotoAsync("/staff/students");
        await Expect(page.GetByTestId("students-page")).ToHaveAttributeAsync("data-interactive", "true");
        await page.GetByTestId("student-search").FillAsync(name);
        await page.GetByTestId("student-search").PressAsync("Enter");
        await Expect(page.Locator(".student-row")).ToHaveCountAsync(1);
        await page.GetByTestId("student-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/staff/students/\d+$"));
        await Expect(page.GetByTestId("student-detail")).ToHaveAttributeAsync("data-interactive", "true");
    }
}
