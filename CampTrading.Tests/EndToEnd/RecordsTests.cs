using System.Diagnostics;
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
/// An admin backs up the database (button, confirmed in the dialog, and command line), finds that action on the audit page
/// filtered by staff member, previews the final rankings, is stopped by the form without the confirmation word, then confirms in
/// the dialog, settles and downloads the results. Settling ends
/// trading, so this class has its own app (CampAppFixture is per test class) and settles last. Screenshots: audit, settlement
/// preview and backup pages, phone and desktop.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class RecordsTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public Task Admin_backs_up_audits_previews_and_settles_the_camp() => RunAsync(async () =>
    {
        var student = await SignInAsync("records-student");
        var admin = await NewStaffPageAsync("records-admin", "admin", 1280, 800);
        var phone = await NewStaffPageAsync("records-admin", "admin", 390, 844);

        // Backup: the button writes a dump that downloads; the command line writes one too.
        await admin.GotoAsync("/staff");
        await StaffNavAsync(admin, "backup");
        await Expect(admin).ToHaveURLAsync(new Regex("/staff/backup$"));
        await Expect(admin.GetByTestId("backup-page")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.GetByTestId("backup-create").ClickAsync();
        await admin.GetByTestId("confirm-ok").ClickAsync();
        await Expect(admin.GetByTestId("backup-message")).ToContainTextAsync("written");
        await Expect(admin.GetByTestId("backup-file")).Not.ToHaveCountAsync(0);
        var href = await admin.GetByTestId("backup-download").First.GetAttributeAsync("href");
        var download = await admin.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        Assert.Equal("PGDMP"u8.ToArray(), (await download.BodyAsync())[..5]);
        await ShootAsync(admin, "records-backup-desktop");
        await phone.GotoAsync("/staff/backup");
        await Expect(phone.GetByTestId("backup-page")).ToHaveAttributeAsync("data-interactive", "true");
        await ShootAsync(phone, "records-backup-phone", fullPage: true);
        await BackUpFromTheCommandLineAsync();

        // Audit: filtered by staff member, the backup just made is there and nothing of anyone else.
        await StaffNavAsync(admin, "audit");
        await Expect(admin).ToHaveURLAsync(new Regex("/staff/audit$"));
        await Expect(admin.GetByTestId("audit-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(admin.Locator("[data-testid=audit-row][data-source=ledger]").First).ToBeVisibleAsync(); // the student's start
        await admin.PickAsync("audit-staff", "records-admin");
        await admin.GetByTestId("audit-apply").ClickAsync();
        await Expect(admin.Locator("[data-testid=audit-row][data-source=ledger]")).ToHaveCountAsync(0);
        await Expect(admin.Locator("[data-testid=audit-row][data-kind='backup.create']")).ToHaveCountAsync(1);
        await Expect(admin.Locator("[data-testid=audit-row][data-kind='backup.download']")).ToHaveCountAsync(1);
        foreach (var actor in await admin.GetByTestId("audit-actor").AllInnerTextsAsync()) Assert.Equal("records-admin", actor);
        var export = await admin.Context.APIRequest.GetAsync(await admin.GetByTestId("audit-export").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, export.Status);
        var exported = Encoding.UTF8.GetString((await export.BodyAsync())[3..]);
        Assert.Contains(",staff,backup.create,records-admin,", exported, StringComparison.Ordinal);
        await admin.GetByTestId("audit-person").FillAsync("no-such-person");
        await admin.GetByTestId("audit-apply").ClickAsync();
        await Expect(admin.GetByTestId("audit-error")).ToContainTextAsync("No person matches");
        await admin.GetByTestId("audit-person").FillAsync("");
        await admin.GetByTestId("audit-apply").ClickAsync();
        await Expect(admin.GetByTestId("audit-error")).ToHaveCountAsync(0);
        await Expect(admin.Locator("[data-testid=audit-row][data-kind='audit.export']")).ToHaveCountAsync(1); // the grid has reloaded
        await Expect(admin.Locator("[data-testid=audit-table] .mud-table-loading")).ToHaveCountAsync(0);
        await ShootAsync(admin, "records-audit-desktop");
        await phone.GotoAsync("/staff/audit");
        await Expect(phone.GetByTestId("audit-page")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(phone.GetByTestId("audit-row").First).ToBeVisibleAsync();
        await Expect(phone.Locator("[data-testid=audit-table] .mud-table-loading")).ToHaveCountAsync(0);
        await ShootAsync(phone, "records-audit-phone", fullPage: true);

        // Settlement: a dry run ranks the student; a wrong word is refused and changes nothing; the word settles.
        await StaffNavAsync(admin, "settlement");
        await Expect(admin).ToHaveURLAsync(new Regex("/staff/settlement$"));
        await Expect(admin.GetByTestId("settlement-page")).ToHaveAttributeAsync("data-interactive", "true");
        await admin.GetByTestId("settlement-preview").ClickAsync();
        await Expect(admin.GetByTestId("settlement-message")).ToContainTextAsync("Dry run");
        await Expect(admin.GetByTestId("ranking-individual").Filter(new() { HasText = student.Name })).ToHaveCountAsync(1);
        await ShootAsync(admin, "records-settlement-desktop", fullPage: true);
        await phone.GotoAsync("/staff/settlement");
        await Expect(phone.GetByTestId("settlement-page")).ToHaveAttributeAsync("data-interactive", "true");
        await phone.GetByTestId("settlement-preview").ClickAsync();
        await Expect(phone.GetByTestId("ranking-individual").First).ToBeVisibleAsync();
        await ShootAsync(phone, "records-settlement-phone", fullPage: true);

        await admin.GetByTestId("settlement-confirmation").FillAsync("ok");
        await admin.GetByTestId("settlement-run").ClickAsync();
        await Expect(admin.GetByTestId("settlement-confirm-panel")).ToContainTextAsync("to confirm"); // the form's message
        await Expect(admin.GetByTestId("confirm-dialog")).ToHaveCountAsync(0);
        await Expect(admin.GetByTestId("settlement-done")).ToHaveCountAsync(0);
        await admin.GetByTestId("settlement-confirmation").FillAsync("SETTLE");
        await admin.GetByTestId("settlement-run").ClickAsync();
        await Expect(admin.GetByTestId("confirm-dialog")).ToContainTextAsync("Settle");
        await admin.GetByTestId("confirm-ok").ClickAsync();
        await Expect(admin.GetByTestId("settlement-done")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("settlement-message")).ToContainTextAsync("settled");
        var results = await admin.Context.APIRequest.GetAsync(await admin.GetByTestId("settlement-export").GetAttributeAsync("href") ?? "");
        Assert.Equal(200, results.Status);
        var body = await results.BodyAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, body[..3]);
        Assert.Contains(student.Name, Encoding.UTF8.GetString(body), StringComparison.Ordinal);

        // The phone's stale preview is refused cleanly: the camp is already settled.
        await phone.GetByTestId("settlement-confirmation").FillAsync("SETTLE");
        await phone.GetByTestId("settlement-run").ClickAsync();
        await phone.GetByTestId("confirm-ok").ClickAsync();
        await Expect(phone.GetByTestId("settlement-message")).ToContainTextAsync("market_settled");
        await Expect(phone.GetByTestId("settlement-done")).ToBeVisibleAsync();
    });

    /// <summary>The real app binary's <c>backup &lt;file&gt;</c> command against the app's database.</summary>
    private async Task BackUpFromTheCommandLineAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"camp-e2e-{Guid.NewGuid():N}.dump");
        var start = new ProcessStartInfo(RepoPaths.Executable("CampTrading.Web"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in new[] { "backup", file }) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__CampTrading"] = App.ConnectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"backup exited {process.ExitCode}: {await stdout} {await stderr}");
            Assert.Contains("Backup written", await stdout, StringComparison.Ordinal);
            Assert.Equal("PGDMP"u8.ToArray(), (await File.ReadAllBytesAsync(file))[..5]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
