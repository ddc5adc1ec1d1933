using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Tests.Infrastructure;
using CampTrading.Web.Identity.Students;
using CampTrading.Web.Roster;
using Microsoft.Extensions.DependencyInjection;

namespace CampTrading.Tests.Telegram;

/// <summary>
/// Issue 10 §2: <c>/register SECRET</c> linked any student without Telegram, with no attempt limit, and <c>/login</c> then
/// minted a web link. Through the fake Bot API against the real app.
/// </summary>
public sealed class BotRegistrationTests(PostgresFixture postgres) : IAsyncLifetime, IClassFixture<PostgresFixture>
{
    private FakeBotApi _api = null!;
    private BotApp _app = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _app = await BotApp.StartAsync(postgres, _api, ("Students:SourceFailuresPerWindow", "3"), ("Students:PinFailuresPerWindow", "2"));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _api.DisposeAsync();
    }

    private StudentStore Students => _app.Services.GetRequiredService<StudentStore>();

    [Fact]
    public async Task Register_with_a_used_secret_is_refused_and_failures_are_limited_per_telegram_user_and_per_student()
    {
        var students = await _app.ImportAsync(("r1", "Alice", "Red"), ("r2", "Bob", "Blue"), ("r3", "Carol", "Red"), ("r4", "Dan", "Blue"));
        const long mallory = 901, bob = 902, eve = 903;
        // Alice used her secret on the web first: she has a PIN now.
        var signIn = _app.Services.GetRequiredService<StudentSignInService>();
        Assert.Equal(CodeSignInStatus.SignedIn, (await signIn.CheckCodeAsync(students["r1"].Secret, "2580", "ip:192.0.2.7")).Status);
        // Bob linked his own Telegram with his secret (its first use).
        _api.SendText(bob, "/start " + students["r2"].Secret);
        await _api.NextAsync(bob, "已綁定 Bob");

        // Someone holding Alice's secret cannot link it without her PIN, nor take over Bob's account.
        _api.SendText(mallory, "/register " + students["r1"].Secret);
        await _api.NextAsync(mallory, "已設定 PIN");
        _api.SendText(mallory, "/register " + students["r2"].Secret);
        await _api.NextAsync(mallory, "已綁定其他 Telegram");
        _api.SendText(mallory, $"/register {students["r1"].Secret} 1111");
        await _api.NextAsync(mallory, "PIN 錯誤");
        Assert.Null(await Students.FindByTelegramAsync(mallory));
        Assert.Equal(bob, (await Students.FindByAccountAsync(students["r2"].AccountId))!.TelegramUserId);

        // Guessing secrets: after three failures this Telegram user is refused, even with a right, unused secret.
        _api.SendText(mallory, "/register ZZZZ-ZZZZ");
        await _api.NextAsync(mallory, "找不到這個註冊碼");
        _api.SendText(mallory, "/register ZZZZ-ZZZY");
        await _api.NextAsync(mallory, "找不到這個註冊碼");
        _api.SendText(mallory, "/register " + students["r3"].Secret);
        await _api.NextAsync(mallory, "錯誤次數過多");
        Assert.Null((await Students.FindByAccountAsync(students["r3"].AccountId))!.TelegramUserId);

        // Wrong PINs count against the student from any Telegram user: Alice's PIN is locked, not guessed.
        _api.SendText(eve, $"/register {students["r1"].Secret} 3333");
        await _api.NextAsync(eve, "PIN 錯誤");
        _api.SendText(eve, $"/register {students["r1"].Secret} 2580");
        await _api.NextAsync(eve, "錯誤次數過多");
        Assert.Null(await Students.FindByTelegramAsync(eve));

        // Another user with a fresh secret is unaffected.
        _api.SendText(eve, "/register " + RegistrationCodes.Format(students["r4"].Secret).ToLowerInvariant());
        await _api.NextAsync(eve, "已綁定 Dan");
    }

    [Fact]
    public async Task A_disabled_student_gets_no_login_link_and_cannot_link()
    {
        var students = await _app.ImportAsync(("d1", "Frank", "Red"), ("d2", "Grace", "Blue"));
        const long frank = 911, grace = 912;
        _api.SendText(frank, "/start " + students["d1"].Secret);
        await _api.NextAsync(frank, "已綁定 Frank");
        foreach (var student in students.Values)
            Assert.True((await _app.Exchange.SubmitAsync(new SetRestrictions(student.AccountId, AccountRestrictions.Disabled, "test-admin"))).IsOk);
        var sessions = _app.Services.GetRequiredService<StudentSessions>();
        for (var i = 0; i < 100 && students.Values.Any(s => sessions.IsEnabled(s.AccountId)); i++) await Task.Delay(20);

        _api.SendText(frank, "/login");
        var reply = await _api.NextAsync(frank, "已停用");
        Assert.DoesNotContain("/login/link/", reply.Text, StringComparison.Ordinal);
        _api.SendText(grace, "/start " + students["d2"].Secret);
        await _api.NextAsync(grace, "已停用");
        Assert.Null(await Students.FindByTelegramAsync(grace));
    }
}
