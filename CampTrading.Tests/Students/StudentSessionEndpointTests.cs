using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Tests.Identity;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Exchange;
using CampTrading.Web.Identity.Students;
using CampTrading.Web.Roster;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Students;

/// <summary>
/// Student sessions through the app's real pipeline and its own cookie (issue 10 §3): reset login and disable end a
/// signed-in session at its next request, and a disabled student signs in by no path.
/// </summary>
public sealed partial class StudentSessionEndpointTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private const string BotToken = "123456:session-test-token";
    private const string Protected = "/login/pin"; // any page that needs a signed-in student
    private CampAppFactory _app = null!;
    private Dictionary<string, Student> _students = null!;

    public async Task InitializeAsync()
    {
        _app = await CampAppFactory.StartAsync(postgres, configure: b => b.UseSetting("Telegram:BotToken", BotToken), realCookies: true);
        var result = await _app.Services.GetRequiredService<RosterImporter>().ApplyAsync("id,name,team\nE1,林小華,Red\nE2,陳大文,Blue\n"u8.ToArray(), "test-admin");
        Assert.Empty(result.Failed);
        _students = (await _app.Services.GetRequiredService<StudentStore>().ListAsync()).ToDictionary(s => s.ExternalId);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Reset_login_ends_a_signed_in_session_at_its_next_request()
    {
        var student = _students["E1"];
        using var intruder = Client();
        Assert.Equal("/trade", (await SignInWithCodeAsync(intruder, student.Secret, "2580")).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(intruder, Protected)).StatusCode);

        var newSecret = await _app.Services.GetRequiredService<StudentDirectory>().ResetLoginAsync(student.Id);
        Assert.NotNull(newSecret);

        using var after = await GetAsync(intruder, Protected);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/signin?ReturnUrl=", after.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        // The old secret and PIN are gone; the new secret's first use asks for a new PIN.
        Assert.Contains("error=unknown_code", (await SignInWithCodeAsync(intruder, student.Secret, "2580")).Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("pin=new", (await SignInWithCodeAsync(intruder, newSecret!, null)).Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_first_use_the_secret_alone_signs_in_nobody()
    {
        var student = _students["E2"];
        using var client = Client();
        using (var first = await SignInWithCodeAsync(client, student.Secret, null))
        {
            Assert.Contains("pin=new", first.Headers.Location?.OriginalString, StringComparison.Ordinal);
            Assert.Empty(AuthCookieOf(first));
        }
        using (var chosen = await SignInWithCodeAsync(client, student.Secret, "3691"))
            Assert.Equal("/trade", chosen.Headers.Location?.OriginalString);

        using var stranger = Client();
        using var alone = await SignInWithCodeAsync(stranger, student.Secret, null);
        Assert.Contains("pin=required", alone.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Empty(AuthCookieOf(alone));
        Assert.Equal(HttpStatusCode.Redirect, (await GetAsync(stranger, Protected)).StatusCode);
    }

    [Fact]
    public async Task A_disabled_student_is_signed_out_and_refused_on_every_path()
    {
        var student = _students["E1"];
        const long telegramUserId = 880_001;
        using var client = Client();
        Assert.Equal("/trade", (await SignInWithCodeAsync(client, student.Secret, "2580")).Headers.Location?.OriginalString);
        Assert.Equal(TelegramLinkStatus.Linked, (await _app.Services.GetRequiredService<TelegramLinkService>().LinkAsync(telegramUserId, student.Secret, "2580")).Status);
        var link = await _app.Services.GetRequiredService<LoginLinkService>().CreateAsync(student.AccountId);

        var exchange = _app.Services.GetRequiredService<ExchangeService>();
        Assert.True((await exchange.SubmitAsync(new SetRestrictions(student.AccountId, AccountRestrictions.Disabled, "test-admin"))).IsOk);
        var sessions = _app.Services.GetRequiredService<StudentSessions>();
        for (var i = 0; i < 100 && sessions.IsEnabled(student.AccountId); i++) await Task.Delay(20);

        // The open session ends at its next request.
        Assert.Equal(HttpStatusCode.Redirect, (await GetAsync(client, Protected)).StatusCode);

        using var other = Client();
        using (var code = await SignInWithCodeAsync(other, student.Secret, "2580"))
        {
            Assert.Equal("/login?error=disabled", code.Headers.Location?.OriginalString);
            Assert.Empty(AuthCookieOf(code));
        }
        using (var byLink = await PostFormAsync(other, link.Path, "/login/link", ("token", link.Token)))
        {
            Assert.Equal("/login?error=disabled", byLink.Headers.Location?.OriginalString);
            Assert.Empty(AuthCookieOf(byLink));
        }
        using (var widget = await other.GetAsync(TelegramUrl(Widget(telegramUserId, DateTimeOffset.UtcNow))))
        {
            Assert.Equal("/login?error=disabled", widget.Headers.Location?.OriginalString);
            Assert.Empty(AuthCookieOf(widget));
        }
        Assert.Equal(HttpStatusCode.Redirect, (await GetAsync(other, Protected)).StatusCode);
    }

    [Fact]
    public async Task A_telegram_widget_payload_signs_in_once()
    {
        var student = _students["E2"];
        const long telegramUserId = 880_002;
        Assert.Equal(TelegramLinkStatus.Linked, (await _app.Services.GetRequiredService<TelegramLinkService>().LinkAsync(telegramUserId, student.Secret)).Status);
        var payload = TelegramUrl(Widget(telegramUserId, DateTimeOffset.UtcNow));

        using var first = Client();
        using (var signedIn = await first.GetAsync(payload))
        {
            Assert.Equal("/trade", signedIn.Headers.Location?.OriginalString);
            Assert.NotEmpty(AuthCookieOf(signedIn));
        }
        using var replayer = Client();
        using var replayed = await replayer.GetAsync(payload);
        Assert.Equal("/login?error=telegram_invalid", replayed.Headers.Location?.OriginalString);
        Assert.Empty(AuthCookieOf(replayed));
    }

    private HttpClient Client() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path) => client.GetAsync(new Uri(path, UriKind.Relative));

    private static Task<HttpResponseMessage> SignInWithCodeAsync(HttpClient client, string secret, string? pin) =>
        PostFormAsync(client, "/login/" + secret, "/login", pin is null ? [("code", secret)] : [("code", secret), ("pin", pin)]);

    /// <summary>Opens <paramref name="page"/> for its antiforgery token, then posts the form to <paramref name="action"/>.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, params (string Name, string Value)[] fields)
    {
        using var form = await client.GetAsync(new Uri(page, UriKind.Relative));
        var token = AntiforgeryInput().Match(await form.Content.ReadAsStringAsync()) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new Xunit.Sdk.XunitException($"{page} has no antiforgery token.");
        using var content = new FormUrlEncodedContent(fields.Append(("__RequestVerificationToken", token))
            .Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    private static Dictionary<string, string> Widget(long telegramUserId, DateTimeOffset authDate)
    {
        var data = new Dictionary<string, string>
        {
            ["id"] = telegramUserId.ToString(CultureInfo.InvariantCulture),
            ["first_name"] = "小華",
            ["auth_date"] = authDate.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        data["hash"] = TelegramLoginVerifier.Sign(BotToken, data);
        return data;
    }

    private static Uri TelegramUrl(Dictionary<string, string> fields) =>
        new("/login/telegram?" + string.Join('&', fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")), UriKind.Relative);

    private static string[] AuthCookieOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(c => c.StartsWith("camp.auth=", StringComparison.Ordinal) && !c.StartsWith("camp.auth=;", StringComparison.Ordinal)).ToArray()
            : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
