using System.Text.RegularExpressions;
using CampTrading.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// An announcer publishes an announcement while a student's phone is on /trade: the toast appears live, /announcements
/// lists it and its detail shows the markdown rendered safely; a scheduled one stays hidden; withdrawing removes it from
/// the open pages live. Screenshots of the staff and student pages (phone and desktop).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AnnouncementTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    private const string Title = "晚餐改到 18:30 Dinner moved";
    private const string Body = "今天的**晚餐**改到 *18:30*，地點：[餐廳地圖](https://camp.example/map)\n\n- 帶水壺 Bring a bottle\n- 準時 Be on time\n\n<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">\n\n[點我 click](javascript:window.pwned=3)";

    [Fact]
    public Task A_published_announcement_arrives_live_with_a_toast_and_withdrawing_removes_it() => RunAsync(async () =>
    {
        var student = await SignInAsync("reader");
        var staff = await NewStaffPageAsync("announcer-e2e", "announcer", 1280, 800);

        await staff.GotoAsync("/staff/announcements");
        await Expect(staff.GetByTestId("staff-announcements")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(staff.GetByTestId("staff-nav-announcements")).ToHaveAttributeAsync("href", "/staff/announcements");

        // A scheduled one first: listed for staff as scheduled, invisible to students.
        await staff.GetByTestId("announcement-title-input").FillAsync("明天的活動 Tomorrow");
        await staff.GetByTestId("announcement-body-input").FillAsync("稍後公布 More soon");
        await staff.GetByTestId("announcement-telegram-input").ClickAsync();
        await staff.GetByTestId("announcement-schedule-input").FillAsync(DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(staff.GetByTestId("announcement-save")).ToContainTextAsync("Schedule");
        await staff.GetByTestId("announcement-save").ClickAsync();
        await Expect(staff.GetByTestId("announcement-message")).ToContainTextAsync("Scheduled");
        await Expect(staff.Locator(".mud-input-error")).ToHaveCountAsync(0); // the emptied form is not called wrong
        await Expect(staff.GetByTestId("announcement-row").First.GetByTestId("announcement-state")).ToHaveTextAsync("已排程 Scheduled");

        // The preview follows the editor and never runs the hostile parts.
        await staff.GetByTestId("announcement-title-input").FillAsync(Title);
        await staff.PickAsync("announcement-priority-input", "Important");
        await staff.GetByTestId("announcement-body-input").FillAsync(Body);
        var preview = staff.GetByTestId("announcement-preview");
        await Expect(preview.Locator("strong")).ToHaveTextAsync("晚餐");
        await Expect(preview.Locator("li")).ToHaveCountAsync(2);
        await Expect(preview.Locator("script, img")).ToHaveCountAsync(0);
        await Expect(preview).ToContainTextAsync("<script>");
        await ShootAsync(staff, "announcements-staff-desktop", fullPage: true);

        await Expect(staff.GetByTestId("announcement-save")).ToContainTextAsync("Publish now");
        await staff.GetByTestId("announcement-save").ClickAsync();
        await Expect(staff.GetByTestId("announcement-message")).ToContainTextAsync("Published");
        var row = staff.Locator("[data-testid=announcement-row]", new() { HasText = Title });
        await Expect(row.GetByTestId("announcement-state")).ToHaveTextAsync("已發布 Published");
        var id = await row.GetAttributeAsync("data-id");

        // The student's phone, still on /trade, gets the toast without a reload.
        var toast = student.Page.GetByTestId("announcement-toast").Filter(new() { HasText = Title });
        await Expect(toast).ToBeVisibleAsync();
        await Expect(toast).ToContainTextAsync("新公告");
        // Let the toast finish fading in before the picture (only finite animations: a progress bar may run on).
        await student.Page.EvaluateAsync("() => Promise.allSettled(document.getAnimations().filter(a => a.effect?.getComputedTiming().endTime !== Infinity).map(a => a.finished))");
        await ShootAsync(student.Page, "announcements-toast-phone");
        await toast.ClickAsync();
        await Expect(student.Page).ToHaveURLAsync(new Regex($"/announcements/{id}$"));
        await Expect(student.Page.GetByTestId("announcement-heading")).ToHaveTextAsync(Title);

        // The list shows the published one only, the detail the safe rendering.
        await student.Page.GetByTestId("announcements-back").ClickAsync();
        await Expect(student.Page).ToHaveURLAsync(new Regex("/announcements$"));
        await Expect(student.Page.GetByTestId("announcements-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(student.Page.GetByTestId("announcement-item")).ToHaveCountAsync(1);
        await Expect(student.Page.GetByTestId("announcement-title")).ToHaveTextAsync(Title);
        await ShootAsync(student.Page, "announcements-list-phone");

        var desktop = await SignInAgainAsync(student, 1280, 800);
        await desktop.Page.GotoAsync($"/announcements/{id}");
        await Expect(desktop.Page.GetByTestId("announcement-detail")).ToHaveAttributeAsync("data-interactive", "true");
        var body = desktop.Page.GetByTestId("announcement-body");
        await Expect(body.Locator("strong")).ToHaveTextAsync("晚餐");
        await Expect(body.Locator("script, img")).ToHaveCountAsync(0);
        await Expect(body.Locator("a", new() { HasText = "點我 click" })).ToHaveAttributeAsync("href", "#");
        await Expect(desktop.Page.GetByTestId("announcement-priority")).ToHaveTextAsync("重要");
        Assert.Equal("undefined", await desktop.Page.EvaluateAsync<string>("() => typeof window.pwned"));
        await ShootAsync(desktop.Page, "announcements-detail-desktop", fullPage: true);

        await student.Page.GetByTestId("announcement-item").ClickAsync();
        await Expect(student.Page.GetByTestId("announcement-detail")).ToHaveAttributeAsync("data-interactive", "true");
        await ShootAsync(student.Page, "announcements-detail-phone", fullPage: true);
        await student.Page.GetByTestId("announcements-back").ClickAsync();
        await Expect(student.Page.GetByTestId("announcements-page")).ToHaveAttributeAsync("data-interactive", "true");
        await desktop.Page.GotoAsync("/announcements");
        await Expect(desktop.Page.GetByTestId("announcement-item")).ToHaveCountAsync(1);
        await ShootAsync(desktop.Page, "announcements-list-desktop");
        await desktop.Page.GotoAsync($"/announcements/{id}");
        await Expect(desktop.Page.GetByTestId("announcement-detail")).ToHaveAttributeAsync("data-interactive", "true");

        // The staff console on a phone.
        var staffPhone = await NewStaffPageAsync("announcer-phone", "announcer", 390, 844);
        await staffPhone.GotoAsync("/staff/announcements");
        await Expect(staffPhone.GetByTestId("staff-announcements")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(staffPhone.GetByTestId("announcement-row")).ToHaveCountAsync(2);
        await ShootAsync(staffPhone, "announcements-staff-phone", fullPage: true);

        // An edit reaches the open detail page live.
        await row.GetByTestId("announcement-edit").ClickAsync();
        await Expect(staff.GetByTestId("announcement-title-input")).ToHaveValueAsync(Title);
        await staff.GetByTestId("announcement-title-input").FillAsync(Title + "（更新 updated）");
        await staff.GetByTestId("announcement-save").ClickAsync();
        await Expect(staff.GetByTestId("announcement-message")).ToContainTextAsync("Published");
        await Expect(desktop.Page.GetByTestId("announcement-heading")).ToContainTextAsync("更新 updated");

        // Withdrawing (after a confirmation) takes it off the open student pages live.
        await row.GetByTestId("announcement-withdraw").ClickAsync();
        await Expect(staff.GetByTestId("confirm-dialog")).ToContainTextAsync("Students will no longer see it");
        await staff.GetByTestId("confirm-ok").ClickAsync();
        await Expect(staff.GetByTestId("announcement-message")).ToContainTextAsync("Withdrawn");
        await Expect(row.GetByTestId("announcement-state")).ToHaveTextAsync("已撤回 Withdrawn");
        await Expect(student.Page.GetByTestId("announcement-item")).ToHaveCountAsync(0);
        await Expect(student.Page.GetByTestId("announcements-empty")).ToBeVisibleAsync();
        await Expect(desktop.Page.GetByTestId("announcement-withdrawn")).ToBeVisibleAsync();
        await Expect(staffPhone.Locator("[data-testid=announcement-row]", new() { HasText = Title }).GetByTestId("announcement-state")).ToHaveTextAsync("已撤回 Withdrawn");

        // The student pages speak English on request.
        await desktop.Page.GotoAsync("/culture/en?returnUrl=%2Fannouncements");
        await Expect(desktop.Page.GetByTestId("announcements-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(desktop.Page.Locator("h1")).ToHaveTextAsync("Announcements");
        await Expect(desktop.Page.GetByTestId("announcements-empty")).ToHaveTextAsync("No announcements yet.");

        // The audit log names the announcer.
        var admin = await NewStaffPageAsync("admin-announce", "admin", 1280, 800);
        await admin.GotoAsync("/staff/users");
        await Expect(admin.Locator("[data-testid=audit-row]", new() { HasText = "announcement.withdraw" }).First).ToContainTextAsync("announcer-e2e");
        await Expect(admin.Locator("[data-testid=audit-row]", new() { HasText = "announcement.create" }).First).ToContainTextAsync("announcer-e2e");
    });
}
