using CampTrading.Tests.Infrastructure;
using CampTrading.Tests.Roster;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Web.Identity.Students;

namespace CampTrading.Tests.Students;

/// <summary>Code + PIN sign-in, one-time login links and Telegram linking against real PostgreSQL.</summary>
public sealed class StudentSignInTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Roster = "id,name,team\nS1,王小明,Red\nS2,Ann,Blue\n";

    [Theory]
    [InlineData("2580", true)]
    [InlineData("80412379", true)]
    [InlineData("123", false)]       // too short
    [InlineData("123456789", false)] // too long
    [InlineData("12a4", false)]      // not digits
    [InlineData("１２３５", false)]   // full-width digits are not ASCII digits
    [InlineData("0000", false)]      // one digit repeated
    [InlineData("1234", false)]      // ascending run
    [InlineData("9876", false)]      // descending run
    [InlineData("8901", false)]      // run wrapping around
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Pin_rules(string? pin, bool ok) => Assert.Equal(ok, PinRules.Check(pin) is null);

    [Fact]
    public async Task The_first_use_of_the_secret_sets_a_pin_then_the_secret_alone_signs_in_nobody()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "signin_code");
        var ming = (await h.ImportAsync(Roster))["S1"];
        using var signIn = h.SignIn();

        Assert.Equal(CodeSignInStatus.UnknownCode, (await signIn.CheckCodeAsync("ZZZZZZZZ", null, Source)).Status);
        Assert.Equal(CodeSignInStatus.UnknownCode, (await signIn.CheckCodeAsync("", null, Source)).Status);
        var typed = RegistrationCodesFormatted(ming.Secret).ToLowerInvariant(); // "abcd-efgh" as a student might type it
        // First use: no sign-in until a PIN is chosen, and the PIN must follow the rules.
        Assert.Equal(CodeSignInStatus.ChoosePin, (await signIn.CheckCodeAsync(typed, null, Source)).Status);
        Assert.Equal(CodeSignInStatus.PinRejected, (await signIn.CheckCodeAsync(typed, "1234", Source)).Status);
        Assert.False(await signIn.HasPinAsync(ming.AccountId));
        var first = await signIn.CheckCodeAsync(typed, "2580", Source);
        Assert.Equal(CodeSignInStatus.SignedIn, first.Status);
        Assert.Equal(ming.AccountId, first.Student!.AccountId);
        var stored = await h.Students.FindByAccountAsync(ming.AccountId);
        Assert.DoesNotContain("2580", stored!.PinHash!); // hashed, not stored

        // From now on the secret alone signs in nobody, and a second "first use" cannot replace the PIN.
        Assert.Equal(CodeSignInStatus.PinRequired, (await signIn.CheckCodeAsync(ming.Secret, null, Source)).Status);
        Assert.Equal(CodeSignInStatus.WrongPin, (await signIn.CheckCodeAsync(ming.Secret, "2581", Source)).Status);
        Assert.Equal(CodeSignInStatus.SignedIn, (await signIn.CheckCodeAsync(ming.Secret, "2580", Source)).Status);
    }

    [Fact]
    public async Task A_student_linked_to_telegram_without_a_pin_is_not_signed_in_by_the_secret()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "signin_tg_only");
        var ann = (await h.ImportAsync(Roster))["S2"];
        using var signIn = h.SignIn();
        Assert.Equal(TelegramLinkStatus.Linked, (await h.Telegram(signIn).LinkAsync(4242, ann.Secret)).Status);
        Assert.Equal(CodeSignInStatus.UseTelegram, (await signIn.CheckCodeAsync(ann.Secret, null, Source)).Status);
        Assert.Equal(CodeSignInStatus.UseTelegram, (await signIn.CheckCodeAsync(ann.Secret, "2580", Source)).Status);
        Assert.False(await signIn.HasPinAsync(ann.AccountId));
    }

    [Fact]
    public async Task A_disabled_student_is_refused_by_the_secret_and_by_the_bot_link()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "signin_disabled");
        var students = await h.ImportAsync(Roster);
        using var signIn = h.SignIn();
        Assert.Equal(CodeSignInStatus.SignedIn, (await signIn.CheckCodeAsync(students["S1"].Secret, "2580", Source)).Status);
        await DisableAsync(h, students["S1"].AccountId);
        await DisableAsync(h, students["S2"].AccountId);

        Assert.Equal(CodeSignInStatus.Disabled, (await signIn.CheckCodeAsync(students["S1"].Secret, "2580", Source)).Status);
        Assert.Equal(CodeSignInStatus.Disabled, (await signIn.CheckCodeAsync(students["S2"].Secret, "2580", Source)).Status);
        Assert.False(await signIn.HasPinAsync(students["S2"].AccountId));
        Assert.Equal(TelegramLinkStatus.Disabled, (await h.Telegram(signIn).LinkAsync(777, students["S2"].Secret)).Status);
        Assert.Null(await h.Students.FindByTelegramAsync(777));
    }

    [Fact]
    public async Task Repeated_wrong_pins_lock_the_pin_for_a_while()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "signin_lockout");
        var ann = (await h.ImportAsync(Roster))["S2"];
        using var signIn = h.SignIn(new StudentSignInOptions { PinFailuresPerWindow = 3, PinFailureWindow = TimeSpan.FromMinutes(15) });
        Assert.Equal(CodeSignInStatus.SignedIn, (await signIn.CheckCodeAsync(ann.Secret, "4711", Source)).Status);
        for (var i = 0; i < 3; i++)
            Assert.Equal(CodeSignInStatus.WrongPin, (await signIn.CheckCodeAsync(ann.Secret, "0815", "ip:10.0.0." + i)).Status);
        Assert.Equal(CodeSignInStatus.TooManyAttempts, (await signIn.CheckCodeAsync(ann.Secret, "4711", "ip:10.0.1.1")).Status);
        h.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(CodeSignInStatus.SignedIn, (await signIn.CheckCodeAsync(ann.Secret, "4711", Source)).Status);
    }

    /// <summary>Issue 10 §8: 40 concurrent wrong PINs for one student were all checked against a limit of 5.</summary>
    [Fact]
    public async Task Concurrent_wrong_pins_are_checked_at_most_as_often_as_the_limit_allows()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "signin_concurrent");
        var ann = (await h.ImportAsync(Roster))["S2"];
        using var signIn = h.SignIn(new StudentSignInOptions { PinFailuresPerWindow = 5, SourceFailuresPerWindow = 1000 });
        Assert.Equal(CodeSignInStatus.SignedIn, (await signIn.CheckCodeAsync(ann.Secret, "4711", Source)).Status);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => signIn.CheckCodeAsync(ann.Secret, (1000 + i * 7).ToString(System.Globalization.CultureInfo.InvariantCulture), $"ip:10.1.0.{i}"))));
        Assert.InRange(results.Count(r => r.Status == CodeSignInStatus.WrongPin), 1, 5);
        Assert.All(results, r => Assert.Contains(r.Status, new[] { CodeSignInStatus.WrongPin, CodeSignInStatus.TooManyAttempts }));
    }

    [Fact]
    public async Task Concurrent_wrong_secrets_from_one_source_are_bounded_per_source()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "signin_source");
        var ann = (await h.ImportAsync(Roster))["S2"];
        using var signIn = h.SignIn(new StudentSignInOptions { SourceFailuresPerWindow = 5 });
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            Task.Run(() => signIn.CheckCodeAsync(CampTrading.Web.Roster.RegistrationCodes.Generate(), null, Source))));
        Assert.InRange(results.Count(r => r.Status == CodeSignInStatus.UnknownCode), 1, 5);
        // The source is now refused even with a right secret; another source is not.
        Assert.Equal(CodeSignInStatus.TooManyAttempts, (await signIn.CheckCodeAsync(ann.Secret, null, Source)).Status);
        Assert.Equal(CodeSignInStatus.ChoosePin, (await signIn.CheckCodeAsync(ann.Secret, null, "ip:10.9.9.9")).Status);
    }

    [Fact]
    public async Task Changing_a_pin_needs_the_current_pin_or_a_fresh_sign_in()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "signin_change_pin");
        var ming = (await h.ImportAsync(Roster))["S1"];
        using var signIn = h.SignIn();
        Assert.Equal(CodeSignInStatus.SignedIn, (await signIn.CheckCodeAsync(ming.Secret, "2580", Source)).Status);
        var longAgo = h.Time.GetUtcNow().AddMinutes(-30);

        Assert.NotNull(await signIn.SetPinAsync(ming.AccountId, null, "3691", longAgo));   // an old session alone: refused
        Assert.NotNull(await signIn.SetPinAsync(ming.AccountId, "2581", "3691", longAgo)); // the wrong current PIN: refused
        Assert.NotNull(await signIn.SetPinAsync(ming.AccountId, "2580", "1234", longAgo)); // the rules still apply
        Assert.Equal(CodeSignInStatus.SignedIn, (await signIn.CheckCodeAsync(ming.Secret, "2580", Source)).Status);

        Assert.Null(await signIn.SetPinAsync(ming.AccountId, "2580", "3691", longAgo));
        Assert.Null(await signIn.SetPinAsync(ming.AccountId, null, "4826", h.Time.GetUtcNow().AddMinutes(-1))); // signed in a minute ago
        Assert.Equal(CodeSignInStatus.WrongPin, (await signIn.CheckCodeAsync(ming.Secret, "3691", Source)).Status);
        Assert.Equal(CodeSignInStatus.SignedIn, (await signIn.CheckCodeAsync(ming.Secret, "4826", Source)).Status);
    }

    [Fact]
    public async Task A_login_link_works_once_and_only_for_ten_minutes()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "signin_links");
        var ming = (await h.ImportAsync(Roster))["S1"];
        var links = h.Links();

        var link = await links.CreateAsync(ming.AccountId);
        Assert.Equal(h.Time.GetUtcNow().AddMinutes(10), link.ExpiresAt);
        Assert.StartsWith("/login/link/", link.Path);
        Assert.True(link.Token.Length >= 43);
        Assert.Equal(ming.AccountId, await links.ConsumeAsync(link.Token));
        Assert.Null(await links.ConsumeAsync(link.Token)); // single use

        var late = await links.CreateAsync(ming.AccountId);
        h.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(await links.ConsumeAsync(late.Token)); // expired at exactly ten minutes

        var inTime = await links.CreateAsync(ming.AccountId);
        h.Time.Advance(TimeSpan.FromMinutes(9.9));
        Assert.Equal(ming.AccountId, await links.ConsumeAsync(inTime.Token));

        Assert.Null(await links.ConsumeAsync("not-a-token"));
        Assert.Null(await links.ConsumeAsync(null));
        Assert.NotEqual((await links.CreateAsync(ming.AccountId)).Token, (await links.CreateAsync(ming.AccountId)).Token);
    }

    [Fact]
    public async Task Only_the_token_hash_is_stored()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "signin_link_hash");
        var ming = (await h.ImportAsync(Roster))["S1"];
        var link = await h.Links().CreateAsync(ming.AccountId);
        await using var cmd = h.Durable.DataSource.CreateCommand("select token_hash from login_links");
        var stored = (byte[])(await cmd.ExecuteScalarAsync())!;
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(link.Token)), stored);
    }

    [Fact]
    public async Task Telegram_linking_rules()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "telegram_link");
        var students = await h.ImportAsync(Roster);
        var (ming, ann) = (students["S1"], students["S2"]);
        var telegram = h.Telegram();

        Assert.Equal(TelegramLinkStatus.UnknownCode, (await telegram.LinkAsync(111, "NOPE2345")).Status);
        var linked = await telegram.LinkAsync(111, ming.Secret);
        Assert.Equal(TelegramLinkStatus.Linked, linked.Status);
        Assert.Equal(ming.AccountId, (await h.Students.FindByTelegramAsync(111))!.AccountId);
        Assert.Equal(TelegramLinkStatus.AlreadyLinked, (await telegram.LinkAsync(111, ming.Secret)).Status);

        // Someone else with Ming's badge cannot take the account over: relinking is for staff.
        var refused = await telegram.LinkAsync(222, ming.Secret);
        Assert.Equal(TelegramLinkStatus.StudentLinkedElsewhere, refused.Status);
        Assert.Contains("staff", refused.Message);
        Assert.Equal(111, (await h.Students.FindByAccountAsync(ming.AccountId))!.TelegramUserId);

        // One Telegram account, one student.
        Assert.Equal(TelegramLinkStatus.TelegramInUse, (await telegram.LinkAsync(111, ann.Secret)).Status);

        // Staff relink: Ming lost the phone.
        Assert.Equal(TelegramLinkStatus.Linked, (await telegram.RelinkByStaffAsync(ming.AccountId, 222, "admin")).Status);
        Assert.Null(await h.Students.FindByTelegramAsync(111));
        Assert.Equal(TelegramLinkStatus.Linked, (await telegram.LinkAsync(111, ann.Secret)).Status);
        Assert.Equal(TelegramLinkStatus.TelegramInUse, (await telegram.RelinkByStaffAsync(ming.AccountId, 111, "admin")).Status);
    }

    [Fact]
    public async Task A_student_with_a_pin_is_linked_by_the_bot_only_with_the_pin_and_wrong_pins_are_limited()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "telegram_link_pin");
        var ming = (await h.ImportAsync(Roster))["S1"];
        using var signIn = h.SignIn(new StudentSignInOptions { PinFailuresPerWindow = 3 });
        var telegram = h.Telegram(signIn);
        Assert.Equal(CodeSignInStatus.SignedIn, (await signIn.CheckCodeAsync(ming.Secret, "2580", Source)).Status);

        Assert.Equal(TelegramLinkStatus.PinRequired, (await telegram.LinkAsync(501, ming.Secret)).Status);
        Assert.Equal(TelegramLinkStatus.WrongPin, (await telegram.LinkAsync(501, ming.Secret, "1111")).Status);
        Assert.Null(await h.Students.FindByTelegramAsync(501));
        Assert.Equal(TelegramLinkStatus.Linked, (await telegram.LinkAsync(501, ming.Secret, "2580")).Status);
        Assert.Equal(ming.AccountId, (await h.Students.FindByTelegramAsync(501))!.AccountId);

        // Wrong PINs from the bot count against the student like those from the web.
        var ann = (await h.ImportAsync(Roster))["S2"];
        Assert.Equal(CodeSignInStatus.SignedIn, (await signIn.CheckCodeAsync(ann.Secret, "4711", Source)).Status);
        for (var i = 0; i < 3; i++)
            Assert.Equal(TelegramLinkStatus.WrongPin, (await telegram.LinkAsync(600 + i, ann.Secret, "0815")).Status);
        Assert.Equal(TelegramLinkStatus.TooManyAttempts, (await telegram.LinkAsync(700, ann.Secret, "4711")).Status);
        Assert.Equal(CodeSignInStatus.TooManyAttempts, (await signIn.CheckCodeAsync(ann.Secret, "4711", Source)).Status);
    }

    private const string Source = "ip:192.0.2.1";

    private static string RegistrationCodesFormatted(string code) => CampTrading.Web.Roster.RegistrationCodes.Format(code);

    internal static async Task DisableAsync(RosterHarness h, int accountId)
    {
        Assert.True((await h.Exchange.SubmitAsync(new SetRestrictions(accountId, AccountRestrictions.Disabled, "test-admin"))).IsOk);
        // The read model follows the engine right after the acknowledgement.
        for (var i = 0; i < 100 && h.Sessions.IsEnabled(accountId); i++) await Task.Delay(20);
        Assert.False(h.Sessions.IsEnabled(accountId));
    }
}
