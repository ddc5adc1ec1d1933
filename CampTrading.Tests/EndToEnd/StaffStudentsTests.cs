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
[Collection(PostgresCollectionDefinition.Name)]
[Trait("Category", "EndToEnd")]
public sealed partial class StaffStudentsTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public Task Admin_finds_a_student_freezes_them_grants_points_and_sees_a_refusal() => RunAsync(async () =>
    {
        var folder = ScreenshotFolder();
        var admin = await NewStaffPageAsync("admin-students", "admin", 1280, 800);

        await admin.GotoAsync("/staff/roster");
        await Expect(admin.GetByTestId("roster-page")).ToHaveAttributeAsync("data-interactive", "true");
        const string csv = "id,name,team\nT101,林大同,黃隊 Yellow\nT102,張雅婷,黃隊 Yellow\nT103,Kim Park,紫隊 Purple\n";
        await admin.GetByTestId("roster-file").SetInputFilesAsync(new FilePayload { Name = "roster.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await admin.GetByTestId("roster-apply").ClickAsync();
        await Expect(admin.GetByTestId("roster-applied")).ToContainTextAsync("3 new");

        await admin.GotoAsync("/staff");
        await admin.GetByTestId("staff-nav-students").ClickAsync();
        await admin.WaitForURLAsync(new Regex("/staff/students$"));
        await Expect(admin.GetByTestId("students-page")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.GetByTestId("student-search").FillAsync("大同");
        await admin.GetByTestId("student-search").PressAsync("Enter");
        await Expect(admin.GetByTestId("student-row")).ToHaveCountAsync(1);
        await Expect(admin.GetByTestId("student-row")).ToContainTextAsync("T101");
        await Expect(admin.GetByTestId("student-row")).ToContainTextAsync("否 No"); // Telegram not linked

        await admin.GetByTestId("student-link").ClickAsync();
        await admin.WaitForURLAsync(new Regex(@"/staff/students/\d+$"));
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
        await Expect(admin.Locator("[data-testid=ledger-row][data-kind=Grant]").First).ToContainTextAsync("+100");

        // Refusal: the engine's answer, in zh-TW with its code.
        await admin.GetByTestId("points-amount").FillAsync("0");
        await admin.GetByTestId("grant-points").ClickAsync();
        await Expect(admin.GetByTestId("student-message")).ToContainTextAsync("invalid_amount");
        await Expect(admin.GetByTestId("student-message")).ToContainTextAsync("金額必須不為零的整數");
        await Expect(admin.GetByTestId("student-points")).ToHaveTextAsync((before + 100).ToString("N0", CultureInfo.InvariantCulture));
        await admin.ScreenshotAsync(new() { Path = Path.Combine(folder, "staff-student-desktop.png") });

        // Back on the list, the state filter finds the frozen student.
        await admin.GotoAsync("/staff/students");
        await Expect(admin.GetByTestId("students-page")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.GetByTestId("student-state").SelectOptionAsync("frozen");
        await Expect(admin.GetByTestId("student-row")).ToHaveCountAsync(1);
        await Expect(admin.GetByTestId("student-row")).ToContainTextAsync("林大同");
        await Expect(admin.GetByTestId("student-row")).ToContainTextAsync("凍結 Frozen");

        // The audit log names the acting staff member.
        await admin.GotoAsync("/staff/users");
        await Expect(admin.Locator("[data-testid=audit-row]", new() { HasText = "student.grant" }).First).ToContainTextAsync("admin-students");
        await Expect(admin.Locator("[data-testid=audit-row]", new() { HasText = "student.freeze" }).First).ToContainTextAsync("admin-students");
    });
}
