using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CampTrading.Tests.EndToEnd;

/// <summary>
/// Every page of the app, opened the way its users open it, on a camp with a little life in it (three students who
/// traded, two of them bots on the trading API; five imported in three teams). Each page must answer, render without the error bar and be no wider than a
/// 390-pixel phone, in English on the light theme (the look no other end-to-end test takes).
/// With CAMP_DOCS_SCREENSHOTS=1 it photographs every page at phone and desktop width in both languages and both themes
/// into docs/screenshots/gallery/ (JPEG, to keep the repository small) and writes the gallery's index.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class GalleryTests(CampAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : EndToEndTest(app, chromium, output), IClassFixture<CampAppFixture>, IClassFixture<ChromiumFixture>
{
    private enum Who { Anonymous, Student, Staff }

    private sealed record Shot(string Name, string Path, Who Who, string Title);

    private static readonly Shot[] Pages =
    [
        new("signin", "/signin", Who.Anonymous, "Sign-in"),
        new("login", "/login", Who.Anonymous, "Badge code sign-in"),
        new("board", "/board", Who.Anonymous, "Projector board"),
        new("home", "/", Who.Student, "Student home"),
        new("trade", "/trade", Who.Student, "Trading"),
        new("wallet", "/wallet", Who.Student, "Wallet and transfers"),
        new("qr", "/qr", Who.Student, "QR redeem"),
        new("leaderboard", "/leaderboard", Who.Student, "Leaderboard"),
        new("duels", "/duels", Who.Student, "Duels"),
        new("announcements", "/announcements", Who.Student, "Announcements"),
        new("api-tokens", "/api-tokens", Who.Student, "API tokens"),
        new("staff-dashboard", "/staff", Who.Staff, "Staff dashboard"),
        new("staff-market", "/staff/market", Who.Staff, "Market control"),
        new("staff-points", "/staff/points", Who.Staff, "Points"),
        new("staff-teams", "/staff/teams", Who.Staff, "Teams"),
        new("staff-students", "/staff/students", Who.Staff, "Students"),
        new("staff-student", "", Who.Staff, "One student"),
        new("staff-announcements", "/staff/announcements", Who.Staff, "Announcements (staff)"),
        new("staff-qr", "/staff/qr", Who.Staff, "QR batches"),
        new("staff-booths", "/staff/booths", Who.Staff, "Booths"),
        new("staff-arcade", "/staff/arcade", Who.Staff, "Arcade machines"),
        new("staff-api", "/staff/api", Who.Staff, "Trading API (staff)"),
        new("staff-duels", "/staff/duels", Who.Staff, "Duels (staff)"),
        new("staff-users", "/staff/users", Who.Staff, "Staff users"),
        new("staff-roster", "/staff/roster", Who.Staff, "Roster import"),
        new("staff-badges", "/staff/badges", Who.Staff, "Badges"),
        new("staff-audit", "/staff/audit", Who.Staff, "Audit log"),
        new("staff-settlement", "/staff/settlement", Who.Staff, "Settlement"),
        new("staff-backup", "/staff/backup", Who.Staff, "Backup"),
    ];

    private sealed record Look(string Language, bool Dark, bool Phone)
    {
        public string Suffix => $"{(Phone ? "phone" : "desktop")}-{Language}-{(Dark ? "dark" : "light")}";
    }

    // Every other end-to-end test runs in zh-TW on the dark theme; English strings are the longer ones and the light
    // theme the less travelled, so the everyday check takes that look, on the phone where overflow hurts.
    private static readonly Look[] Checked = [new("en", Dark: false, Phone: true)];

    private static readonly string[] Languages = ["zh", "en"];
    private static readonly bool[] Both = [true, false];

    private static IEnumerable<Look> Photographed() =>
        from language in Languages
        from dark in Both
        from phone in Both
        select new Look(language, dark, phone);

    [Fact]
    public Task Every_page_answers_and_fits_a_phone_in_both_languages_and_themes() => RunAsync(async () =>
    {
        var studentId = await SeedAsync();
        var looks = ForDocs ? Photographed().ToArray() : Checked;
        var folder = Path.Combine(ScreenshotFolder(), "gallery");
        if (ForDocs) Directory.CreateDirectory(folder);

        foreach (var look in looks)
        {
            // The pages are visited by a few browser tabs at once: most of a visit is waiting for the page to settle.
            var (width, height) = look.Phone ? (390, 844) : (1280, 800);
            var workers = new List<(IReadOnlyDictionary<Who, IPage> Pages, Shot[] Shots)>();
            for (var worker = 0; worker < Workers; worker++)
            {
                var pages = new Dictionary<Who, IPage>
                {
                    [Who.Anonymous] = await NewPageAsync(width, height),
                    [Who.Student] = (await SignInAsync("gallery-mei", width, height)).Page,
                    [Who.Staff] = await NewStaffPageAsync("gallery-admin", "admin", width, height),
                };
                foreach (var page in pages.Values) await SetLookAsync(page, look);
                workers.Add((pages, Pages.Where((_, i) => i % Workers == worker).ToArray()));
            }
            await Task.WhenAll(workers.Select(w => VisitAsync(w.Pages, w.Shots, look, studentId, folder)));
            foreach (var page in workers.SelectMany(w => w.Pages.Values)) await page.Context.CloseAsync();
        }

        if (ForDocs) await File.WriteAllTextAsync(Path.Combine(folder, "README.md"), Index());
    });

    private const int Workers = 3;

    private static async Task VisitAsync(IReadOnlyDictionary<Who, IPage> pages, Shot[] shots, Look look, int studentId, string folder)
    {
        foreach (var shot in shots)
        {
            var page = pages[shot.Who];
            var path = shot.Name == "staff-student" ? $"/staff/students/{studentId}" : shot.Path;
            var response = await page.GotoAsync(path);
            Assert.True(response is { Ok: true }, $"{path} ({look.Suffix}) answered {response?.Status}");
            await SettleAsync(page);
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            if (look.Phone)
            {
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                Assert.True(overflow <= 0, $"{path} ({look.Suffix}) is {overflow}px wider than the phone.");
            }
            if (ForDocs)
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{shot.Name}-{look.Suffix}.jpg"), Type = ScreenshotType.Jpeg, Quality = 70 });
        }
    }

    /// <summary>Three students who traded and a roster of five in three teams (so charts, books, rankings and records have rows); returns one imported student's account id.</summary>
    private async Task<int> SeedAsync()
    {
        // Mei trades on her phone; Jun and Ray are bots on the trading API (quicker, and the leaderboard shows both kinds).
        var mei = await SignInAsync("gallery-mei");
        using var jun = await ApiTrader.CreateAsync((await SignInAsync("gallery-jun")).Page, App.BaseUrl);
        using var ray = await ApiTrader.CreateAsync((await SignInAsync("gallery-ray")).Page, App.BaseUrl);
        await mei.PlaceAsync("buy", 120);
        Assert.Equal("filled", await jun.PlaceAsync("buy", 40));
        foreach (var (price, quantity) in new[] { (19L, 10L), (18L, 6L), (19L, 8L), (17L, 5L), (18L, 12L) })
        {
            await mei.PlaceAsync("sell", quantity, price);
            Assert.Equal("filled", await ray.PlaceAsync("buy", quantity, price));
        }
        Assert.Equal("open", await jun.PlaceAsync("sell", 20, 21));
        Assert.Equal("open", await ray.PlaceAsync("buy", 15, 16));

        var staff = await NewStaffPageAsync("gallery-admin", "admin", 1280, 800);
        await staff.GotoAsync("/staff/roster");
        await Expect(staff.GetByTestId("roster-page")).ToHaveAttributeAsync("data-interactive", "true");
        const string roster = "id,name,team\nG01,王小明,紅隊 Red\nG02,李小華,紅隊 Red\nG03,陳大文,藍隊 Blue\nG04,林美玲,藍隊 Blue\nG05,張志豪,綠隊 Green\n";
        await staff.UploadRosterAsync(roster);
        await staff.GetByTestId("roster-apply").ClickAsync();
        await Expect(staff.GetByTestId("roster-applied")).ToContainTextAsync("5 new");
        await staff.GotoAsync("/staff/students");
        var link = staff.Locator("a[href^='/staff/students/']").Filter(new() { HasText = "王小明" }).First;
        await Expect(link).ToBeVisibleAsync();
        var href = await link.GetAttributeAsync("href");
        return int.Parse(Regex.Match(href!, @"\d+$").Value, CultureInfo.InvariantCulture);
    }

    private async Task SetLookAsync(IPage page, Look look)
    {
        var url = App.BaseUrl.ToString();
        await page.Context.AddCookiesAsync(
        [
            new Cookie { Name = "camp-theme", Value = look.Dark ? "dark" : "light", Url = url },
            new Cookie { Name = ".AspNetCore.Culture", Value = look.Language == "en" ? "c=en|uic=en" : "c=zh-TW|uic=zh-TW", Url = url },
        ]);
    }

    /// <summary>The page has loaded, its circuit has rendered once more, and fonts and animations are done.</summary>
    private static async Task SettleAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.EvaluateAsync("() => document.fonts.ready");
        await page.WaitForTimeoutAsync(400);
        await page.EvaluateAsync("() => Promise.allSettled(document.getAnimations().map(a => a.finished))");
    }

    private static string Index()
    {
        var index = new StringBuilder();
        index.AppendLine("# Every page, in both languages and both themes");
        index.AppendLine();
        index.AppendLine("Written by `GalleryTests` with `CAMP_DOCS_SCREENSHOTS=1` (a camp with three students who traded, two of them bots on the trading API, and five imported; Development, so the");
        index.AppendLine("orange banner shows). Phone 390×844, desktop 1280×800.");
        index.AppendLine();
        index.AppendLine("| page | phone zh-TW dark | phone English light | desktop zh-TW dark | desktop English light | also |");
        index.AppendLine("|---|---|---|---|---|---|");
        foreach (var shot in Pages)
        {
            string Image(string suffix) => $"[![{shot.Title} {suffix}]({shot.Name}-{suffix}.jpg)]({shot.Name}-{suffix}.jpg)";
            index.AppendLine(CultureInfo.InvariantCulture, $"| {shot.Title} | {Image("phone-zh-dark")} | {Image("phone-en-light")} | {Image("desktop-zh-dark")} | {Image("desktop-en-light")} " +
                $"| [phone zh light]({shot.Name}-phone-zh-light.jpg) · [phone en dark]({shot.Name}-phone-en-dark.jpg) · " +
                $"[desktop zh light]({shot.Name}-desktop-zh-light.jpg) · [desktop en dark]({shot.Name}-desktop-en-dark.jpg) |");
        }
        return index.ToString();
    }
}
