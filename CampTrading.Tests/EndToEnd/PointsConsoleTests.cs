using System.Text;
using CampTrading.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// A point manager grants points to a team after a preview and a confirmation, takes more than a student has
/// (the preview flags the debt, the student ends in debt) but is not offered debt or freezing, which the admin does; a refusal
/// (no reason) changes nothing. Screenshots of the points page, desktop and phone.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PointsConsoleTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public Task Point_manager_grants_to_a_team_with_preview_and_takes_a_student_into_debt() => RunAsync(async () =>
    {
        var admin = await NewStaffPageAsync("admin-points-roster", "admin", 1280, 800);
        await admin.GotoAsync("/staff/roster");
        await Expect(admin.GetByTestId("roster-page")).ToHaveAttributeAsync("data-interactive", "true");
        const string csv = "id,name,team\nP201,王小明,橘隊 Orange\nP202,陳美玲,橘隊 Orange\nP203,Lee Min,藍隊 Blue\n";
        await admin.UploadRosterAsync(csv);
        await admin.GetByTestId("roster-apply").ClickAsync();
        await Expect(admin.GetByTestId("roster-applied")).ToContainTextAsync("3 new");

        var staff = await NewStaffPageAsync("points-keeper", "point_manager", 1280, 800);
        await staff.GotoAsync("/staff/points");
        var page = staff.GetByTestId("points-console");
        await Expect(page).ToHaveAttributeAsync("data-interactive", "true");

        // A team grant: the preview lists both members, then the confirmation applies it.
        await staff.PickAsync("target-kind", "A team");
        await staff.PickAsync("team-select", "橘隊 Orange");
        await staff.GetByTestId("grant-amount").FillAsync("500");
        await staff.GetByTestId("grant-preview").ClickAsync();
        await Expect(staff.GetByTestId("grant-outcome-errors")).ToContainTextAsync("A reason is required");
        await Expect(staff.GetByTestId("grant-preview-result")).ToHaveCountAsync(0);

        await staff.GetByTestId("grant-reason").FillAsync("隊呼第一名 Best team cheer");
        await staff.GetByTestId("grant-preview").ClickAsync();
        await Expect(staff.GetByTestId("preview-affected")).ToContainTextAsync("2 affected");
        await Expect(staff.GetByTestId("preview-row")).ToHaveCountAsync(2);
        await Expect(staff.GetByTestId("preview-row").First).ToContainTextAsync("0 → 500");
        await Expect(staff.GetByTestId("preview-into-debt")).ToHaveCountAsync(0);
        await staff.EvaluateAsync("window.scrollTo(0, 0)");
        await ShootAsync(staff, "console-points-desktop", fullPage: true);
        await staff.GetByTestId("grant-confirm").ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Grant 500 points each?");
        await staff.GetByTestId("confirm-ok").ClickAsync();
        await Expect(staff.GetByTestId("grant-outcome")).ToContainTextAsync("2 people, 1,000 points moved");
        await Expect(staff.Locator(".mud-input-error")).ToHaveCountAsync(0); // the emptied form is not called wrong

        // The balances changed: the person search shows 王小明 with 500.
        await staff.PickAsync("target-kind", "A person");
        await staff.GetByTestId("person-search").FillAsync("小明");
        await staff.GetByTestId("person-match").First.ClickAsync();
        await Expect(staff.GetByTestId("person-name")).ToHaveTextAsync("王小明");
        await Expect(staff.GetByTestId("person-points")).ToHaveTextAsync("500");

        // A take beyond the balance: the preview flags the debt, the confirmation warns, the student ends in debt.
        await staff.PickAsync("grant-direction", "Take");
        await staff.GetByTestId("grant-amount").FillAsync("800");
        await staff.GetByTestId("grant-reason").FillAsync("損壞器材 Broken equipment");
        await staff.GetByTestId("grant-preview").ClickAsync();
        await Expect(staff.GetByTestId("preview-debt-flag")).ToHaveCountAsync(1);
        await Expect(staff.GetByTestId("preview-row")).ToContainTextAsync("500 → 0");
        await staff.GetByTestId("grant-confirm").ClickAsync();
        await Expect(staff.GetByTestId("confirm-debt-warning")).ToContainTextAsync("1 go into debt, 300 points in total");
        await staff.GetByTestId("confirm-ok").ClickAsync();
        await Expect(staff.GetByTestId("grant-outcome")).ToContainTextAsync("Took 500, 300 became debt");
        await Expect(staff.GetByTestId("person-points")).ToHaveTextAsync("0");
        await Expect(staff.GetByTestId("person-debt")).ToHaveTextAsync("300");

        // Debt and freezing are the admin's (SPEC): the point manager is not offered them; the admin clears and freezes, each audited.
        await Expect(staff.GetByTestId("person-actions")).ToHaveCountAsync(0);
        await admin.GotoAsync("/staff/points");
        await Expect(admin.GetByTestId("points-console")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.PickAsync("target-kind", "A person");
        await admin.GetByTestId("person-search").FillAsync("小明");
        await admin.GetByTestId("person-match").First.ClickAsync();
        await admin.GetByTestId("debt-reason").FillAsync("已修好 Repaired");
        await admin.GetByTestId("debt-clear").ClickAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();
        await Expect(admin.Locator(".mud-snackbar", new() { HasText = "Forgave 300" })).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("person-debt")).ToHaveTextAsync("0");
        await admin.GetByTestId("person-freeze").ClickAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();
        await Expect(admin.GetByTestId("person-state")).ToContainTextAsync("Frozen");
        await Expect(admin.GetByTestId("person-unfreeze")).ToBeVisibleAsync();

        var phone = await NewStaffPageAsync("points-keeper-phone", "point_manager", 390, 844);
        await phone.GotoAsync("/staff/points");
        await Expect(phone.GetByTestId("points-console")).ToHaveAttributeAsync("data-interactive", "true");
        await phone.PickAsync("target-kind", "Everyone");
        await phone.PickAsync("grant-direction", "Take");
        await phone.GetByTestId("grant-amount").FillAsync("100");
        await phone.GetByTestId("grant-reason").FillAsync("全體罰款 Curfew");
        await phone.GetByTestId("grant-preview").ClickAsync();
        await Expect(phone.GetByTestId("preview-affected")).ToContainTextAsync("3 affected");
        await Expect(phone.GetByTestId("preview-debt-flag")).ToHaveCountAsync(2); // 王小明 (0) and Lee Min (0); 陳美玲 has 500
        await phone.EvaluateAsync("window.scrollTo(0, 0)");
        await ShootAsync(phone, "console-points-phone", fullPage: true);

        var light = await NewStaffPageAsync("points-keeper-light", "point_manager", 1280, 800);
        await light.Context.AddCookiesAsync([new Cookie { Name = "camp-theme", Value = "light", Url = App.BaseUrl.ToString() }]);
        await light.GotoAsync("/staff/points");
        await Expect(light.GetByTestId("points-console")).ToHaveAttributeAsync("data-interactive", "true");
        await light.PickAsync("target-kind", "Everyone");
        await light.GetByTestId("grant-amount").FillAsync("100");
        await light.GetByTestId("grant-reason").FillAsync("全體獎勵 Everyone");
        await light.GetByTestId("grant-preview").ClickAsync();
        await Expect(light.GetByTestId("preview-affected")).ToContainTextAsync("3 affected");
        await ShootAsync(light, "console-points-light-desktop", fullPage: true);
        await light.SetViewportSizeAsync(390, 844);
        await ShootAsync(light, "console-points-light-phone", fullPage: true);

        // The teams overview adds up the members' net worth: Orange holds 陳美玲's 500 (王小明 is at 0).
        await StaffNavAsync(staff, "teams");
        await Expect(staff.GetByTestId("teams-page")).ToHaveAttributeAsync("data-interactive", "true");
        var orange = staff.Locator("[data-testid=team-row][data-team='橘隊 Orange']");
        await Expect(orange.GetByTestId("team-networth")).ToHaveTextAsync("500");
        await orange.Locator("summary").ClickAsync();
        await Expect(orange.GetByTestId("team-member")).ToHaveCountAsync(2);
        await ShootAsync(staff, "console-teams-desktop", fullPage: true);

        await admin.GotoAsync("/staff/users");
        await Expect(admin.Locator("[data-testid=audit-row]", new() { HasText = "points.grant_group" }).First).ToContainTextAsync("points-keeper");
        await Expect(admin.Locator("[data-testid=audit-row]", new() { HasText = "points.take" }).First).ToContainTextAsync("points-keeper");
        await Expect(admin.Locator("[data-testid=audit-row]", new() { HasText = "points.freeze" }).First).ToContainTextAsync("admin-points-roster");
    });
}
