using CampTrading.Web.Booths;
using CampTrading.Web.Roster;

namespace CampTrading.Tests.Booths;

public sealed class BadgeScanTests
{
    [Theory]
    [InlineData("ABCDEFGH")]
    [InlineData("abcd-efgh")]
    [InlineData("  ABCD EFGH ")]
    [InlineData("https://camp.example.org/login/ABCDEFGH")]
    [InlineData("http://127.0.0.1:5000/login/abcdefgh?x=1#top")]
    [InlineData("/login/ABCD-EFGH/")]
    public void The_badge_url_or_the_printed_code_gives_the_registration_code(string scanned) =>
        Assert.Equal("ABCDEFGH", BadgeScan.RegistrationCode(scanned));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCDEFG")]
    [InlineData("ABCDEFGHJ")]
    [InlineData("ABCDEFG0")] // 0 is not in the alphabet
    [InlineData("https://camp.example.org/qr/ABCDEFGH")]
    [InlineData("https://camp.example.org/login/")]
    public void Anything_else_is_not_a_code(string? scanned) => Assert.Null(BadgeScan.RegistrationCode(scanned));

    [Fact]
    public void A_badge_qr_url_round_trips()
    {
        var code = RegistrationCodes.Generate();
        Assert.Equal(code, BadgeScan.RegistrationCode(BadgeQrCodes.LoginUrl("https://camp.example.org", code)));
    }
}
