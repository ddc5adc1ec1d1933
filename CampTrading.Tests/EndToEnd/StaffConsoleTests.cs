using System.Diagnostics;
using System.Text.RegularExpressions;
using CampTrading.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>Staff sign-in with a password from the admin CLI, the staff console, and students kept out of it.</summary>
[Trait("Category", "EndToEnd")]
public sealed partial class StaffConsoleTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public Task An_admin_created_by_the_CLI_signs_in_and_manages_staff() => RunAsync(async () =>
    {
        var (exitCode, printed) = await RunAppCommandAsync("admin", "create", "chief");
        Assert.True(exitCode == 0, printed);
        var lines = printed.Split('\n', StringSplitOptions.TrimEntries);
        var password = lines[Array.FindIndex(lines, l => l.StartsWith("Password (shown only now", StringComparison.Ordinal)) + 1];
        Assert.True(password.Length >= 20, printed);

        var page = await NewPageAsync(1280, 800);
        await page.GotoAsync("/staff/signin");
        await page.Locator("#userName").FillAsync("chief");
        await page.Locator("#password").FillAsync("not the password");
        await page.Locator("[data-testid=staff-signin-form] button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("staff-signin-error")).ToContainTextAsync("Wrong username or password");

        await page.Locator("#userName").FillAsync("chief");
        await page.Locator("#password").FillAsync(password);
        await page.Locator("[data-testid=staff-signin-form] button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff$"));
        await Expect(page.GetByTestId("staff-name")).ToHaveTextAsync("chief");
        await Expect(page.GetByTestId("staff-role")).ToHaveTextAsync("admin");
        await Expect(page.GetByTestId("market-session")).ToContainTextAsync("Open"); // Development opens the market at first start
        await Expect(page.GetByTestId("staff-nav-users")).ToBeVisibleAsync();

        await StaffNavAsync(page, "users");
        await Expect(page).ToHaveURLAsync(new Regex("/staff/users$"));
        await Expect(page.Locator("[data-testid=staff-user-row][data-username=chief]")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("staff-users-page")).ToHaveAttributeAsync("data-interactive", "true");
        await page.GetByTestId("new-username").FillAsync("qr.helper");
        await page.GetByTestId("new-displayname").FillAsync("QR 小幫手");
        await page.GetByTestId("new-role-qrcode_manager").ClickAsync();
        await page.GetByTestId("create-staff-button").ClickAsync();
        await Expect(page.GetByTestId("generated-password")).ToHaveTextAsync(new Regex("^.{24}$"));
        var helperPassword = await page.GetByTestId("generated-password").InnerTextAsync();
        await Expect(page.Locator("[data-testid=staff-user-row][data-username='qr.helper']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("audit-row").First).ToContainTextAsync("staff.create");

        // The new QR manager sees the console but not the users page.
        var helper = await NewPageAsync(1280, 800);
        await helper.GotoAsync("/staff/signin");
        await helper.Locator("#userName").FillAsync("qr.helper");
        await helper.Locator("#password").FillAsync(helperPassword);
        await helper.Locator("[data-testid=staff-signin-form] button[type=submit]").ClickAsync();
        await Expect(helper).ToHaveURLAsync(new Regex("/staff$"));
        await Expect(helper.GetByTestId("staff-role")).ToHaveTextAsync("qrcode_manager");
        await Expect(helper.GetByTestId("staff-nav-users")).ToHaveCountAsync(0);
        var denied = await helper.GotoAsync("/staff/users");
        Assert.Equal(403, denied!.Status);
        await Expect(helper.GetByTestId("forbidden")).ToBeVisibleAsync();
    });

    private static readonly string[] StaffPages = ["/staff", "/staff/users", "/staff/roster", "/staff/badges", "/staff/students", "/staff/students/1"];

    [Fact]
    public Task A_student_cannot_open_any_staff_page() => RunAsync(async () =>
    {
        var student = await SignInAsync("pupil");
        foreach (var path in StaffPages)
        {
            var response = await student.Page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Expect(student.Page.GetByTestId("forbidden")).ToBeVisibleAsync();
            await Expect(student.Page.GetByTestId("staff-nav")).ToHaveCountAsync(0);
        }
    });

    /// <summary>Runs the app's own build output with CLI arguments against this fixture's database.</summary>
    private async Task<(int ExitCode, string Output)> RunAppCommandAsync(params string[] args)
    {
        var tests = Path.GetFullPath(AppContext.BaseDirectory);
        var marker = $"{Path.DirectorySeparatorChar}CampTrading.Tests{Path.DirectorySeparatorChar}";
        var index = tests.LastIndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"unexpected test output folder {tests}");
        var webOutput = tests[..index] + $"{Path.DirectorySeparatorChar}CampTrading.Web{Path.DirectorySeparatorChar}" + tests[(index + marker.Length)..];
        var apphost = Path.Combine(webOutput, "CampTrading.Web");
        var start = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(webOutput, "CampTrading.Web.dll") } };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = tests[..index] + $"{Path.DirectorySeparatorChar}CampTrading.Web";
        start.Environment["ConnectionStrings__CampTrading"] = App.ConnectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout).TrimEnd() + (await stderr is { Length: > 0 } err ? "\n[stderr] " + err : ""));
    }
}
