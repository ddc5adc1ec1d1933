using System.Globalization;
using CampTrading.Tests.Roster;
using CampTrading.Web.Identity.Students;
using Microsoft.Extensions.Options;

namespace CampTrading.Tests.Students;

/// <summary>Telegram Login Widget data, signed here with a test bot token exactly as Telegram signs it.</summary>
public sealed class TelegramLoginVerifierTests
{
    private const string BotToken = "123456:TEST-bot-token-for-unit-tests";
    private static readonly DateTimeOffset Now = new(2026, 7, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualTime _time = new(Now);

    private TelegramLoginVerifier Verifier(TimeSpan? maxAge = null, string token = BotToken) =>
        new(Options.Create(new TelegramLoginOptions { BotToken = token, LoginMaxAge = maxAge ?? TimeSpan.FromDays(1) }), _time);

    private static Dictionary<string, string> Widget(DateTimeOffset authDate, string token = BotToken)
    {
        var data = new Dictionary<string, string>
        {
            ["id"] = "987654321",
            ["first_name"] = "小明",
            ["username"] = "ming",
            ["photo_url"] = "https://t.me/i/userpic/320/ming.jpg",
            ["auth_date"] = authDate.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        data["hash"] = TelegramLoginVerifier.Sign(token, data);
        return data;
    }

    [Fact]
    public void Fresh_correctly_signed_data_is_accepted()
    {
        var result = Verifier().Verify(Widget(Now.AddMinutes(-5)));
        Assert.Equal(TelegramLoginStatus.Valid, result.Status);
        Assert.Equal(987654321, result.TelegramUserId);
        Assert.Equal("小明", result.FirstName);
    }

    [Fact]
    public void The_signature_matches_an_independent_computation_of_the_documented_algorithm()
    {
        // data_check_string: sorted key=value lines; secret_key = SHA256(bot_token); hash = hex(HMAC_SHA256(secret_key, data_check_string)).
        var checkString = "auth_date=1700000000\nfirst_name=A\nid=1";
        var key = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(BotToken));
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(checkString)));
        Assert.Equal(expected, TelegramLoginVerifier.Sign(BotToken, new Dictionary<string, string> { ["id"] = "1", ["first_name"] = "A", ["auth_date"] = "1700000000" }));
    }

    [Fact]
    public void Stale_data_is_refused_and_the_window_is_configurable()
    {
        var data = Widget(Now.AddDays(-1).AddSeconds(-1));
        Assert.Equal(TelegramLoginStatus.Stale, Verifier().Verify(data).Status);
        Assert.Equal(TelegramLoginStatus.Valid, Verifier(maxAge: TimeSpan.FromDays(2)).Verify(data).Status);
        Assert.Equal(TelegramLoginStatus.Stale, Verifier(maxAge: TimeSpan.FromMinutes(10)).Verify(Widget(Now.AddMinutes(-11))).Status);
    }

    [Fact]
    public void Data_from_the_future_is_refused()
    {
        Assert.Equal(TelegramLoginStatus.FromTheFuture, Verifier().Verify(Widget(Now.AddHours(1))).Status);
        Assert.Equal(TelegramLoginStatus.Valid, Verifier().Verify(Widget(Now.AddSeconds(10))).Status); // small clock skew
    }

    [Theory]
    [InlineData("id", "111")]
    [InlineData("first_name", "Mallory")]
    [InlineData("auth_date", null)]
    [InlineData("extra", "1")]
    public void Tampered_data_is_refused(string field, string? value)
    {
        var data = Widget(Now.AddMinutes(-1));
        data[field] = value ?? (long.Parse(data[field], CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(TelegramLoginStatus.BadSignature, Verifier().Verify(data).Status);
    }

    [Fact]
    public void Data_signed_with_another_bot_token_is_refused() =>
        Assert.Equal(TelegramLoginStatus.BadSignature, Verifier().Verify(Widget(Now, token: "999:another-bot")).Status);

    [Fact]
    public void Missing_or_malformed_fields_and_no_configured_token_are_refused()
    {
        var data = Widget(Now);
        Assert.Equal(TelegramLoginStatus.Malformed, Verifier().Verify(data.Where(kv => kv.Key != "hash")).Status);
        Assert.Equal(TelegramLoginStatus.Malformed, Verifier().Verify(data.Where(kv => kv.Key != "id")).Status);
        Assert.Equal(TelegramLoginStatus.Malformed, Verifier().Verify(data.Select(kv => kv.Key == "hash" ? new(kv.Key, new string('z', 64)) : kv)).Status);
        Assert.Equal(TelegramLoginStatus.NotConfigured, Verifier(token: "").Verify(data).Status);
    }
}
