using CampTrading.Tests.Infrastructure;
using CampTrading.Tests.Roster;
using CampTrading.Web.Identity.Students;

namespace CampTrading.Tests.Students;

/// <summary>Code + PIN sign-in, one-time login links and Telegram linking against real PostgreSQL.</summary>
[Collection(PostgresCollectionDefinition.Name)]
public sealed class StudentSignInTests(PostgresFixture postgres)
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
    public async Task A_code_signs_in_until_a_pin_is_set_then_the_pin_is_required()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "signin_code");
        var ming = (await h.ImportAsync(Roster))["S1"];
        using var signIn = h.SignIn();

        Assert.Equal(CodeSignInStatus.UnknownCode, (await signIn.CheckCodeAsync("ZZZZZZZZ", null)).Status);
        Assert.Equal(CodeSignInStatus.UnknownCode, (await signIn.CheckCodeAsync("", null)).Status);
        var typed = RegistrationCodesFormatted(ming.RegistrationCode).ToLowerInvariant(); // "abcd-efgh" as a student might type it
        var first = await signIn.CheckCodeAsync(typed, null);
        Assert.Equal(CodeSignInStatus.SignedIn, first.Status);
        Assert.Equal(ming.AccountId, first.Student!.AccountId);

        Assert.NotNull(await signIn.SetPinAsync(ming.AccountId, "1234")); // refused by the rules
        Assert.Null(await signIn.SetPinAsync(ming.AccountId, "2580"));
        Assert.True(await signIn.HasPinAsync(ming.AccountId));
        var stored = await h.Students.FindByAccountAsync(ming.AccountId);
        Assert.DoesNotContain("2580", stored!.PinHash!); // hashed, not stored

        Assert.Equal(CodeSignInStatus.PinRequired, (await signIn.CheckCodeAsync(ming.RegistrationCode, null)).Status);
        Assert.Equal(CodeSignInStatus.WrongPin, (await signIn.CheckCodeAsync(ming.RegistrationCode, "2581")).Status);
        Assert.Equal(CodeSignInStatus.SignedIn, (await signIn.CheckCodeAsync(ming.RegistrationCode, "2580")).Status);
    }

    [Fact]
    public async Task Repeated_wrong_pins_lock_the_pin_for_a_while()
    {
        await using var h = await RosterHarness.StartAsync(postgres, "signin_lockout");
        var ann = (await h.ImportAsync(Roster))["S2"];
        using var signIn = h.SignIn(new StudentSignInOptions { PinFailuresPerWindow = 3, PinFailureWindow = TimeSpan.FromMinutes(15) });
        Assert.Null(await signIn.SetPinAsync(ann.AccountId, "4711"));
        for (var i = 0; i < 3; i++)
            Assert.Equal(CodeSignInStatus.WrongPin, (await signIn.CheckCodeAsync(ann.RegistrationCode, "0815")).Status);
        Assert.Equal(CodeSignInStatus.TooManyAttempts, (await signIn.CheckCodeAsync(ann.RegistrationCode, "4711")).Status);
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
        var linked = await telegram.LinkAsync(111, ming.RegistrationCode);
        Assert.Equal(TelegramLinkStatus.Linked, linked.Status);
        Assert.Equal(ming.AccountId, (await h.Students.FindByTelegramAsync(111))!.AccountId);
        Assert.Equal(TelegramLinkStatus.AlreadyLinked, (await telegram.LinkAsync(111, ming.RegistrationCode)).Status);

        // Someone else with Ming's badge cannot take the account over: relinking is for staff.
        var refused = await telegram.LinkAsync(222, ming.RegistrationCode);
        Assert.Equal(TelegramLinkStatus.StudentLinkedElsewhere, refused.Status);
        Assert.Contains("staff", refused.Message);
        Assert.Equal(111, (await h.Students.FindByAccountAsync(ming.AccountId))!.TelegramUserId);

        // One Telegram account, one student.
        Assert.Equal(TelegramLinkStatus.TelegramInUse, (await telegram.LinkAsync(111, ann.RegistrationCode)).Status);

        // Staff relink: Ming lost the phone.
        Assert.Equal(TelegramLinkStatus.Linked, (await telegram.RelinkByStaffAsync(ming.AccountId, 222, "admin")).Status);
        Assert.Null(await h.Students.FindByTelegramAsync(111));
        Assert.Equal(TelegramLinkStatus.Linked, (await telegram.LinkAsync(111, ann.RegistrationCode)).Status);
        Assert.Equal(TelegramLinkStatus.TelegramInUse, (await telegram.RelinkByStaffAsync(ming.AccountId, 111, "admin")).Status);
    }

    private static string RegistrationCodesFormatted(string code) => CampTrading.Web.Roster.RegistrationCodes.Format(code);
}
