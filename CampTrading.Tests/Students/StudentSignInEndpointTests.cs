using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CampTrading.Tests.Identity;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Identity.Students;
using CampTrading.Web.Roster;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Students;

/// <summary>The student sign-in endpoints through the app's real pipeline (antiforgery, cookies, redirects).</summary>
public sealed partial class StudentSignInEndpointTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private const string BotToken = "123456:endpoint-test-token";
    private const string AuthCookie = "camp.auth";
    private CampAppFactory _app = null!;
    private Student _student = null!;

    public async Task InitializeAsync()
    {
        _app = await CampAppFactory.StartAsync(postgres, configure: b => b.UseSetting("Telegram:BotToken", BotToken));
        await using var scope = _app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<RosterImporter>();
        var result = await importer.ApplyAsync("id,name,team\nE1,林小華,Red\n"u8.ToArray(), "test-admin");
        Assert.Empty(result.Failed);
        _student = (await scope.ServiceProvider.GetRequiredService<StudentStore>().ListAsync()).Single(s => s.ExternalId == "E1");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Telegram_widget_data_signs_in_only_when_fresh_untampered_and_linked()
    {
        var telegramUserId = 777_000_000L + Random.Shared.Next(1000);
        await using (var scope = _app.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<TelegramLinkService>().LinkAsync(telegramUserId, _student.Secret)).IsLinked);
        using var client = _app.ClientAs();

        using (var fresh = await client.GetAsync(TelegramUrl(Widget(telegramUserId, DateTimeOffset.UtcNow))))
        {
            Assert.Equal("/trade", fresh.Headers.Location?.OriginalString);
            Assert.Contains(AuthCookieOf(fresh), c => c.Length > 0);
        }

        var stale = Widget(telegramUserId, DateTimeOffset.UtcNow.AddDays(-2));
        var tampered = Widget(telegramUserId, DateTimeOffset.UtcNow);
        tampered["first_name"] = "Mallory";
        var unlinked = Widget(telegramUserId + 5000, DateTimeOffset.UtcNow);
        foreach (var (fields, error) in new[] { (stale, "telegram_invalid"), (tampered, "telegram_invalid"), (unlinked, "telegram_unlinked") })
        {
            using var refused = await client.GetAsync(TelegramUrl(fields));
            Assert.Equal("/login?error=" + error, refused.Headers.Location?.OriginalString);
            Assert.Empty(AuthCookieOf(refused));
        }
    }

    [Fact]
    public async Task A_login_link_signs_in_once_after_the_confirm_page_and_needs_the_antiforgery_token()
    {
        LoginLink link;
        await using (var scope = _app.Services.CreateAsyncScope())
            link = await scope.ServiceProvider.GetRequiredService<LoginLinkService>().CreateAsync(_student.AccountId);
        using var client = _app.ClientAs();

        // Opening the link only shows a confirm button (link previewers must not spend it).
        using var page = await client.GetAsync(new Uri(link.Path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var antiforgery = AntiforgeryTokenIn(await page.Content.ReadAsStringAsync());

        using (var forged = await client.PostAsync(new Uri("/login/link", UriKind.Relative), Form(("token", link.Token))))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode); // no antiforgery token: refused, link not spent

        using (var confirmed = await client.PostAsync(new Uri("/login/link", UriKind.Relative), Form(("token", link.Token), ("__RequestVerificationToken", antiforgery))))
        {
            Assert.Equal("/trade", confirmed.Headers.Location?.OriginalString);
            Assert.NotEmpty(AuthCookieOf(confirmed));
        }
        using var again = await client.PostAsync(new Uri("/login/link", UriKind.Relative), Form(("token", link.Token), ("__RequestVerificationToken", antiforgery)));
        Assert.Equal("/login?error=link_invalid", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_student_sets_a_pin_that_follows_the_rules()
    {
        using var student = _app.ClientAs("student");
        student.DefaultRequestHeaders.Add(CampAppFactory.AccountHeader, _student.AccountId.ToString(CultureInfo.InvariantCulture));
        using var page = await student.GetAsync(new Uri("/login/pin?returnUrl=%2Fwallet", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var antiforgery = AntiforgeryTokenIn(await page.Content.ReadAsStringAsync());

        using (var weak = await student.PostAsync(new Uri("/login/pin/set", UriKind.Relative), Form(("pin", "1234"), ("returnUrl", "/wallet"), ("__RequestVerificationToken", antiforgery))))
            Assert.Equal("/login/pin?error=rules&returnUrl=%2Fwallet", weak.Headers.Location?.OriginalString);
        using (var offSite = await student.PostAsync(new Uri("/login/pin/set", UriKind.Relative), Form(("pin", "2580"), ("returnUrl", "https://evil.example/"), ("__RequestVerificationToken", antiforgery))))
            Assert.Equal("/trade", offSite.Headers.Location?.OriginalString);
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<StudentSignInService>().HasPinAsync(_student.AccountId));

        using var anonymous = _app.ClientAs();
        using var refused = await anonymous.PostAsync(new Uri("/login/pin/set", UriKind.Relative), Form(("pin", "2580")));
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.False(refused.IsSuccessStatusCode);
    }

    private static Dictionary<string, string> Widget(long telegramUserId, DateTimeOffset authDate)
    {
        var data = new Dictionary<string, string>
        {
            ["id"] = telegramUserId.ToString(CultureInfo.InvariantCulture),
            ["first_name"] = "小華",
            ["username"] = "hua",
            ["auth_date"] = authDate.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        data["hash"] = TelegramLoginVerifier.Sign(BotToken, data);
        return data;
    }

    private static Uri TelegramUrl(Dictionary<string, string> fields) =>
        new("/login/telegram?" + string.Join('&', fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")), UriKind.Relative);

    private static string[] AuthCookieOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Where(c => c.StartsWith(AuthCookie + "=", StringComparison.Ordinal)).ToArray() : [];

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static string AntiforgeryTokenIn(string html) => AntiforgeryInput().Match(html) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new Xunit.Sdk.XunitException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
